// tools/build.mjs bundles tools/undici-stub in place of undici, so a name
// @actions/http-client imports that the stub lacks would only fail at run
// time: every import of undici in http-client must find its name in the stub.
// Installed packages keep the real undici (@github/local-action needs it).
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const LIB = 'node_modules/@actions/http-client/lib'
const STUB = 'tools/undici-stub/index.js'

function undiciImports(): string[] {
  const names = new Set<string>()
  for (const file of readdirSync(LIB).filter((f) => f.endsWith('.js'))) {
    const source = readFileSync(path.join(LIB, file), 'utf8')
    for (const [, list] of source.matchAll(
      /import\s*\{([^}]*)\}\s*from\s*['"]undici['"]/g
    ))
      for (const name of list.split(','))
        names.add(name.trim().split(/\s+as\s+/)[0])
  }
  names.delete('')
  return [...names]
}

/** The bundle of the current src/, built for this test run by the global setup. */
function bundle(): string {
  const built = process.env.ACTION_UNDER_TEST
  if (!built) throw new Error('ACTION_UNDER_TEST is unset: run with jest')
  return readFileSync(built, 'utf8')
}

describe('the undici stub', () => {
  it('exports every name @actions/http-client imports from undici', async () => {
    const imported = undiciImports()
    expect(imported.length).toBeGreaterThan(0)
    const stub = (await import(
      pathToFileURL(path.resolve(STUB)).href
    )) as Record<string, unknown>
    expect(imported.filter((name) => !(name in stub))).toEqual([])
  })

  it('keeps the real undici out of the bundle', () => {
    const code = bundle()
    // Every error code of the real undici starts so; with it the bundle is
    // over 500 KB, without it about 100 KB. (The stub itself may be
    // tree-shaken away: nothing the action calls constructs ProxyAgent.)
    expect(code).not.toContain('UND_ERR_')
    expect(code.length).toBeLessThan(250_000)
  })

  it('leaves the installed http-client the real undici', async () => {
    const fromHttpClient = createRequire(path.resolve(LIB, 'index.js'))
    const undici = (await import(
      pathToFileURL(fromHttpClient.resolve('undici')).href
    )) as Record<string, unknown>
    expect(typeof undici.fetch).toBe('function')
  })
})
