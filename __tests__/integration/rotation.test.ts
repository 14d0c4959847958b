import { describe, it, expect, afterEach } from '@jest/globals'
import { defaultSeed } from '../../tools/simulator/index.js'
import { run } from '../../src/main.js'
import { FakeRunner, leaks } from '../unit/fakes.js'
import { calls, depsFor, liveKeys, Simulators } from './support.js'

const seed = defaultSeed()
const PURPOSE = 'deploy rotation'
const HOUR = 3_600_000
const sims = new Simulators()
afterEach(() => sims.closeAll())

function rotatingRunner(server: string): FakeRunner {
  return new FakeRunner({
    server,
    api_key: seed.adminKey,
    username: 'svc-deploy',
    purpose: PURPOSE,
    expires: '30d',
    revoke_previous: 'true'
  })
}

const ago = (ms: number): Date => new Date(Date.now() - ms)

describe('run with revoke_previous', () => {
  it('revokes older keys of this purpose and keeps the rest', async () => {
    const sim = await sims.start()
    const old1 = sim.createKeyDirectly('Users-3', PURPOSE, {
      created: ago(48 * HOUR)
    })
    const old2 = sim.createKeyDirectly('Users-3', PURPOSE, {
      created: ago(HOUR)
    })
    const otherPurpose = sim.createKeyDirectly('Users-3', 'something else', {
      created: ago(48 * HOUR)
    })
    const caseVariant = sim.createKeyDirectly(
      'Users-3',
      PURPOSE.toUpperCase(),
      {
        created: ago(48 * HOUR)
      }
    )
    const otherUser = sim.createKeyDirectly('Users-4', PURPOSE, {
      created: ago(48 * HOUR)
    })

    // Another job rotating the same purpose creates its key while this run is in progress.
    const runner = rotatingRunner(sim.url)
    let concurrent: { id: string; apiKey: string } | undefined
    runner.onLog = (_, message) => {
      if (message.startsWith('Created API key') && !concurrent)
        concurrent = sim.createKeyDirectly('Users-3', PURPOSE)
    }

    await run(depsFor(runner).deps)

    expect(concurrent).toBeDefined()
    expect(runner.outputs.revoked_ids.split(',').sort()).toEqual(
      [old1.id, old2.id].sort()
    )
    expect(liveKeys(sim, 'Users-3', PURPOSE).sort()).toEqual(
      [runner.outputs.api_key_id, concurrent?.id].sort()
    )
    const live = sim.keysOf('Users-3').map((k) => k.id)
    expect(live).toEqual(
      expect.arrayContaining([otherPurpose.id, caseVariant.id])
    )
    expect(sim.keysOf('Users-4').map((k) => k.id)).toContain(otherUser.id)
    expect(runner.lines('info').join('\n')).toContain('Revoked 2 older key(s)')
    const summary = Object.fromEntries(runner.summaries[0].rows)
    expect(summary['Revoked'].split(', ').sort()).toEqual(
      [old1.id, old2.id].sort()
    )
    expect(
      leaks(runner.visibleTexts(), [
        runner.outputs.api_key,
        seed.adminKey,
        old1.apiKey,
        old2.apiKey,
        concurrent?.apiKey ?? ''
      ])
    ).toEqual([])
  })

  it('with nothing to revoke says so and revokes nothing', async () => {
    const sim = await sims.start()
    const keep = sim.createKeyDirectly('Users-3', 'another purpose', {
      created: ago(HOUR)
    })
    const runner = rotatingRunner(sim.url)
    await run(depsFor(runner).deps)
    expect(runner.outputs.revoked_ids).toBe('')
    expect(calls(sim).filter((c) => c.startsWith('DELETE'))).toEqual([])
    expect(sim.keysOf('Users-3').map((k) => k.id)).toContain(keep.id)
    expect(runner.lines('info').join('\n')).toContain(
      'No older key with this purpose'
    )
  })

  it('finds old keys on every page of a long key list', async () => {
    const sim = await sims.start()
    const old = Array.from(
      { length: 130 },
      (_, i) =>
        sim.createKeyDirectly('Users-3', PURPOSE, {
          created: ago(HOUR + i * 1000)
        }).id
    )
    const runner = rotatingRunner(sim.url)
    await run(depsFor(runner).deps)
    expect(runner.outputs.revoked_ids.split(',').sort()).toEqual(old.sort())
    expect(liveKeys(sim, 'Users-3', PURPOSE)).toEqual([
      runner.outputs.api_key_id
    ])
    const listings = sim.requests.filter(
      (r) => r.method === 'GET' && r.path === '/api/users/Users-3/apikeys'
    )
    expect(listings.map((r) => r.query.skip).sort()).toEqual(['0', '100'])
  })

  it('an old key that cannot be revoked is a warning, not a failure', async () => {
    const sim = await sims.start()
    const stuck = sim.createKeyDirectly('Users-3', PURPOSE, {
      created: ago(HOUR)
    })
    const gone = sim.createKeyDirectly('Users-3', PURPOSE, {
      created: ago(2 * HOUR)
    })
    sim.inject({
      method: 'DELETE',
      path: `/api/users/Users-3/apikeys/${stuck.id}`,
      times: Infinity,
      fault: { kind: 'status', status: 500 }
    })
    const runner = rotatingRunner(sim.url)
    const { deps } = depsFor(runner)
    await run(deps)
    expect(runner.outputs.revoked_ids).toBe(gone.id)
    const warnings = runner.lines('warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(`Could not revoke older key ${stuck.id}`)
    expect(warnings[0]).toContain('by hand')
    expect(liveKeys(sim, 'Users-3', PURPOSE).sort()).toEqual(
      [runner.outputs.api_key_id, stuck.id].sort()
    )
    // The failing delete was tried max_attempts (3) times.
    expect(
      calls(sim).filter(
        (c) => c === `DELETE /api/users/Users-3/apikeys/${stuck.id}`
      )
    ).toHaveLength(3)
  })
})
