// A CONNECT proxy on 127.0.0.1 for tests and the bench: it sends every tunnel
// to one place on loopback whatever host was asked for (so a server name
// that is not loopback, which the action does not exempt from the proxy,
// still reaches the simulator), or refuses, or never answers. It records
// what it was asked.
import http from 'node:http'
import https from 'node:https'
import net, { type AddressInfo } from 'node:net'

/** What the proxy does with a CONNECT. */
export type ProxyBehaviour =
  | { kind: 'tunnel'; to: { host: string; port: number } }
  | { kind: 'refuse'; status: number; reason: string }
  /** Accepts the connection, reads the CONNECT, never answers. */
  | { kind: 'silent' }

export interface ConnectProxy {
  /** `http://127.0.0.1:<port>` (https with a certificate). */
  url: string
  port: number
  /** The `host:port` of every CONNECT, in order. */
  tunnels: string[]
  /** The Proxy-Authorization header of every CONNECT ('' when none). */
  authorizations: string[]
  close(): Promise<void>
}

/** A CONNECT proxy on 127.0.0.1; over https when given a certificate. */
export async function startConnectProxy(
  behaviour: ProxyBehaviour,
  tls?: { key: string; cert: string }
): Promise<ConnectProxy> {
  const tunnels: string[] = []
  const authorizations: string[] = []
  const sockets = new Set<net.Socket>()
  const refuse = (_: unknown, res: http.ServerResponse) =>
    res.writeHead(405).end()
  const server = tls
    ? https.createServer(tls, refuse)
    : http.createServer(refuse)
  server.on(tls ? 'secureConnection' : 'connection', (socket: net.Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
    tunnels.push(req.url ?? '')
    authorizations.push(req.headers['proxy-authorization'] ?? '')
    client.on('error', () => client.destroy())
    if (behaviour.kind === 'silent') return
    if (behaviour.kind === 'refuse') {
      const { status, reason } = behaviour
      client.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    const upstream = net.connect(behaviour.to.port, behaviour.to.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.pipe(client).pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
    client.on('close', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    tunnels,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
