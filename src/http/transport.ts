import { HttpClient } from '@actions/http-client'
import { TransportError } from '../errors.js'

/** One HTTP request as the Octopus client builds it. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE'
  url: string
  headers: Record<string, string>
  body?: string
}

/** One HTTP answer, whatever its status: deciding what a status means is not the transport's job. */
export interface HttpResponse {
  status: number
  headers: Record<string, string | undefined>
  body: string
}

/** Sends one request, once; throws `TransportError` when no answer comes. Retries live in `retry.ts`. */
export interface Transport {
  send(request: HttpRequest): Promise<HttpResponse>
  close(): void
}

/**
 * The real transport, on `@actions/http-client` (which honours
 * https_proxy/no_proxy; NODE_EXTRA_CA_CERTS works as for any Node process).
 * Redirects are never followed: the client would carry the credential header
 * to whatever host the Location names. Its own retries are off: they never
 * cover POST or network errors, so the policy is ours.
 */
export function createHttpTransport(
  userAgent: string,
  timeoutMs: number
): Transport {
  const client = new HttpClient(userAgent, [], {
    allowRedirects: false,
    allowRetries: false,
    keepAlive: true,
    socketTimeout: timeoutMs
  })
  const timedOut = () =>
    new TransportError('timeout', true, 'no answer in time', timeoutMs / 1000)
  return {
    async send(request) {
      // socketTimeout covers an idle socket; the deadline also covers a body
      // that trickles forever.
      const exchange = exchangeOnce(client, request)
      try {
        return await withDeadline(exchange, timeoutMs, timedOut)
      } catch (error) {
        exchange.catch(() => undefined)
        throw toTransportError(error, timedOut)
      }
    },
    close() {
      client.dispose()
    }
  }
}

/** One request and its whole answer. */
async function exchangeOnce(
  client: HttpClient,
  request: HttpRequest
): Promise<HttpResponse> {
  const res = await client.request(
    request.method,
    request.url,
    request.body ?? null,
    request.headers
  )
  const body = await res.readBody()
  const headers: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(res.message.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return { status: res.message.statusCode ?? 0, headers, body }
}

/** `work`, or the error `late` makes once `ms` have passed. */
async function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  late: () => Error
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), ms)
  })
  try {
    return await Promise.race([work, deadline])
  } finally {
    clearTimeout(timer)
  }
}

/** What the network said, as a `TransportError` the retry policy can judge. */
function toTransportError(
  error: unknown,
  timedOut: () => TransportError
): TransportError {
  if (error instanceof TransportError) return error
  const err = error as NodeJS.ErrnoException
  const code = err?.code ?? ''
  const message = err?.message ?? String(error)
  if (code === 'ECONNREFUSED')
    return new TransportError('refused', false, 'connection refused')
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new TransportError('dns', false, `host name not found (${code})`)
  if (/^Request timeout/.test(message) || code === 'ETIMEDOUT')
    return timedOut()
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /socket hang up/i.test(message)
  )
    return new TransportError('dropped', true, 'the connection was dropped')
  if (/certificate|SSL|TLS/i.test(`${code} ${message}`))
    return new TransportError('tls', false, `TLS failed (${code || message})`)
  return new TransportError('other', true, code || 'request failed')
}
