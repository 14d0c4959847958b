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
  type Fault,
  type Simulator
} from '../../tools/simulator/index.js'
import { call, type UserJson } from './helpers.js'

const admin = { key: defaultSeed().adminKey }
const KEYS = '/api/users/Users-3/apikeys'

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

  /** Sends a create (under `fault`, if given): what the client saw, keys made. */
  async function create(fault?: Fault) {
    if (fault) sim.inject({ method: 'POST', path: KEYS, fault })
    const before = sim.liveKeyCount('Users-3')
    const reply = await call(sim, KEYS, {
      ...admin,
      method: 'POST',
      body: { Purpose: 'fault test' }
    }).catch(() => undefined)
    return { reply, created: sim.liveKeyCount('Users-3') - before }
  }

  // Status 0: the connection closed without an answer.
  it.each<[string, number, number, Fault, RegExp]>([
    ['status', 503, 0, { kind: 'status', status: 503 }, /"ErrorMessage"/],
    ['html', 502, 0, { kind: 'html', status: 502 }, /<html>.*502 Bad Gateway/s],
    ['malformed-json', 200, 1, { kind: 'malformed-json' }, /^\{.*[^}]$/s],
    ['drop', 0, 0, { kind: 'drop' }, /^$/],
    ['process-then-drop', 0, 1, { kind: 'process-then-drop' }, /^$/],
    [
      'process-then-status',
      504,
      1,
      { kind: 'process-then-status', status: 504 },
      /"ErrorMessage"/
    ],
    [
      'process-then-status, html',
      502,
      1,
      { kind: 'process-then-status', status: 502, html: true },
      /<html>/
    ]
  ])('%s: status %i, keys made %i', async (_, status, made, fault, body) => {
    const { reply, created } = await create(fault)
    expect([reply?.status ?? 0, created]).toEqual([status, made])
    expect(reply?.text ?? '').toMatch(body)
    expect(sim.requests[0]?.status).toBe(status)
    // A fault applies once by default.
    expect((await create()).created).toBe(1)
  })

  it('status: a custom body and headers, e.g. 429 with Retry-After', async () => {
    const fault: Fault = {
      kind: 'status',
      status: 429,
      body: 'slow down',
      headers: { 'Retry-After': '1' }
    }
    sim.inject({ times: 2, fault })
    for (let i = 0; i < 2; i++) {
      const r = await call(sim, '/api/users/me', admin)
      expect([r.status, r.text, r.headers.get('retry-after')]).toEqual([
        429,
        'slow down',
        '1'
      ])
    }
    expect((await call(sim, '/api/users/me', admin)).status).toBe(200)
  })

  it('matches method and path (exact or RegExp) in injection order, until used up', async () => {
    sim.inject({ method: 'DELETE', fault: { kind: 'status', status: 500 } })
    sim.inject({ path: /\/me$/, fault: { kind: 'status', status: 502 } })
    sim.inject({
      path: '/api/users/me',
      times: Infinity,
      fault: { kind: 'status', status: 504 }
    })
    const statuses = []
    for (const path of [
      '/api',
      '/api/users/me',
      '/api/users/me',
      '/api/users/me'
    ])
      statuses.push((await call(sim, path, admin)).status)
    expect(statuses).toEqual([200, 502, 504, 504])
    sim.clearFaults()
    expect((await call(sim, '/api/users/me', admin)).status).toBe(200)
  })

  it('delay: then answers normally', async () => {
    sim.inject({ fault: { kind: 'delay', ms: 50 } })
    const r = await call<UserJson>(sim, '/api/users/me', admin)
    expect(r.json.Username).toBe('admin')
  })

  it('hang: never answers; the request is recorded with status 0', async () => {
    sim.inject({ fault: { kind: 'hang' } })
    const signal = AbortSignal.timeout(100)
    await expect(call(sim, '/api', { signal })).rejects.toThrow()
    expect(sim.requests[0]?.status).toBe(0)
  })

  it('redirect: 302 (or the given status) with Location, without processing', async () => {
    const location = 'https://login.example.com/'
    const { reply, created } = await create({ kind: 'redirect', location })
    expect(reply?.status).toBe(302)
    expect(reply?.headers.get('location')).toBe(location)
    expect(created).toBe(0)
    sim.inject({ fault: { kind: 'redirect', location: '/x', status: 307 } })
    expect((await call(sim, '/api')).status).toBe(307)
  })
})

describe('closing', () => {
  it.each<Fault>([{ kind: 'hang' }, { kind: 'delay', ms: 600_000 }])(
    'does not wait for a request held by %j, and can be called twice',
    async (fault) => {
      const sim = await startSimulator()
      sim.inject({ fault })
      const pending = call(sim, '/api').then(
        () => 'answered',
        () => 'failed'
      )
      while (sim.requests.length === 0)
        await new Promise((r) => setTimeout(r, 5))
      await Promise.all([sim.close(), sim.close()])
      expect(await pending).toBe('failed')
    }
  )
})
