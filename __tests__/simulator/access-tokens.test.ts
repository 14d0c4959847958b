import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startSimulator, type Simulator } from '../../tools/simulator/index.js'
import { call, DAY, type ErrorJson, type KeyJson } from './helpers.js'

const inHours = (hours: number) =>
  new Date(Date.now() + (hours * DAY) / 24).toISOString()

/** The `exp` claim of a JWT-shaped bearer token, as an ISO time. */
const expOf = (token: string): string => {
  const claims = JSON.parse(
    Buffer.from(token.split('.')[1], 'base64url').toString('utf8')
  ) as { exp: number }
  return new Date(claims.exp * 1000).toISOString()
}

describe('accessTokensCapKeys: false, a server that lets keys outlive the token', () => {
  let sim: Simulator
  let bearer: string
  const expires = new Date(Math.floor(Date.now() / 1000 + 3600) * 1000)
  beforeAll(async () => {
    sim = await startSimulator({ accessTokensCapKeys: false })
    bearer = sim.addCredential({
      userId: 'Users-11',
      kind: 'bearer',
      expires: expires.toISOString()
    })
  })
  afterAll(() => sim.close())

  const create = (Expires: string) =>
    call<KeyJson & ErrorJson>(sim, '/api/users/Users-11/apikeys', {
      bearer,
      method: 'POST',
      body: { Purpose: 'outlives', Expires }
    })

  it('mints the token as a JWT whose exp is its expiry', () => {
    expect(expOf(bearer)).toBe(expires.toISOString())
  })

  it('creates a key that outlives the token', async () => {
    const r = await create(inHours(2))
    expect(r.status).toBe(200)
  })

  it('still refuses the token itself once it has expired', async () => {
    const old = sim.addCredential({
      userId: 'Users-11',
      kind: 'bearer',
      expires: new Date(Date.now() - 1000).toISOString()
    })
    const r = await call(sim, '/api/users/me', { bearer: old })
    expect(r.status).toBe(401)
  })
})
