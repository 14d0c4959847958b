import { describe, expect, it } from '@jest/globals'
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { TransportError } from '../../src/errors.js'
import { createHttpTransport } from '../../src/http/transport.js'

describe('the transport after close', () => {
  it('refuses a request at once instead of opening a connection nobody closes', async () => {
    let connections = 0
    const server = http.createServer((_, res) => res.end('{}'))
    server.on('connection', () => connections++)
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as AddressInfo
    try {
      const transport = createHttpTransport('test', 5000)
      transport.close()
      const sending = transport.send({
        method: 'GET',
        url: `http://127.0.0.1:${port}/api`,
        headers: {}
      })
      await expect(sending).rejects.toBeInstanceOf(TransportError)
      expect(connections).toBe(0)
    } finally {
      server.close()
    }
  })
})
