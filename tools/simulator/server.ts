// The loopback HTTP(S) server: request recording, latency, fault injection,
// authentication and dispatch to the handlers. Binds to loopback only.
import { randomUUID } from 'node:crypto'
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse
} from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { isApiKeyParam, presentedCredential } from './auth.js'
import {
  genericErrorBody,
  INVALID_ACCESS_TOKEN,
  INVALID_API_KEY,
  NOT_LOGGED_IN,
  OctopusError,
  routeNotFound,
  unauthorized
} from './errors.js'
import { defaultExpires, type ExpiryPolicy } from './expiry.js'
import {
  editJson,
  FaultQueue,
  paddedJson,
  proxyHtmlPage,
  truncateJson
} from './faults.js'
import type { ApiResult, Caller, ServerConfig } from './handlers.js'
import { matchRoute } from './router.js'
import { defaultSeed } from './seed.js'
import { SimulatorState, toApiKeyRecord } from './state.js'
import type {
  ConnectionRecord,
  Fault,
  Progress,
  RequestRecord,
  SeedCredential,
  Simulator,
  SimulatorOptions
} from './types.js'
import { featuresOf } from './version.js'

export const DEFAULT_VERSION = '2026.3.1000'
const HOSTS = ['127.0.0.1', '::1']
const JSON_TYPE = 'application/json; charset=utf-8'
const MAX_BODY_BYTES = 1024 * 1024

/** '/octopus/' -> '/octopus', '' or '/' -> ''. */
export function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').trim().replace(/\/+$/, '')
  if (trimmed === '') return ''
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}

function nonNegative(
  name: string,
  value: number | undefined,
  fallback: number
) {
  const v = value ?? fallback
  if (!Number.isFinite(v) || v < 0) {
    throw new Error(`${name} must be a finite number of 0 or more`)
  }
  return v
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(new BodyTooLarge())
      else resolve(Buffer.concat(chunks).toString('utf8'))
    })
    req.on('error', reject)
    // A client that goes away mid-body never sends 'end'.
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'))
    })
  })
}

/** Query as recorded: first value per name, any API key value redacted. */
function recordedQuery(query: URLSearchParams): Record<string, string> {
  const entries: Array<[string, string]> = []
  const seen = new Set<string>()
  for (const [name, value] of query) {
    if (seen.has(name)) continue
    seen.add(name)
    entries.push([name, isApiKeyParam(name) ? '[redacted]' : value])
  }
  return Object.fromEntries(entries)
}

/**
 * The .NET client sends DELETE and PUT as POST + override
 * (docs/octopus-api.md, X-HTTP-Method-Override).
 */
function effectiveMethod(req: IncomingMessage): string {
  const method = (req.method ?? 'GET').toUpperCase()
  const override = req.headers['x-http-method-override']
  const value = (Array.isArray(override) ? override[0] : override)?.trim()
  return method === 'POST' && value ? value.toUpperCase() : method
}

export async function startSimulator(
  options: SimulatorOptions = {}
): Promise<Simulator> {
  const version = options.version ?? DEFAULT_VERSION
  const expiry: ExpiryPolicy = {
    features: featuresOf(version),
    defaultExpiryDays: nonNegative(
      'defaultExpiryDays',
      options.defaultExpiryDays,
      180
    ),
    maxExpiryDays: nonNegative('maxExpiryDays', options.maxExpiryDays, 366),
    accessTokensCapKeys: options.accessTokensCapKeys ?? true
  }
  const config: ServerConfig = {
    prefix: normalizePrefix(options.pathPrefix),
    version,
    installationId: randomUUID(),
    expiry,
    userApiKeysEnabled: options.userApiKeysEnabled ?? true
  }
  const latencyMs = nonNegative('latencyMs', options.latencyMs, 0)
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port ${port}`)
  }

  const state = new SimulatorState()
  seedState(state, options)
  const faults = new FaultQueue()
  const host = options.host ?? '127.0.0.1'
  if (!HOSTS.includes(host))
    throw new Error(`host must be one of ${HOSTS.join(', ')}`)
  const refused = new Map(
    Object.entries(options.refusedMethods ?? {}).map(([m, status]) => [
      m.toUpperCase(),
      status
    ])
  )
  const requests: RequestRecord[] = []
  const connections: ConnectionRecord[] = []
  const connectionOf = new WeakMap<object, ConnectionRecord>()
  let answers = 0
  const progress = (): Progress => ({ requests: requests.length, answers })
  const sockets = new Set<Socket>()
  const pendingPauses = new Set<() => void>()
  let closed = false

  /** Resolves true after `ms`, or false at once if the simulator closes. */
  function pause(ms: number): Promise<boolean> {
    if (closed) return Promise.resolve(false)
    if (ms <= 0) return Promise.resolve(true)
    return new Promise((resolve) => {
      const finish = (alive: boolean) => {
        clearTimeout(timer)
        pendingPauses.delete(cancel)
        resolve(alive)
      }
      const cancel = () => finish(false)
      const timer = setTimeout(() => finish(true), ms)
      pendingPauses.add(cancel)
    })
  }

  function authenticate(req: IncomingMessage, query: URLSearchParams): Caller {
    const presented = presentedCredential(req.headers, query)
    if (!presented) throw unauthorized(NOT_LOGGED_IN)
    const outcome = state.authenticate(
      presented.kind,
      presented.value,
      new Date()
    )
    if (!outcome.ok) {
      throw unauthorized(
        presented.kind === 'bearer' ? INVALID_ACCESS_TOKEN : INVALID_API_KEY
      )
    }
    return { user: outcome.user, credential: outcome.credential }
  }

  interface Incoming {
    req: IncomingMessage
    method: string
    /** Path without the prefix, or undefined when outside the prefix. */
    path: string | undefined
    rawPath: string
    query: URLSearchParams
    body: string
  }

  /** Runs the request against the state; never throws. */
  function execute(inc: Incoming): ApiResult {
    try {
      if (inc.path === undefined) throw routeNotFound(inc.rawPath)
      const route = matchRoute(inc.method, inc.path)
      return route.handler({
        state,
        config,
        caller: route.anonymous ? undefined : authenticate(inc.req, inc.query),
        params: route.params,
        query: inc.query,
        body: inc.body,
        now: new Date()
      })
    } catch (e) {
      if (e instanceof OctopusError) return { status: e.status, body: e.body }
      return {
        status: 500,
        body: {
          ErrorMessage:
            'An unexpected error occurred in the Octopus simulator.',
          FullException: e instanceof Error ? e.message : String(e)
        }
      }
    }
  }

  function send(
    res: ServerResponse,
    record: RequestRecord,
    status: number,
    headers: OutgoingHttpHeaders,
    body: string
  ): void {
    // The client may have gone away (e.g. it timed out during a delay).
    if (!res.socket || res.socket.destroyed || res.headersSent) return
    res.writeHead(status, {
      ...headers,
      'Content-Length': Buffer.byteLength(body)
    })
    res.end(body)
    record.status = status
  }

  function sendJson(
    res: ServerResponse,
    record: RequestRecord,
    result: ApiResult
  ): void {
    send(
      res,
      record,
      result.status,
      { 'Content-Type': JSON_TYPE },
      JSON.stringify(result.body)
    )
  }

  function applyFault(
    fault: Fault,
    inc: Incoming,
    res: ServerResponse,
    record: RequestRecord
  ): Promise<void> | void {
    switch (fault.kind) {
      case 'status': {
        const body =
          fault.body ?? JSON.stringify(genericErrorBody(fault.status))
        const type = looksLikeJson(body)
          ? JSON_TYPE
          : 'text/plain; charset=utf-8'
        send(
          res,
          record,
          fault.status,
          { 'Content-Type': type, ...fault.headers },
          body
        )
        return
      }
      case 'html':
        send(
          res,
          record,
          fault.status,
          { 'Content-Type': 'text/html' },
          proxyHtmlPage(fault.status)
        )
        return
      case 'malformed-json': {
        const json = JSON.stringify(execute(inc).body)
        send(
          res,
          record,
          fault.status ?? 200,
          { 'Content-Type': JSON_TYPE },
          truncateJson(json)
        )
        return
      }
      case 'delay':
        return pause(fault.ms).then((alive) => {
          if (alive) sendJson(res, record, execute(inc))
        })
      case 'hang':
        // Nothing is sent; close() destroys the socket.
        return
      case 'drop':
        inc.req.socket.destroy()
        return
      case 'process-then-drop':
        execute(inc)
        inc.req.socket.destroy()
        return
      case 'process-then-status': {
        execute(inc)
        if (fault.html) {
          send(
            res,
            record,
            fault.status,
            { 'Content-Type': 'text/html' },
            proxyHtmlPage(fault.status)
          )
        } else {
          sendJson(res, record, {
            status: fault.status,
            body: genericErrorBody(fault.status)
          })
        }
        return
      }
      case 'redirect':
        send(res, record, fault.status ?? 302, { Location: fault.location }, '')
        return
      case 'edit-json': {
        const result = execute(inc)
        const body = editJson(result.body, fault)
        sendJson(res, record, { ...result, body })
        return
      }
      case 'interleave':
        fault.run()
        sendJson(res, record, execute(inc))
        return
      case 'ignore-skip': {
        const query = new URLSearchParams(inc.query)
        query.delete('skip')
        sendJson(res, record, execute({ ...inc, query }))
        return
      }
      case 'trickle':
        trickle(res, record, fault.everyMs ?? 100)
        return
      case 'oversized': {
        const result = execute(inc)
        const body = paddedJson(result.body, fault.bytes ?? 5 * 1024 * 1024)
        if (!fault.chunked) {
          send(res, record, result.status, { 'Content-Type': JSON_TYPE }, body)
          return
        }
        res.writeHead(result.status, { 'Content-Type': JSON_TYPE })
        record.status = result.status
        res.end(body)
        return
      }
    }
  }

  /** A 200 whose body never ends: a byte every `everyMs` until the client or close() stops it. */
  function trickle(
    res: ServerResponse,
    record: RequestRecord,
    everyMs: number
  ) {
    res.writeHead(200, { 'Content-Type': JSON_TYPE })
    record.status = 200
    const timer = setInterval(() => res.write(' '), everyMs)
    const stop = () => {
      clearInterval(timer)
      pendingPauses.delete(stop)
      res.destroy()
    }
    pendingPauses.add(stop)
    res.on('close', stop)
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const rawUrl = req.url ?? '/'
    const q = rawUrl.indexOf('?')
    const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q)
    const query = new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1))
    const path = stripPrefix(config.prefix, rawPath)
    const method = effectiveMethod(req)
    const wire = (req.method ?? 'GET').toUpperCase()
    const record: RequestRecord = {
      method,
      ...(wire !== method && { sentAs: wire }),
      connection: connectionOf.get(req.socket)?.id ?? 0,
      path: path ?? rawPath,
      query: recordedQuery(query),
      status: 0,
      auth: presentedCredential(req.headers, query)?.kind ?? 'none',
      started: Date.now(),
      answersBefore: answers
    }
    requests.push(record)
    stampDate(res, options.dateHeader)
    res.on('finish', () => answers++)

    let body: string
    try {
      body = await readBody(req)
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        send(
          res,
          record,
          413,
          { 'Content-Type': JSON_TYPE, Connection: 'close' },
          JSON.stringify({ ErrorMessage: 'The request body is too large.' })
        )
      }
      return
    }
    if (!(await pause(latencyMs))) return

    const refusal = refused.get(wire)
    if (refusal !== undefined) {
      const page = proxyHtmlPage(refusal)
      send(res, record, refusal, { 'Content-Type': 'text/html' }, page)
      return
    }
    const inc: Incoming = { req, method, path, rawPath, query, body }
    const fault = faults.take(method, record.path)
    if (fault) await applyFault(fault, inc, res, record)
    else sendJson(res, record, execute(inc))
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      // handle() does not throw by design; never let a bug kill the process.
      res.destroy()
    })
  }
  const server = options.tls
    ? createTlsServer(options.tls, onRequest)
    : createServer(onRequest)
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  // For https, a connection counts once its handshake is done: that socket is the requests' one.
  server.on(
    options.tls ? 'secureConnection' : 'connection',
    (socket: Socket) => {
      const record: ConnectionRecord = {
        id: connections.length + 1,
        opened: progress()
      }
      connections.push(record)
      connectionOf.set(socket, record)
      socket.on('close', () => (record.closed = progress()))
    }
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port, host }, () => {
      server.off('error', reject)
      resolve()
    })
  })

  const actualPort = (server.address() as AddressInfo).port
  const scheme = options.tls ? 'https' : 'http'
  const origin = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${actualPort}`
  let closing: Promise<void> | undefined

  return {
    url: `${origin}${config.prefix}`,
    port: actualPort,
    origin,
    requests,
    connections,
    inject: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    resetRequests: () => {
      // Same array, so references held by callers stay live.
      requests.length = 0
      connections.length = 0
    },
    addUser: (user) => state.addUser(user).id,
    addCredential: (cred) => state.addCredential(cred),
    keysOf: (userId, opts) =>
      state.keysOf(userId, opts?.includeRevoked ?? false).map(toApiKeyRecord),
    liveKeyCount: (userId) => state.liveKeyCount(userId),
    createKeyDirectly: (userId, purpose, opts) => {
      const created = opts?.created ?? new Date()
      const expires =
        opts?.expires !== undefined
          ? opts.expires
          : defaultExpires(expiry, created, false)
      const { key, apiKey } = state.createKey(userId, purpose, created, expires)
      return { id: key.id, apiKey }
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        closed = true
        for (const cancel of [...pendingPauses]) cancel()
        // Hung and keep-alive sockets would otherwise hold close() open.
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
      return closing
    }
  }
}

/** The `Date` header as `dateHeader` asks: skewed, left out, or Node's own. */
function stampDate(
  res: ServerResponse,
  dateHeader: SimulatorOptions['dateHeader']
): void {
  if (dateHeader === undefined) return
  res.sendDate = false
  if (dateHeader !== 'none')
    res.setHeader(
      'Date',
      new Date(Date.now() + dateHeader.skewMs).toUTCString()
    )
}

function stripPrefix(prefix: string, rawPath: string): string | undefined {
  if (prefix === '') return rawPath
  const lower = rawPath.toLowerCase()
  const p = prefix.toLowerCase()
  if (lower === p) return '/'
  return lower.startsWith(`${p}/`) ? rawPath.slice(prefix.length) : undefined
}

function looksLikeJson(body: string): boolean {
  try {
    JSON.parse(body)
    return true
  } catch {
    return false
  }
}

/**
 * Users from the options (default seed otherwise). Without explicit
 * credentials, the default seed's credentials are kept for those of its users
 * that are present unchanged (same id and username).
 */
function seedState(state: SimulatorState, options: SimulatorOptions): void {
  const defaults = defaultSeed()
  for (const user of options.users ?? defaults.users) state.addUser(user)
  const credentials: SeedCredential[] =
    options.credentials ??
    defaults.credentials.filter((cred) => {
      const present = state.getUser(cred.userId)
      const original = defaults.users.find((u) => u.id === cred.userId)
      return present && original && present.username === original.username
    })
  for (const cred of credentials) state.addCredential(cred)
}
