// Issue 4's fault-injection suite, through dist/index.js against the
// simulator. Each case checks what is left on the server (one key that the
// output holds, or none) and, through `step`, that no secret leaks.
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it
} from '@jest/globals'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Simulator } from '../../tools/simulator/index.js'
import { adminInputs, errorOf, seed, simulator, step } from './fixture.js'

const CREATE = '/api/users/Users-3/apikeys'

describe('faults', () => {
  let sim: Simulator
  let before: Set<string>
  beforeAll(async () => {
    sim = await simulator()
  })
  afterAll(() => sim.close())
  beforeEach(() => {
    before = new Set(sim.keysOf('Users-3').map((k) => k.id))
  })
  afterEach(() => {
    sim.clearFaults()
    sim.resetRequests()
  })
  /** Live keys of svc-deploy that this test made. */
  const newKeys = (): string[] =>
    sim
      .keysOf('Users-3')
      .map((k) => k.id)
      .filter((id) => !before.has(id))
  const lookups = (): number =>
    sim.requests.filter((r) => r.path === '/api/users').length

  it('retries a read after 503, and says which attempt', async () => {
    sim.inject({ path: '/api/users', fault: { kind: 'status', status: 503 } })
    const run = await step({ inputs: adminInputs(sim) })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(
      /GET \/api\/users: HTTP 503; retrying in [\d.]+ s \(attempt 2 of 3\)/
    )
    expect(newKeys()).toEqual([run.outputs.api_key_id])
  })

  it('honours Retry-After on 429, for reads and for the create', async () => {
    sim.inject({
      path: '/api/users',
      fault: { kind: 'status', status: 429, headers: { 'Retry-After': '1' } }
    })
    sim.inject({
      path: CREATE,
      fault: { kind: 'status', status: 429, headers: { 'Retry-After': '1' } }
    })
    const run = await step({ inputs: adminInputs(sim) })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('HTTP 429; retrying in 1.0 s (attempt 2 of 3)')
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(2)
    expect(newKeys()).toEqual([run.outputs.api_key_id])
  })

  it('retries the create after 503 with Retry-After, when the server did not process it', async () => {
    sim.inject({
      path: CREATE,
      fault: { kind: 'status', status: 503, headers: { 'Retry-After': '0' } }
    })
    const run = await step({ inputs: adminInputs(sim) })
    expect(run.exitCode).toBe(0)
    expect(newKeys()).toEqual([run.outputs.api_key_id])
  })

  it('retries a read whose connection was dropped', async () => {
    sim.inject({ path: '/api/users', fault: { kind: 'drop' } })
    const run = await step({ inputs: adminInputs(sim) })
    expect(run.exitCode).toBe(0)
    expect(lookups()).toBe(2)
    expect(newKeys()).toEqual([run.outputs.api_key_id])
  })

  it('retries a read after an HTML 502 from a proxy', async () => {
    sim.inject({ path: '/api/users', fault: { kind: 'html', status: 502 } })
    const run = await step({ inputs: adminInputs(sim) })
    expect(run.exitCode).toBe(0)
    expect(newKeys()).toEqual([run.outputs.api_key_id])
  })

  it('shows the status and the first bytes of an HTML page that does not go away', async () => {
    sim.inject({
      path: '/api/users',
      times: Infinity,
      fault: { kind: 'html', status: 502 }
    })
    const run = await step({ inputs: adminInputs(sim, { max_attempts: '2' }) })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toMatch(
      /HTTP 502 Bad Gateway: the body starts with: <.*html/i
    )
    expect(lookups()).toBe(2)
    expect(newKeys()).toEqual([])
  })

  it('explains malformed JSON instead of crashing', async () => {
    sim.inject({ path: '/api/users', fault: { kind: 'malformed-json' } })
    const run = await step({ inputs: adminInputs(sim) })
    expect(run.exitCode).toBe(1)
    const error = errorOf(run)
    expect(error).toMatch(
      /HTTP 200 OK but the answer is not JSON; the body starts with: \{/
    )
    expect(error).not.toMatch(/TypeError|SyntaxError|at .*\.js/)
    expect(newKeys()).toEqual([])
  })

  it('gives up after max_attempts when the server fails every time, leaving no key', async () => {
    sim.inject({ times: Infinity, fault: { kind: 'status', status: 500 } })
    const run = await step({ inputs: adminInputs(sim, { max_attempts: '3' }) })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain('HTTP 500 Internal Server Error')
    expect(sim.requests).toHaveLength(3)
    expect(newKeys()).toEqual([])
  })

  it.each([
    [
      'a 502 HTML page',
      { kind: 'process-then-status', status: 502, html: true } as const
    ],
    ['a dropped connection', { kind: 'process-then-drop' } as const]
  ])(
    'leaves exactly one key when the create’s answer is lost to %s',
    async (_, fault) => {
      sim.inject({ method: 'POST', path: CREATE, fault })
      const run = await step({ inputs: adminInputs(sim) })
      expect(run.exitCode).toBe(0)
      expect(run.stdout).toMatch(
        /Revoked apikeys-\w+: made by this run, but its value was lost/
      )
      // One live key, and it is the one the output holds.
      expect(newKeys()).toEqual([run.outputs.api_key_id])
      const me = await fetch(`${sim.url}/api/users/me`, {
        headers: { 'X-Octopus-ApiKey': run.outputs.api_key }
      })
      expect(me.status).toBe(200)
    }
  )

  it('leaves no key when the create’s answer is lost twice', async () => {
    sim.inject({
      method: 'POST',
      path: CREATE,
      times: 2,
      fault: { kind: 'process-then-status', status: 504 }
    })
    const run = await step({ inputs: adminInputs(sim) })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain('lost twice')
    expect(errorOf(run)).toContain('No key was left behind')
    expect(newKeys()).toEqual([])
  })

  it('names the key to revoke by hand when the orphan cannot be revoked', async () => {
    sim.inject({
      method: 'POST',
      path: CREATE,
      fault: { kind: 'process-then-drop' }
    })
    sim.inject({
      method: 'DELETE',
      times: Infinity,
      fault: { kind: 'status', status: 500 }
    })
    const run = await step({ inputs: adminInputs(sim, { max_attempts: '1' }) })
    expect(run.exitCode).toBe(1)
    const orphans = newKeys()
    expect(orphans).toHaveLength(1)
    expect(errorOf(run)).toContain(orphans[0])
    expect(errorOf(run)).toContain('revoke them by hand')
  })

  it('fails by itself when the server hangs, naming the timeout', async () => {
    sim.inject({ times: Infinity, fault: { kind: 'hang' } })
    const run = await step({
      inputs: adminInputs(sim, { timeout_seconds: '1', max_attempts: '2' }),
      killAfterMs: 30_000
    })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toMatch(
      /did not answer within timeout_seconds \(1 s\)/
    )
    expect(errorOf(run)).toContain('after 2 attempts')
    expect(newKeys()).toEqual([])
  })

  it('does not echo a credential that the server echoes in an error', async () => {
    sim.inject({
      path: CREATE,
      fault: {
        kind: 'status',
        status: 400,
        body: JSON.stringify({
          ErrorMessage: `Bad request from ${seed.adminKey}`,
          Errors: [`key ${seed.adminKey.slice(0, 20)} rejected`]
        })
      }
    })
    const run = await step({ inputs: adminInputs(sim) }, [
      seed.adminKey.slice(0, 20)
    ])
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain('HTTP 400 Bad Request')
    expect(newKeys()).toEqual([])
  })
})

describe('connections', () => {
  it('names the host and port when the connection is refused', async () => {
    const server = http.createServer()
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const { port } = server.address() as AddressInfo
    await new Promise((r) => server.close(r))
    const run = await step({
      inputs: {
        server: `http://127.0.0.1:${port}`,
        api_key: seed.adminKey,
        username: 'svc-deploy',
        purpose: 'x',
        max_attempts: '2'
      }
    })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain(
      `http://127.0.0.1:${port} gave no answer (connection refused) after 2 attempts`
    )
  })

  it('does not follow a redirect to another host, so the credential stays home', async () => {
    const seen: http.IncomingHttpHeaders[] = []
    const elsewhere = http.createServer((req, res) => {
      seen.push(req.headers)
      res.end('{}')
    })
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r))
    const location = `http://localhost:${(elsewhere.address() as AddressInfo).port}/api/users`
    const sim = await simulator()
    try {
      sim.inject({ path: '/api/users', fault: { kind: 'redirect', location } })
      const run = await step({ inputs: adminInputs(sim) })
      expect(run.exitCode).toBe(1)
      expect(errorOf(run)).toContain(`redirecting to ${location}`)
      expect(seen).toEqual([])
      expect(sim.liveKeyCount('Users-3')).toBe(0)
    } finally {
      await sim.close()
      await new Promise((r) => elsewhere.close(r))
    }
  })

  it('refuses plain http to a host that is not this machine, before any request', async () => {
    const run = await step({
      inputs: {
        server: 'http://octopus.example.com',
        api_key: seed.adminKey,
        purpose: 'x'
      }
    })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain('allow_insecure_http')
  })
})
