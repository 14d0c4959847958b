const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000
}

/** The accepted forms, for error messages. */
export const EXPIRES_EXAMPLES = `a duration such as 30d, 12h, 2w or 90m, or an ISO 8601 date (2027-01-31) or date-time with offset (2027-01-31T12:00:00Z)`

/**
 * Turns the `expires` input into an absolute date, or a reason it cannot.
 * A bare date means the end of that day in UTC, as the Octopus portal does.
 */
export function parseExpiry(
  text: string,
  now: Date
): { ok: true; date: Date } | { ok: false; reason: string } {
  const value = text.trim()
  const duration = /^(\d{1,6})\s*([mhdw])$/i.exec(value)
  let date: Date
  if (duration) {
    const amount = Number(duration[1])
    if (amount === 0)
      return { ok: false, reason: 'a duration must be more than zero' }
    date = new Date(now.getTime() + amount * UNIT_MS[duration[2].toLowerCase()])
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    date = new Date(`${value}T23:59:59.000Z`)
    if (!sameDay(date, value)) return { ok: false, reason: 'no such date' }
  } else if (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(
      value
    )
  ) {
    date = new Date(value)
    if (!sameDay(date, value.slice(0, 10), value))
      return { ok: false, reason: 'no such date or time' }
  } else {
    return { ok: false, reason: 'not a duration, date or date-time' }
  }
  if (Number.isNaN(date.getTime()))
    return { ok: false, reason: 'no such date or time' }
  if (date.getTime() <= now.getTime())
    return { ok: false, reason: 'it is in the past' }
  return { ok: true, date }
}

/** Rejects dates that `Date` silently rolls over, like 2027-02-30. */
function sameDay(date: Date, ymd: string, full?: string): boolean {
  if (Number.isNaN(date.getTime())) return false
  // With an offset the UTC day may differ; only a bare date must round-trip.
  if (full !== undefined) {
    const [y, m, d] = ymd.split('-').map(Number)
    return (
      m >= 1 &&
      m <= 12 &&
      d >= 1 &&
      d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
    )
  }
  return date.toISOString().slice(0, 10) === ymd
}
