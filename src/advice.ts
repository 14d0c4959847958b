import {
  ActionError,
  messageOf,
  OctopusError,
  TransportError,
  type FailureKind
} from './errors.js'
import { creatorName, longestFit } from './settings/expiry.js'
import { capitalised, sourceName } from './settings/inputs.js'
import { portalRoot } from './settings/server-url.js'
import type { Settings } from './settings/settings.js'

/**
 * What the run knows that advice may name: where the server and the
 * credential came from, the server, the access token's expiry and the
 * expiry asked for, and when the run started. Each is optional: without
 * them advice speaks of the inputs.
 */
export type CallContext = Partial<
  Pick<Settings, 'server' | 'serverSource' | 'credentialSource' | 'token'> & {
    /** The expiry the create asked for. */
    expires: Date
    startedAt: Date
  }
>

/** Advice as text, or written from what the run knows. */
export type Hint = string | ((context: CallContext) => string)

/**
 * What a status means for one call: which input to check, what to do. The
 * client only says what Octopus answered; the code that made the call, which
 * knows what the call was for, adds this.
 */
export type StatusAdvice = Partial<Record<number, Hint>>

/** How advice names the server setting: the input, or the variable it came from. */
function serverName(context: CallContext): string {
  return context.serverSource === 'OCTOPUS_URL'
    ? sourceName(context.serverSource)
    : `the 'server' input`
}

const NO_ANSWER: Record<
  FailureKind,
  (error: TransportError, context: CallContext) => string
> = {
  refused: (_, c) =>
    `Check ${serverName(c)} (host and port) and that Octopus is reachable from this runner.`,
  timeout: (error) =>
    `The server did not answer within timeout_seconds (${error.timeoutSeconds} s); check its health or raise timeout_seconds.`,
  dropped: () =>
    'The connection was closed before an answer came; check the server and any proxy in between.',
  dns: (_, c) => `Check the host name in ${serverName(c)}.`,
  untrusted: () =>
    'If the server uses a private certificate authority, point NODE_EXTRA_CA_CERTS at its certificate.',
  'wrong-name': (_, c) =>
    `Set ${serverName(c)} to a name the certificate holds, or have the certificate made out for the name asked for.`,
  expired: () =>
    "The server's certificate must be renewed (if the date looks wrong, check the runner's clock).",
  'not-tls': (_, c) =>
    `${capitalised(serverName(c))} points https:// at a port that speaks plain http: use the server's https port.`,
  tls: () =>
    'Check the TLS setup of the server and of any proxy in between; a private certificate authority goes in NODE_EXTRA_CA_CERTS.',
  proxy: () =>
    'Check that proxy and any user name and password in its URL, or add the server to no_proxy to reach it directly.',
  other: (_, c) =>
    `Check ${serverName(c)} and the network between the runner and Octopus.`
}

/** Check the server setting: it may point at a proxy or login page. */
function checkServer(context: CallContext): string {
  return `Check that ${serverName(context)} points at Octopus itself, not at a proxy or login page.`
}

/** When the server setting is a web portal address: what to set it to. */
function portalHint(context: CallContext): string | undefined {
  if (context.server === undefined || context.server === '') return undefined
  const root = portalRoot(new URL(context.server))
  if (root === undefined) return undefined
  return `${capitalised(serverName(context))} (${context.server}) is the address of the web portal; set it to the server's root, ${root}.`
}

/**
 * For a 404 where every Octopus server answers: the server setting is not
 * the server's root. Names the likely root when the setting says enough.
 */
export function notTheApi(context: CallContext): string {
  const portal = portalHint(context)
  if (portal !== undefined) return portal
  if (context.server === undefined || context.server === '')
    return checkServer(context)
  const url = new URL(context.server)
  const likely =
    url.pathname === '' || url.pathname === '/'
      ? `if Octopus is installed under a virtual directory, add it (e.g. ${url.origin}/octopus)`
      : `likely ${url.origin}, or ${url.origin}/<virtual directory> if Octopus is installed under one`
  return `Check that ${serverName(context)} (${context.server}) is the root of the Octopus server, not a proxy or login page: ${likely}.`
}

/** A 401: the credential, named by where it came from. */
function badCredential(context: CallContext): string {
  const source = context.credentialSource
  if (source === undefined || !source.startsWith('OCTOPUS_'))
    return `Check that 'api_key' (or 'access_token') holds a valid, unexpired credential for this server.`
  return `Check the credential in ${sourceName(source)} (no input gave one, so it came from the environment, set by the workflow or an earlier step): it must be valid and unexpired for this server.`
}

/** A 400 for a key that would outlive the access token creating it. */
function outlivedToken(context: CallContext): string | undefined {
  const { token, expires, startedAt } = context
  if (!token || !expires || expires <= token.expires) return undefined
  return `The key would outlive ${creatorName(token)}, which expires at ${token.expires.toISOString()}, and Octopus refuses that: ${longestFit(token, startedAt ?? new Date())}.`
}

/** What to do about a failed call, whatever the call was: the caller's advice first. */
function adviceFor(
  error: unknown,
  advice: StatusAdvice,
  context: CallContext
): string | undefined {
  if (error instanceof TransportError)
    return NO_ANSWER[error.kind](error, context)
  if (!(error instanceof OctopusError)) return undefined
  if (error.kind === 'redirect')
    return (
      'Redirects are not followed because the credential would travel with them; ' +
      `set ${serverName(context)} to the final address of your Octopus server.`
    )
  // A web page or broken JSON where JSON was due.
  if (error.kind === 'unreadable')
    return portalHint(context) ?? checkServer(context)
  const token = error.status === 400 ? outlivedToken(context) : undefined
  if (token !== undefined) return token
  const own = advice[error.status]
  if (own !== undefined) return typeof own === 'string' ? own : own(context)
  if (error.status === 401) return badCredential(context)
  if (error.status === 429 || error.status >= 500)
    return 'The server kept failing; try again later.'
  return undefined
}

/** A failed call in one line: what happened, then what to do about it. */
export function explain(
  error: unknown,
  advice: StatusAdvice = {},
  context: CallContext = {}
): string {
  const hint = adviceFor(error, advice, context)
  return hint === undefined ? messageOf(error) : `${messageOf(error)} ${hint}`
}

/**
 * `Failed to <what>: <what happened> <what to do>`. Keeps its parts, so
 * `inContext` can say it again with what the run knows.
 */
export class FailedCall extends ActionError {
  constructor(
    readonly what: string,
    readonly failure: OctopusError | TransportError,
    readonly advice: StatusAdvice,
    context: CallContext = {}
  ) {
    super(`Failed to ${what}: ${explain(failure, advice, context)}`, {
      cause: failure
    })
    this.name = 'FailedCall'
  }
}

/**
 * The error to throw when a call to Octopus failed. Anything that is not a
 * failed call (a bug) is returned as it is, to surface as one.
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
 * A failed call's message said again with what the run knows (where the
 * server and the credential came from, the token's expiry); anything else
 * as it is.
 */
export function inContext(error: unknown, context: CallContext): unknown {
  return error instanceof FailedCall
    ? new FailedCall(error.what, error.failure, error.advice, context)
    : error
}
