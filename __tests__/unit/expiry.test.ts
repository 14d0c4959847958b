import { describe, expect, it } from '@jest/globals'
import {
  chooseExpiry,
  parseExpiry,
  type CreatorLife,
  type ExpiryInput
} from '../../src/settings/expiry.js'

const NOW = new Date('2026-03-01T12:34:56.789Z')
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const after = (ms: number): string => new Date(NOW.getTime() + ms).toISOString()

/** The date accepted, or the reason given. */
function parsed(text: string): string {
  const result = parseExpiry(text, NOW)
  return result.ok ? result.date.toISOString() : result.reason
}

describe('accepted', () => {
  it.each([
    ['90m', after(90 * MINUTE)],
    ['12h', after(12 * HOUR)],
    ['180d', after(180 * DAY)],
    ['2w', after(14 * DAY)],
    ['30D', after(30 * DAY)],
    [' 30 d ', after(30 * DAY)],
    ['007d', after(7 * DAY)],
    ['999999m', after(999_999 * MINUTE)],
    // A bare date is the end of that day in UTC, as the Octopus portal has it.
    ['2026-03-01', '2026-03-01T23:59:59.000Z'],
    ['2028-02-29', '2028-02-29T23:59:59.000Z'],
    ['2027-01-31T12:00Z', '2027-01-31T12:00:00.000Z'],
    ['2027-01-31T12:00:00.250Z', '2027-01-31T12:00:00.250Z'],
    ['2027-01-31T12:00:00-05:30', '2027-01-31T17:30:00.000Z'],
    ['2027-01-31T12:00:00+0200', '2027-01-31T10:00:00.000Z'],
    ['2027-01-31T23:30:00-02:00', '2027-02-01T01:30:00.000Z'],
    ['2026-03-01T12:34:56.790Z', '2026-03-01T12:34:56.790Z']
  ])('%j is %s', (text, iso) => {
    expect(parsed(text)).toBe(iso)
  })
})

describe('refused', () => {
  it.each([
    ...['0d', '000h'].map((t) => [t, 'a duration must be more than zero']),
    ...[
      '30',
      '-5d',
      '1.5d',
      '30s',
      '30 days',
      '1234567d',
      'P30D',
      '',
      '2027-1-31',
      '2027/01/31',
      '20270131',
      '2027-01-31T12:00:00',
      '2027-01-31 12:00:00',
      '2027-01-31T12:00:00 UTC'
    ].map((t) => [t, 'not a duration, date or date-time']),
    ...['2027-02-29', '2027-04-31', '2027-13-01', '2027-01-00'].map((t) => [
      t,
      'no such date'
    ]),
    ...[
      '2027-02-30T12:00:00Z',
      '2027-02-29T12:00:00+01:00',
      '2027-00-10T12:00:00Z',
      '2027-01-31T25:00:00Z',
      '2027-01-31T12:60:00Z'
    ].map((t) => [t, 'no such date or time']),
    ...[
      '2026-02-28',
      '2026-03-01T12:33:56Z',
      '2026-03-01T12:34:56.789Z',
      '2026-03-01T13:00:00+01:00'
    ].map((t) => [t, 'it is in the past'])
  ])('%j: %s', (text, reason) => {
    expect(parsed(text)).toBe(reason)
  })
})

describe('the expiry asked for', () => {
  const key = (expires: string): CreatorLife => ({
    kind: 'apikey',
    expires: new Date(expires),
    from: "input 'api_key'"
  })
  const token = (expires: string): CreatorLife => ({
    kind: 'token',
    expires: new Date(expires),
    from: 'the OCTOPUS_ACCESS_TOKEN variable'
  })
  const input = (text: string): ExpiryInput => {
    const parsed = parseExpiry(text, NOW)
    if (!parsed.ok) throw new Error(parsed.reason)
    return { text, date: parsed.date }
  }
  /** The date, and what the log says after "Creating an API key for <account>". */
  const chosen = (
    asked: ExpiryInput | undefined,
    creator?: CreatorLife,
    revokeAfterJob = false
  ): string[] => {
    const choice = chooseExpiry(asked, { now: NOW, revokeAfterJob, creator })
    if ('problem' in choice) return [choice.problem]
    const said = [choice.date.toISOString(), choice.why]
    return choice.warning === undefined ? said : [...said, choice.warning]
  }

  it.each<
    [
      string,
      ExpiryInput | undefined,
      CreatorLife | undefined,
      boolean,
      string[]
    ]
  >([
    [
      '180 days by default',
      undefined,
      undefined,
      false,
      [
        after(180 * DAY),
        " for 180 days, the default, as input 'expires' is empty"
      ]
    ],
    [
      'the default when the creating key lives longer',
      undefined,
      key('2027-03-01T00:00:00Z'),
      false,
      [
        after(180 * DAY),
        " for 180 days, the default, as input 'expires' is empty (the API key in input 'api_key' that creates it expires later, at 2027-03-01T00:00:00.000Z)"
      ]
    ],
    [
      '5 minutes before a creating key that expires sooner',
      undefined,
      key('2026-04-30T12:00:00Z'),
      false,
      [
        '2026-04-30T11:55:00.000Z',
        " that expires 5 minutes before the API key in input 'api_key' that creates it (at 2026-04-30T12:00:00.000Z): input 'expires' is empty, and Octopus refuses a key that outlives the API key creating it, as the default of 180 days would"
      ]
    ],
    [
      'a day with revoke_after_job',
      undefined,
      undefined,
      true,
      [
        after(DAY),
        " for 1 day: input 'expires' is empty and revoke_after_job is on, so a key the post step cannot revoke does not live long"
      ]
    ],
    [
      '5 minutes before an access token',
      undefined,
      token('2026-03-01T13:00:00Z'),
      true,
      [
        '2026-03-01T12:55:00.000Z',
        " that expires 5 minutes before the access token in the OCTOPUS_ACCESS_TOKEN variable that creates it (at 2026-03-01T13:00:00.000Z): input 'expires' is empty, and Octopus may refuse a key that outlives the credential creating it, as the default of 1 day would"
      ]
    ],
    [
      'the input, within the creating key',
      input('30d'),
      key('2027-03-01T00:00:00Z'),
      false,
      [after(30 * DAY), ", expiring as input 'expires' (30d) asks"]
    ],
    [
      'the input past the creating key',
      input('400d'),
      key('2026-04-30T12:00:00Z'),
      false,
      [
        "Input 'expires' (400d) ends after the API key in input 'api_key' that creates the key, which expires at 2026-04-30T12:00:00.000Z, and Octopus refuses a key that outlives the API key creating it. Set a shorter 'expires' (the longest 'expires' that fits is 59d; or leave 'expires' empty to follow the API key in input 'api_key'), or create the key with an API key that lives longer."
      ]
    ],
    [
      'the input past an access token: a warning',
      input('2h'),
      token('2026-03-01T13:00:00Z'),
      false,
      [
        after(2 * HOUR),
        ", expiring as input 'expires' (2h) asks",
        "Input 'expires' (2h) ends after the access token in the OCTOPUS_ACCESS_TOKEN variable that creates the key, which expires at 2026-03-01T13:00:00.000Z, and Octopus may refuse a key that outlives the credential creating it: the longest 'expires' that fits is 25m; or leave 'expires' empty to follow the access token in the OCTOPUS_ACCESS_TOKEN variable."
      ]
    ],
    [
      'a creating key too close to its end',
      undefined,
      key('2026-03-01T12:44:00Z'),
      false,
      [
        "The API key in input 'api_key' expires at 2026-03-01T12:44:00.000Z, too soon for a key that must expire 5 minutes before it and live at least 5. Create the key with an API key that lives longer."
      ]
    ],
    [
      'an access token too close to its end',
      undefined,
      token('2026-03-01T12:44:00Z'),
      false,
      [
        "The access token in the OCTOPUS_ACCESS_TOKEN variable expires at 2026-03-01T12:44:00.000Z, too soon for a key that must expire 5 minutes before it and live at least 5. Sign in again (OctopusDeploy/login) right before this step, or set 'expires' if your server lets keys outlive the token that creates them."
      ]
    ]
  ])('%s', (_, asked, creator, revokeAfterJob, said) => {
    expect(chosen(asked, creator, revokeAfterJob)).toEqual(said)
  })
})
