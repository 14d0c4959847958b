/**
 * Text the action did not write itself, made safe to show. The runner reads
 * workflow commands from the log: `::name::` at the start of a line, and the
 * older `##[name]` anywhere in one. A server string with a line break could
 * start such a line; bidirectional controls could make a line read
 * differently from what it holds.
 */

// C0 and C1 controls, the Unicode line and paragraph separators, and the
// bidirectional embeddings, overrides and isolates.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- control characters are what we replace
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
// The same but for line breaks (\n, \r).
const UNSAFE_BUT_BREAKS =
  // eslint-disable-next-line no-control-regex -- control characters are what we replace
  /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** Shown in place of each character that was replaced. */
export const REPLACED = '\uFFFD'

/**
 * Server text as the action shows and hands it on: every control character
 * becomes �, so the text stays on one line, cannot begin a workflow command,
 * and never equals an input that differs from it only by such a character.
 */
export function shownText(text: string): string {
  return text.replace(UNSAFE, REPLACED)
}

/** True when `shownText` would change `text`. */
export function hasUnsafeCharacters(text: string): boolean {
  return text.replace(UNSAFE, '') !== text
}

/**
 * A message as the logger writes it, whatever it holds: control characters
 * become �, line breaks too unless `keepLineBreaks` (annotations and debug
 * lines, whose breaks @actions/core escapes), `##[` is broken up, and no line
 * begins with `::`.
 */
export function inertMessage(text: string, keepLineBreaks: boolean): string {
  const flat = keepLineBreaks
    ? text.replace(/\r\n?/g, '\n').replace(UNSAFE_BUT_BREAKS, REPLACED)
    : text.replace(UNSAFE, REPLACED)
  return flat
    .replace(/##\[/g, `##${REPLACED}[`)
    .replace(/^(\s*)::/gm, `$1${REPLACED}::`)
}
