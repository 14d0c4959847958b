// @actions/http-client is bundled with src/undici-stub in place of undici.
// A name it imports that the stub lacks would only fail at run time, so
// every import of undici in http-client must find its name in the stub.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const LIB = 'node_modules/@actions/http-client/lib'

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

describe('the undici stub', () => {
  it('exports every name @actions/http-client imports from undici', async () => {
    const imported = undiciImports()
    expect(imported.length).toBeGreaterThan(0)
    const stub = (await import(
      pathToFileURL(path.resolve('src/undici-stub/index.js')).href
    )) as Record<string, unknown>
    expect(imported.filter((name) => !(name in stub))).toEqual([])
  })

  it('is what http-client resolves undici to', () => {
    const manifest = JSON.parse(
      readFileSync('node_modules/undici/package.json', 'utf8')
    ) as { version: string }
    expect(manifest.version).toBe('0.0.0-stub')
  })
})
