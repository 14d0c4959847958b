import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  defaultSeed,
  startSimulator,
  type Simulator
} from '../../tools/simulator/index.js'
import {
  call,
  DAY,
  type CollectionJson,
  type CreatedKeyJson,
  type ErrorJson,
  type KeyJson
} from './helpers.js'

const seed = defaultSeed()
const admin = { key: seed.adminKey }

function create(
  sim: Simulator,
  body: Record<string, unknown>,
  auth: { key?: string; bearer?: string } = admin
) {
  return call<CreatedKeyJson & ErrorJson>(sim, '/api/users/Users-3/apikeys', {
    ...auth,
    method: 'POST',
    body: { Purpose: 'expiry test', ...body }
  })
}

/** Days from now until an ISO time, rounded. */
function daysAhead(iso: string | null | undefined): number {
  return Math.round((Date.parse(iso ?? '') - Date.now()) / DAY)
}

describe('2025.4+ (default and maximum expiry)', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator({
      version: '2026.3.1000',
      defaultExpiryDays: 90,
      maxExpiryDays: 200
    })
  })
  afterAll(() => sim.close())

  it('uses the default when Expires is omitted and the maximum for null', async () => {
    expect(daysAhead((await create(sim, {})).json.Expires)).toBe(90)
    expect(daysAhead((await create(sim, { Expires: null })).json.Expires)).toBe(
      200
    )
  })

  it('accepts an explicit expiry up to the maximum', async () => {
    const r = await create(sim, {
      Expires: new Date(Date.now() + 200 * DAY).toISOString()
    })
    expect(r.status).toBe(200)
  })

  it('rejects an expiry beyond the maximum', async () => {
    const r = await create(sim, {
      Expires: new Date(Date.now() + 201 * DAY).toISOString()
    })
    expect(r.status).toBe(400)
    expect(r.json.ErrorMessage).toBe('There was a problem with your request.')
    expect(r.json.Errors?.[0]).toMatch(/200 days/)
  })

  it('rejects an expiry in the past, or one that is not a date', async () => {
    const past = await create(sim, {
      Expires: new Date(Date.now() - 1000).toISOString()
    })
    expect(past.status).toBe(400)
    expect(past.json.Errors).toEqual(['The expiry date cannot be in the past.'])
    expect((await create(sim, { Expires: 'next tuesday' })).status).toBe(400)
  })

  it('rejects an expiry after that of the key making the request', async () => {
    const key = sim.addCredential({
      userId: 'Users-1',
      kind: 'apikey',
      expires: new Date(Date.now() + 10 * DAY).toISOString()
    })
    const r = await create(
      sim,
      { Expires: new Date(Date.now() + 11 * DAY).toISOString() },
      { key }
    )
    expect(r.status).toBe(400)
    expect(r.json.Errors?.[0]).toMatch(/API key being used to create it/)
    // A defaulted expiry is capped to the caller's instead.
    expect(daysAhead((await create(sim, {}, { key })).json.Expires)).toBe(10)
    const ok = await create(
      sim,
      { Expires: new Date(Date.now() + 9 * DAY).toISOString() },
      { key }
    )
    expect(ok.status).toBe(200)
  })

  it('applies the same cap to bearer tokens', async () => {
    const bearer = sim.addCredential({
      userId: 'Users-11',
      kind: 'bearer',
      expires: new Date(Date.now() + 3600_000).toISOString()
    })
    const r = await call<ErrorJson>(sim, '/api/users/Users-11/apikeys', {
      bearer,
      method: 'POST',
      body: {
        Purpose: 'oidc',
        Expires: new Date(Date.now() + 2 * DAY).toISOString()
      }
    })
    expect(r.status).toBe(400)
    expect(r.json.Errors?.[0]).toMatch(/access token/)
  })

  it('defaults createKeyDirectly to the default expiry too', () => {
    const created = new Date(Date.now() - 100 * DAY)
    const { id } = sim.createKeyDirectly('Users-3', 'old', { created })
    const rec = sim.keysOf('Users-3').find((k) => k.id === id)
    expect(Date.parse(rec?.expires ?? '')).toBe(created.getTime() + 90 * DAY)
  })
})

describe('2020.6 to 2025.3 (optional expiry, default never)', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator({ version: '2023.1.9626' })
  })
  afterAll(() => sim.close())

  it('never expires when Expires is omitted or null', async () => {
    expect((await create(sim, {})).json.Expires).toBeNull()
    expect((await create(sim, { Expires: null })).json.Expires).toBeNull()
  })

  it('has no maximum but still rejects the past', async () => {
    const far = await create(sim, {
      Expires: new Date(Date.now() + 3000 * DAY).toISOString()
    })
    expect(far.status).toBe(200)
    const past = await create(sim, {
      Expires: new Date(Date.now() - DAY).toISOString()
    })
    expect(past.status).toBe(400)
  })
})

describe('before 2020.6 (no expiry at all)', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator({ version: '2020.5.0-rc.4' })
  })
  afterAll(() => sim.close())

  it('ignores Expires and leaves the field out of responses', async () => {
    const r = await create(sim, {
      Expires: new Date(Date.now() - DAY).toISOString()
    })
    expect(r.status).toBe(200)
    expect('Expires' in r.json).toBe(false)
    const list = await call<CollectionJson<KeyJson>>(
      sim,
      '/api/users/Users-3/apikeys',
      admin
    )
    expect(list.json.Items[0]).toBeDefined()
    expect('Expires' in (list.json.Items[0] ?? {})).toBe(false)
    expect(sim.keysOf('Users-3')[0]?.expires).toBeNull()
  })
})
