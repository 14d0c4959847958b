import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  defaultSeed,
  startSimulator,
  type Simulator
} from '../../tools/simulator/index.js'
import {
  call,
  DAY,
  type CallOptions,
  type ErrorJson,
  type KeyJson,
  type PageJson
} from './helpers.js'

const admin = { key: defaultSeed().adminKey }

function create(
  sim: Simulator,
  body: Record<string, unknown>,
  auth: CallOptions = admin,
  userId = 'Users-3'
) {
  return call<KeyJson & ErrorJson>(sim, `/api/users/${userId}/apikeys`, {
    ...auth,
    method: 'POST',
    body: { Purpose: 'expiry test', ...body }
  })
}

const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString()

/** Days from now until an ISO time, rounded. */
const daysAhead = (iso: string | null | undefined) =>
  Math.round((Date.parse(iso ?? '') - Date.now()) / DAY)

describe('2025.4 and later: a default and a maximum expiry', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator({ defaultExpiryDays: 90, maxExpiryDays: 200 })
  })
  afterAll(() => sim.close())

  it('uses the default when Expires is omitted, the maximum for null', async () => {
    expect(daysAhead((await create(sim, {})).json.Expires)).toBe(90)
    const max = await create(sim, { Expires: null })
    expect(daysAhead(max.json.Expires)).toBe(200)
  })

  it.each([
    ['the maximum', 200, inDays(200), /^$/],
    ['beyond the maximum', 400, inDays(201), /200 days/],
    ['in the past', 400, new Date(Date.now() - 1000).toISOString(), /past/],
    ['not a date', 400, 'next tuesday', /valid date/]
  ])('Expires %s: %i', async (_, status, Expires, error) => {
    const r = await create(sim, { Expires })
    expect(r.status).toBe(status)
    expect(r.json.Errors?.[0] ?? '').toMatch(error)
  })

  it("refuses an expiry after the caller's key, sent or defaulted", async () => {
    const key = sim.addCredential({
      userId: 'Users-1',
      kind: 'apikey',
      expires: inDays(10)
    })
    const late = await create(sim, { Expires: inDays(11) }, { key })
    expect(late.status).toBe(400)
    expect(late.json.Errors?.[0]).toMatch(/API key being used to create it/)
    expect((await create(sim, { Expires: inDays(9) }, { key })).status).toBe(
      200
    )
    const defaulted = await create(sim, {}, { key })
    expect(defaulted.status).toBe(400)
    expect(defaulted.json.Errors?.[0]).toMatch(
      /API key being used to create it/
    )
  })

  it("refuses an expiry after the caller's bearer token", async () => {
    const bearer = sim.addCredential({
      userId: 'Users-11',
      kind: 'bearer',
      expires: inDays(1 / 24)
    })
    const r = await create(sim, { Expires: inDays(2) }, { bearer }, 'Users-11')
    expect(r.status).toBe(400)
    expect(r.json.Errors?.[0]).toMatch(/access token/)
  })
})

describe('2020.6 to 2025.3: optional expiry, never by default', () => {
  let sim: Simulator
  let endless: CallOptions
  beforeAll(async () => {
    sim = await startSimulator({ version: '2023.1.9626' })
    // Keys that never expire could still be made before 2025.4.
    endless = {
      key: sim.addCredential({
        userId: 'Users-1',
        kind: 'apikey',
        expires: null
      })
    }
  })
  afterAll(() => sim.close())

  it('never expires when Expires is omitted or null; no maximum; no past', async () => {
    expect((await create(sim, {}, endless)).json.Expires).toBeNull()
    expect(
      (await create(sim, { Expires: null }, endless)).json.Expires
    ).toBeNull()
    expect((await create(sim, { Expires: inDays(3000) }, endless)).status).toBe(
      200
    )
    expect((await create(sim, { Expires: inDays(-1) }, endless)).status).toBe(
      400
    )
  })

  it('refuses a key that never expires to a caller whose key does', async () => {
    const r = await create(sim, {})
    expect(r.status).toBe(400)
    expect(r.json.Errors?.[0]).toMatch(/API key being used to create it/)
  })
})

describe('before 2020.6: no expiry at all', () => {
  it('ignores Expires and leaves the field out of answers', async () => {
    const sim = await startSimulator({ version: '2020.5.0-rc.4' })
    try {
      const r = await create(sim, { Expires: inDays(-1) })
      expect(r.status).toBe(200)
      expect(r.json).not.toHaveProperty('Expires')
      const list = await call<PageJson<KeyJson>>(
        sim,
        '/api/users/Users-3/apikeys',
        admin
      )
      expect(list.json.Items[0]).toBeDefined()
      expect(list.json.Items[0]).not.toHaveProperty('Expires')
    } finally {
      await sim.close()
    }
  })
})
