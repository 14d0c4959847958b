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

const DAY_MS = 86_400_000
const MINUTE_MS = 60_000
/** Without `expires`, a key lives this long. */
export const DEFAULT_EXPIRY_DAYS = 180
/**
 * Without `expires`, a key that `revoke_after_job` revokes lives this long:
 * enough for any job, short if the post step cannot revoke it.
 */
export const JOB_KEY_EXPIRY_DAYS = 1
/** A key made with an access token expires this long before the token. */
export const TOKEN_MARGIN_MINUTES = 5
/** Without `expires`, a key made with an access token must live at least this long. */
const TOKEN_MIN_MINUTES = 5

/** An access token's expiry, and where the token came from (`sourceName`). */
export interface TokenLife {
  expires: Date
  from: string
}

/** The expiry to send, and what to tell the user about it, or why there is none. */
export type ExpiryChoice =
  { date: Date; note?: string; warning?: string } | { problem: string }

/**
 * The expiry when the `expires` input is empty: the default, one day when
 * `revoke_after_job` revokes the key anyway, and never past an access token
 * (less a margin), since Octopus may refuse a key that outlives the
 * credential creating it. The earliest of these wins and is explained.
 */
export function defaultExpiry(
  now: Date,
  revokeAfterJob: boolean,
  token: TokenLife | undefined
): ExpiryChoice {
  const days = revokeAfterJob ? JOB_KEY_EXPIRY_DAYS : DEFAULT_EXPIRY_DAYS
  const date = new Date(now.getTime() + days * DAY_MS)
  const byToken =
    token &&
    new Date(token.expires.getTime() - TOKEN_MARGIN_MINUTES * MINUTE_MS)
  if (token && byToken && byToken < date) {
    if (byToken.getTime() - now.getTime() < TOKEN_MIN_MINUTES * MINUTE_MS)
      return {
        problem:
          `The access token in ${token.from} expires at ${token.expires.toISOString()}, too soon for a key that must expire ${TOKEN_MARGIN_MINUTES} minutes before it and live at least ${TOKEN_MIN_MINUTES}. ` +
          `Sign in again (OctopusDeploy/login) right before this step, or set 'expires' if your server lets keys outlive the token that creates them.`
      }
    return {
      date: byToken,
      note: `Input 'expires' is empty: the key expires at ${byToken.toISOString()}, ${TOKEN_MARGIN_MINUTES} minutes before the access token in ${token.from}, since Octopus may refuse a key that outlives the credential creating it.`
    }
  }
  if (!revokeAfterJob) return { date }
  return {
    date,
    note: `Input 'expires' is empty and revoke_after_job is on: the key expires in ${JOB_KEY_EXPIRY_DAYS} day, in case the post step cannot revoke it.`
  }
}

/**
 * A warning for an `expires` that outlives the access token: Octopus may
 * refuse it. Names the token's expiry and the longest `expires` that fits.
 */
export function outlivesToken(
  expires: Date,
  now: Date,
  token: TokenLife | undefined
): string | undefined {
  if (!token || expires <= token.expires) return undefined
  return `Input 'expires' ends after the access token in ${token.from}, which expires at ${token.expires.toISOString()}, and Octopus may refuse a key that outlives the credential creating it: ${longestFit(token, now)}.`
}

/** The longest `expires` that ends before the token, counted from `now`, as advice. */
export function longestFit(token: TokenLife, now: Date): string {
  const minutes = Math.floor(
    (token.expires.getTime() - now.getTime()) / MINUTE_MS
  )
  const fit =
    minutes > 0
      ? `the longest 'expires' that fits is ${minutes}m`
      : 'the token has expired, so no key fits'
  return `${fit}; or leave 'expires' empty to follow the token`
}
