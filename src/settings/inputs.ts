/**
 * Parsers for single input values. Each one reports what is wrong in
 * `problems` (naming the input, and the value when it is not secret) and
 * returns a stand-in, so every problem is found in one pass.
 */

/**
 * Trims, and refuses control characters and text that was not valid UTF-8.
 * `from` names where the value came from, if not the input `name`.
 */
export function checkedText(
  value: string,
  name: string,
  problems: string[],
  from = `Input '${name}'`
): string {
  const text = value.trim()
  // eslint-disable-next-line no-control-regex -- control characters are what we reject
  if (/[\u0000-\u001f\u007f\ufffd]/.test(text)) {
    problems.push(
      `${from} contains a control character or bytes that are not valid UTF-8; use plain text.`
    )
    return ''
  }
  return text
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

/** A non-secret value shown back in an error, kept short. */
export function printable(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value
}

/**
 * Where a value came from, as messages name it mid-sentence: `input
 * 'server'` for an input, `the OCTOPUS_URL variable` for the environment.
 */
export function sourceName(source: string): string {
  return /^[A-Z][A-Z_]*$/.test(source)
    ? `the ${source} variable`
    : `input '${source}'`
}

/** Text with its first letter in upper case, to start a sentence. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
