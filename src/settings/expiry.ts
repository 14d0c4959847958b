const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000
}

/** The accepted forms, for error messages. */
export const EXPIRES_EXAMPLES = `a duration such as 30d, 12h, 2w or 90m, or an ISO 8601 date (2027-01-31) or date-time with offset (2027-01-31T12:00:00Z)`

const DURATION = /^(\d{1,6})\s*([mhdw])$/i
const DATE = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i

type Parsed = { ok: true; date: Date } | { ok: false; reason: string }

/**
 * Turns the `expires` input into an absolute date, or a reason it cannot.
 * A bare date means the end of that day in UTC, as the Octopus portal does.
 */
export function parseExpiry(text: string, now: Date): Parsed {
  const parsed = readExpiry(text.trim(), now)
  if (!parsed.ok) return parsed
  if (parsed.date.getTime() <= now.getTime())
    return { ok: false, reason: 'it is in the past' }
  return parsed
}

function readExpiry(value: string, now: Date): Parsed {
  const duration = DURATION.exec(value)
  if (duration) {
    const amount = Number(duration[1])
    if (amount === 0)
      return { ok: false, reason: 'a duration must be more than zero' }
    const ms = amount * UNIT_MS[duration[2].toLowerCase()]
    return { ok: true, date: new Date(now.getTime() + ms) }
  }
  if (DATE.test(value)) {
    const date = new Date(`${value}T23:59:59.000Z`)
    // A bare date must round-trip: `Date` silently rolls 2027-02-30 over.
    return !Number.isNaN(date.getTime()) &&
      date.toISOString().slice(0, 10) === value
      ? { ok: true, date }
      : { ok: false, reason: 'no such date' }
  }
  if (DATE_TIME.test(value)) {
    const date = new Date(value)
    // With an offset the UTC day may differ: check the written date alone.
    return isCalendarDate(value.slice(0, 10)) && !Number.isNaN(date.getTime())
      ? { ok: true, date }
      : { ok: false, reason: 'no such date or time' }
  }
  return { ok: false, reason: 'not a duration, date or date-time' }
}

/** True when `YYYY-MM-DD` names a day that exists (no 2027-02-30, no month 13). */
function isCalendarDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number)
  return (
    m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
  )
}
