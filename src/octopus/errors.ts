import type { HttpResponse, TransportError } from '../http/transport.js'

/** A failure whose message is written for the person running the workflow. */
export class ActionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ActionError'
  }
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Octopus answered, but not with what was asked for. */
export class OctopusError extends ActionError {
  constructor(
    message: string,
    readonly status: number,
    readonly errorMessage: string | undefined
  ) {
    super(message)
    this.name = 'OctopusError'
  }
}

/** The Octopus error contract: `{ErrorMessage, Errors[], HelpText}`; any field may be missing. */
interface ErrorBody {
  ErrorMessage?: unknown
  Errors?: unknown
  HelpText?: unknown
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout'
}

/** `HTTP 403 Forbidden`, or `HTTP 418` for statuses without a common name. */
export function statusText(status: number): string {
  const reason = REASONS[status]
  return reason ? `HTTP ${status} ${reason}` : `HTTP ${status}`
}

/** The first bytes of a body that is not the Octopus error JSON, printable and on one line. */
export function bodySnippet(body: string, max = 120): string {
  const flat = body
    // eslint-disable-next-line no-control-regex -- control characters are what we reject
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (flat === '') return '(empty body)'
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

/** What the server said: ErrorMessage, Errors and HelpText when it sent them, else the body's first bytes. */
export function serverSays(body: string): {
  text: string
  errorMessage?: string
} {
  let parsed: ErrorBody | undefined
  try {
    const value: unknown = JSON.parse(body)
    if (value !== null && typeof value === 'object') parsed = value
  } catch {
    parsed = undefined
  }
  const errorMessage =
    typeof parsed?.ErrorMessage === 'string' ? parsed.ErrorMessage : undefined
  if (!parsed || errorMessage === undefined) {
    return { text: `the body starts with: ${bodySnippet(body)}` }
  }
  const errors = Array.isArray(parsed.Errors)
    ? parsed.Errors.filter((e): e is string => typeof e === 'string')
    : []
  let text = `"${errorMessage}"`
  if (errors.length > 0) text += ` (${errors.join('; ')})`
  if (typeof parsed.HelpText === 'string' && parsed.HelpText !== '')
    text += ` ${parsed.HelpText}`
  return { text, errorMessage }
}

/** Builds the error for an answer with an unexpected status. */
export function httpError(
  what: string,
  response: HttpResponse,
  hint: string | undefined
): OctopusError {
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers['location'] ?? '(no Location header)'
    return new OctopusError(
      `Failed to ${what}: the server answered ${statusText(response.status)} redirecting to ${location}. ` +
        'Redirects are not followed because the credential would travel with them; ' +
        "set the 'server' input to the final address of your Octopus server.",
      response.status,
      undefined
    )
  }
  const says = serverSays(response.body)
  const said = says.text.endsWith('.') ? says.text : `${says.text}.`
  const message = `Failed to ${what}: ${statusText(response.status)}: ${said}${hint ? ` ${hint}` : ''}`
  return new OctopusError(message, response.status, says.errorMessage)
}

/** Builds the error for a request that got no answer at all. */
export function transportFailure(
  what: string,
  origin: string,
  error: TransportError,
  attempts: number,
  timeoutSeconds: number
): ActionError {
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`
  const hints: Record<TransportError['kind'], string> = {
    refused: `Check the 'server' input (host and port) and that Octopus is reachable from this runner.`,
    timeout: `The server did not answer within timeout_seconds (${timeoutSeconds} s); check its health or raise timeout_seconds.`,
    dropped:
      'The connection was closed before an answer came; check the server and any proxy in between.',
    dns: `Check the host name in the 'server' input.`,
    tls: 'If the server uses a private certificate authority, point NODE_EXTRA_CA_CERTS at its certificate.',
    other: `Check the 'server' input and the network between the runner and Octopus.`
  }
  return new ActionError(
    `Failed to ${what}: ${origin} gave no answer (${error.message}) after ${tries}. ${hints[error.kind]}`
  )
}
