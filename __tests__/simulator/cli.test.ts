import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main, parseCli, type StateFile } from '../../tools/simulator/cli.js'
import { defaultSeed, type Simulator } from '../../tools/simulator/index.js'
import { call, type CollectionJson, type UserJson } from './helpers.js'

describe('simulator CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'octo-sim-'))
  let sim: Simulator | undefined
  afterEach(async () => {
    await sim?.close()
    sim = undefined
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('starts, prints its URL and writes the state file', async () => {
    const stateFile = join(dir, 'state.json')
    const lines: string[] = []
    sim = await main(
      [
        '--port',
        '0',
        '--users',
        '50',
        '--prefix',
        '/octopus',
        '--state-file',
        stateFile
      ],
      (line) => lines.push(line)
    )
    expect(lines).toEqual([`Octopus simulator listening on ${sim.url}`])
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/octopus$/)

    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as StateFile
    const seed = defaultSeed()
    expect(state).toEqual({
      url: sim.url,
      adminKey: seed.adminKey,
      regularKey: seed.regularKey,
      serviceBearer: seed.serviceBearer
    })
    expect(statSync(stateFile).mode & 0o077).toBe(0)

    const r = await call<CollectionJson<UserJson>>(sim, '/api/users?take=1', {
      key: state.adminKey
    })
    expect(r.json.TotalResults).toBe(seed.users.length + 50)
  })

  it('stops listening when closed, removing its signal handlers', async () => {
    const before = process.listenerCount('SIGTERM')
    sim = await main([], () => undefined)
    expect(process.listenerCount('SIGTERM')).toBe(before + 1)
    const url = sim.url
    await sim.close()
    sim = undefined
    expect(process.listenerCount('SIGTERM')).toBe(before)
    await expect(fetch(`${url}/api`)).rejects.toThrow()
  })

  it('parses options and rejects bad ones', () => {
    const { options, stateFile } = parseCli([
      '--latency-ms',
      '25',
      '--server-version',
      '2024.1.1'
    ])
    expect(options).toMatchObject({ latencyMs: 25, version: '2024.1.1' })
    expect(stateFile).toBeUndefined()
    expect(() => parseCli(['--port', 'abc'])).toThrow(/--port/)
    expect(() => parseCli(['--port', '70000'])).toThrow(/--port/)
    expect(() => parseCli(['--bogus'])).toThrow(/Usage/)
  })
})
