import { describe, it, expect, afterEach } from '@jest/globals'
import { defaultSeed, type Fault } from '../../tools/simulator/index.js'
import { run } from '../../src/main.js'
import { FakeRunner, leaks, rejection } from '../unit/fakes.js'
import { calls, depsFor, liveKeys, Simulators, whoIs } from './support.js'

const seed = defaultSeed()
const PURPOSE = 'deploy from octo/repo'
const CREATE = '/api/users/Users-3/apikeys'
const sims = new Simulators()
afterEach(() => sims.closeAll())

function runnerFor(server: string): FakeRunner {
  return new FakeRunner({
    server,
    api_key: seed.adminKey,
    user_id: 'Users-3',
    purpose: PURPOSE,
    expires: '7d'
  })
}

/** Every key this run's purpose ever got on the target, revoked or not. */
function madeKeys(sim: Awaited<ReturnType<Simulators['start']>>) {
  return sim
    .keysOf('Users-3', { includeRevoked: true })
    .filter((k) => k.purpose === PURPOSE)
}

/** Secrets the run knew: the admin key and every key value it was told. */
function knownSecrets(runner: FakeRunner): string[] {
  return [seed.adminKey, ...runner.masked]
}

describe('the answer to the create is lost after the server made the key', () => {
  it.each<[string, Fault]>([
    ['the connection is dropped', { kind: 'process-then-drop' }],
    ['a proxy answers 502', { kind: 'process-then-status', status: 502 }],
    [
      'a proxy answers 504 with an HTML page',
      { kind: 'process-then-status', status: 504, html: true }
    ],
    ['the 200 body is cut short', { kind: 'malformed-json', status: 200 }]
  ])(
    'when %s: exactly one live key is left, and the output holds it',
    async (_, fault) => {
      const sim = await sims.start()
      sim.inject({ method: 'POST', path: CREATE, times: 1, fault })
      const runner = runnerFor(sim.url)
      await run(depsFor(runner).deps)

      const live = liveKeys(sim, 'Users-3', PURPOSE)
      expect(live).toEqual([runner.outputs.api_key_id])
      expect(await whoIs(sim.url, runner.outputs.api_key)).toBe('Users-3')
      // The orphan from the first attempt was found and revoked.
      const made = madeKeys(sim)
      expect(made).toHaveLength(2)
      expect(made.filter((k) => k.revoked)).toHaveLength(1)
      expect(calls(sim).filter((c) => c === `POST ${CREATE}`)).toHaveLength(2)
      expect(runner.lines('warning').join('\n')).toContain(
        'answer to the create request was lost'
      )
      expect(leaks(runner.visibleTexts(), knownSecrets(runner))).toEqual([])
    }
  )

  it('keeps an older key of the same purpose that the run did not make', async () => {
    const sim = await sims.start()
    const older = sim.createKeyDirectly('Users-3', PURPOSE, {
      created: new Date(Date.now() - 3_600_000)
    })
    sim.inject({
      method: 'POST',
      path: CREATE,
      times: 1,
      fault: { kind: 'process-then-drop' }
    })
    const runner = runnerFor(sim.url)
    await run(depsFor(runner).deps)
    expect(liveKeys(sim, 'Users-3', PURPOSE).sort()).toEqual(
      [older.id, runner.outputs.api_key_id].sort()
    )
  })

  const inTenDays = new Date(Date.now() + 10 * 86_400_000)
    .toISOString()
    .slice(0, 10)
  it.each([
    // The other job's clock is not this run's: its 7d lands on another millisecond.
    ['a duration', '7d', () => new Date(Date.now() + 7 * 86_400_000 + 1)],
    ['a date', inTenDays, () => new Date(`${inTenDays}T23:59:59.000Z`)]
  ])(
    'keeps a key another job made with the same purpose while this run was cleaning up (expires as %s)',
    async (_, expires, theirExpiry) => {
      const sim = await sims.start()
      sim.inject({
        method: 'POST',
        path: CREATE,
        times: 1,
        fault: { kind: 'process-then-drop' }
      })
      const runner = runnerFor(sim.url)
      runner.inputs.expires = expires
      let otherJob: { id: string } | undefined
      runner.onLog = (level, message) => {
        if (level === 'warning' && message.includes('was lost') && !otherJob)
          otherJob = sim.createKeyDirectly('Users-3', PURPOSE, {
            expires: theirExpiry()
          })
      }
      await run(depsFor(runner).deps)
      expect(otherJob).toBeDefined()
      expect(liveKeys(sim, 'Users-3', PURPOSE).sort()).toEqual(
        [otherJob?.id, runner.outputs.api_key_id].sort()
      )
    }
  )

  it('lost twice: fails, and leaves no live key behind', async () => {
    const sim = await sims.start()
    sim.inject({
      method: 'POST',
      path: CREATE,
      times: 2,
      fault: { kind: 'process-then-drop' }
    })
    const runner = runnerFor(sim.url)
    const error = await rejection(run(depsFor(runner).deps))
    expect(error.message).toContain('lost twice')
    expect(error.message).toContain('No key was left behind')
    expect(liveKeys(sim, 'Users-3', PURPOSE)).toEqual([])
    expect(madeKeys(sim)).toHaveLength(2)
    expect(runner.outputs).toEqual({})
    expect(
      leaks([error.message, ...runner.visibleTexts()], knownSecrets(runner))
    ).toEqual([])
  })

  it('when listing keys to clean up fails, the error names what may be left', async () => {
    const sim = await sims.start()
    sim.inject({
      method: 'POST',
      path: CREATE,
      times: 1,
      fault: { kind: 'process-then-drop' }
    })
    sim.inject({
      method: 'GET',
      path: CREATE,
      times: Infinity,
      fault: { kind: 'status', status: 500 }
    })
    const runner = runnerFor(sim.url)
    const error = await rejection(run(depsFor(runner).deps))
    expect(error.message).toContain(`purpose '${PURPOSE}'`)
    expect(error.message).toContain('by hand')
    expect(calls(sim).filter((c) => c === `POST ${CREATE}`)).toHaveLength(1)
    expect(runner.outputs).toEqual({})
  })
})

describe('the create fails without making a key', () => {
  it('500 on every create: fails and leaves no key', async () => {
    const sim = await sims.start()
    sim.inject({
      method: 'POST',
      path: CREATE,
      times: Infinity,
      fault: { kind: 'status', status: 500 }
    })
    const runner = runnerFor(sim.url)
    const error = await rejection(run(depsFor(runner).deps))
    expect(error.message).toContain('500')
    expect(madeKeys(sim)).toEqual([])
    expect(sim.liveKeyCount('Users-3')).toBe(0)
    expect(runner.outputs).toEqual({})
    expect(
      leaks([error.message, ...runner.visibleTexts()], knownSecrets(runner))
    ).toEqual([])
  })

  it('503 without Retry-After once: reconciles, creates once more, one key', async () => {
    const sim = await sims.start()
    sim.inject({
      method: 'POST',
      path: CREATE,
      times: 1,
      fault: { kind: 'status', status: 503 }
    })
    const runner = runnerFor(sim.url)
    await run(depsFor(runner).deps)
    expect(madeKeys(sim).map((k) => k.id)).toEqual([runner.outputs.api_key_id])
    expect(calls(sim).filter((c) => c.startsWith('DELETE'))).toEqual([])
  })

  it.each([
    [429, '3'],
    [503, '2']
  ])(
    '%d with Retry-After %s: waits as asked, re-sends, one key',
    async (status, retryAfter) => {
      const sim = await sims.start()
      sim.inject({
        method: 'POST',
        path: CREATE,
        times: 1,
        fault: {
          kind: 'status',
          status,
          headers: { 'Retry-After': retryAfter }
        }
      })
      const runner = runnerFor(sim.url)
      const { deps, delays } = depsFor(runner)
      await run(deps)
      expect(delays).toEqual([Number(retryAfter) * 1000])
      expect(calls(sim)).toEqual([
        'GET /api/users/Users-3',
        `POST ${CREATE}`,
        `POST ${CREATE}`
      ])
      expect(madeKeys(sim).map((k) => k.id)).toEqual([
        runner.outputs.api_key_id
      ])
      expect(runner.lines('info').join('\n')).toContain('attempt 2 of 3')
    }
  )

  it('a refused create (400) is not retried and names the inputs to check', async () => {
    const sim = await sims.start({ maxExpiryDays: 5 })
    const runner = runnerFor(sim.url)
    const error = await rejection(run(depsFor(runner).deps))
    expect(error.message).toContain('HTTP 400')
    expect(error.message).toContain('5 days')
    expect(error.message).toContain(`'expires'`)
    expect(calls(sim).filter((c) => c === `POST ${CREATE}`)).toHaveLength(1)
    expect(madeKeys(sim)).toEqual([])
  })
})
