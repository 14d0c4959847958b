import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it
} from '@jest/globals'
import {
  defaultSeed,
  startSimulator,
  type Simulator
} from '../../tools/simulator/index.js'
import { call, type ErrorJson, type UserJson } from './helpers.js'

const seed = defaultSeed()
const admin = { key: seed.adminKey }
const KEYS = '/api/users/Users-3/apikeys'

function createKey(sim: Simulator, signal?: AbortSignal) {
  return call(sim, KEYS, {
    ...admin,
    method: 'POST',
    body: { Purpose: 'fault test' },
    signal
  })
}

describe('fault injection', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(() => sim.close())
  beforeEach(() => {
    sim.clearFaults()
    sim.resetRequests()
  })

  it('status: answers without processing, default Octopus error body', async () => {
    sim.inject({
      method: 'POST',
      path: KEYS,
      fault: { kind: 'status', status: 503 }
    })
    const before = sim.liveKeyCount('Users-3')
    const r = await createKey(sim)
    expect(r.status).toBe(503)
    expect(r.headers.get('content-type')).toBe(
      'application/json; charset=utf-8'
    )
    expect((r.json as ErrorJson).ErrorMessage).toEqual(expect.any(String))
    expect(sim.liveKeyCount('Users-3')).toBe(before)
    // times defaults to 1: the next request is handled normally.
    expect((await createKey(sim)).status).toBe(200)
    expect(sim.requests.map((q) => q.status)).toEqual([503, 200])
  })

  it('status: custom body and headers, e.g. 429 with Retry-After', async () => {
    sim.inject({
      times: 2,
      fault: {
        kind: 'status',
        status: 429,
        body: 'slow down',
        headers: { 'Retry-After': '1' }
      }
    })
    for (let i = 0; i < 2; i++) {
      const r = await call(sim, '/api/users/me', admin)
      expect(r.status).toBe(429)
      expect(r.text).toBe('slow down')
      expect(r.headers.get('retry-after')).toBe('1')
    }
    expect((await call(sim, '/api/users/me', admin)).status).toBe(200)
  })

  it('matches method and path (string exact, RegExp), first rule first', async () => {
    sim.inject({ method: 'DELETE', fault: { kind: 'status', status: 500 } })
    sim.inject({
      path: /^\/api\/users\/me$/,
      fault: { kind: 'status', status: 502 }
    })
    sim.inject({
      path: '/api/users/me',
      fault: { kind: 'status', status: 504 }
    })
    expect((await call(sim, '/api', admin)).status).toBe(200)
    expect((await call(sim, '/api/users/me', admin)).status).toBe(502)
    expect((await call(sim, '/api/users/me', admin)).status).toBe(504)
    expect((await call(sim, '/api/users/me', admin)).status).toBe(200)
  })

  it('Infinity applies until cleared', async () => {
    sim.inject({ times: Infinity, fault: { kind: 'status', status: 500 } })
    for (let i = 0; i < 3; i++) {
      expect((await call(sim, '/api')).status).toBe(500)
    }
    sim.clearFaults()
    expect((await call(sim, '/api')).status).toBe(200)
  })

  it('html: a proxy-style HTML error page', async () => {
    sim.inject({ fault: { kind: 'html', status: 502 } })
    const r = await call(sim, '/api/users/me', admin)
    expect(r.status).toBe(502)
    expect(r.headers.get('content-type')).toMatch(/^text\/html/)
    expect(r.text).toMatch(/<html>[\s\S]*502 Bad Gateway/)
    expect(r.json).toBeUndefined()
  })

  it('malformed-json: processes, then sends an unparseable body', async () => {
    sim.inject({ method: 'POST', fault: { kind: 'malformed-json' } })
    const before = sim.liveKeyCount('Users-3')
    const r = await createKey(sim)
    expect(r.status).toBe(200)
    expect(r.text.length).toBeGreaterThan(0)
    expect(() => JSON.parse(r.text) as unknown).toThrow()
    expect(sim.liveKeyCount('Users-3')).toBe(before + 1)
  })

  it('delay: waits, then handles normally', async () => {
    sim.inject({ fault: { kind: 'delay', ms: 150 } })
    const t0 = Date.now()
    const r = await call<UserJson>(sim, '/api/users/me', admin)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140)
    expect(r.json.Username).toBe('admin')
  })

  it('hang: never answers; the client gives up', async () => {
    sim.inject({ fault: { kind: 'hang' } })
    await expect(
      call(sim, '/api/users/me', { ...admin, signal: AbortSignal.timeout(150) })
    ).rejects.toThrow()
    expect(sim.requests[0]?.status).toBe(0)
  })

  it('drop: destroys the socket without processing', async () => {
    sim.inject({ method: 'POST', fault: { kind: 'drop' } })
    const before = sim.liveKeyCount('Users-3')
    await expect(createKey(sim)).rejects.toThrow()
    expect(sim.liveKeyCount('Users-3')).toBe(before)
    expect(sim.requests).toHaveLength(1)
    expect(sim.requests[0]).toMatchObject({ method: 'POST', status: 0 })
  })

  it('process-then-drop: the key IS created but the answer is lost', async () => {
    sim.inject({
      method: 'POST',
      path: KEYS,
      fault: { kind: 'process-then-drop' }
    })
    const before = sim.liveKeyCount('Users-3')
    await expect(createKey(sim)).rejects.toThrow()
    expect(sim.liveKeyCount('Users-3')).toBe(before + 1)
    expect(sim.requests[0]?.status).toBe(0)
  })

  it('process-then-status: the key IS created, the client sees a 502 page', async () => {
    sim.inject({
      method: 'POST',
      fault: { kind: 'process-then-status', status: 502, html: true }
    })
    sim.inject({
      method: 'POST',
      fault: { kind: 'process-then-status', status: 504 }
    })
    const before = sim.liveKeyCount('Users-3')
    const html = await createKey(sim)
    expect(html.status).toBe(502)
    expect(html.text).toMatch(/<html>/)
    const json = await createKey(sim)
    expect(json.status).toBe(504)
    expect((json.json as ErrorJson).ErrorMessage).toEqual(expect.any(String))
    expect(json.text).not.toMatch(/API-/)
    expect(sim.liveKeyCount('Users-3')).toBe(before + 2)
  })

  it('redirect: 302 with Location, without processing', async () => {
    sim.inject({
      fault: { kind: 'redirect', location: 'https://login.example.com/' }
    })
    sim.inject({
      fault: { kind: 'redirect', location: '/elsewhere', status: 307 }
    })
    const before = sim.liveKeyCount('Users-3')
    const r = await createKey(sim)
    expect(r.status).toBe(302)
    expect(r.headers.get('location')).toBe('https://login.example.com/')
    expect(sim.liveKeyCount('Users-3')).toBe(before)
    const r2 = await call(sim, '/api', admin)
    expect(r2.status).toBe(307)
    expect(r2.headers.get('location')).toBe('/elsewhere')
  })
})

describe('latency and closing', () => {
  it('adds latencyMs before every response', async () => {
    const sim = await startSimulator({ latencyMs: 80 })
    try {
      const t0 = Date.now()
      expect((await call(sim, '/api')).status).toBe(200)
      expect(Date.now() - t0).toBeGreaterThanOrEqual(75)
    } finally {
      await sim.close()
    }
  })

  it('close() does not wait for hung requests, and can be called twice', async () => {
    const sim = await startSimulator()
    sim.inject({ fault: { kind: 'hang' } })
    const pending = call(sim, '/api').then(
      () => 'answered',
      () => 'failed'
    )
    // Wait until the server has the request, then close under it.
    while (sim.requests.length === 0) await new Promise((r) => setTimeout(r, 5))
    const t0 = Date.now()
    await Promise.all([sim.close(), sim.close()])
    expect(Date.now() - t0).toBeLessThan(1000)
    expect(await pending).toBe('failed')
  })

  it('close() does not wait for a pending delay', async () => {
    const sim = await startSimulator()
    sim.inject({ fault: { kind: 'delay', ms: 60_000 } })
    const pending = call(sim, '/api').then(
      () => 'answered',
      () => 'failed'
    )
    while (sim.requests.length === 0) await new Promise((r) => setTimeout(r, 5))
    const t0 = Date.now()
    await sim.close()
    expect(Date.now() - t0).toBeLessThan(1000)
    expect(await pending).toBe('failed')
  })
})
