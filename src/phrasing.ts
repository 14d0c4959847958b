/**
 * How messages say things, in the same words everywhere: where a value came
 * from, numbers, sentences, and what to do about a key left behind.
 */

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

/** A non-secret value shown back in an error, kept short. */
export function printable(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value
}

/** `10,050`. */
export function count(n: number): string {
  return n.toLocaleString('en-US')
}

/** Ends `text` with a full stop unless it ends a sentence already (`…found."`, `…`). */
export function asSentence(text: string): string {
  return /[.!?…]["')\]]*$/.test(text) ? text : `${text}.`
}

/**
 * Ends every message about keys the action meant to revoke but could not,
 * in the same words: `<lead>: revoke it by hand in Octopus (…).`
 */
export function revokeByHand(lead: string, several = false): string {
  return `${lead}: revoke ${several ? 'them' : 'it'} by hand in Octopus (Configuration → Users → the account → API keys).`
}
