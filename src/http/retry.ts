import {
  TransportError,
  type HttpRequest,
  type HttpResponse
} from './transport.js'

/** What the retry loop needs from the outside world; tests pass fakes. */
export interface RetryPolicy {
  maxAttempts: number
  sleep: (ms: number) => Promise<void>
  random: () => number
  now: () => Date
  log: (message: string) => void
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

const BASE_DELAY_MS = 500
const MAX_DELAY_MS = 10_000
/** A server asking for more than this is treated as asking for this much. */
export const MAX_RETRY_AFTER_MS = 30_000

type Verdict = 'done' | 'retry' | 'lost'

/**
 * The one place that decides what is retried. Reads and deletes are
 * idempotent: retry on network errors, 429 and 5xx. A create is not: retry it
 * only when the server certainly did not process it (429, 503 with
 * Retry-After, a connection that was never made); when it may have been
 * processed, report the answer as lost.
 */
export function judge(
  method: HttpRequest['method'],
  response: HttpResponse | undefined,
  error: TransportError | undefined
): Verdict {
  if (method !== 'POST') {
    if (error) return 'retry'
    const status = response?.status ?? 0
    return status === 429 || status >= 500 ? 'retry' : 'done'
  }
  if (error) return error.sent ? 'lost' : 'retry'
  const status = response?.status ?? 0
  if (status === 429) return 'retry'
  if (status === 503 && response?.headers['retry-after'] !== undefined)
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

function describeFailure(
  response: HttpResponse | undefined,
  error: TransportError | undefined
): string {
  return error ? error.message : `HTTP ${response?.status}`
}

/**
 * Sends `request` up to `maxAttempts` times as `judge` allows. Returns the
 * last answer (whatever its status; mapping statuses to errors is the
 * client's job), throws the last `TransportError` when no answer came, or
 * `LostAnswerError` when a create may have been processed unseen.
 */
export async function sendWithRetry(
  send: (request: HttpRequest) => Promise<HttpResponse>,
  request: HttpRequest,
  what: string,
  policy: RetryPolicy
): Promise<HttpResponse> {
  for (let attempt = 1; ; attempt++) {
    let response: HttpResponse | undefined
    let error: TransportError | undefined
    try {
      response = await send(request)
    } catch (caught) {
      if (!(caught instanceof TransportError)) throw caught
      error = caught
    }
    const verdict = judge(request.method, response, error)
    if (verdict === 'done') return response as HttpResponse
    const reason = describeFailure(response, error)
    if (verdict === 'lost') throw new LostAnswerError(reason)
    if (attempt >= policy.maxAttempts) {
      if (error) throw error
      return response as HttpResponse
    }
    const delay =
      retryAfterMs(response?.headers['retry-after'], policy.now()) ??
      backoffMs(attempt, policy.random)
    policy.log(
      `${what}: ${reason}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${policy.maxAttempts})`
    )
    await policy.sleep(delay)
  }
}
