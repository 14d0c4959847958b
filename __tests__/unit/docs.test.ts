/**
 * The README and the docs against what they document: the Inputs and
 * Outputs tables are what `npm run docs` generates from action.yml, every
 * example uses the version of Octopus's actions listed once in the README,
 * every link lands on a file or heading of the repository, and every error
 * fragment the Troubleshooting table quotes is still written in src/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import {
  inputsTable,
  outputsTable,
  withActionTables
} from '../../tools/readme/tables.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const read = (file: string) => readFileSync(path.join(root, file), 'utf8')
const actionYml = read('action.yml')
const readme = read('README.md')

/** The Markdown a user or contributor reads: README, CONTRIBUTING and docs/. */
const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  ...['docs', 'docs/adr'].flatMap((dir) =>
    readdirSync(path.join(root, dir))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `${dir}/${name}`)
  )
]

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

describe("Examples of Octopus's actions in the README and docs", () => {
  const rows = versionRows(readme)
  const versions = new Map(rows)
  const uses = DOCS.flatMap((file) =>
    [...read(file).matchAll(/uses:\s*(OctopusDeploy\/[\w.-]+)@(\S+)/g)].map(
      (m) => ({ file, action: m[1], version: m[2] })
    )
  )

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

  it('leave no row of the README table unused there', () => {
    const used = new Set(
      uses.filter((u) => u.file === 'README.md').map((u) => u.action)
    )
    expect([...versions.keys()].filter((a) => !used.has(a))).toEqual([])
  })
})

/** Markdown without its fenced code blocks and code spans, where nothing is a link or heading. */
function prose(text: string): string {
  return text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '``')
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function anchor(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

/** The anchors of a Markdown text's headings; a repeated one gets `-1`, `-2`, … as on GitHub. */
function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>()
  return new Set(
    [...text.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.+)$/gm)].map(
      (m) => {
        const base = anchor(m[1])
        const count = seen.get(base) ?? 0
        seen.set(base, count + 1)
        return count === 0 ? base : `${base}-${count}`
      }
    )
  )
}

/** Every link target: inline links and images, and reference definitions. */
function linkTargets(text: string): string[] {
  const body = prose(text)
  return [
    ...[...body.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)],
    ...[...body.matchAll(/^\s*\[[^\]]+\]:\s*<?([^\s>]+)>?/gm)]
  ].map((m) => m[1])
}

/** Why a link from `file` does not resolve in the repository, or undefined when it does. */
function brokenLink(
  file: string,
  target: string,
  text: (file: string) => string
): string | undefined {
  if (/^(https?|mailto):/i.test(target)) return undefined // no network in tests
  const [rawPath, hash] = target.split('#', 2)
  const linked = rawPath === '' ? file : resolveFrom(file, rawPath)
  if (linked.startsWith('..')) return 'points outside the repository'
  if (!existsSync(path.join(root, linked))) return `no file ${linked}`
  if (hash === undefined || hash === '') return undefined
  if (!linked.endsWith('.md')) return `an anchor into ${linked}, not Markdown`
  if (anchorsOf(text(linked)).has(decodeURIComponent(hash))) return undefined
  return `no heading '#${hash}' in ${linked}`
}

/** A link's path, relative to the repository root. */
function resolveFrom(file: string, linkPath: string): string {
  const decoded = decodeURIComponent(linkPath)
  const from = decoded.startsWith('/') ? '.' : path.dirname(file)
  return path.posix.normalize(path.posix.join(from, decoded))
}

/** `file: target (why)` for each link of `file` that does not resolve. */
function brokenLinks(
  file: string,
  text: (file: string) => string = read
): string[] {
  return linkTargets(text(file)).flatMap((target) => {
    const why = brokenLink(file, target, text)
    return why === undefined ? [] : [`${file}: ${target} (${why})`]
  })
}

describe('Links in the README, CONTRIBUTING.md and docs/', () => {
  it('are found: the README links into docs/ and CONTRIBUTING.md', () => {
    const targets = linkTargets(readme)
    expect(targets).toEqual(
      expect.arrayContaining([
        'docs/inputs.md',
        'docs/security.md',
        'docs/failure-handling.md',
        'docs/how-it-works.md',
        'docs/key-lifecycle.md',
        'CONTRIBUTING.md',
        '#troubleshooting'
      ])
    )
  })

  it.each(DOCS)('in %s each land on a file, and a heading there', (file) => {
    expect(brokenLinks(file)).toEqual([])
  })

  it('catch a renamed heading and a missing file', () => {
    const edited = readme
      .replace('## Troubleshooting', '## Known problems')
      .replace('(docs/security.md)', '(docs/secure.md)')
    const text = (file: string) => (file === 'README.md' ? edited : read(file))
    expect(brokenLinks('README.md', text)).toEqual(
      expect.arrayContaining([
        'README.md: docs/secure.md (no file docs/secure.md)',
        "README.md: #troubleshooting (no heading '#troubleshooting' in README.md)"
      ])
    )
  })
})

/** Per row of the README's Troubleshooting table, the code spans of its first column. */
function troubleshootingRows(text: string): string[][] {
  const from = text.indexOf('\n## Troubleshooting\n')
  const section = text.slice(from, text.indexOf('\n## ', from + 1))
  return section
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .slice(2) // the header and its delimiter row
    .map((row) =>
      [...row.split(' | ')[0].matchAll(/`([^`]+)`/g)].map((m) => m[1])
    )
}

/** Every source file of the action, as one text. */
function sourceText(): string {
  return readdirSync(path.join(root, 'src'), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => read(path.join('src', name)))
    .join('\n')
}

describe("The README's Troubleshooting table", () => {
  const rows = troubleshootingRows(readme)

  it('quotes a fragment of the message in every row', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20)
    expect(rows.filter((fragments) => fragments.length === 0)).toEqual([])
  })

  it('quotes only what src/ still writes, word for word', () => {
    // On failure: an error's wording changed; quote the new wording.
    const source = sourceText()
    const missing = rows.flat().filter((fragment) => !source.includes(fragment))
    expect(missing).toEqual([])
  })
})

describe('README quick start', () => {
  it('promises npm run demo and npm cit', () => {
    expect(readme).toContain('npm run demo')
    expect(readme).toContain('npm cit')
  })
})
