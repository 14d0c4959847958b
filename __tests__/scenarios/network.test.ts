// What the README tells users to set for the network between the runner and
// Octopus: http_proxy / https_proxy, and NODE_EXTRA_CA_CERTS for a private CA.
import { afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import net, { type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import tls from 'node:tls'
import { startConnectProxy } from '../../tools/harness/connect-proxy.js'
import type { Simulator } from '../../tools/simulator/index.js'
import { said, scenario, sent, simulator } from './fixture.js'

/** Starts `server` on 127.0.0.1, to be closed when the test ends. */
async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  afterTest.push(() => new Promise((r) => server.close(() => r())))
  return (server.address() as AddressInfo).port
}
const afterTest: (() => Promise<void>)[] = []
afterEach(() => Promise.all(afterTest.splice(0).map((close) => close())))

/** Pipes a client socket to the simulator and back. */
function toSimulator(sim: Simulator, client: net.Socket, then?: () => void) {
  const upstream = net.connect(sim.port, '127.0.0.1', then)
  upstream.pipe(client).pipe(upstream)
  upstream.on('error', () => client.destroy())
  client.on('error', () => upstream.destroy())
}

/** TLS in front of the simulator, with a certificate from a CA of its own; returns its port and the CA file. */
async function behindPrivateCa(
  sim: Simulator
): Promise<{ port: number; ca: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'octopus-ca-'))
  afterTest.push(() =>
    Promise.resolve(rmSync(dir, { recursive: true, force: true }))
  )
  const [ca, key] = [path.join(dir, 'ca.pem'), path.join(dir, 'key.pem')]
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2'],
      ...['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'],
      ...['-keyout', key, '-out', ca]
    ],
    { stdio: 'ignore' }
  )
  const server = tls.createServer(
    { key: readFileSync(key), cert: readFileSync(ca) },
    (socket) => toSimulator(sim, socket)
  )
  return { port: await listen(server), ca }
}

describe('the network', () => {
  it('reaches the server through http_proxy, warning that plain http is on', async () => {
    const sim = await simulator()
    const proxy = await startConnectProxy({
      kind: 'tunnel',
      to: { host: '127.0.0.1', port: sim.port }
    })
    afterTest.push(() => proxy.close())
    const seen = await scenario(
      sim,
      { server: 'http://octopus.test:8080', allow_insecure_http: 'true' },
      { env: { http_proxy: proxy.url } }
    )
    expect(seen).toMatchObject({
      exitCode: 0,
      log: [
        'Warning: allow_insecure_http is on: the credential and the new key travel unencrypted to octopus.test:8080.',
        said.CREATING,
        said.CREATED()
      ],
      requests: [...sent.FIND, sent.CREATE],
      keys: ['<key-1>']
    })
    // The lookup, and beside it who the credential is.
    expect(proxy.tunnels).toEqual(['octopus.test:8080', 'octopus.test:8080'])
  })

  it('trusts a private CA that NODE_EXTRA_CA_CERTS names', async () => {
    const sim = await simulator()
    const { port, ca } = await behindPrivateCa(sim)
    const server = `https://localhost:${port}`
    const env = { NODE_EXTRA_CA_CERTS: ca }
    expect(await scenario(sim, { server }, { env })).toMatchObject({
      exitCode: 0,
      requests: [...sent.FIND, sent.CREATE],
      keys: ['<key-1>']
    })
  })

  it('points at NODE_EXTRA_CA_CERTS when the certificate is not trusted', async () => {
    const sim = await simulator()
    const { port } = await behindPrivateCa(sim)
    const server = `https://localhost:${port}`
    expect(await scenario(sim, { server, max_attempts: '1' })).toMatchObject({
      exitCode: 1,
      error:
        'Failed to look up user "svc-deploy": https://localhost:<port> gave no answer (TLS failed (DEPTH_ZERO_SELF_SIGNED_CERT)) after 1 attempt. If the server uses a private certificate authority, point NODE_EXTRA_CA_CERTS at its certificate.',
      requests: []
    })
  })
})
