import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  main,
  parseCli,
  USAGE,
  type StateFile
} from '../../tools/simulator/cli.js'
import { defaultSeed, type Simulator } from '../../tools/simulator/index.js'
import { call, type PageJson, type UserJson } from './helpers.js'

describe('simulator command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'octo-sim-'))
  let sim: Simulator | undefined
  afterEach(async () => {
    await sim?.close()
    sim = undefined
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('starts, prints its URL and writes the state file (mode 0600)', async () => {
    const stateFile = join(dir, 'state.json')
    const lines: string[] = []
    const argv = ['--users', '50', '--prefix', '/octopus']
    sim = await main([...argv, '--state-file', stateFile], (line) =>
      lines.push(line)
    )
    expect(lines).toEqual([`Octopus simulator listening on ${sim?.url}`])
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as StateFile
    const seed = defaultSeed()
    expect(state).toEqual({
      url: sim?.url,
      adminKey: seed.adminKey,
      regularKey: seed.regularKey,
      serviceBearer: seed.serviceBearer
    })
    expect(state.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/octopus$/)
    expect(statSync(stateFile).mode & 0o077).toBe(0)
    const r = await call<PageJson<UserJson>>(sim!, '/api/users?take=1', {
      key: state.adminKey
    })
    expect(r.json.TotalResults).toBe(seed.users.length + 50)
  })

  it('stops listening when closed, and removes its signal handlers', async () => {
    const before = process.listenerCount('SIGTERM')
    const started = await main([], () => undefined)
    expect(process.listenerCount('SIGTERM')).toBe(before + 1)
    await started?.close()
    expect(process.listenerCount('SIGTERM')).toBe(before)
    await expect(fetch(`${started?.url}/api`)).rejects.toThrow()
  })

  it('prints the usage for --help and starts nothing', async () => {
    const lines: string[] = []
    expect(await main(['--help'], (line) => lines.push(line))).toBeUndefined()
    expect(lines).toEqual([USAGE])
  })

  it('parses options and rejects bad ones with the usage', () => {
    const argv = ['--latency-ms', '25', '--server-version', '2024.1.1']
    expect(parseCli(argv).options).toMatchObject({
      latencyMs: 25,
      version: '2024.1.1'
    })
    expect(() => parseCli(['--port', 'abc'])).toThrow(/--port/)
    expect(() => parseCli(['--port', '70000'])).toThrow(/--port/)
    expect(() => parseCli(['--bogus'])).toThrow(/Usage/)
  })
})
