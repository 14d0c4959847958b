import http from 'node:http'
import https from 'node:https'
import { readBody } from './body.js'
import { createConnections } from './connections.js'
import { TransportError } from '../errors.js'
import { tlsFailure } from './tls.js'

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
  /** Set when the body was over the limit and left unread (`body` is then empty): its size, as far as known. */
  tooLarge?: { bytes: number; declared: boolean }
}

/** Sends one request, once; throws `TransportError` when no answer comes. Retries live in `retry.ts`. */
export interface Transport {
  send(request: HttpRequest): Promise<HttpResponse>
  /** Keeps `count` connections to the server open from the first request on (see `Connections`). */
  preconnect(count: number): void
  close(): void
}

/**
 * The real transport: node's own `request()` over keep-alive connections of
 * our own, direct or through the proxy that https_proxy/no_proxy name (see
 * `connections.ts`); NODE_EXTRA_CA_CERTS works as for any Node process.
 * Redirects are never followed: the credential header would travel to
 * whatever host the Location names. Each exchange, body included, has
 * `timeoutMs`; when that passes, the request and its connection are torn
 * down. A proxy's tunnel must open within `timeoutMs` too.
 */
export function createHttpTransport(
  userAgent: string,
  timeoutMs: number
): Transport {
  const connections = createConnections(timeoutMs)
  let closed = false
  return {
    send: async (request) => {
      // A request after close would open a connection nobody closes.
      if (closed)
        throw new TransportError('other', false, 'the transport is closed')
      return exchange(request, {
        agent: connections.agentFor(new URL(request.url)),
        userAgent,
        timeoutMs
      })
    },
    preconnect: (count) => connections.preconnect(count),
    close: () => {
      closed = true
      connections.close()
    }
  }
}

interface ExchangeOptions {
  agent: http.Agent
  userAgent: string
  timeoutMs: number
}

/** One request and its whole answer, or a `TransportError`. */
function exchange(
  request: HttpRequest,
  { agent, userAgent, timeoutMs }: ExchangeOptions
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url)
    const req = (url.protocol === 'https:' ? https : http).request(
      requestOptions(url, request, agent, userAgent)
    )
    let done = false
    const settle = (outcome: () => void) => {
      if (done) return
      done = true
      clearTimeout(deadline)
      outcome()
    }
    const deadline = setTimeout(() => {
      settle(() => reject(timedOut(timeoutMs)))
      req.destroy()
    }, timeoutMs)
    req.on('error', (error) =>
      settle(() => reject(toTransportError(error, timeoutMs)))
    )
    req.on('response', (res) => {
      readBody(res).then(
        (body) => settle(() => resolve(answer(res, body))),
        (error: unknown) =>
          settle(() => reject(toTransportError(error, timeoutMs)))
      )
    })
    req.end(request.body)
  })
}

function requestOptions(
  url: URL,
  request: HttpRequest,
  agent: http.Agent,
  userAgent: string
): http.RequestOptions {
  return {
    agent,
    method: request.method,
    // An IPv6 literal is bracketed in a URL, never in a socket address.
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port,
    path: url.pathname + url.search,
    headers: {
      ...request.headers,
      'User-Agent': userAgent,
      ...(request.body !== undefined && {
        'Content-Length': String(Buffer.byteLength(request.body))
      })
    }
  }
}

function answer(
  res: http.IncomingMessage,
  body: Awaited<ReturnType<typeof readBody>>
): HttpResponse {
  const headers: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(res.headers))
    headers[name] = Array.isArray(value) ? value.join(', ') : value
  const status = res.statusCode ?? 0
  return body.tooLarge
    ? { status, headers, body: '', tooLarge: body.tooLarge }
    : { status, headers, body: body.text }
}

function timedOut(timeoutMs: number): TransportError {
  return new TransportError(
    'timeout',
    true,
    'no answer in time',
    timeoutMs / 1000
  )
}

/** What the network said, as a `TransportError` the retry policy can judge. */
export function toTransportError(
  error: unknown,
  timeoutMs: number
): TransportError {
  if (error instanceof TransportError) return error
  const err = error as NodeJS.ErrnoException
  const code = err?.code ?? ''
  const message = err?.message ?? String(error)
  if (code === 'ECONNREFUSED')
    return new TransportError('refused', false, 'connection refused')
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new TransportError('dns', false, `host name not found (${code})`)
  if (code === 'ETIMEDOUT') return timedOut(timeoutMs)
  if (
    ['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE'].includes(code) ||
    /socket hang up|aborted/i.test(message)
  )
    return new TransportError('dropped', true, 'the connection was dropped')
  const tls = err instanceof Error ? tlsFailure(err) : undefined
  if (tls !== undefined) return tls
  return new TransportError('other', true, code || 'request failed')
}
