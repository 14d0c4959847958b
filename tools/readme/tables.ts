// The README's Inputs and Outputs tables, generated from action.yml: the
// runner reads action.yml, so it is the contract and the README follows it.
import { parse } from 'yaml'
import { alignTables, cell, replaceBlock, row } from './markdown.js'

interface Entry {
  description?: unknown
  required?: unknown
  default?: unknown
}

/** The inputs or outputs map of action.yml, checked for the shape we use. */
function section(
  action: Record<string, unknown>,
  name: 'inputs' | 'outputs'
): [string, Entry][] {
  const value = action[name]
  if (value === undefined || value === null) return []
  if (typeof value !== 'object' || Array.isArray(value))
    throw new Error(`action.yml: '${name}' must be a map of names to entries.`)
  return Object.entries(value as Record<string, Entry>).map(([key, entry]) => {
    if (typeof entry?.description !== 'string' || entry.description === '')
      throw new Error(`action.yml: ${name}.${key} has no description.`)
    return [key, entry]
  })
}

function readAction(actionYml: string): Record<string, unknown> {
  const action: unknown = parse(actionYml)
  if (typeof action !== 'object' || action === null)
    throw new Error('action.yml is not a YAML map.')
  return action as Record<string, unknown>
}

/** A YAML scalar as action.yml's reader sees it (`true` and 'true' alike). */
function scalar(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** The Inputs table: name, required, default, description. */
export function inputsTable(actionYml: string): string {
  const lines = [
    row(['Name', 'Required', 'Default', 'Description']),
    row(['---', '---', '---', '---'])
  ]
  for (const [name, entry] of section(readAction(actionYml), 'inputs'))
    lines.push(
      row([
        `\`${name}\``,
        scalar(entry.required) === 'true' ? 'Yes' : 'No',
        entry.default === undefined ? '—' : `\`${scalar(entry.default)}\``,
        cell(String(entry.description))
      ])
    )
  return alignTables(lines).join('\n')
}

/** The Outputs table: name, description. */
export function outputsTable(actionYml: string): string {
  const lines = [row(['Name', 'Description']), row(['---', '---'])]
  for (const [name, entry] of section(readAction(actionYml), 'outputs'))
    lines.push(row([`\`${name}\``, cell(String(entry.description))]))
  return alignTables(lines).join('\n')
}

/** The README with both tables regenerated between their markers. */
export function withActionTables(readme: string, actionYml: string): string {
  const inputs = replaceBlock(readme, 'inputs', inputsTable(actionYml))
  return replaceBlock(inputs, 'outputs', outputsTable(actionYml))
}
