import { describe, it, expect } from '@jest/globals'
import { parseExpiry } from '../../src/expiry.js'

const NOW = new Date('2026-03-01T12:34:56.789Z')
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

function accepted(text: string, now = NOW): string {
  const result = parseExpiry(text, now)
  if (!result.ok) throw new Error(`'${text}' was refused: ${result.reason}`)
  return result.date.toISOString()
}

function refusal(text: string, now = NOW): string {
  const result = parseExpiry(text, now)
  if (result.ok)
    throw new Error(`'${text}' was accepted as ${result.date.toISOString()}`)
  return result.reason
}

const after = (ms: number): string => new Date(NOW.getTime() + ms).toISOString()

describe('durations', () => {
  it.each([
    ['90m', 90 * MINUTE],
    ['1m', MINUTE],
    ['12h', 12 * HOUR],
    ['30d', 30 * DAY],
    ['180d', 180 * DAY],
    ['2w', 14 * DAY],
    ['30D', 30 * DAY],
    ['12H', 12 * HOUR],
    ['30 d', 30 * DAY],
    [' 7d ', 7 * DAY],
    ['007d', 7 * DAY],
    ['999999m', 999_999 * MINUTE]
  ])('%j is now + %d ms', (text, ms) => {
    expect(accepted(text)).toBe(after(ms))
  })

  it.each(['0d', '0m', '000h', '0w'])('%j (zero) is refused', (text) => {
    expect(refusal(text)).toMatch(/more than zero/)
  })

  it.each([
    '30',
    'd',
    '-5d',
    '1.5d',
    '30s',
    '30y',
    '30 days',
    '1234567d',
    'P30D',
    'never',
    ''
  ])('%j is not a duration', (text) => {
    expect(refusal(text)).toMatch(/not a duration/)
  })
})

describe('dates', () => {
  it.each([
    ['2027-01-31', '2027-01-31T23:59:59.000Z'],
    ['2026-03-01', '2026-03-01T23:59:59.000Z'],
    ['2028-02-29', '2028-02-29T23:59:59.000Z'],
    ['2026-12-31', '2026-12-31T23:59:59.000Z']
  ])('%j means the end of that day in UTC', (text, iso) => {
    expect(accepted(text)).toBe(iso)
  })

  it.each([
    '2027-02-29',
    '2027-02-30',
    '2027-04-31',
    '2027-13-01',
    '2027-00-10',
    '2027-01-00',
    '2027-01-32'
  ])('%j does not exist', (text) => {
    expect(refusal(text)).toMatch(/no such date/)
  })

  it.each(['2026-02-28', '2020-01-01'])('%j is in the past', (text) => {
    expect(refusal(text)).toMatch(/past/)
  })

  it.each(['2027-1-31', '27-01-31', '2027/01/31', '31-01-2027', '20270131'])(
    '%j is not an ISO date',
    (text) => {
      expect(refusal(text)).toMatch(/not a duration, date or date-time/)
    }
  )
})

describe('date-times', () => {
  it.each([
    ['2027-01-31T12:00:00Z', '2027-01-31T12:00:00.000Z'],
    ['2027-01-31T12:00Z', '2027-01-31T12:00:00.000Z'],
    ['2027-01-31T12:00:00.250Z', '2027-01-31T12:00:00.250Z'],
    ['2027-01-31T12:00:00+02:00', '2027-01-31T10:00:00.000Z'],
    ['2027-01-31T12:00:00-05:30', '2027-01-31T17:30:00.000Z'],
    ['2027-01-31T12:00:00+0200', '2027-01-31T10:00:00.000Z'],
    ['2027-01-31T23:30:00-02:00', '2027-02-01T01:30:00.000Z'],
    ['2027-02-01T00:30:00+02:00', '2027-01-31T22:30:00.000Z']
  ])('%j is %s', (text, iso) => {
    expect(accepted(text)).toBe(iso)
  })

  it.each([
    '2027-01-31T12:00:00',
    '2027-01-31T12:00',
    '2027-01-31 12:00:00',
    '2027-01-31T12:00:00 UTC'
  ])('%j without an offset is refused', (text) => {
    expect(refusal(text)).toMatch(/not a duration, date or date-time/)
  })

  it.each([
    '2027-02-30T12:00:00Z',
    '2027-02-29T12:00:00+01:00',
    '2027-13-01T12:00:00Z',
    '2027-01-31T25:00:00Z',
    '2027-01-31T12:60:00Z'
  ])('%j does not exist', (text) => {
    expect(refusal(text)).toMatch(/no such date/)
  })

  it.each([
    ['a minute ago', '2026-03-01T12:33:56Z'],
    ['exactly now', '2026-03-01T12:34:56.789Z'],
    [
      'later today in a zone where it is already past',
      '2026-03-01T13:00:00+01:00'
    ]
  ])('%s is in the past', (_, text) => {
    expect(refusal(text)).toMatch(/past/)
  })

  it('one millisecond after now is in the future', () => {
    expect(accepted('2026-03-01T12:34:56.790Z')).toBe(
      '2026-03-01T12:34:56.790Z'
    )
  })
})
