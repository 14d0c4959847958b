import { STATUS_CODES } from 'node:http'
import { OctopusError } from '../errors.js'
import type { HttpResponse } from '../http/transport.js'
import { asSentence } from '../phrasing.js'
import { shownText } from '../text.js'

/** The Octopus error contract: `{ErrorMessage, Errors[], HelpText}`; any field may be missing. */
interface ErrorBody {
  ErrorMessage?: unknown
  Errors?: unknown
  HelpText?: unknown
}

/** `HTTP 403 Forbidden`, or `HTTP 599` for statuses without a name. */
export function statusText(status: number): string {
  const reason = STATUS_CODES[status]
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
export function serverSays(body: string): string {
  return shownText(whatTheServerSaid(body))
}

function whatTheServerSaid(body: string): string {
  const parsed = errorBodyOf(body)
  if (typeof parsed?.ErrorMessage !== 'string')
    return `the body starts with: ${bodySnippet(body)}`
  const errors = Array.isArray(parsed.Errors)
    ? parsed.Errors.filter((e): e is string => typeof e === 'string')
    : []
  let text = `"${parsed.ErrorMessage}"`
  if (errors.length > 0) text += ` (${errors.join('; ')})`
  if (typeof parsed.HelpText === 'string' && parsed.HelpText !== '')
    text += ` ${parsed.HelpText}`
  return text
}

function errorBodyOf(body: string): ErrorBody | undefined {
  try {
    const value: unknown = JSON.parse(body)
    return value !== null && typeof value === 'object' ? value : undefined
  } catch {
    return undefined
  }
}

/** The error for an answer with a status the call does not take: what the server answered. */
export function statusError(response: HttpResponse): OctopusError {
  const status = statusText(response.status)
  if (response.status >= 300 && response.status < 400) {
    const location = shownText(
      response.headers['location'] ?? '(no Location header)'
    )
    return new OctopusError(
      `the server answered ${status} redirecting to ${location}.`,
      response.status,
      'redirect'
    )
  }
  const said = serverSays(response.body)
  return new OctopusError(
    `${status}: ${asSentence(said)}`,
    response.status,
    'status'
  )
}

/** The error for a 2xx answer that is not what the call reads. */
export function unreadableAnswer(
  response: HttpResponse,
  expected: string
): OctopusError {
  return new OctopusError(
    `${statusText(response.status)} but the answer is not ${expected}; the body starts with: ${asSentence(bodySnippet(response.body))}`,
    response.status,
    'unreadable'
  )
}
