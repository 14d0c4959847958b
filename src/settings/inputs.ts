import { printable } from '../phrasing.js'
import { hasUnsafeCharacters } from '../text.js'

/**
 * Parsers for single input values. Each one reports what is wrong in
 * `problems` (naming the input, and the value when it is not secret) and
 * returns a stand-in, so every problem is found in one pass.
 */

/**
 * Trims, and refuses what the log could not show as it is (see
 * `shownText`: control characters, line and paragraph separators,
 * bidirectional controls) and text that was not valid UTF-8 (U+FFFD). Such
 * a value would never equal what Octopus sends back once that is made safe
 * to show: a purpose would match none of its own keys. `from` names where
 * the value came from, if not the input `name`.
 */
export function checkedText(
  value: string,
  name: string,
  problems: string[],
  from = `Input '${name}'`
): string {
  const text = value.trim()
  const bad = [...text].find((c) => c === '\ufffd' || hasUnsafeCharacters(c))
  if (bad !== undefined) {
    problems.push(
      `${from} contains ${codePoint(bad)}, ${bad === '\ufffd' ? 'which stands for bytes that are not valid UTF-8' : 'a control, separator or bidirectional formatting character the log cannot show'}; use plain text.`
    )
    return ''
  }
  return text
}

/** `U+202E`. */
function codePoint(char: string): string {
  const hex = (char.codePointAt(0) ?? 0).toString(16).toUpperCase()
  return `U+${hex.padStart(4, '0')}`
}

/** `true` or `false`, in the spellings the runner's own boolean inputs take. */
export function parseBoolean(
  value: string,
  name: string,
  problems: string[]
): boolean {
  const text = value.trim()
  if (['true', 'True', 'TRUE'].includes(text)) return true
  if (!['false', 'False', 'FALSE'].includes(text))
    problems.push(
      `Input '${name}' must be true or false; got '${printable(text)}'.`
    )
  return false
}

/** A whole number from `min` to `max`; `example` shows a good one. */
export function parseInteger(
  value: string,
  name: string,
  { min, max, example }: { min: number; max: number; example: string },
  problems: string[]
): number {
  const text = value.trim()
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    problems.push(
      `Input '${name}' must be a whole number from ${min} to ${max}, e.g. ${example}; got '${printable(text)}'.`
    )
    return Number(example)
  }
  return Number(text)
}
