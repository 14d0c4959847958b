/**
 * Every error the action raises. They carry facts: what was being done,
 * what happened (a `cause`), what each status would mean for the call.
 * `describe.ts` turns them into the text the user reads, once, at the edge,
 * with what the run knows (where each value came from).
 */
import type { CredentialSource } from './credential/credential.js'
import type { CreatorLife } from './settings/expiry.js'
import type { Account } from './users/account.js'

/**
 * One of ours: a failure the action understood. Its message is what it
 * says without the run's context; `describe` says it with that.
 */
export class ActionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
  }
}

/** All input problems at once, one per line. */
export class SettingsError extends ActionError {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? problems[0]
        : `The inputs have ${problems.length} problems:\n- ${problems.join('\n- ')}`
    )
  }
}

/**
 * How Octopus answered when it did not answer as asked: an error `status`, a
 * `redirect` (never followed), or an answer the call cannot read.
 */
export type AnswerKind = 'status' | 'redirect' | 'unreadable'

/**
 * Octopus answered, but not with what was asked for. The message says what
 * it answered (status, ErrorMessage, Errors, HelpText), never what to do.
 */
export class OctopusError extends ActionError {
  constructor(
    message: string,
    readonly status: number,
    readonly kind: AnswerKind
  ) {
    super(message)
  }
}

/**
 * Why a request got no answer. The TLS kinds say what was wrong with the
 * server's certificate or port (`untrusted`: an issuer the runner does not
 * trust; `wrong-name`: made out for other names; `expired`: outside its
 * dates; `not-tls`: https to a port that speaks plain http; `tls`: anything
 * else); `proxy`: the proxy refused or never opened the tunnel, so the
 * request never left the runner's side.
 */
export type FailureKind =
  | 'refused'
  | 'timeout'
  | 'dropped'
  | 'dns'
  | 'untrusted'
  | 'wrong-name'
  | 'expired'
  | 'not-tls'
  | 'tls'
  | 'proxy'
  | 'other'

/**
 * A request that got no answer at all. `sent` says whether the request may
 * have reached the server: a refused connection certainly did not, a
 * timeout or a dropped connection may have been processed.
 */
export class TransportError extends ActionError {
  constructor(
    readonly kind: FailureKind,
    readonly sent: boolean,
    message: string,
    /** How long a timed-out request waited for its answer. */
    readonly timeoutSeconds?: number
  ) {
    super(message)
  }
}

/** The server answered pages in a way that cannot be read to the end. */
export class PagingError extends ActionError {}

/**
 * The create call's answer was lost after it was sent: the server may or may
 * not have made the key. Never shown: the caller reconciles, then says what
 * it found.
 */
export class LostAnswerError extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'LostAnswerError'
  }
}

/**
 * The server made a key (this Id) but its value is missing or not `API-…`.
 * `revoked` says what became of it, once the caller has tried.
 */
export class MalformedKeyError extends ActionError {
  constructor(
    readonly keyId: string,
    readonly revoked?: boolean
  ) {
    super(
      `The server created API key ${keyId} but its answer holds no key of the form API-…; the key cannot be used.`
    )
  }
}

/**
 * Advice that needs what the run knows: for a 404 where every Octopus
 * server answers, that the server setting is not the server's root.
 */
export const NOT_THE_API = Symbol(
  'the server setting is not the root of Octopus'
)

/** What to do about a status, as text, or advice written from what the run knows. */
export type Hint = string | typeof NOT_THE_API

/**
 * What each status means for one call: which input to check, what to do.
 * The client only says what Octopus answered; the code that made the call,
 * which knows what the call was for, adds this.
 */
export type StatusAdvice = Partial<Record<number, Hint>>

/** A call to Octopus that failed: what it was for, what happened, what each status means for it. */
export class FailedCall extends ActionError {
  constructor(
    readonly what: string,
    readonly cause: OctopusError | TransportError,
    readonly advice: StatusAdvice = {}
  ) {
    super(`Failed to ${what}: ${cause.message}`, { cause })
  }
}

/**
 * The error for a call to Octopus that failed: `what` was being done, and
 * `advice` says what each status means. Anything else (a paging error,
 * which says it all, or a bug) is returned as it is.
 */
export function failedTo(
  what: string,
  error: unknown,
  advice: StatusAdvice = {}
): unknown {
  if (!(error instanceof OctopusError || error instanceof TransportError))
    return error
  return new FailedCall(what, error, advice)
}

/**
 * After a lost answer, listing the account's keys to find the key the lost
 * attempts may have made (with this purpose, carrying one of the expiries
 * `sent`) failed (`cause`): such a key may be live.
 */
export class LostKeyUnchecked extends ActionError {
  constructor(
    readonly account: Account,
    readonly purpose: string,
    readonly sent: Date[],
    readonly cause: unknown
  ) {
    super(
      'The answer to the create request was lost, and looking for the key it may have made failed.',
      { cause }
    )
  }
}

/** Keys this run made after lost answers, found, but not revoked (`cause`: the first failure). */
export class LostKeysLeft extends ActionError {
  constructor(
    readonly account: Account,
    readonly ids: string[],
    readonly cause: unknown
  ) {
    super(`Keys this run made could not be revoked: ${ids.join(', ')}.`, {
      cause
    })
  }
}

/**
 * The create's answer was lost twice. `look` is the failure of the last look
 * for a late key, when it failed (then a key may be left).
 */
export class LostTwice extends ActionError {
  constructor(
    readonly account: Account,
    readonly reason: string,
    readonly look?: LostKeyUnchecked | LostKeysLeft
  ) {
    super(`The server's answer to the create was lost twice (${reason}).`, {
      cause: look
    })
  }
}

/**
 * Something failed (`cause`) after the new key existed; the key was then
 * revoked, or revoking it failed too.
 */
export class FailedAfterKey extends ActionError {
  constructor(
    readonly cause: unknown,
    readonly keyId: string,
    readonly revoked: boolean
  ) {
    super(`A step after the new key ${keyId} was made failed.`, { cause })
  }
}

/**
 * What the run knows that a message may name: the server and where it came
 * from, where the credential came from, the access token's expiry, the
 * expiry the create asked for, when the run started. Each is optional:
 * without them messages speak of the inputs.
 */
export interface RunContext {
  server?: string
  serverSource?: 'server' | 'OCTOPUS_URL'
  credentialSource?: CredentialSource
  token?: CreatorLife
  expires?: Date
  startedAt?: Date
}

/** A step's failure (`cause`) with what the step knew, for the edge to say. */
export class FailedWith extends Error {
  constructor(
    readonly cause: unknown,
    readonly context: RunContext
  ) {
    super(messageOf(cause), { cause })
    this.name = 'FailedWith'
  }
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
