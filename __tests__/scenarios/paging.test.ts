// Paging is bounded whatever the server says: it ends at an empty or short
// page, when skip reaches TotalResults, or at a page cap; pages come a
// handful at a time; a server that ignores skip stops the run, saying so,
// and a key made before that is revoked.
import { describe, expect, it } from '@jest/globals'
import { manyUsers } from '../../tools/simulator/index.js'
import { addKey, scenario, seed, sent, simulator } from './fixture.js'

const rotate = { revoke_previous: 'true' }
const KEYS = '/api/users/Users-3/apikeys'
const revoke = (key: string): string => `DELETE ${KEYS}/${key}`

describe('a server that ignores skip', () => {
  it('in the users lookup: stops after the second page, saying so', async () => {
    const sim = await simulator({ users: [...seed.users, ...manyUsers(250)] })
    sim.inject({
      path: '/api/users',
      times: Infinity,
      fault: { kind: 'ignore-skip' }
    })
    const seen = await scenario(
      sim,
      { username: 'svc-target' },
      { owner: 'Users-263' }
    )
    expect(seen).toMatchObject({
      exitCode: 1,
      error:
        "Octopus answered the request for the users matching 'svc-target' from skip=100 with only items it had already sent: it, or a proxy in front of it, ignores the 'skip' query parameter, so the list cannot be read to the end. Check that nothing between the runner and Octopus drops or rewrites the query string.",
      requests: sent.finding(
        'GET /api/users?filter=svc-target&skip=0&take=100',
        'GET /api/users?filter=svc-target&skip=100&take=100'
      ),
      keys: []
    })
  })

  it('in the rotation listing: fails, and revokes the new key', async () => {
    const sim = await simulator()
    for (let i = 0; i < 130; i++)
      addKey(sim, 'older', 'deploy', { hoursAgo: 1 })
    sim.inject({ path: KEYS, times: Infinity, fault: { kind: 'ignore-skip' } })
    const seen = await scenario(sim, rotate)
    expect(seen).toMatchObject({
      exitCode: 1,
      error:
        "Octopus answered the request for the API keys of 'svc-deploy' (Users-3) from skip=100 with only items it had already sent: it, or a proxy in front of it, ignores the 'skip' query parameter, so the list cannot be read to the end. Check that nothing between the runner and Octopus drops or rewrites the query string. The new key <key-1> was revoked.",
      requests: [
        ...sent.FIND,
        sent.CREATE,
        sent.LIST,
        `GET ${KEYS}?skip=100&take=100`,
        revoke('<key-1>')
      ],
      outputs: {}
    })
    expect(seen.keys).toEqual(Array(130).fill('<older>'))
  })
})

describe('a TotalResults that does not size the work', () => {
  it.each([1e9, 20_000])(
    'of %d over 130 keys: pages read four at a time until one comes back short',
    async (total) => {
      const sim = await simulator()
      for (let i = 0; i < 130; i++)
        addKey(sim, 'older', 'deploy', { hoursAgo: 1 })
      sim.inject({
        path: KEYS,
        times: Infinity,
        fault: { kind: 'edit-json', set: { TotalResults: total } }
      })
      const seen = await scenario(sim, rotate)
      expect(seen).toMatchObject({ exitCode: 0, keys: ['<key-1>'] })
      expect(seen.outputs.revoked_ids.split(',')).toHaveLength(130)
      const listings = seen.requests.filter((r) => r.startsWith(`GET ${KEYS}`))
      expect(listings.sort()).toEqual(
        [0, 100, 200, 300, 400].map((s) => `GET ${KEYS}?skip=${s}&take=100`)
      )
    }
  )
})
