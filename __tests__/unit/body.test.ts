// The body reader's memory, however the answer is cut up: a valid answer of
// about 4 MiB (under the cap) sent by a local server in 1-byte HTTP chunks
// arrives as millions of 1-byte buffers. What the reader holds when the last
// byte is in is measured in this process: heap and array buffers after a
// full garbage collection, against the same before the request. The bound is
// 3x the body: the reader's buffer doubles as it fills (at most 2x the
// body), and the rest of the process (parser, socket) adds a little; a
// buffer kept per chunk costs about a hundred times the body.
import { afterAll, describe, expect, it } from '@jest/globals'
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'
import v8 from 'node:v8'
import vm from 'node:vm'
import { MAX_BODY_BYTES, readBody } from '../../src/http/body.js'

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

/** `body` as a chunked HTTP answer whose every chunk is one byte. */
function inOneByteChunks(body: Buffer): Buffer {
  const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'
  const wire = Buffer.alloc(head.length + body.length * 6 + 5)
  let at = wire.write(head)
  for (const byte of body) {
    at += wire.write('1\r\n', at)
    wire[at++] = byte
    at += wire.write('\r\n', at)
  }
  wire.write('0\r\n\r\n', at)
  return wire
}

const body = Buffer.from(
  JSON.stringify({ Items: [], Padding: 'x'.repeat(MAX_BODY_BYTES - 1024) })
)
// Made before anything is measured, so that only the reader's memory counts.
const answer = inOneByteChunks(body)
const server = net.createServer((socket) => {
  socket.once('data', () => socket.end(answer))
})
afterAll(() => new Promise((r) => server.close(r)))

/** Heap and array buffers still in use after a full collection. */
function held(): number {
  gc()
  const { heapUsed, arrayBuffers } = process.memoryUsage()
  return heapUsed + arrayBuffers
}

describe('the body reader', () => {
  it('keeps memory near the body’s size when the answer comes in 1-byte chunks', async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const { port } = server.address() as AddressInfo
    const before = held()
    let chunks = 0
    let atEnd = 0
    const res = await new Promise<http.IncomingMessage>((resolve) =>
      http.get({ host: '127.0.0.1', port, agent: false }, resolve)
    )
    res.on('data', () => chunks++)
    // Runs before the reader's own 'end' listener: it holds every byte now.
    res.prependListener('end', () => (atEnd = held() - before))
    const read = await readBody(res)
    expect(read.text).toBe(body.toString('utf8'))
    expect(chunks).toBe(body.length)
    expect(atEnd).toBeLessThan(3 * body.length)
  })
})
