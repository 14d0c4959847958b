// The bench reads the action's depth against bare node sending the same
// requests (tools/bench/bare-node.mjs). That floor means something only while
// the requests are the same.
import { describe, expect, it } from '@jest/globals'
import {
  addKey,
  bareNodeRequests,
  scenario,
  sent,
  simulator
} from './fixture.js'

/** svc-deploy with two older keys of the scenarios' purpose. */
async function seeded() {
  const sim = await simulator()
  addKey(sim, 'older-1', 'deploy', { hoursAgo: 2 })
  addKey(sim, 'older-2', 'deploy', { hoursAgo: 1 })
  return sim
}

describe("the bench's bare-node floor", () => {
  it('sends what the action sends for a lookup and a create', async () => {
    const action = await scenario(await seeded())
    expect(action.requests).toEqual([...sent.FIND, sent.CREATE])
    expect(await bareNodeRequests(await seeded(), { rotate: false })).toEqual(
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
    expect(await bareNodeRequests(await seeded(), { rotate: true })).toEqual(
      action.requests
    )
  })
})
