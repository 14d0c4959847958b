// Rotation judges "older than this run" by Octopus's own clock alone: the new
// key's Created, less the time the run has spent since its first request.
// The Date header, the runner's clock and sub-second timing play no part.
import { describe, expect, it } from '@jest/globals'
import type { SimulatorOptions } from '../../tools/simulator/index.js'
import { addKey, scenario, simulator } from './fixture.js'

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('rotation by the server’s clock', () => {
  it('a run started 10 ms after the previous key was made revokes it, every time', async () => {
    const sim = await simulator()
    for (let run = 1; run <= 5; run++) {
      const purpose = `deploy ${run}`
      addKey(sim, `previous-${run}`, purpose)
      await pause(10)
      const seen = await scenario(sim, { purpose, revoke_previous: 'true' })
      expect(seen.outputs.revoked_ids).toBe(`<previous-${run}>`)
    }
  })

  it('three rotations at once keep all three new keys', async () => {
    const sim = await simulator()
    addKey(sim, 'older', 'deploy', { hoursAgo: 1 })
    // Every create takes 2 s, so each run starts before any other's key exists.
    sim.inject({ method: 'POST', times: 3, fault: { kind: 'delay', ms: 2000 } })
    const runs = await Promise.all(
      [1, 2, 3].map(() => scenario(sim, { revoke_previous: 'true' }))
    )
    expect(runs.map((r) => r.exitCode)).toEqual([0, 0, 0])
    const made = runs.map((r) => r.step.outputs.api_key_id)
    const live = sim.keysOf('Users-3').map((k) => k.id)
    expect(live.sort()).toEqual(made.sort())
  })

  it.each<[string, SimulatorOptions['dateHeader']]>([
    ['120 s ahead', { skewMs: 120_000 }],
    ['120 s behind', { skewMs: -120_000 }],
    ['absent', 'none']
  ])(
    'a Date header %s changes nothing: the key made just before is revoked, one made meanwhile kept',
    async (_, dateHeader) => {
      const sim = await simulator({ dateHeader })
      addKey(sim, 'previous', 'deploy')
      sim.inject({
        method: 'GET',
        path: '/api/users/Users-3/apikeys',
        fault: {
          kind: 'interleave',
          run: () => addKey(sim, 'other-job', 'deploy')
        }
      })
      expect(await scenario(sim, { revoke_previous: 'true' })).toMatchObject({
        exitCode: 0,
        outputs: { revoked_ids: '<previous>' },
        keys: ['<key-1>', '<other-job>']
      })
    }
  )

  it('a create answer without a readable Created: nothing is revoked, and the log says why', async () => {
    const sim = await simulator()
    addKey(sim, 'older', 'deploy', { hoursAgo: 1 })
    sim.inject({
      method: 'POST',
      fault: { kind: 'edit-json', set: { Created: 'yesterday' } }
    })
    const seen = await scenario(sim, { revoke_previous: 'true' })
    expect(seen).toMatchObject({
      exitCode: 0,
      outputs: { revoked_ids: '' },
      keys: ['<key-1>', '<older>']
    })
    expect(seen.log).toContain(
      "Warning: The create's answer has no readable Created time, so no older key could be judged older than this run; none was revoked."
    )
  })
})
