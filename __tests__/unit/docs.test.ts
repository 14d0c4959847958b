/**
 * The README's Inputs and Outputs tables must say what action.yml says: same
 * names in the same order, same Required flags, same defaults. action.yml is
 * the contract; the README is what people read.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'

const root = new URL('../../', import.meta.url)
const actionYml = readFileSync(new URL('action.yml', root), 'utf8')
const readme = readFileSync(new URL('README.md', root), 'utf8')

interface InputSpec {
  name: string
  required: boolean
  /** undefined when the input has no default. */
  default: string | undefined
}

/**
 * Reads the inputs and outputs of action.yml. The file is plain block YAML:
 * top-level keys at column 0, entries at two spaces, their properties at four.
 * Only `required` and `default` are read; descriptions are skipped.
 */
function parseActionYml(text: string): {
  inputs: InputSpec[]
  outputs: string[]
} {
  const inputs: InputSpec[] = []
  const outputs: string[] = []
  let section = ''
  let current: InputSpec | undefined
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#.*)?$/.test(line)) continue
    const top = /^([A-Za-z_][\w-]*):/.exec(line)
    if (top) {
      section = top[1]
      current = undefined
      continue
    }
    const entry = /^ {2}([A-Za-z_][\w-]*):\s*(#.*)?$/.exec(line)
    if (entry) {
      if (section === 'inputs') {
        current = { name: entry[1], required: false, default: undefined }
        inputs.push(current)
      } else if (section === 'outputs') {
        outputs.push(entry[1])
      }
      continue
    }
    const property = /^ {4}(required|default):\s*(.*?)\s*$/.exec(line)
    if (property && current) {
      const value = scalar(property[2])
      if (property[1] === 'required') current.required = value === 'true'
      else current.default = value
    }
  }
  return { inputs, outputs }
}

/** A one-line YAML scalar: quotes removed, a trailing comment dropped. */
function scalar(raw: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(raw)
  if (quoted)
    return quoted[1] === "'" ? quoted[2].replace(/''/g, "'") : quoted[2]
  return raw.replace(/\s+#.*$/, '').trim()
}

/** The rows of the Markdown table between `<!-- name:start -->` and `<!-- name:end -->`. */
function tableBetween(text: string, name: string): string[][] {
  const start = text.indexOf(`<!-- ${name}:start -->`)
  const end = text.indexOf(`<!-- ${name}:end -->`)
  if (start === -1 || end === -1 || end < start)
    throw new Error(`README has no <!-- ${name}:start/end --> markers`)
  return text
    .slice(start, end)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('|'))
    .map((l) =>
      l
        .replace(/^\|/, '')
        .replace(/\|$/, '')
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim())
    )
    .filter((cells) => !cells.every((c) => /^:?-+:?$/.test(c)))
}

const NO_DEFAULT = new Set(['', '—', '-', '–', 'none', '(none)'])

function checkHeader(
  header: string[] | undefined,
  expected: string[],
  name: string
): void {
  if (header?.join('|') !== expected.join('|'))
    throw new Error(
      `README ${name} table must have the columns ${expected.join(', ')}; got ${header?.join(', ') ?? 'no table'}`
    )
}

function unquote(cell: string): string {
  return cell.replace(/^`(.*)`$/, '$1').trim()
}

/** The README Inputs table, read back into the same shape as action.yml. */
function readmeInputs(text: string): InputSpec[] {
  const [header, ...rows] = tableBetween(text, 'inputs')
  checkHeader(header, ['Name', 'Required', 'Default', 'Description'], 'inputs')
  return rows.map(([name, required, def]) => {
    const flag = (required ?? '').toLowerCase()
    if (flag !== 'yes' && flag !== 'no')
      throw new Error(`Input ${name}: Required must be Yes or No`)
    const value = unquote(def ?? '')
    return {
      name: unquote(name),
      required: flag === 'yes',
      default: NO_DEFAULT.has(value.toLowerCase()) ? undefined : value
    }
  })
}

/** The README Outputs table's names. */
function readmeOutputs(text: string): string[] {
  const [header, ...rows] = tableBetween(text, 'outputs')
  checkHeader(header, ['Name', 'Description'], 'outputs')
  return rows.map(([name]) => unquote(name))
}

/** Every way the README tables differ from action.yml, one line each. */
function drift(yml: string, md: string): string[] {
  const action = parseActionYml(yml)
  const documented = readmeInputs(md)
  const problems: string[] = []
  const names = (list: { name: string }[]): string =>
    list.map((i) => i.name).join(', ')
  if (names(action.inputs) !== names(documented))
    problems.push(
      `inputs: action.yml has [${names(action.inputs)}], README has [${names(documented)}]`
    )
  for (const spec of action.inputs) {
    const row = documented.find((d) => d.name === spec.name)
    if (!row) continue
    if (row.required !== spec.required)
      problems.push(
        `input ${spec.name}: required is ${spec.required} in action.yml, ${row.required} in README`
      )
    if (row.default !== spec.default)
      problems.push(
        `input ${spec.name}: default is ${spec.default ?? '(none)'} in action.yml, ${row.default ?? '(none)'} in README`
      )
  }
  const outputs = readmeOutputs(md)
  if (action.outputs.join(', ') !== outputs.join(', '))
    problems.push(
      `outputs: action.yml has [${action.outputs.join(', ')}], README has [${outputs.join(', ')}]`
    )
  return problems
}

describe('action.yml parser', () => {
  it('reads every input and output of action.yml', () => {
    const { inputs, outputs } = parseActionYml(actionYml)
    expect(inputs.map((i) => i.name)).toContain('purpose')
    expect(inputs.find((i) => i.name === 'purpose')?.required).toBe(true)
    expect(inputs.find((i) => i.name === 'expires')?.default).toBe('180d')
    expect(inputs.find((i) => i.name === 'summary')?.default).toBe('true')
    expect(inputs.find((i) => i.name === 'server')?.default).toBeUndefined()
    expect(outputs).toContain('api_key')
    expect(outputs).not.toContain('using')
  })

  it('reads quoted defaults and ignores descriptions', () => {
    const yml = [
      'inputs:',
      '  a:',
      '    description: >-',
      '      required: true',
      '    required: true',
      '  b:',
      "    default: 'it''s'",
      '    required: false',
      'outputs:',
      '  c:',
      '    description: x',
      'runs:',
      '  using: node24'
    ].join('\n')
    expect(parseActionYml(yml)).toEqual({
      inputs: [
        { name: 'a', required: true, default: undefined },
        { name: 'b', required: false, default: "it's" }
      ],
      outputs: ['c']
    })
  })
})

describe('README tables match action.yml', () => {
  it('has the same inputs, required flags, defaults and outputs', () => {
    expect(drift(actionYml, readme)).toEqual([])
  })

  it('lists inputs in the order of action.yml', () => {
    expect(readmeInputs(readme).map((i) => i.name)).toEqual(
      parseActionYml(actionYml).inputs.map((i) => i.name)
    )
  })

  describe('notices drift', () => {
    const row = (name: string): RegExp =>
      new RegExp(`^\\|\\s*\`${name}\`.*\\n`, 'm')

    it('when an input is missing from the README', () => {
      const edited = readme.replace(row('export_env'), '')
      expect(edited).not.toBe(readme)
      expect(drift(actionYml, edited)).toEqual([
        expect.stringContaining('inputs: action.yml has')
      ])
    })

    it('when an output is missing from the README', () => {
      const edited = readme.replace(row('revoked_ids'), '')
      expect(edited).not.toBe(readme)
      expect(drift(actionYml, edited)).toEqual([
        expect.stringContaining('outputs: action.yml has')
      ])
    })

    it('when a Required flag differs', () => {
      const edited = readme.replace(
        /^(\|\s*`purpose`\s*\|\s*)Yes/m,
        (_, lead: string) => `${lead}No `
      )
      expect(edited).not.toBe(readme)
      expect(drift(actionYml, edited)).toEqual([
        'input purpose: required is true in action.yml, false in README'
      ])
    })

    it('when a default differs', () => {
      const edited = readme.replace(/`180d`/, '`90d` ')
      expect(edited).not.toBe(readme)
      expect(drift(actionYml, edited)).toEqual([
        'input expires: default is 180d in action.yml, 90d in README'
      ])
    })

    it('when action.yml gains an input', () => {
      const edited = actionYml.replace(
        /^outputs:/m,
        '  space:\n    description: x\n    required: false\n\noutputs:'
      )
      expect(drift(edited, readme)).toEqual([expect.stringContaining('space')])
    })
  })
})

describe('README quick start', () => {
  it('promises npm run demo and npm cit', () => {
    expect(readme).toContain('npm run demo')
    expect(readme).toContain('npm cit')
  })
})
