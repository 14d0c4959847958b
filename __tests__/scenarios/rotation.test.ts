// revoke_previous: after the new key exists, the account's other keys with
// the same purpose made before this run started are revoked; nothing else is.
import { describe, expect, it } from '@jest/globals'
import { addKey, said, scenario, sent, simulator } from './fixture.js'

const rotate = { revoke_previous: 'true' }
const revoke = (key: string): string =>
  `DELETE /api/users/Users-3/apikeys/${key}`

describe('rotation (revoke_previous)', () => {
  it('revokes the older keys of this purpose; other purposes, case variants and accounts keep theirs', async () => {
    const sim = await simulator()
    addKey(sim, 'older-2d', 'deploy', { hoursAgo: 48 })
    addKey(sim, 'older-1h', 'deploy', { hoursAgo: 1 })
    addKey(sim, 'other-purpose', 'nightly', { hoursAgo: 48 })
    addKey(sim, 'case-variant', 'DEPLOY', { hoursAgo: 48 })
    addKey(sim, 'other-account', 'deploy', { hoursAgo: 48, userId: 'Users-4' })
    const seen = await scenario(sim, rotate)
    expect(seen).toMatchObject({
      log: [
        said.CREATING,
        said.CREATED(),
        'Revoked 2 older key(s) with this purpose: <older-1h>, <older-2d>.'
      ],
      outputs: { revoked_ids: '<older-1h>,<older-2d>' },
      requests: [
        ...sent.FIND,
        sent.CREATE,
        sent.LIST,
        revoke('<older-1h>'),
        revoke('<older-2d>')
      ],
      keys: ['<case-variant>', '<key-1>', '<other-purpose>']
    })
    expect(seen.summary).toContain('Revoked | <older-1h>, <older-2d>')
    expect(sim.keysOf('Users-4')).toHaveLength(1)
  })

  it('keeps a key of the same purpose that another job made while this one ran', async () => {
    const sim = await simulator()
    addKey(sim, 'older', 'deploy', { hoursAgo: 1 })
    const otherJob = () => addKey(sim, 'other-job', 'deploy')
    sim.inject({
      method: 'GET',
      path: '/api/users/Users-3/apikeys',
      fault: { kind: 'interleave', run: otherJob }
    })
    expect(await scenario(sim, rotate)).toMatchObject({
      outputs: { revoked_ids: '<older>' },
      keys: ['<key-1>', '<other-job>']
    })
  })

  it('with nothing to revoke, says so', async () => {
    const sim = await simulator()
    addKey(sim, 'other-purpose', 'nightly', { hoursAgo: 1 })
    expect(await scenario(sim, rotate)).toMatchObject({
      log: [
        said.CREATING,
        said.CREATED(),
        'No older key with this purpose to revoke.'
      ],
      outputs: { revoked_ids: '' },
      requests: [...sent.FIND, sent.CREATE, sent.LIST],
      keys: ['<key-1>', '<other-purpose>']
    })
  })

  it.each([
    ['that says how many keys there are', []],
    ['without TotalResults, by following Page.Next', ['TotalResults']]
  ])('finds the older keys on every page of a listing %s', async (_, omit) => {
    const sim = await simulator()
    for (let i = 0; i < 130; i++)
      addKey(sim, 'older', 'deploy', { hoursAgo: 1 + i / 60 })
    sim.inject({
      method: 'GET',
      path: '/api/users/Users-3/apikeys',
      times: Infinity,
      fault: { kind: 'edit-json', omit }
    })
    expect(await scenario(sim, rotate)).toMatchObject({
      log: [
        said.CREATING,
        said.CREATED(),
        `Revoked 130 older key(s) with this purpose: ${Array(130).fill('<older>').join(', ')}.`
      ],
      requests: [
        ...sent.FIND,
        sent.CREATE,
        sent.LIST,
        'GET /api/users/Users-3/apikeys?skip=100&take=100',
        `${revoke('<older>')} ×130`
      ],
      keys: ['<key-1>']
    })
  })

  it('only warns about an older key that cannot be revoked', async () => {
    const sim = await simulator()
    const stuck = addKey(sim, 'stuck', 'deploy', { hoursAgo: 1 })
    addKey(sim, 'older', 'deploy', { hoursAgo: 2 })
    sim.inject({
      path: `/api/users/Users-3/apikeys/${stuck}`,
      times: Infinity,
      fault: { kind: 'status', status: 500 }
    })
    expect(await scenario(sim, { ...rotate, max_attempts: '2' })).toMatchObject(
      {
        exitCode: 0,
        log: [
          said.CREATING,
          said.CREATED(),
          'DELETE /api/users/Users-3/apikeys/<stuck>: HTTP 500; retrying in <backoff> s (attempt 2 of 2)',
          'Revoked 1 older key(s) with this purpose: <older>.',
          'Warning: Could not revoke older key <stuck>: HTTP 500 Internal Server Error: "An unexpected error occurred on the Octopus Server." The server kept failing; try again later. It is still live: revoke it by hand in Octopus (Configuration → Users → the account → API keys).'
        ],
        outputs: { revoked_ids: '<older>' },
        requests: [
          ...sent.FIND,
          sent.CREATE,
          sent.LIST,
          revoke('<older>'),
          `${revoke('<stuck>')} ×2`
        ],
        keys: ['<key-1>', '<stuck>']
      }
    )
  })

  it('revokes nothing when the new key cannot be created', async () => {
    const sim = await simulator()
    addKey(sim, 'older', 'deploy', { hoursAgo: 1 })
    sim.inject({ method: 'POST', fault: { kind: 'status', status: 400 } })
    expect(await scenario(sim, rotate)).toMatchObject({
      exitCode: 1,
      // The listing goes out alongside the create, and is waited for.
      requests: [...sent.FIND, sent.CREATE, sent.LIST],
      keys: ['<older>']
    })
  })
})
