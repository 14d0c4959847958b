// How the action holds its connections: an IPv6 literal as the server, one
// connection for the common flow, rotation's second connection opened early,
// a request whose time is up torn down, and a certificate failure said once.
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import net, { type AddressInfo } from 'node:net'
import tls from 'node:tls'
import { throwawayCertificate } from '../../tools/harness/certificate.js'
import type { Simulator } from '../../tools/simulator/index.js'
import { addKey, said, scenario, sent, simulator } from './fixture.js'

const certificate = throwawayCertificate()
afterAll(() => certificate.remove())
const servers: net.Server[] = []
afterEach(async () => {
  const closing = servers.splice(0).map((s) => new Promise((r) => s.close(r)))
  await Promise.all(closing)
})

/** https on `host` in front of the simulator (on the same host), with the throwaway certificate; returns its port. */
async function tlsInFront(sim: Simulator, host: string): Promise<number> {
  const server = tls.createServer(certificate, (client) => {
    const upstream = net.connect(sim.port, host)
    upstream.pipe(client).pipe(upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, host, r))
  return (server.address() as AddressInfo).port
}

describe('an IPv6 literal as the server', () => {
  it('works over http', async () => {
    const sim = await simulator({ host: '::1' })
    expect(sim.url).toMatch(/^http:\/\/\[::1\]:\d+$/)
    expect(await scenario(sim)).toMatchObject({
      exitCode: 0,
      log: [said.CREATING, said.CREATED()],
      requests: [...sent.FIND, sent.CREATE],
      keys: ['<key-1>']
    })
  })

  it('works over https', async () => {
    const sim = await simulator({ host: '::1' })
    const server = `https://[::1]:${await tlsInFront(sim, '::1')}`
    const env = { NODE_EXTRA_CA_CERTS: certificate.caFile }
    expect(await scenario(sim, { server }, { env })).toMatchObject({
      exitCode: 0,
      log: [said.CREATING, said.CREATED()],
      requests: [...sent.FIND, sent.CREATE],
      keys: ['<key-1>']
    })
  })
})

describe('connections', () => {
  it('the common flow makes its requests on two connections: the lookup goes beside who the credential is', async () => {
    const sim = await simulator()
    const seen = await scenario(sim)
    expect(seen.requests).toEqual([...sent.FIND, sent.CREATE])
    expect(seen.connections.map((c) => c.opened.answers)).toEqual([0, 0])
  })

  it('rotation opens its second connection while the lookup is in flight', async () => {
    const sim = await simulator()
    addKey(sim, 'older-1h', 'deploy', { hoursAgo: 1 })
    addKey(sim, 'older-2h', 'deploy', { hoursAgo: 2 })
    // A slow lookup, so that "in flight" cannot be mistaken.
    sim.inject({ path: '/api/users', fault: { kind: 'delay', ms: 300 } })
    const seen = await scenario(sim, { revoke_previous: 'true' })
    expect(seen.keys).toEqual(['<key-1>'])
    // Both open before the first answer; the two revocations need no third.
    expect(seen.connections.map((c) => c.opened.answers)).toEqual([0, 0])
  })

  it('tears down a request whose time is up before trying it again', async () => {
    const sim = await simulator()
    sim.inject({ path: '/api/users', fault: { kind: 'trickle' } })
    const seen = await scenario(sim, {
      timeout_seconds: '1',
      max_attempts: '2'
    })
    expect(seen).toMatchObject({
      exitCode: 0,
      log: [
        'GET /api/users: no answer in time; retrying in <backoff> s (attempt 2 of 2)',
        said.CREATING,
        said.CREATED()
      ],
      requests: [sent.ME, `${sent.LOOKUP} ×2`, sent.ADMIN_KEYS, sent.CREATE]
    })
    // The lookup's connection closed first, before its second attempt (the
    // 4th request) arrived, not when the process ended; by then who the
    // credential is and its keys had been answered.
    const closings = seen.connections
      .map((c) => c.closed)
      .sort((a, b) => (a?.requests ?? Infinity) - (b?.requests ?? Infinity))
    expect(closings[0]).toEqual({ requests: 3, answers: 2 })
  })

  it('an untrusted certificate is tried once, and the error says what to do', async () => {
    const sim = await simulator()
    const server = `https://localhost:${await tlsInFront(sim, '127.0.0.1')}`
    const seen = await scenario(sim, { server })
    expect(seen).toMatchObject({ exitCode: 1, requests: [] })
    expect(seen.log).toEqual([`Error: ${seen.error}`])
    expect(seen.error).toMatch(
      /^Failed to look up user "svc-deploy": https:\/\/localhost:<port> gave no answer \(TLS failed \(DEPTH_ZERO_SELF_SIGNED_CERT\)\) after 1 attempt\. If the server uses a private certificate authority, point NODE_EXTRA_CA_CERTS at its certificate\.$/
    )
  })
})
