// Proxies and private certificate authorities, through dist/index.js: the
// README tells users to set https_proxy / NODE_EXTRA_CA_CERTS; these prove it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import tls from 'node:tls'
import type { Simulator } from '../../tools/simulator/index.js'
import { adminInputs, errorOf, simulator, step } from './fixture.js'

const listen = async <T extends net.Server>(server: T): Promise<number> => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return (server.address() as AddressInfo).port
}
const close = (server: net.Server): Promise<unknown> =>
  new Promise((r) => server.close(r))

describe('through a proxy', () => {
  let sim: Simulator
  let proxy: http.Server
  let proxyPort: number
  const tunnels: string[] = []
  beforeAll(async () => {
    sim = await simulator()
    // A CONNECT proxy that sends every tunnel to the simulator, whatever host was asked for.
    proxy = http.createServer((_, res) => res.writeHead(405).end())
    proxy.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
      tunnels.push(req.url ?? '')
      const upstream = net.connect(sim.port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.pipe(client).pipe(upstream)
      })
      upstream.on('error', () => client.destroy())
      client.on('error', () => upstream.destroy())
    })
    proxyPort = await listen(proxy)
  })
  afterAll(async () => {
    await sim.close()
    await close(proxy)
  })

  it('reaches the server through http_proxy, and warns about plain http', async () => {
    const run = await step({
      inputs: adminInputs(sim, {
        server: 'http://octopus.test:8080',
        allow_insecure_http: 'true'
      }),
      env: { http_proxy: `http://127.0.0.1:${proxyPort}` }
    })
    expect(run.exitCode).toBe(0)
    expect(tunnels).toContain('octopus.test:8080')
    expect(
      run.lines.some((l) =>
        l.startsWith('::warning::allow_insecure_http is on')
      )
    ).toBe(true)
    expect(sim.keysOf('Users-3').map((k) => k.id)).toContain(
      run.outputs.api_key_id
    )
  })
})

describe('a server whose certificate comes from a private CA', () => {
  let sim: Simulator
  let terminator: tls.Server
  let port: number
  let caFile: string
  beforeAll(async () => {
    sim = await simulator()
    const dir = mkdtempSync(path.join(tmpdir(), 'octopus-ca-'))
    caFile = path.join(dir, 'cert.pem')
    const keyFile = path.join(dir, 'key.pem')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
        '-keyout',
        keyFile,
        '-out',
        caFile
      ],
      { stdio: 'ignore' }
    )
    // TLS in front of the simulator, as a reverse proxy would put it.
    terminator = tls.createServer(
      { key: readFileSync(keyFile), cert: readFileSync(caFile) },
      (socket) => {
        const upstream = net.connect(sim.port, '127.0.0.1')
        socket.pipe(upstream).pipe(socket)
        upstream.on('error', () => socket.destroy())
        socket.on('error', () => upstream.destroy())
      }
    )
    port = await listen(terminator)
  })
  afterAll(async () => {
    await sim.close()
    await close(terminator)
  })

  it('works once NODE_EXTRA_CA_CERTS names the CA', async () => {
    const run = await step({
      inputs: adminInputs(sim, { server: `https://localhost:${port}` }),
      env: { NODE_EXTRA_CA_CERTS: caFile }
    })
    expect(run.exitCode).toBe(0)
    expect(sim.keysOf('Users-3').map((k) => k.id)).toContain(
      run.outputs.api_key_id
    )
  })

  it('fails without it, pointing at NODE_EXTRA_CA_CERTS', async () => {
    const run = await step({
      inputs: adminInputs(sim, {
        server: `https://localhost:${port}`,
        max_attempts: '1'
      })
    })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain('NODE_EXTRA_CA_CERTS')
  })
})
