import { describe, expect, it } from '@jest/globals'
import { parseExpiry } from '../../src/settings/expiry.js'

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
