import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  defaultSeed,
  startSimulator,
  type Simulator
} from '../../tools/simulator/index.js'
import { call, DAY, type CallOptions, type UserJson } from './helpers.js'

const seed = defaultSeed()
const INVALID_KEY = /^The API key you provided was not valid\./
const INVALID_TOKEN = /access token/

describe('authentication', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(() => sim.close())

  it('answers 401 for expired keys and tokens, and for inactive users', async () => {
    const expires = new Date(Date.now() - DAY).toISOString()
    const add = (userId: string, kind: 'apikey' | 'bearer', expired = true) =>
      sim.addCredential({ userId, kind, expires: expired ? expires : null })
    const cases: Array<[CallOptions, RegExp]> = [
      [{ key: add('Users-3', 'apikey') }, INVALID_KEY],
      [{ key: add('Users-7', 'apikey', false) }, INVALID_KEY], // inactive
      [{ bearer: add('Users-11', 'bearer') }, INVALID_TOKEN],
      [{ bearer: 'not.a.token' }, INVALID_TOKEN]
    ]
    for (const [auth, text] of cases) {
      const r = await call(sim, '/api/users/me', auth)
      expect([r.status, r.json.ErrorMessage]).toEqual([
        401,
        expect.stringMatching(text)
      ])
    }
  })

  it('accepts the key in the query string, parameter name in any case', async () => {
    for (const name of ['apikey', 'ApiKey', 'APIKEY']) {
      const path = `/api/users/me?${name}=${seed.regularKey}`
      const r = await call<UserJson>(sim, path)
      expect(r.json.Username).toBe('jane.doe')
    }
  })

  it('records the credential kind but never its value', async () => {
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
    expect(sim.requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/users/me',
      status: 200
    })
    expect(sim.requests[2]?.query).toEqual({ apikey: '[redacted]', x: '1' })
    const recorded = JSON.stringify(sim.requests)
    for (const secret of [seed.adminKey, seed.regularKey, seed.serviceBearer])
      expect(recorded).not.toContain(secret)
  })
})
