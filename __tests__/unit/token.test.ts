import { describe, expect, it } from '@jest/globals'
import { tokenExpiry } from '../../src/credential/token.js'

const part = (value: unknown) =>
  Buffer.from(JSON.stringify(value)).toString('base64url')
const jwt = (claims: unknown) =>
  `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`

describe('tokenExpiry: the exp claim, read and never verified', () => {
  it.each([
    [jwt({ sub: 'Users-11', exp: 1767229200 }), '2026-01-01T01:00:00.000Z'],
    [jwt({ exp: 1767229200.5 }), '2026-01-01T01:00:00.500Z']
  ])('%s expires at %s', (token, iso) => {
    expect(tokenExpiry(token)?.toISOString()).toBe(iso)
  })

  it.each([
    ['not a JWT', 'opaque-token-value'],
    ['two parts', `${part({ exp: 1767229200 })}.c2ln`],
    ['no exp', jwt({ sub: 'Users-11' })],
    ['exp as text', jwt({ exp: '1767229200' })],
    ['exp beyond any date', jwt({ exp: 1e20 })],
    ['a payload that is not JSON', 'eyJhbGciOiJub25lIn0.bm90IGpzb24.c2ln'],
    ['a payload that is null', jwt(null)]
  ])('%s: no expiry', (_, token) => {
    expect(tokenExpiry(token)).toBeUndefined()
  })
})
