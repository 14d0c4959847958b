import { LostAnswerError, TransportError, type FailureKind } from '../errors.js'
import type { HttpRequest, HttpResponse } from './transport.js'

/** What the retry loop needs from the outside world; tests pass fakes. */
export interface RetryPolicy {
  maxAttempts: number
  sleep: (ms: number) => Promise<void>
  random: () => number
  now: () => Date
  log: (message: string) => void
}

const BASE_DELAY_MS = 500
const MAX_DELAY_MS = 10_000
/** A server asking for more than this is treated as asking for this much. */
export const MAX_RETRY_AFTER_MS = 30_000

/** `fail`: no answer, and trying again cannot bring one. */
export type RetryDecision = 'done' | 'retry' | 'lost' | 'fail'

/** What one attempt brought: an answer, or the reason none came. */
type Attempt =
  | { response: HttpResponse; error?: undefined }
  | { response?: undefined; error: TransportError }

/**
 * Failures that trying again cannot change: the server's certificate or TLS
 * port, and a proxy that refused or never opened the tunnel (its settings
 * are the runner's; the step ends at once rather than wait for it again).
 */
const FINAL: ReadonlySet<FailureKind> = new Set<FailureKind>([
  'untrusted',
  'wrong-name',
  'expired',
  'not-tls',
  'tls',
  'proxy'
])

/**
 * The one place that decides what is retried. Reads and deletes are
 * idempotent: retry on network errors, 429 and 5xx. A create is not: retry it
 * only when the server certainly did not process it (429, 503 with
 * Retry-After, a connection that was never made); when it may have been
 * processed, report the answer as lost. What cannot change by trying again
 * is final: 501 (the method is not supported), TLS failures and the proxy's
 * (see `FINAL`); none of them reached the server, so none is a lost answer.
 */
export function decideRetry(
  method: HttpRequest['method'],
  { response, error }: Attempt
): RetryDecision {
  if (error !== undefined && FINAL.has(error.kind)) return 'fail'
  if (error) return method !== 'POST' || !error.sent ? 'retry' : 'lost'
  const status = response.status
  if (status === 501) return 'done'
  if (method !== 'POST')
    return status === 429 || status >= 500 ? 'retry' : 'done'
  if (status === 429) return 'retry'
  if (status === 503 && response.headers['retry-after'] !== undefined)
    return 'retry'
  return status >= 500 ? 'lost' : 'done'
}

/** An HTTP date as RFC 9110 requires it: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE =
  /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/

/** `Retry-After` in seconds or as an HTTP date, capped; undefined when absent or unreadable. */
export function retryAfterMs(
  value: string | undefined,
  now: Date
): number | undefined {
  const text = value?.trim() ?? ''
  let ms: number
  if (/^\d+$/.test(text)) ms = Number(text) * 1000
  else if (IMF_FIXDATE.test(text)) ms = Date.parse(text) - now.getTime()
  else return undefined
  if (Number.isNaN(ms)) return undefined
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS)
}

/** Exponential backoff with jitter: about 0.5 s, 1 s, 2 s … at most 10 s. */
export function backoffMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(BASE_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS)
  return Math.round(ceiling * (0.5 + random() / 2))
}

/**
 * Sends `request` up to `maxAttempts` times as `decideRetry` allows. Returns
 * the last answer (whatever its status; what a status means is the client's
 * business), throws a `TransportError` naming the server and the attempts
 * when no answer came, or `LostAnswerError` when a create may have been
 * processed unseen.
 */
export async function sendWithRetry(
  send: (request: HttpRequest) => Promise<HttpResponse>,
  request: HttpRequest,
  what: string,
  policy: RetryPolicy
): Promise<HttpResponse> {
  for (let attempt = 1; ; attempt++) {
    const attempted = await attemptOnce(send, request)
    const decision = decideRetry(actedOn(request), attempted)
    if (decision === 'done' && attempted.response) return attempted.response
    const reason =
      attempted.error?.message ?? `HTTP ${attempted.response?.status}`
    if (decision === 'lost') throw new LostAnswerError(reason)
    if (decision === 'fail' && attempted.error)
      throw noAnswer(request, attempted.error, attempt)
    if (attempt >= policy.maxAttempts) {
      if (attempted.error) throw noAnswer(request, attempted.error, attempt)
      return attempted.response
    }
    const delay =
      retryAfterMs(attempted.response?.headers['retry-after'], policy.now()) ??
      backoffMs(attempt, policy.random)
    policy.log(
      `${what}: ${reason}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${policy.maxAttempts})`
    )
    await policy.sleep(delay)
  }
}

/**
 * The method the server acts on: a POST carrying X-HTTP-Method-Override
 * (how Octopus's own client gets a DELETE past proxies) is that method.
 */
function actedOn(request: HttpRequest): HttpRequest['method'] {
  const override = request.headers['X-HTTP-Method-Override']
  return request.method === 'POST' && override === 'DELETE'
    ? 'DELETE'
    : request.method
}

/** Sends once; a transport failure is an outcome, anything else (a bug) is thrown. */
async function attemptOnce(
  send: (request: HttpRequest) => Promise<HttpResponse>,
  request: HttpRequest
): Promise<Attempt> {
  try {
    return { response: await send(request) }
  } catch (error) {
    if (error instanceof TransportError) return { error }
    throw error
  }
}

/** The last failure, said of the whole exchange: which server, after how many tries. */
function noAnswer(
  request: HttpRequest,
  last: TransportError,
  attempts: number
): TransportError {
  const origin = new URL(request.url).origin
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`
  const said =
    last.kind === 'proxy'
      ? `${origin} was not reached: ${last.message}.`
      : `${origin} gave no answer (${last.message}) after ${tries}.`
  return new TransportError(last.kind, last.sent, said, last.timeoutSeconds)
}
