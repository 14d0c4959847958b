import { HttpClient } from '@actions/http-client'
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import http from 'node:http'
import https from 'node:https'
import type { Duplex } from 'node:stream'

type Options = http.ClientRequestArgs
type Connect = (
  options: Options,
  callback?: (err: Error | null, socket: Duplex) => void
) => Duplex | null | undefined

/** The agents a run's requests go through, and how many connections to keep ready. */
export interface Connections {
  /** The agent for `url`: a keep-alive agent of our own, or the proxy's tunnel. */
  agentFor(url: URL): http.Agent
  /**
   * Keeps `count` connections to the server open from its first request on,
   * so a request sent beside another finds one ready instead of paying a
   * handshake. Not for proxied requests (the tunnel agent has no such hook).
   */
  preconnect(count: number): void
  close(): void
}

/**
 * Direct requests use keep-alive agents of our own, which can open a spare
 * connection ahead of need; proxied ones (https_proxy/no_proxy, as
 * `@actions/http-client` reads them) use its tunnel agent.
 */
export function createConnections(): Connections {
  const proxies = new HttpClient(undefined, [], { keepAlive: true })
  const spares = new SpareConnections()
  const agents = {
    'http:': spares.wrap(new http.Agent({ keepAlive: true })),
    'https:': spares.wrap(new https.Agent({ keepAlive: true }))
  }
  return {
    agentFor(url) {
      if (getProxyUrl(url) !== undefined) return proxies.getAgent(url.href)
      return url.protocol === 'https:' ? agents['https:'] : agents['http:']
    },
    preconnect: (count) => spares.want(count),
    close() {
      spares.close()
      agents['http:'].destroy()
      agents['https:'].destroy()
      proxies.dispose()
    }
  }
}

/**
 * Opens connections before they are needed. Hooked into an agent's
 * `createConnection` (documented as overridable), it learns from the first
 * real connection how to open more, opens spares until `wanted` are open,
 * and hands a spare out (handshake done or under way) when the agent next
 * needs a new connection.
 */
class SpareConnections {
  #wanted = 1
  #open = new Set<Duplex>()
  #spares: Duplex[] = []
  #last: { connect: Connect; options: Options } | undefined

  wrap<A extends http.Agent>(agent: A): A {
    const connect: Connect = agent.createConnection.bind(agent)
    agent.createConnection = (options: Options, callback) => {
      this.#last = { connect, options }
      const socket =
        this.#takeSpare() ?? this.#opened(connect(options, callback))
      this.#topUp()
      return socket
    }
    return agent
  }

  want(count: number): void {
    this.#wanted = count
    this.#topUp()
  }

  close(): void {
    for (const socket of this.#spares) socket.destroy()
    this.#spares = []
  }

  #takeSpare(): Duplex | undefined {
    let spare = this.#spares.shift()
    while (spare?.destroyed) spare = this.#spares.shift()
    spare?.off('error', ignore)
    return spare
  }

  #topUp(): void {
    const last = this.#last
    if (last === undefined) return
    while (this.#open.size < this.#wanted) {
      const spare = this.#opened(last.connect({ ...last.options }))
      if (spare === undefined) return
      // A spare that fails before use is dropped; a real request reports its own failure.
      spare.on('error', ignore)
      spare.once('close', () => {
        this.#spares = this.#spares.filter((s) => s !== spare)
      })
      this.#spares.push(spare)
    }
  }

  #opened(socket: Duplex | null | undefined): Duplex | undefined {
    if (!socket) return undefined
    this.#open.add(socket)
    socket.once('close', () => this.#open.delete(socket))
    return socket
  }
}

function ignore(): void {}
