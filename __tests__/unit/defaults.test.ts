import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { DEFAULTS } from '../../src/settings/defaults.js'

interface ActionYml {
  inputs: Record<string, { default?: unknown }>
}

describe('input defaults', () => {
  it('are the defaults action.yml declares, input for input', () => {
    const action = parse(
      readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')
    ) as ActionYml
    const declared = Object.fromEntries(
      Object.entries(action.inputs)
        .filter(([, input]) => input.default !== undefined)
        .map(([name, input]) => [name, input.default])
    )
    expect(DEFAULTS).toEqual(declared)
  })
})
