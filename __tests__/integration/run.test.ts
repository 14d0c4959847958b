import { describe, it, expect, afterEach } from '@jest/globals'
import { defaultSeed, manyUsers } from '../../tools/simulator/index.js'
import { run } from '../../src/main.js'
import { FakeRunner, leaks, rejection } from '../unit/fakes.js'
import { calls, depsFor, liveKeys, Simulators, whoIs } from './support.js'

const seed = defaultSeed()
const PURPOSE = 'GitHub Actions deploy for octo/repo'
const DAY = 86_400_000
const sims = new Simulators()
afterEach(() => sims.closeAll())

function runnerFor(inputs: Record<string, string>): FakeRunner {
  return new FakeRunner({ purpose: PURPOSE, expires: '30d', ...inputs })
}

/** The common checks for a successful run that created a key for `userId`. */
async function expectKeyHandedOn(
  server: string,
  sim: Awaited<ReturnType<Simulators['start']>>,
  runner: FakeRunner,
  userId: string,
  credentials: string[]
): Promise<string> {
  const key = runner.outputs.api_key
  expect(key).toMatch(/^API-[A-Z0-9]+$/)
  expect(runner.outputs.user_id).toBe(userId)
  expect(liveKeys(sim, userId, PURPOSE)).toEqual([runner.outputs.api_key_id])
  // The key in the output is the live one: it authenticates as the account.
  expect(await whoIs(server, key)).toBe(userId)
  // Masked before it was handed to anything.
  const masked = runner.timeline.indexOf(`mask:${key}`)
  expect(masked).toBeGreaterThanOrEqual(0)
  expect(masked).toBeLessThan(runner.timeline.indexOf(`output:api_key:${key}`))
  expect(leaks(runner.visibleTexts(), [key, ...credentials])).toEqual([])
  return key
}

describe('run: creating a key', () => {
  it('by username: exactly one lookup and one create when the user is on the first page', async () => {
    const sim = await sims.start()
    const runner = runnerFor({
      server: sim.url,
      api_key: seed.adminKey,
      username: 'svc-deploy'
    })
    const { deps, transports } = depsFor(runner)
    await run(deps)

    expect(calls(sim)).toEqual([
      'GET /api/users',
      'POST /api/users/Users-3/apikeys'
    ])
    expect(sim.requests[0].query.filter).toBe('svc-deploy')
    await expectKeyHandedOn(sim.url, sim, runner, 'Users-3', [seed.adminKey])
    expect(runner.outputs.username).toBe('svc-deploy')
    expect(runner.outputs.revoked_ids).toBe('')
    // The sent expiry carries sub-second noise (random 0.5 → 500 ms less).
    expect(Date.parse(runner.outputs.expires)).toBe(
      deps.clock().getTime() + 30 * DAY - 500
    )
    expect(transports).toEqual({ opened: 1, closed: 1 })
  })

  it('writes a summary with the key id and never the key', async () => {
    const sim = await sims.start()
    const runner = runnerFor({
      server: sim.url,
      api_key: seed.adminKey,
      username: 'svc-deploy'
    })
    await run(depsFor(runner).deps)
    expect(runner.summaries).toHaveLength(1)
    const rows = Object.fromEntries(runner.summaries[0].rows)
    expect(rows['Key id']).toBe(runner.outputs.api_key_id)
    expect(rows['Account']).toContain('svc-deploy (Users-3')
    expect(rows['Purpose']).toBe(PURPOSE)
    expect(rows['Server']).toBe(new URL(sim.url).host)
    expect(JSON.stringify(runner.summaries)).not.toContain(
      runner.outputs.api_key
    )
  })

  it('by username among hundreds of fragment matches: pages, then creates', async () => {
    const sim = await sims.start({
      users: [...seed.users, ...manyUsers(250, 'svc-target')]
    })
    const runner = runnerFor({
      server: sim.url,
      api_key: seed.adminKey,
      username: 'svc-target'
    })
    await run(depsFor(runner).deps)
    const lookups = sim.requests.filter((r) => r.path === '/api/users')
    expect(lookups.map((r) => r.query.skip)).toEqual(['0', '100', '200'])
    expect(calls(sim).filter((c) => c.startsWith('POST'))).toHaveLength(1)
    expect(runner.outputs.username).toBe('svc-target')
    expect(await whoIs(sim.url, runner.outputs.api_key)).toBe(
      runner.outputs.user_id
    )
  })

  it.each([
    ['ci+build@example.com', 'Users-8'],
    ['build agent', 'Users-9'],
    ['dépl-øy', 'Users-10'],
    ['SVC-DEPLOY-STAGING', 'Users-4']
  ])('by the awkward username %j', async (username, id) => {
    const sim = await sims.start()
    const runner = runnerFor({
      server: sim.url,
      api_key: seed.adminKey,
      username
    })
    await run(depsFor(runner).deps)
    expect(runner.outputs.user_id).toBe(id)
    expect(liveKeys(sim, id, PURPOSE)).toHaveLength(1)
  })

  it('by user_id: one GET of that user, then the create', async () => {
    const sim = await sims.start()
    const runner = runnerFor({
      server: sim.url,
      api_key: seed.adminKey,
      user_id: 'Users-3'
    })
    await run(depsFor(runner).deps)
    expect(calls(sim)).toEqual([
      'GET /api/users/Users-3',
      'POST /api/users/Users-3/apikeys'
    ])
    await expectKeyHandedOn(sim.url, sim, runner, 'Users-3', [seed.adminKey])
  })

  it('for the credential’s own user (/api/users/me)', async () => {
    const sim = await sims.start()
    const runner = runnerFor({ server: sim.url, api_key: seed.regularKey })
    await run(depsFor(runner).deps)
    expect(calls(sim)).toEqual([
      'GET /api/users/me',
      'POST /api/users/Users-2/apikeys'
    ])
    expect(runner.outputs.username).toBe('jane.doe')
    await expectKeyHandedOn(sim.url, sim, runner, 'Users-2', [seed.regularKey])
  })

  it('on a server under a virtual directory, given as …/octopus/api/', async () => {
    const sim = await sims.start({ pathPrefix: '/octopus' })
    const runner = runnerFor({
      server: `${sim.origin}/octopus/api/`,
      api_key: seed.adminKey,
      username: 'svc-deploy',
      export_env: 'true'
    })
    await run(depsFor(runner).deps)
    expect(calls(sim)).toEqual([
      'GET /api/users',
      'POST /api/users/Users-3/apikeys'
    ])
    expect(sim.requests.map((r) => r.status)).toEqual([200, 200])
    const key = await expectKeyHandedOn(sim.url, sim, runner, 'Users-3', [
      seed.adminKey
    ])
    expect(runner.exported).toEqual({
      OCTOPUS_URL: `${sim.origin}/octopus`,
      OCTOPUS_API_KEY: key
    })
  })

  it('with a bearer access token from the environment', async () => {
    const sim = await sims.start()
    const runner = runnerFor({})
    await run(
      depsFor(runner, {
        OCTOPUS_URL: sim.url,
        OCTOPUS_ACCESS_TOKEN: seed.serviceBearer
      }).deps
    )
    expect(sim.requests.map((r) => r.auth)).toEqual(['bearer', 'bearer'])
    expect(calls(sim)).toEqual([
      'GET /api/users/me',
      'POST /api/users/Users-11/apikeys'
    ])
    expect(runner.masked).toContain(seed.serviceBearer)
    await expectKeyHandedOn(sim.url, sim, runner, 'Users-11', [
      seed.serviceBearer
    ])
  })

  it('with the access_token input', async () => {
    const sim = await sims.start()
    const runner = runnerFor({
      server: sim.url,
      access_token: seed.serviceBearer
    })
    await run(depsFor(runner).deps)
    expect(sim.requests.every((r) => r.auth === 'bearer')).toBe(true)
    expect(runner.outputs.user_id).toBe('Users-11')
  })

  it('exports nothing and writes no summary unless asked', async () => {
    const sim = await sims.start()
    const runner = runnerFor({
      server: sim.url,
      api_key: seed.adminKey,
      username: 'svc-deploy',
      summary: 'false'
    })
    await run(depsFor(runner).deps)
    expect(runner.exported).toEqual({})
    expect(runner.summaries).toEqual([])
    expect(runner.state).toEqual({})
  })
})

describe('run: refusals', () => {
  it('invalid inputs stop the run before any request', async () => {
    const sim = await sims.start()
    const runner = runnerFor({
      server: sim.url,
      api_key: seed.adminKey,
      username: 'svc-deploy',
      user_id: 'Users-3'
    })
    const error = await rejection(run(depsFor(runner).deps))
    expect(error.message).toContain(`'user_id'`)
    expect(sim.requests).toEqual([])
  })

  it('a wrong API key: one 401, no retry, and the key never shown', async () => {
    const sim = await sims.start()
    const wrong = 'API-WRONGKEY0123456789ABCDEFG'
    const runner = runnerFor({
      server: sim.url,
      api_key: wrong,
      username: 'svc-deploy'
    })
    const error = await rejection(run(depsFor(runner).deps))
    expect(error.message).toContain('HTTP 401 Unauthorized')
    expect(error.message).toContain('The API key you provided was not valid')
    expect(error.message).toContain(`'api_key'`)
    expect(sim.requests).toHaveLength(1)
    expect(sim.liveKeyCount('Users-3')).toBe(0)
    expect(leaks([error.message, ...runner.visibleTexts()], [wrong])).toEqual(
      []
    )
    expect(runner.masked).toContain(wrong)
  })

  it('a non-service account that is not the caller: 403 with the explanation', async () => {
    const sim = await sims.start()
    const before = sim.liveKeyCount('Users-2')
    const runner = runnerFor({
      server: sim.url,
      api_key: seed.adminKey,
      username: 'jane.doe'
    })
    const error = await rejection(run(depsFor(runner).deps))
    expect(error.message).toContain('HTTP 403 Forbidden')
    expect(error.message).toContain(`'jane.doe' is not a service account`)
    expect(error.message).toContain('leave username empty')
    expect(calls(sim)).toEqual([
      'GET /api/users',
      'POST /api/users/Users-2/apikeys'
    ])
    expect(sim.liveKeyCount('Users-2')).toBe(before)
    expect(runner.outputs).toEqual({})
    expect(leaks([error.message], [seed.adminKey])).toEqual([])
  })

  it('a service account, but the caller may not edit users: 403 naming the permission', async () => {
    const sim = await sims.start()
    const auditorKey = sim.addCredential({ userId: 'Users-13', kind: 'apikey' })
    const runner = runnerFor({
      server: sim.url,
      api_key: auditorKey,
      username: 'svc-deploy'
    })
    const error = await rejection(run(depsFor(runner).deps))
    expect(error.message).toContain('HTTP 403')
    expect(error.message).toContain('UserEdit')
    expect(sim.liveKeyCount('Users-3')).toBe(0)
  })

  it('an inactive account is refused before the create', async () => {
    const sim = await sims.start()
    const runner = runnerFor({
      server: sim.url,
      api_key: seed.adminKey,
      username: 'svc-retired'
    })
    const error = await rejection(run(depsFor(runner).deps))
    expect(error.message).toContain('inactive')
    expect(calls(sim)).toEqual(['GET /api/users'])
  })

  it('an unknown username lists the near misses and creates nothing', async () => {
    const sim = await sims.start()
    const runner = runnerFor({
      server: sim.url,
      api_key: seed.adminKey,
      username: 'svc-deplo'
    })
    const error = await rejection(run(depsFor(runner).deps))
    expect(error.message).toContain(`username 'svc-deplo'`)
    expect(error.message).toContain(`'svc-deploy'`)
    expect(sim.liveKeyCount('Users-3')).toBe(0)
  })
})

describe('run: a failure after the key exists', () => {
  it.each(['api_key', 'api_key_id', 'revoked_ids'])(
    'setOutput(%s) throwing revokes the new key',
    async (output) => {
      const sim = await sims.start()
      const runner = runnerFor({
        server: sim.url,
        api_key: seed.adminKey,
        username: 'svc-deploy'
      })
      runner.failOnOutput = output
      const { deps, transports } = depsFor(runner)
      const error = await rejection(run(deps))
      expect(error.message).toContain(`could not write output ${output}`)
      const made = sim
        .keysOf('Users-3', { includeRevoked: true })
        .filter((k) => k.purpose === PURPOSE)
      expect(made).toHaveLength(1)
      expect(made[0].revoked).toBe(true)
      expect(error.message).toContain(`The new key ${made[0].id} was revoked.`)
      expect(liveKeys(sim, 'Users-3', PURPOSE)).toEqual([])
      expect(transports).toEqual({ opened: 1, closed: 1 })
      const texts = [error.message, ...runner.visibleTexts()]
      const newKey = runner.masked.find(
        (m) => m !== seed.adminKey && m.startsWith('API-')
      )
      expect(newKey).toBeDefined()
      expect(leaks(texts, [newKey ?? '', seed.adminKey])).toEqual([])
    }
  )

  it('a failing summary is a warning: the key is kept and handed on', async () => {
    const sim = await sims.start()
    const runner = runnerFor({
      server: sim.url,
      api_key: seed.adminKey,
      username: 'svc-deploy'
    })
    runner.writeSummary = () =>
      Promise.reject(new Error('summary file is not writable'))
    await run(depsFor(runner).deps)
    expect(runner.lines('warning').join('\n')).toContain(
      'Could not write the job summary: summary file is not writable'
    )
    expect(liveKeys(sim, 'Users-3', PURPOSE)).toEqual([
      runner.outputs.api_key_id
    ])
  })

  it('a failing output revokes the new key, and says so when that fails too', async () => {
    const sim = await sims.start()
    const runner = runnerFor({
      server: sim.url,
      api_key: seed.adminKey,
      username: 'svc-deploy'
    })
    runner.failOnOutput = 'user_id'
    sim.inject({
      method: 'DELETE',
      path: /^\/api\/users\/Users-3\/apikeys\//,
      times: Infinity,
      fault: { kind: 'status', status: 500 }
    })
    const error = await rejection(run(depsFor(runner).deps))
    expect(error.message).toContain('could not write output user_id')
    expect(error.message).toContain(
      `Revoking the new key ${runner.outputs.api_key_id} failed too`
    )
    expect(liveKeys(sim, 'Users-3', PURPOSE)).toEqual([
      runner.outputs.api_key_id
    ])
  })
})
