import http from 'node:http'
import https from 'node:https'
import type { Duplex } from 'node:stream'
import type { TLSSocket } from 'node:tls'
import {
  authority,
  openTunnel,
  proxyFor,
  type Closable,
  type Proxy
} from './proxy.js'
import { noteCertificate } from './tls.js'

/** What an agent passes to createConnection: the request's options, and TLS's for https. */
type Options = http.ClientRequestArgs & {
  servername?: string
  socket?: Duplex
}
type Callback = (err: Error | null, socket?: Duplex) => void
/** Opens one connection to the server that `options` name. */
type Open = (options: Options) => Promise<Duplex>

/** The agents a run's requests go through, and how many connections to keep ready. */
export interface Connections {
  /** The keep-alive agent for `url`: direct, or through its proxy's tunnels. */
  agentFor(url: URL): http.Agent
  /**
   * Keeps `count` connections to the server open from its first request on,
   * so a request sent beside another finds one ready (handshake done or under
   * way, tunnel included) instead of paying for it after the first answer.
   */
  preconnect(count: number): void
  /** Ends every connection and pending tunnel, so the process can exit. */
  close(): void
}

/**
 * Every request goes through a keep-alive agent of our own, one per scheme
 * and route. An agent opens its connections directly, or through a CONNECT
 * tunnel of the proxy that `proxyFor` names (its answer bounded by
 * `timeoutMs`), with TLS on top for https. So tunnels are kept alive and
 * reused like direct connections, and spares are opened the same way.
 */
export function createConnections(timeoutMs: number): Connections {
  const live = new Set<Closable>()
  const track = (item: Closable) => {
    live.add(item)
    item.once('close', () => live.delete(item))
  }
  const spares = new SpareConnections()
  const agents = new Map<string, http.Agent>()
  return {
    agentFor(url) {
      const proxy = proxyFor(url)
      const route = `${url.protocol} ${proxy?.url.origin ?? 'direct'}`
      const agent =
        agents.get(route) ??
        routedAgent(url.protocol === 'https:', {
          name: route,
          proxy,
          timeoutMs,
          track,
          spares
        })
      agents.set(route, agent)
      return agent
    },
    preconnect: (count) => spares.want(count),
    close() {
      spares.close()
      for (const agent of agents.values()) agent.destroy()
      for (const item of live) item.destroy()
    }
  }
}

interface Route {
  /** `https: direct`, `https: http://proxy.corp:3128`. */
  name: string
  proxy: Proxy | undefined
  timeoutMs: number
  track: (item: Closable) => void
  spares: SpareConnections
}

/**
 * A keep-alive agent whose new connections come from the spares or are
 * opened along `route`: node's own connect for the scheme (TLS with its
 * session cache for https), on a tunnel when there is a proxy.
 */
function routedAgent(
  secure: boolean,
  { name, proxy, timeoutMs, track, spares }: Route
): http.Agent {
  const agent = secure
    ? new https.Agent({ keepAlive: true })
    : new http.Agent({ keepAlive: true })
  const own = agent.createConnection.bind(agent) as (o: Options) => Duplex
  const connect = (options: Options): Duplex => {
    const socket = own(options)
    track(socket)
    if (secure) noteCertificate(socket as TLSSocket)
    return socket
  }
  const open: Open = async (options) => {
    if (proxy === undefined) return connect(options)
    const target = authority(String(options.host), Number(options.port))
    const tunnel = await openTunnel(proxy, target, timeoutMs, track)
    // Its errors reach whoever uses it; this keeps a late one from crashing the run.
    tunnel.on('error', () => undefined)
    return secure ? connect({ ...options, socket: tunnel }) : tunnel
  }
  agent.createConnection = (options: Options, callback: Callback) => {
    spares.take(`${name} ${keyOf(options)}`, options, open).then(
      (socket) => callback(null, socket),
      (error: Error) => callback(error)
    )
    return undefined
  }
  return agent
}

/** One connection opened (or opening) to the server, and how it went. */
interface Opening {
  key: string
  socket: Promise<Duplex>
  settled?: Duplex | 'failed'
}

/**
 * Opens connections before they are needed. It learns from the first real
 * connection how to open more, opens spares until `wanted` are open or
 * opening, and hands a spare (handshake or tunnel done or under way) to the
 * next request that needs a new connection to the same place.
 */
class SpareConnections {
  #wanted = 1
  #open = 0
  #spares: Opening[] = []
  #last: { key: string; options: Options; open: Open } | undefined

  /** A spare for `key` (route and server), else a connection opened by `open`; then tops up. */
  take(key: string, options: Options, open: Open): Promise<Duplex> {
    this.#last = { key, options, open }
    const at = this.#spares.findIndex(
      (s) => s.key === key && s.settled !== 'failed' && !isDone(s.settled)
    )
    const socket =
      at >= 0
        ? this.#spares.splice(at, 1)[0].socket
        : this.#opened(key, open(options)).socket
    this.#topUp()
    return socket
  }

  want(count: number): void {
    this.#wanted = count
    this.#topUp()
  }

  /** Opens no more; open ones are closed with everything else. */
  close(): void {
    this.#wanted = 0
    this.#spares = []
  }

  #topUp(): void {
    const last = this.#last
    if (last === undefined) return
    while (this.#open < this.#wanted) {
      const spare = this.#opened(last.key, last.open({ ...last.options }))
      this.#spares.push(spare)
      // A spare that fails is dropped; a request reports its own failure.
      spare.socket.catch(() => undefined)
    }
  }

  #opened(key: string, socket: Promise<Duplex>): Opening {
    const opening: Opening = { key, socket }
    this.#open++
    const gone = () => {
      this.#open--
      this.#spares = this.#spares.filter((s) => s !== opening)
    }
    socket.then(
      (s) => {
        opening.settled = s
        if (s.destroyed) gone()
        else s.once('close', gone)
      },
      () => {
        opening.settled = 'failed'
        gone()
      }
    )
    return opening
  }
}

function isDone(settled: Opening['settled']): boolean {
  return typeof settled === 'object' && settled.destroyed
}

function keyOf(options: Options): string {
  return `${options.host}:${options.port}:${options.servername ?? ''}`
}
