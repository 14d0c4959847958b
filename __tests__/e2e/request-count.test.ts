// The request count of a username lookup does not grow with the number of
// users: the bundled action (dist/index.js, build it with `npm run package`)
// against the benchmark's population, where the target sorts last. Counts are
// deterministic; timings are the benchmark's business and never asserted here.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { runStep } from '../../tools/harness/run-action.js'
import { startSimulator, type Simulator } from '../../tools/simulator/index.js'
import { benchSeed } from '../../tools/bench/users.js'
import { entry } from './fixture.js'

describe.each([100, 10_000])('a username lookup among %i users', (count) => {
  const seed = benchSeed(count)
  let sim: Simulator

  beforeAll(async () => {
    sim = await startSimulator({
      users: seed.users,
      credentials: seed.credentials
    })
  }, 60_000)
  afterAll(() => sim?.close())

  it('has the target last in the full listing (the sample’s worst case)', async () => {
    const res = await fetch(`${sim.url}/api/users?skip=${count - 1}&take=30`, {
      headers: { 'X-Octopus-ApiKey': seed.adminKey }
    })
    const page = (await res.json()) as {
      TotalResults: number
      Items: { Id: string; Username: string }[]
    }

    expect(page.TotalResults).toBe(count)
    expect(page.Items.map((u) => [u.Id, u.Username])).toEqual([
      [seed.targetId, seed.target]
    ])
  })

  it('makes exactly two requests: the filtered lookup and the create', async () => {
    sim.resetRequests()
    const run = await runStep({
      entry,
      inputs: {
        server: sim.url,
        api_key: seed.adminKey,
        username: seed.target,
        purpose: 'request count'
      }
    })

    expect(run.exitCode).toBe(0)
    expect(run.outputs.user_id).toBe(seed.targetId)
    expect(run.outputs.api_key).toMatch(/^API-[A-Z0-9]+$/)
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/users',
      `POST /api/users/${seed.targetId}/apikeys`
    ])
    expect(sim.requests[0].query.filter).toBe(seed.target)
    expect(sim.requests.map((r) => r.status)).toEqual([200, 200])
  }, 60_000)
})
