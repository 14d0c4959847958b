// Markdown pieces shared by the README generator and the bench report:
// tables padded the way Prettier pads them, and generated blocks kept
// between `<!-- name:start -->` and `<!-- name:end -->` comments.

/** One table row from its cells, before padding. */
export function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`
}

/** A cell's text that cannot end the cell early or break the row. */
export function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|')
}

/**
 * Pads every table the way Prettier formats Markdown (columns as wide as
 * their widest cell, aligned as the delimiter row says), so generated text
 * passes `prettier --check` as it is written.
 */
export function alignTables(lines: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < lines.length;) {
    if (!lines[i].startsWith('|')) {
      out.push(lines[i++])
      continue
    }
    const block: string[][] = []
    for (; i < lines.length && lines[i].startsWith('|'); i++)
      block.push(lines[i].slice(2, -2).split(' | '))
    out.push(...alignBlock(block))
  }
  return out
}

function alignBlock(block: string[][]): string[] {
  const align = block[1].map((d) =>
    d.startsWith(':') && d.endsWith(':') ? 'c' : d.endsWith(':') ? 'r' : 'l'
  )
  const width = (text: string) => [...text].length
  const widths = align.map((_, c) =>
    Math.max(
      3,
      ...block.filter((_, r) => r !== 1).map((cells) => width(cells[c] ?? ''))
    )
  )
  return block.map((cells, r) => {
    const padded = widths.map((w, c) => {
      if (r === 1)
        return align[c] === 'c'
          ? `:${'-'.repeat(w - 2)}:`
          : align[c] === 'r'
            ? `${'-'.repeat(w - 1)}:`
            : '-'.repeat(w)
      const text = cells[c] ?? ''
      const pad = w - width(text)
      if (align[c] === 'r') return ' '.repeat(pad) + text
      if (align[c] === 'c') {
        const left = Math.floor(pad / 2)
        return ' '.repeat(left) + text + ' '.repeat(pad - left)
      }
      return text + ' '.repeat(pad)
    })
    return `| ${padded.join(' | ')} |`
  })
}

/**
 * `text` with the block between `<!-- name:start -->` and `<!-- name:end -->`
 * replaced by `body` (blank lines around it, as Prettier leaves them).
 */
export function replaceBlock(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (from === -1 || to === -1 || to < from)
    throw new Error(
      `No '${start}' … '${end}' pair found; put both markers where the generated text belongs.`
    )
  return `${text.slice(0, from + start.length)}\n\n${body.trim()}\n\n${text.slice(to)}`
}
