/** A failure whose message is written for the person running the workflow. */
export class ActionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ActionError'
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
    this.name = 'SettingsError'
  }
}

/**
 * How Octopus answered when it did not answer as asked: an error `status`, a
 * `redirect` (never followed), or an answer the call cannot read.
 */
export type AnswerKind = 'status' | 'redirect' | 'unreadable'

/**
 * Octopus answered, but not with what was asked for. The message says what
 * it answered (status, ErrorMessage, Errors, HelpText), never what to do:
 * that is the caller's to add.
 */
export class OctopusError extends ActionError {
  constructor(
    message: string,
    readonly status: number,
    readonly kind: AnswerKind
  ) {
    super(message)
    this.name = 'OctopusError'
  }
}

/**
 * Why a request got no answer. `sent` says whether the request may have
 * reached the server: a refused connection certainly did not, a timeout or a
 * dropped connection may have been processed. The TLS kinds say what was
 * wrong with the server's certificate or port (`untrusted`: an issuer the
 * runner does not trust; `wrong-name`: made out for other names; `expired`:
 * outside its dates; `not-tls`: https to a port that speaks plain http;
 * `tls`: anything else); `proxy`: the proxy refused or never opened the
 * tunnel, so the request never left the runner's side.
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

/** A request that got no answer at all. */
export class TransportError extends ActionError {
  constructor(
    readonly kind: FailureKind,
    readonly sent: boolean,
    message: string,
    /** How long a timed-out request waited for its answer. */
    readonly timeoutSeconds?: number
  ) {
    super(message)
    this.name = 'TransportError'
  }
}

/**
 * The create call's answer was lost after it was sent: the server may or may
 * not have made the key. The caller must reconcile before anything else.
 */
export class LostAnswerError extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'LostAnswerError'
  }
}

/** The server made a key (this Id) but its value is missing or not `API-…`. */
export class MalformedKeyError extends ActionError {
  constructor(readonly keyId: string) {
    super(
      `The server created API key ${keyId} but its answer holds no key of the form API-…; the key cannot be used.`
    )
    this.name = 'MalformedKeyError'
  }
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * What the job shows for an error that ended the step: our own errors as
 * written; anything else is a bug to report, with its stack for debug output
 * only. Both pass through `redact`.
 */
export function failureReport(
  error: unknown,
  redact: (text: string) => string
): { message: string; debug?: string } {
  if (error instanceof ActionError) return { message: redact(error.message) }
  const message = redact(
    `Unexpected error, please report it: ${messageOf(error)}`
  )
  if (!(error instanceof Error) || error.stack === undefined) return { message }
  return { message, debug: redact(error.stack) }
}
