// `npm run local-action` runs the action from src/ with GitHub's
// @github/local-action: it imports src/entry/main.ts and calls its run(),
// then does the same with src/entry/post.ts. Importing an entry point must
// start nothing (one create, one revoke), and the post step must revoke the
// key that revoke_after_job asked it to.
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { timeProcess } from '../../tools/harness/process.js'
import { envBlock } from '../../tools/simulator/banner.js'
import { seed, sent, simulator } from './fixture.js'

const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>
}

describe('npm run local-action', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'local-action-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('creates a masked key, then revokes it in the post step', async () => {
    const sim = await simulator()
    const dotenv = path.join(dir, '.env')
    writeFileSync(dotenv, `${envBlock(sim.url, seed).join('\n')}\n`)
    // The script as package.json has it, reading this .env instead.
    const command = scripts['local-action'].replace(' .env ', ` ${dotenv} `)
    expect(command).toContain(dotenv)
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir }
    const run = await timeProcess('sh', ['-c', command], env, 120_000)

    const lines = run.stdout.split('\n')
    const id = /Created API key (apikeys-\w+),/.exec(run.stdout)?.[1]
    // On failure, the diff shows what local-action wrote to stderr.
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 })
    const changes = sim.requests
      .filter((r) => r.method !== 'GET')
      .map((r) => `${r.method} ${r.path}`)
    expect(changes).toEqual([
      sent.CREATE,
      `DELETE /api/users/Users-3/apikeys/${id}`
    ])
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^::info::Created API key ${id}, expiring .+; its value is masked in this log\\.$`
          )
        ),
        // local-action drops an output that holds a registered secret.
        '::warning::Skip output api_key since it may contain secret.',
        `::info::Revoked API key ${id} of Users-3 at the end of the job.`
      ])
    )
    expect(run.stdout).not.toMatch(/API-[A-Z0-9]{8,}/)
    expect(sim.liveKeyCount('Users-3')).toBe(0)
  }, 120_000)
})
