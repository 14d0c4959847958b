import {
  ActionError,
  messageOf,
  OctopusError,
  TransportError,
  type FailureKind
} from './errors.js'

/**
 * What a status means for one call: which input to check, what to do. The
 * client only says what Octopus answered; the code that made the call, which
 * knows what the call was for, adds this.
 */
export type StatusAdvice = Partial<Record<number, string>>

const CHECK_SERVER = `Check that the 'server' input points at Octopus itself, not at a proxy or login page.`

const NO_ANSWER: Record<FailureKind, (error: TransportError) => string> = {
  refused: () =>
    `Check the 'server' input (host and port) and that Octopus is reachable from this runner.`,
  timeout: (error) =>
    `The server did not answer within timeout_seconds (${error.timeoutSeconds} s); check its health or raise timeout_seconds.`,
  dropped: () =>
    'The connection was closed before an answer came; check the server and any proxy in between.',
  dns: () => `Check the host name in the 'server' input.`,
  tls: () =>
    'If the server uses a private certificate authority, point NODE_EXTRA_CA_CERTS at its certificate.',
  other: () =>
    `Check the 'server' input and the network between the runner and Octopus.`
}

/** What to do about a failed call, whatever the call was: the caller's advice first. */
function adviceFor(error: unknown, advice: StatusAdvice): string | undefined {
  if (error instanceof TransportError) return NO_ANSWER[error.kind](error)
  if (!(error instanceof OctopusError)) return undefined
  if (error.kind === 'redirect')
    return (
      'Redirects are not followed because the credential would travel with them; ' +
      "set the 'server' input to the final address of your Octopus server."
    )
  if (error.kind === 'unreadable') return CHECK_SERVER
  const own = advice[error.status]
  if (own !== undefined) return own
  if (error.status === 401)
    return `Check that 'api_key' (or 'access_token') holds a valid, unexpired credential for this server.`
  if (error.status === 429 || error.status >= 500)
    return 'The server kept failing; try again later.'
  return undefined
}

/** A failed call in one line: what happened, then what to do about it. */
export function explain(error: unknown, advice: StatusAdvice = {}): string {
  const hint = adviceFor(error, advice)
  return hint === undefined ? messageOf(error) : `${messageOf(error)} ${hint}`
}

/**
 * The error to throw when a call to Octopus failed: `Failed to <what>:
 * <what happened> <what to do>`. Anything that is not a failed call (a bug)
 * is returned as it is, to surface as one.
 */
export function failedTo(
  what: string,
  error: unknown,
  advice: StatusAdvice = {}
): unknown {
  if (!(error instanceof OctopusError || error instanceof TransportError))
    return error
  return new ActionError(`Failed to ${what}: ${explain(error, advice)}`, {
    cause: error
  })
}
