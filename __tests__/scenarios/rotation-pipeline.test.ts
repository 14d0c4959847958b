// Rotation the way a scheduled pipeline uses it: keep_previous leaves the
// newest older keys live, the listing goes out alongside the create, and the
// credential's own key, when it is among the old ones, is revoked last.
import { describe, expect, it } from '@jest/globals'
import { addKey, said, scenario, seed, sent, simulator } from './fixture.js'

const rotate = { revoke_previous: 'true' }

describe('keep_previous', () => {
  it('keeps the newest older key and revokes the rest', async () => {
    const sim = await simulator()
    addKey(sim, 'older-2d', 'deploy', { hoursAgo: 48 })
    addKey(sim, 'older-1h', 'deploy', { hoursAgo: 1 })
    addKey(sim, 'older-1d', 'deploy', { hoursAgo: 24 })
    const seen = await scenario(sim, { ...rotate, keep_previous: '1' })
    expect(seen).toMatchObject({
      log: [
        said.CREATING,
        said.CREATED(),
        'Revoked 2 older key(s) with this purpose (<older-1d>, <older-2d>) and kept the newest 1, as keep_previous asks: <older-1h>.'
      ],
      outputs: { revoked_ids: '<older-1d>,<older-2d>' },
      keys: ['<key-1>', '<older-1h>']
    })
    expect(seen.summary).toContain('Kept (keep_previous) | <older-1h>')
  })

  it('says in one sentence that it kept the only older key and revoked none', async () => {
    const sim = await simulator()
    addKey(sim, 'older-1h', 'deploy', { hoursAgo: 1 })
    const seen = await scenario(sim, { ...rotate, keep_previous: '1' })
    expect(seen.log).toEqual([
      said.CREATING,
      said.CREATED(),
      'Kept the 1 older key(s) with this purpose that keep_previous leaves live, and revoked none: <older-1h>.'
    ])
  })

  it('run after run, the key just made and the one before it are live', async () => {
    const sim = await simulator()
    const live: string[][] = []
    for (let run = 1; run <= 3; run++)
      live.push((await scenario(sim, { ...rotate, keep_previous: '1' })).keys)
    expect(live).toEqual([
      ['<key-1>'],
      ['<key-1>', '<key-2>'],
      ['<key-2>', '<key-3>']
    ])
  })
})

describe('rotation costs one round trip more than the create', () => {
  it('the listing is sent before the create is answered; then the revocations', async () => {
    const sim = await simulator()
    addKey(sim, 'older', 'deploy', { hoursAgo: 1 })
    sim.inject({ method: 'POST', fault: { kind: 'delay', ms: 500 } })
    const seen = await scenario(sim, rotate)
    expect(seen.requests).toEqual([
      ...sent.FIND,
      sent.CREATE,
      sent.LIST,
      'DELETE /api/users/Users-3/apikeys/<older>'
    ])
    // Only the look before the create had been answered when the listing
    // arrived: who the credential is, the lookup, the credential's keys.
    const listing = sim.requests.find(
      (r) => r.method === 'GET' && r.path === '/api/users/Users-3/apikeys'
    )
    expect(listing?.answersBefore).toBe(3)
  })
})

describe('when the credential’s own key is among the older keys', () => {
  const OWN = 'API-SVCDEPLOYOWNKEY234567ABCDEF'

  it('is revoked last, so the other revocations are not refused', async () => {
    const sim = await simulator({
      credentials: [
        ...seed.credentials,
        { userId: 'Users-3', kind: 'apikey', value: OWN, expires: null }
      ]
    })
    const purpose = sim.keysOf('Users-3')[0].purpose
    for (const hours of [1, 2, 3]) {
      const id = addKey(sim, `older-${hours}h`, purpose, { hoursAgo: hours })
      // The others answer slowly: a credential revoked early would be refused for them.
      sim.inject({
        path: `/api/users/Users-3/apikeys/${id}`,
        fault: { kind: 'delay', ms: 300 }
      })
    }
    const seen = await scenario(sim, {
      ...rotate,
      api_key: OWN,
      username: '',
      purpose
    })
    expect(seen).toMatchObject({
      exitCode: 0,
      log: [
        "Creating an API key for 'svc-deploy' (Users-3) for 180 days, the default, as input 'expires' is empty.",
        said.CREATED(),
        'Revoked 4 older key(s) with this purpose: <older-1h>, <older-2h>, <older-3h>, <credential>.'
      ],
      keys: ['<key-1>']
    })
  })
})
