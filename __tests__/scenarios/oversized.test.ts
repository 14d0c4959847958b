// An answer far larger than any Octopus sends (a proxy's error page gone
// wrong, a misbehaving server) is not read past 4 MiB: a read fails naming
// the request and the size, and a create treats it as a lost answer.
import { describe, expect, it } from '@jest/globals'
import { scenario, sent, simulator } from './fixture.js'

const FIVE_MIB = 5 * 1024 * 1024

describe('an answer over 4 MiB', () => {
  it('to the lookup, with a Content-Length, fails naming the request and the size', async () => {
    const sim = await simulator()
    sim.inject({ path: '/api/users', fault: { kind: 'oversized' } })
    expect(await scenario(sim)).toMatchObject({
      exitCode: 1,
      error:
        'Failed to look up user "svc-deploy": the answer to GET /api/users (HTTP 200 OK) is 5,242,880 bytes by its Content-Length, over the 4 MiB the action reads. ' +
        "Check that the 'server' input points at Octopus itself, not at a proxy or login page.",
      requests: sent.FIND,
      keys: []
    })
  })

  it('to the lookup, sent without a length, stops being read at the limit', async () => {
    const sim = await simulator()
    const fault = { kind: 'oversized', chunked: true } as const
    sim.inject({ path: '/api/users', fault })
    const seen = await scenario(sim)
    expect(seen).toMatchObject({ exitCode: 1, requests: sent.FIND, keys: [] })
    expect(seen.error).toMatch(
      /^Failed to look up user "svc-deploy": the answer to GET \/api\/users \(HTTP 200 OK\) went past the 4 MiB the action reads \(stopped after 4,[\d,]+ bytes\)\./
    )
  })

  it('to the create is a lost answer: the key it made is found, and one key is left', async () => {
    const sim = await simulator()
    sim.inject({
      method: 'POST',
      fault: { kind: 'oversized', bytes: FIVE_MIB }
    })
    const seen = await scenario(sim)
    expect(seen.exitCode).toBe(0)
    expect(seen.log.join('\n')).toContain(
      'the answer to POST /api/users/Users-3/apikeys (HTTP 200 OK) is 5,242,880 bytes by its Content-Length, over the 4 MiB the action reads'
    )
    expect(seen.keys).toEqual([seen.outputs.api_key_id])
    expect(seen.keyOwner).toBe('svc-deploy')
  })
})
