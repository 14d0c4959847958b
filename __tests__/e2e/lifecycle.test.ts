// Issue 3 through dist/index.js: rotation, a key that lives only for the job,
// and handing the key to later steps through the environment.
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it
} from '@jest/globals'
import { runJob } from '../../tools/harness/run-action.js'
import type { Simulator } from '../../tools/simulator/index.js'
import {
  adminInputs,
  entry,
  errorOf,
  knownSecrets,
  seed,
  simulator,
  step,
  warningsOf
} from './fixture.js'
import { findLeaks } from '../../tools/harness/run-action.js'
import { tmpdir } from 'node:os'

const HOUR = 3600_000
const live = (sim: Simulator, userId: string): string[] =>
  sim.keysOf(userId).map((k) => k.id)

describe('rotation (revoke_previous)', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await simulator()
  })
  afterAll(() => sim.close())

  it('leaves exactly the new key of that purpose and other purposes alone', async () => {
    const old = [1, 2, 3].map((h) =>
      sim.createKeyDirectly('Users-3', 'nightly', {
        created: new Date(Date.now() - h * HOUR)
      })
    )
    const other = sim.createKeyDirectly('Users-3', 'something else', {
      created: new Date(Date.now() - HOUR)
    })

    const run = await step({
      inputs: adminInputs(sim, { purpose: 'nightly', revoke_previous: 'true' })
    })

    expect(run.exitCode).toBe(0)
    const nightly = sim.keysOf('Users-3').filter((k) => k.purpose === 'nightly')
    expect(nightly.map((k) => k.id)).toEqual([run.outputs.api_key_id])
    expect(live(sim, 'Users-3')).toContain(other.id)
    expect(run.outputs.revoked_ids.split(',').sort()).toEqual(
      old.map((k) => k.id).sort()
    )
    for (const k of old) expect(run.summary).toContain(k.id)
    // The revoked keys no longer authenticate; the new one does.
    const status = async (key: string): Promise<number> =>
      (
        await fetch(`${sim.url}/api/users/me`, {
          headers: { 'X-Octopus-ApiKey': key }
        })
      ).status
    expect(await status(old[0].apiKey)).toBe(401)
    expect(await status(run.outputs.api_key)).toBe(200)
  })

  it('keeps the keys of concurrent rotations of the same purpose', async () => {
    // Latency makes the three runs overlap: each starts before any creates.
    const slow = await simulator({ latencyMs: 1000 })
    try {
      const older = slow.createKeyDirectly('Users-3', 'matrix', {
        created: new Date(Date.now() - HOUR)
      })
      const runs = await Promise.all(
        [1, 2, 3].map(() =>
          step({
            inputs: adminInputs(slow, {
              purpose: 'matrix',
              revoke_previous: 'true'
            })
          })
        )
      )
      for (const run of runs) expect(run.exitCode).toBe(0)
      const keys = slow.keysOf('Users-3').filter((k) => k.purpose === 'matrix')
      expect(keys.map((k) => k.id).sort()).toEqual(
        runs.map((r) => r.outputs.api_key_id).sort()
      )
      expect(live(slow, 'Users-3')).not.toContain(older.id)
      for (const run of runs)
        expect(run.outputs.revoked_ids).not.toContain(run.outputs.api_key_id)
    } finally {
      await slow.close()
    }
  })

  it('revokes nothing when the new key cannot be created', async () => {
    const keep = sim.createKeyDirectly('Users-3', 'blocked', {
      created: new Date(Date.now() - HOUR)
    })
    sim.inject({
      method: 'POST',
      path: '/api/users/Users-3/apikeys',
      fault: { kind: 'status', status: 400 }
    })
    const run = await step({
      inputs: adminInputs(sim, { purpose: 'blocked', revoke_previous: 'true' })
    })
    expect(run.exitCode).toBe(1)
    expect(live(sim, 'Users-3')).toContain(keep.id)
  })
})

describe('a key that lives only for the job (revoke_after_job)', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await simulator()
  })
  afterAll(() => sim.close())
  afterEach(() => sim.clearFaults())

  it('revokes the key in the post step and leaks no credential', async () => {
    const { main, post } = await runJob({
      entry,
      inputs: adminInputs(sim, {
        purpose: 'job scoped',
        revoke_after_job: 'true'
      }),
      env: { RUNNER_DEBUG: '1' }
    })
    expect(main.exitCode).toBe(0)
    expect(main.state).toMatchObject({
      revoke_key_id: main.outputs.api_key_id,
      revoke_user_id: 'Users-3'
    })
    expect(live(sim, 'Users-3')).not.toContain(main.outputs.api_key_id)
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(`Revoked API key ${main.outputs.api_key_id}`)
    const secrets = knownSecrets(main)
    expect(findLeaks(main, secrets)).toEqual([])
    expect(findLeaks(post, secrets)).toEqual([])
    expect(Object.values(main.state).join(' ')).not.toContain('API-')
  })

  it('leaves the key alive without revoke_after_job', async () => {
    const { main, post } = await runJob({
      entry,
      inputs: adminInputs(sim, { purpose: 'kept' })
    })
    expect(main.exitCode).toBe(0)
    expect(post.exitCode).toBe(0)
    expect(live(sim, 'Users-3')).toContain(main.outputs.api_key_id)
  })

  it('leaves no live key when the step fails after the key exists', async () => {
    // An output file the runner cannot write makes publishing the outputs fail.
    const before = live(sim, 'Users-3')
    const made = sim.keysOf('Users-3', { includeRevoked: true }).length
    const run = await step({
      inputs: adminInputs(sim, {
        purpose: 'cannot publish',
        revoke_after_job: 'true'
      }),
      env: { GITHUB_OUTPUT: tmpdir() }
    })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toMatch(
      /^Failed to hand the new key on: .*The new key apikeys-\w+ was revoked\.$/
    )
    expect(live(sim, 'Users-3')).toEqual(before)
    expect(sim.keysOf('Users-3', { includeRevoked: true }).length).toBe(
      made + 1
    )
  })

  it('warns, names the key and exits 0 when the revoke fails', async () => {
    const main = await step({
      inputs: adminInputs(sim, {
        purpose: 'unrevokable',
        revoke_after_job: 'true'
      })
    })
    sim.inject({
      method: 'DELETE',
      times: Infinity,
      fault: { kind: 'status', status: 500 }
    })
    const post = await step(
      {
        inputs: adminInputs(sim, {
          purpose: 'unrevokable',
          revoke_after_job: 'true',
          max_attempts: '2'
        }),
        state: main.state
      },
      [main.outputs.api_key]
    )
    expect(post.exitCode).toBe(0)
    const warning = warningsOf(post).join('\n')
    expect(warning).toContain(
      `Could not revoke API key ${main.outputs.api_key_id}`
    )
    expect(warning).toContain('by hand')
    expect(live(sim, 'Users-3')).toContain(main.outputs.api_key_id)
  })
})

describe('handing the key to later steps (export_env)', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await simulator()
  })
  afterAll(() => sim.close())

  it('exports the masked key and the server for later steps', async () => {
    const run = await step({
      inputs: adminInputs(sim, {
        server: `${sim.url}/api/`,
        export_env: 'true'
      })
    })
    expect(run.exitCode).toBe(0)
    expect(run.env).toEqual({
      OCTOPUS_API_KEY: run.outputs.api_key,
      OCTOPUS_URL: sim.url
    })
    const maskAt = run.lines.indexOf(`::add-mask::${run.outputs.api_key}`)
    expect(maskAt).toBeGreaterThanOrEqual(0)
  })

  it('revokes an exported key at job end even when the credential came from OCTOPUS_API_KEY', async () => {
    // export_env replaces OCTOPUS_API_KEY for later steps, so the post step
    // reads the new key itself; a key may revoke itself.
    const { main, post } = await runJob({
      entry,
      inputs: {
        server: sim.url,
        username: 'svc-deploy',
        purpose: 'env chain',
        export_env: 'true',
        revoke_after_job: 'true'
      },
      env: { OCTOPUS_API_KEY: seed.adminKey }
    })
    expect(main.exitCode).toBe(0)
    expect(post.exitCode).toBe(0)
    expect(post.lines.join('\n')).not.toContain('::warning::')
    expect(live(sim, 'Users-3')).not.toContain(main.outputs.api_key_id)
    expect(findLeaks(post, knownSecrets(main))).toEqual([])
  })

  it('exports nothing by default', async () => {
    const run = await step({ inputs: adminInputs(sim) })
    expect(run.exitCode).toBe(0)
    expect(run.env).toEqual({})
  })
})
