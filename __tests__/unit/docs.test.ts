/**
 * The README against what it documents: the Inputs and Outputs tables are
 * what `npm run docs` generates from action.yml, every example uses the
 * version of Octopus's actions listed once in the README, and every in-page
 * link lands on a heading.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import {
  inputsTable,
  outputsTable,
  withActionTables
} from '../../tools/readme/tables.js'

const root = new URL('../../', import.meta.url)
const actionYml = readFileSync(new URL('action.yml', root), 'utf8')
const readme = readFileSync(new URL('README.md', root), 'utf8')

describe('README tables generated from action.yml', () => {
  it('are what `npm run docs` writes for the current action.yml', () => {
    // On failure: run `npm run docs` and commit README.md.
    expect(readme).toBe(withActionTables(readme, actionYml))
  })

  it('change when action.yml changes a default', () => {
    const edited = actionYml.replace("default: '30'", "default: '45'")
    expect(edited).not.toBe(actionYml)
    expect(withActionTables(readme, edited)).not.toBe(readme)
  })

  it('render names, required flags, defaults and descriptions', () => {
    const yml = [
      'inputs:',
      '  purpose:',
      '    description: The key | its purpose.',
      '    required: true',
      '  expires:',
      '    description: >-',
      '      When it',
      '      expires.',
      "    default: '180d'",
      'outputs:',
      '  api_key_id:',
      '    description: Id of the new key.'
    ].join('\n')
    expect(inputsTable(yml).split('\n')).toEqual([
      '| Name      | Required | Default | Description             |',
      '| --------- | -------- | ------- | ----------------------- |',
      '| `purpose` | Yes      | —       | The key \\| its purpose. |',
      '| `expires` | No       | `180d`  | When it expires.        |'
    ])
    expect(outputsTable(yml).split('\n')).toEqual([
      '| Name         | Description        |',
      '| ------------ | ------------------ |',
      '| `api_key_id` | Id of the new key. |'
    ])
  })

  it('refuse an entry without a description', () => {
    expect(() =>
      inputsTable('inputs:\n  purpose:\n    required: true\n')
    ).toThrow('action.yml: inputs.purpose has no description.')
  })
})

/** The rows of the README's versions table: `OctopusDeploy/<name>` and version. */
function versionRows(text: string): [string, string][] {
  const lines = text
    .slice(text.indexOf('### Versions used in these examples'))
    .split('\n')
  const first = lines.findIndex((l) => l.startsWith('|'))
  const table = lines.slice(first, lines.indexOf('', first))
  return table.flatMap((l): [string, string][] => {
    const m = /^\|\s*`(OctopusDeploy\/[\w.-]+)`\s*\|\s*`([^`]+)`/.exec(l)
    return m ? [[m[1], m[2]]] : []
  })
}

describe("README examples of Octopus's actions", () => {
  const rows = versionRows(readme)
  const versions = new Map(rows)
  const uses = [
    ...readme.matchAll(/uses:\s*(OctopusDeploy\/[\w.-]+)@(\S+)/g)
  ].map((m) => ({ action: m[1], version: m[2] }))

  it('are listed once each, with a major version', () => {
    expect(rows.length).toBeGreaterThan(0)
    expect(versions.size).toBe(rows.length)
    expect(rows.filter(([, v]) => !/^v\d+$/.test(v))).toEqual([])
  })

  it('use the version the table lists', () => {
    expect(uses.length).toBeGreaterThan(0)
    const wrong = uses.filter((u) => versions.get(u.action) !== u.version)
    expect(wrong).toEqual([])
  })

  it('leave no table row unused', () => {
    const used = new Set(uses.map((u) => u.action))
    expect([...versions.keys()].filter((a) => !used.has(a))).toEqual([])
  })
})

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

describe('README in-page links', () => {
  it('each lands on a heading', () => {
    const outsideCode = readme.replace(/```[\s\S]*?```/g, '')
    const anchors = new Set(
      [...outsideCode.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchor(m[1]))
    )
    const links = [...outsideCode.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1])
    expect(links.length).toBeGreaterThan(0)
    expect(links.filter((l) => !anchors.has(l))).toEqual([])
  })
})

describe('README quick start', () => {
  it('promises npm run demo and npm cit', () => {
    expect(readme).toContain('npm run demo')
    expect(readme).toContain('npm cit')
  })
})
