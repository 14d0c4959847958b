/**
 * When a username from Octopus is the one asked for. The same name in
 * another Unicode form is the same (an NFD spelling of an NFC username);
 * a look-alike never is. A spelling is canonical when it equals its own NFC
 * or NFD form: a Kelvin sign (U+212A) is not, since NFC turns it into K.
 * Case is ignored only between canonical spellings without compatibility
 * characters (fullwidth letters, ligatures: NFKC differs from NFC) and
 * without invisible format characters (Cf), since there a lower-case
 * comparison would let a look-alike through.
 */
export type Likeness = 'same' | 'same ignoring case' | 'different'

function canonical(text: string): boolean {
  return text === text.normalize('NFC') || text === text.normalize('NFD')
}

function plain(text: string): boolean {
  return text.normalize('NFKC') === text && !/\p{Cf}/u.test(text)
}

/** How the username `actual` compares with the one asked for, `wanted`. */
export function compareUsernames(wanted: string, actual: string): Likeness {
  if (wanted === actual) return 'same'
  if (!canonical(wanted) || !canonical(actual)) return 'different'
  const [a, b] = [wanted.normalize('NFC'), actual.normalize('NFC')]
  if (a === b) return 'same'
  if (!plain(a) || !plain(b)) return 'different'
  const lower = (text: string) => text.toLowerCase().normalize('NFC')
  return lower(a) === lower(b) ? 'same ignoring case' : 'different'
}

/**
 * The spelling to search Octopus with: the NFC form, which is how names
 * typed into the portal are stored, when the input is canonical; a
 * non-canonical input as it is (it can only match itself).
 */
export function searchSpelling(username: string): string {
  return canonical(username) ? username.normalize('NFC') : username
}
