import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { envBlock } from '../../tools/simulator/banner.js'
import {
  DEFAULT_PORT,
  main,
  parseCli,
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
    const argv = ['--port', '0', '--users', '50', '--prefix', '/octopus']
    sim = await main([...argv, '--state-file', stateFile], (line) =>
      lines.push(line)
    )
    expect(lines[0]).toBe(`Octopus simulator listening on ${sim?.url}`)
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
    const started = await main(['--port', '0'], () => undefined)
    expect(process.listenerCount('SIGTERM')).toBe(before + 1)
    await started?.close()
    expect(process.listenerCount('SIGTERM')).toBe(before)
    await expect(fetch(`${started?.url}/api`)).rejects.toThrow()
  })

  it('prints the credentials, the users and the .env block for local-action', async () => {
    const lines: string[] = []
    sim = await main(['--port', '0', '--users', '2'], (line) =>
      lines.push(line)
    )
    const seed = defaultSeed()
    expect(lines).toContain(`    ${seed.adminKey}`)
    expect(lines).toContain(`    ${seed.serviceBearer}`)
    expect(lines).toContain(
      '  Users-3   "svc-deploy"             service account'
    )
    expect(lines).toContain('  and 2 more (--users)')
    const block = envBlock(sim!.url, seed)
    const at = lines.indexOf(block[0])
    expect(lines.slice(at, at + block.length)).toEqual(block)
    expect(block).toContain(`INPUT_SERVER=${sim?.url}`)
  })

  it('prints the .env block of .env.example when on its default port', () => {
    const example = readFileSync('.env.example', 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('INPUT_'))
    const url = `http://127.0.0.1:${DEFAULT_PORT}`
    expect(example).toEqual(envBlock(url, defaultSeed()))
    expect(parseCli([]).options.port).toBe(DEFAULT_PORT)
  })

  it('says what to do when its port is in use', async () => {
    sim = await main(['--port', '0'], () => undefined)
    const port = new URL(sim!.url).port
    await expect(main(['--port', port], () => undefined)).rejects.toThrow(
      `Port ${port} is in use, perhaps by a simulator already running. Stop that one, or pass --port N (0 takes a free port) and use the URL it prints.`
    )
  })

  it('prints the help for --help and starts nothing', async () => {
    const lines: string[] = []
    expect(await main(['--help'], (line) => lines.push(line))).toBeUndefined()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Usage: npm run simulator -- /)
    for (const option of ['--port N', '--state-file PATH', 'Examples:'])
      expect(lines[0]).toContain(option)
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
