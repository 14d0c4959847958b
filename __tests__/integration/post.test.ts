import { describe, it, expect, afterEach } from '@jest/globals'
import { defaultSeed } from '../../tools/simulator/index.js'
import { run } from '../../src/main.js'
import { post, STATE_KEY_ID, STATE_USER_ID } from '../../src/post.js'
import { FakeRunner, leaks } from '../unit/fakes.js'
import { calls, depsFor, liveKeys, Simulators, whoIs } from './support.js'

const seed = defaultSeed()
const PURPOSE = 'short-lived deploy key'
const sims = new Simulators()
afterEach(() => sims.closeAll())

type Sim = Awaited<ReturnType<Simulators['start']>>

/** Runs the main step with revoke_after_job and returns what it left for the post step. */
async function mainStep(
  sim: Sim
): Promise<{ state: Record<string, string>; key: string; keyId: string }> {
  const runner = new FakeRunner({
    server: sim.url,
    api_key: seed.adminKey,
    username: 'svc-deploy',
    purpose: PURPOSE,
    expires: '1d',
    revoke_after_job: 'true'
  })
  await run(depsFor(runner).deps)
  return {
    state: runner.state,
    key: runner.outputs.api_key,
    keyId: runner.outputs.api_key_id
  }
}

function postRunner(
  sim: Sim,
  state: Record<string, string>,
  inputs: Record<string, string> = {}
): FakeRunner {
  return new FakeRunner(
    { server: sim.url, api_key: seed.adminKey, ...inputs },
    state
  )
}

describe('main step with revoke_after_job', () => {
  it('saves the key id and user id, never the key', async () => {
    const sim = await sims.start()
    const { state, key, keyId } = await mainStep(sim)
    expect(state).toEqual({ [STATE_KEY_ID]: keyId, [STATE_USER_ID]: 'Users-3' })
    expect(JSON.stringify(state)).not.toContain(key)
  })
})

describe('post', () => {
  it('revokes the key the main step saved', async () => {
    const sim = await sims.start()
    const { state, key, keyId } = await mainStep(sim)
    expect(await whoIs(sim.url, key)).toBe('Users-3')
    sim.resetRequests()

    const runner = postRunner(sim, state)
    const { deps, transports } = depsFor(runner)
    await post(deps)

    expect(calls(sim)).toEqual([`DELETE /api/users/Users-3/apikeys/${keyId}`])
    expect(liveKeys(sim, 'Users-3', PURPOSE)).toEqual([])
    expect(await whoIs(sim.url, key)).toMatch(/^refused: .*401/)
    expect(runner.lines('info').join('\n')).toContain(
      `Revoked API key ${keyId}`
    )
    expect(runner.lines('warning')).toEqual([])
    expect(transports).toEqual({ opened: 1, closed: 1 })
    expect(leaks(runner.visibleTexts(), [seed.adminKey, key])).toEqual([])
  })

  it('with the credential from the environment and a bearer token', async () => {
    const sim = await sims.start()
    const { id, apiKey } = sim.createKeyDirectly('Users-11', PURPOSE)
    const runner = new FakeRunner(
      {},
      { [STATE_KEY_ID]: id, [STATE_USER_ID]: 'Users-11' }
    )
    await post(
      depsFor(runner, {
        OCTOPUS_URL: `${sim.url}/api`,
        OCTOPUS_ACCESS_TOKEN: seed.serviceBearer
      }).deps
    )
    expect(sim.requests.map((r) => r.auth)).toEqual(['bearer'])
    expect(liveKeys(sim, 'Users-11', PURPOSE)).toEqual([])
    expect(await whoIs(sim.url, apiKey)).toMatch(/^refused: .*401/)
    expect(leaks(runner.visibleTexts(), [seed.serviceBearer])).toEqual([])
  })

  it('a key that is already gone is not a warning', async () => {
    const sim = await sims.start()
    const { state } = await mainStep(sim)
    await post(depsFor(postRunner(sim, state)).deps)

    const again = postRunner(sim, state)
    await post(depsFor(again).deps)
    expect(again.lines('info').join('\n')).toContain('already gone')
    expect(again.lines('warning')).toEqual([])
  })

  it('warns, and does not throw, when the revoke keeps failing', async () => {
    const sim = await sims.start()
    const { state, key, keyId } = await mainStep(sim)
    sim.resetRequests()
    sim.inject({
      method: 'DELETE',
      path: `/api/users/Users-3/apikeys/${keyId}`,
      times: Infinity,
      fault: { kind: 'status', status: 500 }
    })
    const runner = postRunner(sim, state)
    const { deps, transports } = depsFor(runner)
    await expect(post(deps)).resolves.toBeUndefined()

    const warnings = runner.lines('warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(
      `Could not revoke API key ${keyId} of Users-3`
    )
    expect(warnings[0]).toContain('HTTP 500')
    expect(warnings[0]).toContain('by hand')
    expect(runner.failed).toEqual([])
    expect(calls(sim)).toHaveLength(3)
    expect(liveKeys(sim, 'Users-3', PURPOSE)).toEqual([keyId])
    expect(transports).toEqual({ opened: 1, closed: 1 })
    expect(leaks(runner.visibleTexts(), [seed.adminKey, key])).toEqual([])
  })

  it('warns when the credential is refused', async () => {
    const sim = await sims.start()
    const { state, keyId } = await mainStep(sim)
    const wrong = 'API-WRONGKEY0123456789ABCDEFG'
    const runner = postRunner(sim, state, { api_key: wrong })
    await post(depsFor(runner).deps)
    const warnings = runner.lines('warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('HTTP 401')
    expect(liveKeys(sim, 'Users-3', PURPOSE)).toEqual([keyId])
    expect(leaks(runner.visibleTexts(), [wrong])).toEqual([])
  })

  it('warns without a request when the credential is missing', async () => {
    const sim = await sims.start()
    const { state, keyId } = await mainStep(sim)
    sim.resetRequests()
    const runner = postRunner(sim, state, { api_key: '' })
    await post(depsFor(runner).deps)
    expect(sim.requests).toEqual([])
    expect(runner.lines('warning')).toHaveLength(1)
    expect(runner.lines('warning')[0]).toContain(keyId)
    expect(runner.lines('warning')[0]).toContain('api_key')
  })

  it('does nothing when the main step saved no key', async () => {
    const sim = await sims.start()
    const runner = postRunner(sim, {})
    const { deps, transports } = depsFor(runner)
    await post(deps)
    expect(sim.requests).toEqual([])
    expect(runner.lines('warning')).toEqual([])
    expect(transports.opened).toBe(0)
  })
})
