import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  defaultSeed,
  startSimulator,
  type Simulator
} from '../../tools/simulator/index.js'
import { call, DAY, type ErrorJson, type UserJson } from './helpers.js'

const seed = defaultSeed()
const NOT_LOGGED_IN =
  'You must be logged in to perform this action. Please provide a valid API key or log in again.'
const INVALID_KEY =
  'The API key you provided was not valid. Please double-check your API key and try again. For instructions on finding your API key, please visit: https://oc.to/ApiKey'

describe('authentication', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(() => sim.close())

  it('answers 401 without a credential', async () => {
    const r = await call<ErrorJson>(sim, '/api/users/me')
    expect(r.status).toBe(401)
    expect(r.json).toEqual({ ErrorMessage: NOT_LOGGED_IN })
  })

  it('treats an empty X-Octopus-ApiKey header as no credential', async () => {
    const r = await call<ErrorJson>(sim, '/api/users/me', {
      headers: { 'X-Octopus-ApiKey': '' }
    })
    expect(r.json.ErrorMessage).toBe(NOT_LOGGED_IN)
  })

  it('answers 401 with the invalid-key text for an unknown key', async () => {
    const bogus = 'API-AAAAAAAAAAAAAAAAAAAAAAAAAA'
    const r = await call<ErrorJson>(sim, '/api/users/me', { key: bogus })
    expect(r.status).toBe(401)
    expect(r.json).toEqual({ ErrorMessage: INVALID_KEY })
    expect(r.text).not.toContain(bogus)
  })

  it('rejects an expired key', async () => {
    const expired = sim.addCredential({
      userId: 'Users-3',
      kind: 'apikey',
      expires: new Date(Date.now() - DAY).toISOString()
    })
    const r = await call<ErrorJson>(sim, '/api/users/me', { key: expired })
    expect(r.status).toBe(401)
    expect(r.json.ErrorMessage).toBe(INVALID_KEY)
  })

  it("rejects an inactive user's key", async () => {
    const key = sim.addCredential({ userId: 'Users-7', kind: 'apikey' })
    const r = await call<ErrorJson>(sim, '/api/users/me', { key })
    expect(r.status).toBe(401)
  })

  it('rejects an unknown or expired bearer token', async () => {
    const token = sim.addCredential({
      userId: 'Users-11',
      kind: 'bearer',
      expires: new Date(Date.now() - 1000).toISOString()
    })
    expect(token.split('.')).toHaveLength(3)
    for (const bearer of [token, 'not.a.token']) {
      const r = await call<ErrorJson>(sim, '/api/users/me', { bearer })
      expect(r.status).toBe(401)
      expect(r.json.ErrorMessage).toMatch(/access token/)
    }
  })

  it('accepts the key in the query string, parameter name in any case', async () => {
    for (const name of ['apikey', 'ApiKey', 'APIKEY']) {
      const r = await call<UserJson>(
        sim,
        `/api/users/me?${name}=${seed.regularKey}`
      )
      expect(r.status).toBe(200)
      expect(r.json.Username).toBe('jane.doe')
    }
  })

  it('records the credential kind but never the value', async () => {
    sim.resetRequests()
    await call(sim, '/api/users/me', { key: seed.adminKey })
    await call(sim, '/api/users/me', { bearer: seed.serviceBearer })
    await call(sim, `/api/users/me?apikey=${seed.regularKey}&x=1`)
    await call(sim, '/api')
    expect(sim.requests.map((r) => r.auth)).toEqual([
      'apikey',
      'bearer',
      'apikey',
      'none'
    ])
    expect(sim.requests[2]?.query).toEqual({ apikey: '[redacted]', x: '1' })
    const recorded = JSON.stringify(sim.requests)
    for (const secret of [seed.adminKey, seed.regularKey, seed.serviceBearer]) {
      expect(recorded).not.toContain(secret)
    }
    expect(sim.requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/users/me',
      status: 200,
      started: expect.any(Number)
    })
  })

  it('lets keys added at runtime authenticate', async () => {
    const id = sim.addUser({ username: 'late.comer' })
    const key = sim.addCredential({ userId: id, kind: 'apikey' })
    expect(key).toMatch(/^API-[A-Z2-7]{26}$/)
    const r = await call<UserJson>(sim, '/api/users/me', { key })
    expect(r.json).toMatchObject({ Id: id, Username: 'late.comer' })
  })
})
