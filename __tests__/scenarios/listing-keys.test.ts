// Listing an account's keys (rotation, and the clean-up after a lost answer)
// needs "View users" in Octopus; an account with more keys than the action
// reads is said to have them, with what to do.
import { describe, expect, it } from '@jest/globals'
import { scenario, seed, sent, simulator, withKeyMaker } from './fixture.js'

const rotate = { revoke_previous: 'true' }

describe('listing the keys of another account', () => {
  it('is refused without "View users", and the advice names it', async () => {
    const { sim, maker } = await withKeyMaker()
    const seen = await scenario(
      sim,
      { ...rotate, username: '', user_id: 'Users-3', api_key: maker },
      { secrets: [maker] }
    )
    expect(seen).toMatchObject({
      exitCode: 1,
      error: `Failed to list the API keys of Users-3: HTTP 403 Forbidden: "You do not have permission to perform this action. Please contact your Octopus administrator. Missing permission: UserView" This action requires permission to view users. Listing another account's API keys needs the "View users" permission (UserView): give it to the credential's user. The new key <key-1> was revoked.`,
      requests: [
        sent.ME,
        'GET /api/users/Users-20/apikeys?skip=0&take=100',
        sent.CREATE,
        sent.LIST,
        'DELETE /api/users/Users-3/apikeys/<key-1>'
      ],
      keys: []
    })
  })
})

describe('a refused listing is said with where the credential came from', () => {
  it('a 401 on the rotation listing names the OCTOPUS_API_KEY variable', async () => {
    const sim = await simulator()
    sim.inject({
      method: 'GET',
      path: '/api/users/Users-3/apikeys',
      fault: { kind: 'status', status: 401 }
    })
    const env = { OCTOPUS_API_KEY: seed.adminKey }
    const seen = await scenario(sim, { ...rotate, api_key: '' }, { env })
    expect(seen).toMatchObject({
      exitCode: 1,
      error:
        `Failed to list the API keys of 'svc-deploy' (Users-3): HTTP 401 Unauthorized: "You must be logged in to perform this action. Please provide a valid API key or log in again." ` +
        'Check the credential in the OCTOPUS_API_KEY variable (no input gave one, so it came from the environment, set by the workflow or an earlier step): it must be valid and unexpired for this server. ' +
        'The new key <key-1> was revoked.',
      keys: []
    })
  })
})

describe('an account with more keys than the action reads', () => {
  it('is said to have them, with the limit and what to do; the new key is revoked', async () => {
    const sim = await simulator()
    const created = new Date(Date.now() - 3_600_000)
    for (let i = 0; i < 10_050; i++)
      sim.createKeyDirectly('Users-3', `other ${i}`, { created })
    // The listing's first page, and so its total, comes before the new key.
    sim.inject({ method: 'POST', fault: { kind: 'delay', ms: 300 } })
    const seen = await scenario(sim, rotate)
    expect(seen).toMatchObject({
      exitCode: 1,
      error:
        "'svc-deploy' (Users-3) has 10,050 API keys, more than the 10,000 the action reads. Revoke the keys it no longer needs in Octopus (Configuration → Users → the account → API keys), then run again. The new key <key-1> was revoked.",
      outputs: {}
    })
    expect(
      seen.requests.filter((r) =>
        r.startsWith('GET /api/users/Users-3/apikeys')
      )
    ).toHaveLength(100)
    expect(seen.requests).toContain(sent.ADMIN_KEYS)
    expect(sim.liveKeyCount('Users-3')).toBe(10_050)
  })
})
