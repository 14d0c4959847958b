// Requests through a CONNECT proxy (https_proxy), on the same route as direct
// ones. Loopback names never use the proxy, so the server is
// https://octopus.test: the proxy on 127.0.0.1 sends every tunnel to the
// simulator whatever host was asked for (no name resolution, no privileges).
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import {
  throwawayCertificate,
  type Certificate,
  type CertificateOptions
} from '../../tools/harness/certificate.js'
import {
  startConnectProxy,
  type ConnectProxy,
  type ProxyBehaviour
} from '../../tools/harness/connect-proxy.js'
import type { Simulator } from '../../tools/simulator/index.js'
import { addKey, said, scenario, sent, simulator } from './fixture.js'

const SERVER = 'https://octopus.test'
const certificates: Certificate[] = []
const proxies: ConnectProxy[] = []
afterEach(() => Promise.all(proxies.splice(0).map((p) => p.close())))
afterAll(() => certificates.forEach((c) => c.remove()))

function certificate(options: CertificateOptions = {}): Certificate {
  const made = throwawayCertificate({ names: ['octopus.test'], ...options })
  certificates.push(made)
  return made
}

async function proxy(behaviour: ProxyBehaviour): Promise<ConnectProxy> {
  const started = await startConnectProxy(behaviour)
  proxies.push(started)
  return started
}

/** The simulator over https with `cert`, and a proxy whose tunnels all lead to it. */
async function behindProxy(
  cert: Certificate
): Promise<{ sim: Simulator; proxy: ConnectProxy }> {
  const sim = await simulator({ tls: cert })
  return { sim, proxy: await proxy(tunnelTo(sim)) }
}

const tunnelTo = (sim: Simulator): ProxyBehaviour => ({
  kind: 'tunnel',
  to: { host: '127.0.0.1', port: sim.port }
})

describe('a proxy that fails', () => {
  it('never answers CONNECT: the step ends after timeout_seconds, naming the proxy', async () => {
    const sim = await simulator()
    const silent = await proxy({ kind: 'silent' })
    const seen = await scenario(
      sim,
      { server: SERVER, timeout_seconds: '1' },
      // Without a deadline on CONNECT the step would hang until killed (exitCode -1).
      { env: { https_proxy: silent.url }, killAfterMs: 3000 }
    )
    expect(seen).toMatchObject({
      exitCode: 1,
      error:
        'Failed to look up user "svc-deploy": https://octopus.test was not reached: the proxy at http://127.0.0.1:<port> (https_proxy) did not open the tunnel to octopus.test:443 within 1 s. Check that proxy and any user name and password in its URL, or add the server to no_proxy to reach it directly.',
      requests: []
    })
    // The lookup, and beside it who the credential is.
    expect(silent.tunnels).toEqual(['octopus.test:443', 'octopus.test:443'])
  })

  it('refuses a create by user_id with 407: named as the proxy’s, tried once, no key said to exist', async () => {
    const sim = await simulator()
    const refusing = await proxy({
      kind: 'refuse',
      status: 407,
      reason: 'Proxy Authentication Required'
    })
    const password = 'pr0xy-s3cret'
    const seen = await scenario(
      sim,
      { server: SERVER, username: '', user_id: 'Users-3' },
      {
        env: { https_proxy: refusing.url.replace('//', `//ci:${password}@`) },
        secrets: [password]
      }
    )
    expect(seen).toMatchObject({
      exitCode: 1,
      error:
        'Failed to create an API key for Users-3: https://octopus.test was not reached: the proxy at http://127.0.0.1:<port> (https_proxy) refused the tunnel to octopus.test:443: 407 Proxy Authentication Required. Check that proxy and any user name and password in its URL, or add the server to no_proxy to reach it directly.',
      requests: []
    })
    expect(seen.log.join('\n')).not.toMatch(/may exist|lost/)
    // Who the credential is was asked first (refused too), then the create, once.
    expect(refusing.tunnels).toHaveLength(2)
  })
})

describe('a proxy that tunnels', () => {
  it('https_proxy without a scheme is an http proxy; its credentials go in Proxy-Authorization, with no deprecation warning', async () => {
    const { sim, proxy } = await behindProxy(certificate())
    const seen = await scenario(
      sim,
      { server: SERVER },
      {
        env: {
          https_proxy: `ci:pr0xy-s3cret@localhost:${proxy.port}`,
          NODE_EXTRA_CA_CERTS: certificates[0].caFile
        },
        secrets: ['pr0xy-s3cret']
      }
    )
    expect(seen).toMatchObject({
      exitCode: 0,
      log: [said.CREATING, said.CREATED()],
      requests: [...sent.FIND, sent.CREATE]
    })
    // The lookup and, beside it, who the credential is: two tunnels.
    expect(proxy.tunnels).toEqual(['octopus.test:443', 'octopus.test:443'])
    expect(new Set(proxy.authorizations)).toEqual(
      new Set([`Basic ${Buffer.from('ci:pr0xy-s3cret').toString('base64')}`])
    )
    expect(seen.step.stderr).not.toContain('DEP0005')
  })

  it('a rotation opens as many tunnels as it opens connections directly, the second while the lookup is in flight', async () => {
    const cert = certificate({ names: ['octopus.test', '127.0.0.1'] })
    const env = { NODE_EXTRA_CA_CERTS: cert.caFile }
    const rotate = async (sim: Simulator, server: string, more = {}) => {
      addKey(sim, 'older', 'deploy', { hoursAgo: 1 })
      // A slow lookup, so that "in flight" cannot be mistaken.
      sim.inject({ path: '/api/users', fault: { kind: 'delay', ms: 300 } })
      const input = { server, revoke_previous: 'true' }
      return scenario(sim, input, { env: { ...env, ...more } })
    }
    const sim = await simulator({ tls: cert })
    const direct = await rotate(sim, `https://127.0.0.1:${sim.port}`)
    const { sim: far, proxy } = await behindProxy(cert)
    const proxied = await rotate(far, SERVER, { https_proxy: proxy.url })
    for (const seen of [direct, proxied])
      expect(seen.requests).toEqual([
        ...sent.FIND,
        sent.CREATE,
        sent.LIST,
        'DELETE /api/users/Users-3/apikeys/<older>'
      ])
    expect(direct.connections).toHaveLength(2)
    expect(proxy.tunnels).toEqual(['octopus.test:443', 'octopus.test:443'])
    // Both tunnels (one simulator connection each) open before the first answer.
    expect(proxied.connections.map((c) => c.opened.answers)).toEqual([0, 0])
  })
})

describe('other servers and proxies', () => {
  it('an IPv6 literal as the server goes through the proxy', async () => {
    const cert = certificate({ names: ['fd00::10'] })
    const { sim, proxy } = await behindProxy(cert)
    const env = { https_proxy: proxy.url, NODE_EXTRA_CA_CERTS: cert.caFile }
    const server = 'https://[fd00::10]:8443'
    const seen = await scenario(sim, { server }, { env })
    expect(seen).toMatchObject({
      exitCode: 0,
      requests: [...sent.FIND, sent.CREATE]
    })
    expect(proxy.tunnels).toEqual(['[fd00::10]:8443', '[fd00::10]:8443'])
  })

  it('an https:// proxy: TLS to the proxy, then TLS to the server through it', async () => {
    const cert = certificate({ names: ['octopus.test', 'localhost'] })
    const sim = await simulator({ tls: cert })
    const secure = await startConnectProxy(tunnelTo(sim), cert)
    proxies.push(secure)
    const env = {
      https_proxy: secure.url.replace('127.0.0.1', 'localhost'),
      NODE_EXTRA_CA_CERTS: cert.caFile
    }
    const seen = await scenario(sim, { server: SERVER }, { env })
    expect(seen).toMatchObject({
      exitCode: 0,
      requests: [...sent.FIND, sent.CREATE]
    })
    expect(secure.tunnels).toEqual(['octopus.test:443', 'octopus.test:443'])
  })
})

describe('TLS through the proxy: advice by kind, tried once', () => {
  const ADVICE = {
    untrusted:
      'TLS failed (DEPTH_ZERO_SELF_SIGNED_CERT)) after 1 attempt. If the server uses a private certificate authority, point NODE_EXTRA_CA_CERTS at its certificate.',
    wrongName:
      "TLS failed: the certificate is made out for other.test, not octopus.test (ERR_TLS_CERT_ALTNAME_INVALID)) after 1 attempt. Set the 'server' input to a name the certificate holds, or have the certificate made out for the name asked for.",
    expired:
      "TLS failed: the certificate expired on <now-1d> (CERT_HAS_EXPIRED)) after 1 attempt. The server's certificate must be renewed (if the date looks wrong, check the runner's clock).",
    notTls:
      "TLS failed: the port answers in plain http, not TLS (EPROTO)) after 1 attempt. The 'server' input points https:// at a port that speaks plain http: use the server's https port."
  }

  it.each([
    ['an unknown issuer', {}, false, ADVICE.untrusted],
    ['a name mismatch', { names: ['other.test'] }, true, ADVICE.wrongName],
    ['an expired certificate', { expired: true }, true, ADVICE.expired]
  ] as const)('%s', async (_, options, trusted, advice) => {
    const cert = certificate(options)
    const { sim, proxy } = await behindProxy(cert)
    const env = {
      https_proxy: proxy.url,
      ...(trusted && { NODE_EXTRA_CA_CERTS: cert.caFile })
    }
    const seen = await scenario(sim, { server: SERVER }, { env })
    expect(seen).toMatchObject({ exitCode: 1, requests: [] })
    expect(seen.error).toBe(
      `Failed to look up user "svc-deploy": https://octopus.test gave no answer (${advice}`
    )
    expect(proxy.tunnels).toHaveLength(2) // the lookup, and who the credential is
  })

  it('https:// to a plain-http port', async () => {
    const sim = await simulator()
    const tunnels = await proxy(tunnelTo(sim))
    const env = { https_proxy: tunnels.url }
    const seen = await scenario(sim, { server: SERVER }, { env })
    expect(seen).toMatchObject({ exitCode: 1, requests: [] })
    expect(seen.error).toBe(
      `Failed to look up user "svc-deploy": https://octopus.test gave no answer (${ADVICE.notTls}`
    )
    expect(tunnels.tunnels).toHaveLength(2)
  })
})
