import { capitalised } from '../phrasing.js'

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
const HOUR_MS = 3_600_000
const MINUTE_MS = 60_000
/** Without `expires`, a key lives this long. */
export const DEFAULT_EXPIRY_DAYS = 180
/**
 * Without `expires`, a key that `revoke_after_job` revokes lives this long:
 * enough for any job, short if the post step cannot revoke it.
 */
export const JOB_KEY_EXPIRY_DAYS = 1
/** Without `expires`, a key expires this long before the credential creating it. */
export const CREATOR_MARGIN_MINUTES = 5
/** Without `expires`, a key bound by its creator must live at least this long. */
const CREATOR_MIN_MINUTES = 5

/**
 * The credential that creates the key, and when it expires: an access
 * token (its `exp` claim) or an API key (as Octopus lists it).
 */
export interface CreatorLife {
  kind: 'apikey' | 'token'
  expires: Date
  /** Where the credential came from, as messages name it (`input 'api_key'`). */
  from: string
}

/** `the API key in input 'api_key'`: how messages name the creating credential. */
export function creatorName({ kind, from }: CreatorLife): string {
  return `the ${kind === 'apikey' ? 'API key' : 'access token'} in ${from}`
}

/**
 * Octopus refuses a key that outlives the API key creating it; whether an
 * access token binds it too is not documented.
 */
function refusal(creator: CreatorLife): string {
  return creator.kind === 'apikey'
    ? 'Octopus refuses a key that outlives the API key creating it'
    : 'Octopus may refuse a key that outlives the credential creating it'
}

/** The `expires` input when it was set: its text, and the date it means. */
export interface ExpiryInput {
  text: string
  date: Date
}

/**
 * The expiry to send and why, as the log says it after "Creating an API
 * key for <account>"; or why there is none.
 */
export type ExpiryChoice =
  { date: Date; why: string; warning?: string } | { problem: string }

/** What the choice depends on besides the input. */
export interface ExpiryContext {
  now: Date
  revokeAfterJob: boolean
  /** The creating credential's expiry, when it has one and it is known. */
  creator?: CreatorLife
}

/**
 * The expiry to ask for: the `expires` input when set, else the default (see
 * `defaultExpiry`). An input that outlives the creating API key is refused,
 * since Octopus would refuse it; one that outlives an access token is a
 * warning, since whether Octopus refuses that is not known.
 */
export function chooseExpiry(
  input: ExpiryInput | undefined,
  context: ExpiryContext
): ExpiryChoice {
  if (input === undefined) return defaultExpiry(context)
  const { creator, now } = context
  const why = `, expiring as input 'expires' (${input.text}) asks`
  if (creator === undefined || input.date <= creator.expires)
    return { date: input.date, why }
  const outlives = `Input 'expires' (${input.text}) ends after ${creatorName(creator)} that creates the key, which expires at ${creator.expires.toISOString()}, and ${refusal(creator)}`
  if (creator.kind === 'token')
    return {
      date: input.date,
      why,
      warning: `${outlives}: ${longestFit(creator, now)}.`
    }
  return {
    problem: `${outlives}. Set a shorter 'expires' (${longestFit(creator, now)}), or create the key with an API key that lives longer.`
  }
}

/**
 * The expiry when the `expires` input is empty: the default, one day when
 * `revoke_after_job` revokes the key anyway, and never past the creating
 * credential (less a margin). The earliest wins, and `why` says which.
 */
export function defaultExpiry({
  now,
  revokeAfterJob,
  creator
}: ExpiryContext): ExpiryChoice {
  const days = revokeAfterJob ? JOB_KEY_EXPIRY_DAYS : DEFAULT_EXPIRY_DAYS
  const date = new Date(now.getTime() + days * DAY_MS)
  const bound =
    creator &&
    new Date(creator.expires.getTime() - CREATOR_MARGIN_MINUTES * MINUTE_MS)
  if (creator && bound && bound < date)
    return boundByCreator(creator, bound, now, days)
  const why = revokeAfterJob
    ? ` for ${days} day: input 'expires' is empty and revoke_after_job is on, so a key the post step cannot revoke does not live long`
    : ` for ${days} days, the default, as input 'expires' is empty`
  if (creator === undefined) return { date, why }
  return {
    date,
    why: `${why} (${creatorName(creator)} that creates it expires later, at ${creator.expires.toISOString()})`
  }
}

/** A default cut short by the creating credential's expiry, or why that leaves too little. */
function boundByCreator(
  creator: CreatorLife,
  bound: Date,
  now: Date,
  days: number
): ExpiryChoice {
  if (bound.getTime() - now.getTime() < CREATOR_MIN_MINUTES * MINUTE_MS)
    return {
      problem:
        `${capitalised(creatorName(creator))} expires at ${creator.expires.toISOString()}, too soon for a key that must expire ${CREATOR_MARGIN_MINUTES} minutes before it and live at least ${CREATOR_MIN_MINUTES}. ` +
        (creator.kind === 'token'
          ? `Sign in again (OctopusDeploy/login) right before this step, or set 'expires' if your server lets keys outlive the token that creates them.`
          : 'Create the key with an API key that lives longer.')
    }
  const unit = days === 1 ? 'day' : 'days'
  return {
    date: bound,
    why: ` that expires ${CREATOR_MARGIN_MINUTES} minutes before ${creatorName(creator)} that creates it (at ${creator.expires.toISOString()}): input 'expires' is empty, and ${refusal(creator)}, as the default of ${days} ${unit} would`
  }
}

/**
 * The longest `expires` that ends before the creating credential, counted
 * from `now` in the largest whole unit, as advice.
 */
export function longestFit(creator: CreatorLife, now: Date): string {
  const left = creator.expires.getTime() - now.getTime()
  if (left < MINUTE_MS)
    return `${creatorName(creator)} has expired, so no key fits`
  const fit =
    left >= DAY_MS
      ? `${Math.floor(left / DAY_MS)}d`
      : left >= HOUR_MS
        ? `${Math.floor(left / HOUR_MS)}h`
        : `${Math.floor(left / MINUTE_MS)}m`
  return `the longest 'expires' that fits is ${fit}; or leave 'expires' empty to follow ${creatorName(creator)}`
}
