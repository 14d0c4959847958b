// The modelled link: a TCP proxy on 127.0.0.1 that holds every chunk for
// half a round trip in each direction, so a TLS handshake and every request
// cost what they cost on a real network. Chunks are held for the same time,
// so they keep their order.
import net, { type AddressInfo } from 'node:net'

export interface LinkProxy {
  port: number
  close(): Promise<void>
}

/** A proxy to `target` on 127.0.0.1 with `rttMs` of round trip. */
export async function startLinkProxy(
  target: { host: string; port: number },
  rttMs: number
): Promise<LinkProxy> {
  const half = rttMs / 2
  const sockets = new Set<net.Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const later = (action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      action()
    }, half)
    timers.add(timer)
  }
  const track = (socket: net.Socket) => {
    sockets.add(socket)
    socket.setNoDelay(true)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  /** Everything `from` sends reaches `to` half a round trip later, and so does its end. */
  const carry = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk: Buffer) => later(() => to.write(chunk)))
    // After what was written (an abrupt close ends politely: nothing is lost).
    from.on('close', () => later(() => to.end()))
  }
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host)
    track(client)
    track(upstream)
    carry(client, upstream)
    carry(upstream, client)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
