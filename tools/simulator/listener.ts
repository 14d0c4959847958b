// The HTTP or HTTPS listener on a loopback address: it serves the requests,
// reports each connection, and on close destroys the sockets still open
// (hung and keep-alive ones would otherwise hold close() open).
import { createServer } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import type { RequestListener } from './handle-request.js'
import type { SimulatorOptions } from './types.js'

export interface Listener {
  port: number
  /** 'http://127.0.0.1:<port>'; https and '[::1]' as asked. */
  origin: string
  close(): Promise<void>
}

export interface ListenOptions {
  port: number
  host: string
  tls?: SimulatorOptions['tls']
  /** For https, once its handshake is done: that socket is the requests' one. */
  onConnection: (socket: Socket) => void
}

export async function listen(
  options: ListenOptions,
  onRequest: RequestListener
): Promise<Listener> {
  const { port, host, tls } = options
  const server = tls ? createTlsServer(tls, onRequest) : createServer(onRequest)
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on(tls ? 'secureConnection' : 'connection', options.onConnection)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port, host }, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const actualPort = (server.address() as AddressInfo).port
  const shownHost = host.includes(':') ? `[${host}]` : host
  return {
    port: actualPort,
    origin: `${tls ? 'https' : 'http'}://${shownHost}:${actualPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
