// The bench reads the action's depth against bare node sending the same
// requests (tools/bench/bare-node.mjs). That floor means something only while
// the requests are the same.
import { describe, expect, it } from '@jest/globals'
import { jwtLike } from '../../tools/simulator/ids.js'
import {
  addKey,
  bareNodeRequests,
  scenario,
  seed,
  sent,
  simulator
} from './fixture.js'

/** An access token for the admin, expiring in a day. */
const exp = Math.floor(Date.now() / 1000) + 86_400
const adminToken = jwtLike({ sub: 'Users-1', exp })

/** svc-deploy with two older keys of the scenarios' purpose; the admin also holds an access token. */
async function seeded() {
  const sim = await simulator({
    credentials: [
      ...seed.credentials,
      {
        userId: 'Users-1',
        kind: 'bearer',
        value: adminToken,
        expires: new Date(exp * 1000).toISOString()
      }
    ]
  })
  addKey(sim, 'older-1', 'deploy', { hoursAgo: 2 })
  addKey(sim, 'older-2', 'deploy', { hoursAgo: 1 })
  return sim
}

describe("the bench's bare-node floor", () => {
  it('sends what the action sends for a lookup and a create', async () => {
    const action = await scenario(await seeded())
    expect(action.requests).toEqual([...sent.FIND, sent.CREATE])
    expect(await bareNodeRequests(await seeded())).toEqual(action.requests)
  })

  it('sends what the action sends for an account named by user_id', async () => {
    const byId = { username: '', user_id: 'Users-3' }
    const action = await scenario(await seeded(), byId)
    expect(action.requests).toEqual([sent.ME, sent.ADMIN_KEYS, sent.CREATE])
    expect(await bareNodeRequests(await seeded(), byId)).toEqual(
      action.requests
    )
  })

  it('sends what the action sends with an access token: no creator check', async () => {
    const token = { api_key: '', access_token: adminToken }
    const action = await scenario(await seeded(), token)
    expect(action.requests).toEqual([sent.LOOKUP, sent.CREATE])
    expect(await bareNodeRequests(await seeded(), token)).toEqual(
      action.requests
    )
  })

  it('sends what the action sends for a rotation', async () => {
    const action = await scenario(await seeded(), { revoke_previous: 'true' })
    expect(action.requests).toEqual([
      ...sent.FIND,
      sent.CREATE,
      sent.LIST,
      'DELETE /api/users/Users-3/apikeys/<older-1>',
      'DELETE /api/users/Users-3/apikeys/<older-2>'
    ])
    const rotate = { revoke_previous: 'true' }
    expect(await bareNodeRequests(await seeded(), rotate)).toEqual(
      action.requests
    )
  })
})
