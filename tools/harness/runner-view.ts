/**
 * Renders a step's raw output the way the GitHub runner shows it in the log:
 * values registered with `::add-mask::` become ***, workflow commands become
 * their annotations, and the commands that only talk to the runner vanish
 * (debug lines too, unless step debug logging is on).
 */
export function renderLog(
  lines: string[],
  options: { debug?: boolean } = {}
): string[] {
  const masks = lines
    .filter((l) => l.startsWith('::add-mask::'))
    .map((l) => l.slice('::add-mask::'.length))
    .filter((m) => m !== '')
    .sort((a, b) => b.length - a.length)
  const mask = (text: string): string =>
    masks.reduce((out, secret) => out.split(secret).join('***'), text)
  const shown: string[] = []
  for (const line of lines) {
    const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
    if (!command) {
      shown.push(mask(line))
      continue
    }
    const [, name, message] = command
    const text = mask(unescape(message))
    if (name === 'error') shown.push(`Error: ${text}`)
    else if (name === 'warning') shown.push(`Warning: ${text}`)
    else if (name === 'notice') shown.push(`Notice: ${text}`)
    else if (name === 'debug' && options.debug) shown.push(`##[debug]${text}`)
    // add-mask, save-state, set-output and the like are not shown.
  }
  return shown
}

/** Undoes @actions/core's escaping of command data. */
function unescape(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

/** The job summary as plain text lines (it is HTML on the runner). */
export function renderSummary(html: string): string[] {
  return html
    .replace(/<\/(h\d|tr)>/g, '\n')
    .replace(/<\/t[hd]>/g, ' | ')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) =>
      String.fromCharCode(Number(code))
    )
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.trim().replace(/\s*\|\s*$/, ''))
    .filter((l) => l !== '')
}
