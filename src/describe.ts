/**
 * The one place that turns errors into the text the user reads: what was
 * being done, what happened, and what to do about it, naming each value by
 * where it came from (an input, or the variable an earlier step set).
 */
import {
  ActionError,
  FailedAfterKey,
  FailedCall,
  FailedWith,
  LostKeysLeft,
  LostKeyUnchecked,
  LostTwice,
  MalformedKeyError,
  messageOf,
  NOT_THE_API,
  OctopusError,
  TransportError,
  type FailureKind,
  type RunContext,
  type StatusAdvice
} from './errors.js'
import {
  asSentence,
  capitalised,
  revokeByHand,
  sourceName
} from './phrasing.js'
import { creatorName, longestFit } from './settings/expiry.js'
import { portalRoot } from './settings/server-url.js'
import type { ServerAccess } from './settings/settings.js'
import { accountOf } from './users/account.js'

/** What messages may name of how Octopus is reached, and where each value came from; `more` adds what else the step knows. */
export function contextOf(
  access: Pick<ServerAccess, 'server' | 'serverSource' | 'credential'>,
  more: RunContext = {}
): RunContext {
  const { server, serverSource, credential } = access
  return { server, serverSource, credentialSource: credential.source, ...more }
}

/** An error as the user reads it, with what the run knows. */
export function describe(error: unknown, context: RunContext = {}): string {
  if (error instanceof FailedWith) return describe(error.cause, error.context)
  if (error instanceof FailedCall)
    return `Failed to ${error.what}: ${explain(error.cause, error.advice, context)}`
  if (error instanceof OctopusError || error instanceof TransportError)
    return explain(error, {}, context)
  if (error instanceof LostTwice) return lostTwice(error, context)
  if (error instanceof LostKeyUnchecked) return lostKeyUnchecked(error, context)
  if (error instanceof LostKeysLeft)
    return (
      `The answer to the create request was lost and these keys of ${accountOf(error.account)} may be live but unheld: ${error.ids.join(', ')}. ` +
      revokeByHand(
        `Revoking them failed (${describe(error.cause, context)})`,
        true
      )
    )
  if (error instanceof MalformedKeyError) return malformedKey(error)
  if (error instanceof FailedAfterKey) return failedAfterKey(error, context)
  if (error instanceof ActionError) return error.message
  return `Unexpected error, please report it: ${messageOf(error)}`
}

/**
 * What the job shows for an error that ended a step, through `redact`: the
 * message, and for a bug (an error that is not one of ours, wherever it
 * sits among the causes) its stack, for debug output.
 */
export function failureReport(
  error: unknown,
  redact: (text: string) => string
): { message: string; debug?: string } {
  const message = redact(describe(error))
  const stack = bugIn(error)?.stack
  return stack === undefined ? { message } : { message, debug: redact(stack) }
}

/** The error that is not one of ours among `error` and the causes it says, if any. */
function bugIn(error: unknown): Error | undefined {
  if (error instanceof FailedWith) return bugIn(error.cause)
  if (error instanceof FailedAfterKey) return bugIn(error.cause)
  if (error instanceof ActionError) return undefined
  return error instanceof Error ? error : undefined
}

function lostTwice(error: LostTwice, context: RunContext): string {
  const lead = `Failed to create an API key for ${accountOf(error.account)}: the server's answer was lost twice (${error.reason}).`
  return error.look === undefined
    ? `${lead} No key carrying an expiry this run sent is left; try again later.`
    : `${lead} ${describe(error.look, context)}`
}

function lostKeyUnchecked(
  error: LostKeyUnchecked,
  context: RunContext
): string {
  const when = error.sent.map((d) => d.toISOString()).join(' or ')
  return (
    `The answer to the create request was lost, and the key it may have made could not be looked for. ${describe(error.cause, context)} ` +
    revokeByHand(
      `A key with purpose '${error.purpose}' expiring ${when} may exist on ${accountOf(error.account)}`
    )
  )
}

function malformedKey(error: MalformedKeyError): string {
  if (error.revoked === undefined) return error.message
  return `${error.message} ${error.revoked ? 'It was revoked.' : revokeByHand('Revoking it failed')}`
}

function failedAfterKey(error: FailedAfterKey, context: RunContext): string {
  const note = error.revoked
    ? `The new key ${error.keyId} was revoked.`
    : revokeByHand(`Revoking the new key ${error.keyId} failed too`)
  return `${asSentence(describe(error.cause, context))} ${note}`
}

/** How messages name the server setting: the input, or the variable it came from. */
function serverName(context: RunContext): string {
  return context.serverSource === 'OCTOPUS_URL'
    ? sourceName(context.serverSource)
    : `the 'server' input`
}

const NO_ANSWER: Record<
  FailureKind,
  (error: TransportError, context: RunContext) => string
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
function checkServer(context: RunContext): string {
  return `Check that ${serverName(context)} points at Octopus itself, not at a proxy or login page.`
}

/** When the server setting is a web portal address: what to set it to. */
function portalHint(context: RunContext): string | undefined {
  if (context.server === undefined || context.server === '') return undefined
  const root = portalRoot(new URL(context.server))
  if (root === undefined) return undefined
  return `${capitalised(serverName(context))} (${context.server}) is the address of the web portal; set it to the server's root, ${root}.`
}

/**
 * For a 404 where every Octopus server answers: the server setting is not
 * the server's root. Names the likely root when the setting says enough.
 */
function notTheApi(context: RunContext): string {
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
function badCredential(context: RunContext): string {
  const source = context.credentialSource
  if (source === undefined || !source.startsWith('OCTOPUS_'))
    return `Check that 'api_key' (or 'access_token') holds a valid, unexpired credential for this server.`
  return `Check the credential in ${sourceName(source)} (no input gave one, so it came from the environment, set by the workflow or an earlier step): it must be valid and unexpired for this server.`
}

/** A 400 for a key that would outlive the access token creating it. */
function outlivedToken(context: RunContext): string | undefined {
  const { token, expires, startedAt } = context
  if (!token || !expires || expires <= token.expires) return undefined
  return `The key would outlive ${creatorName(token)}, which expires at ${token.expires.toISOString()}, and Octopus refuses that: ${longestFit(token, startedAt ?? new Date())}.`
}

/** What to do about a failed call, whatever the call was: the caller's advice first. */
function adviceFor(
  error: OctopusError | TransportError,
  advice: StatusAdvice,
  context: RunContext
): string | undefined {
  if (error instanceof TransportError)
    return NO_ANSWER[error.kind](error, context)
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
  if (own === NOT_THE_API) return notTheApi(context)
  if (own !== undefined) return own
  if (error.status === 401) return badCredential(context)
  if (error.status === 429 || error.status >= 500)
    return 'The server kept failing; try again later.'
  return undefined
}

/** A failed call in one line: what happened, then what to do about it. */
function explain(
  error: OctopusError | TransportError,
  advice: StatusAdvice,
  context: RunContext
): string {
  const hint = adviceFor(error, advice, context)
  return hint === undefined ? error.message : `${error.message} ${hint}`
}
