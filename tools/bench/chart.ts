// docs/bench/chart.svg, written by hand: two log–log panels (requests per
// run, median wall time) against the number of users, action vs sample.
import { fmtMs, type BenchResults } from './report.js'

interface Series {
  label: string
  color: string
  dash?: string
  marker: 'circle' | 'square' | 'none'
  points: { x: number; y: number; text: string }[]
  /** Where value labels go relative to the point. */
  labelBelow: boolean
}

interface Panel {
  title: string
  yLabel: string
  series: Series[]
  yTick: (v: number) => string
}

const WIDTH = 960
const HEIGHT = 452
const PANEL = { top: 104, height: 270, width: 370 }
const LEFTS = [80, 560]
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"'

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) =>
      ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[
        c
      ] ?? c
  )
}

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeXml(content)}</text>`
}

/** Decades covering [min, max], at least one wide. */
function decades(min: number, max: number): [number, number] {
  let lo = Math.floor(Math.log10(Math.max(min, 1e-9)))
  let hi = Math.ceil(Math.log10(Math.max(max, 1e-9)))
  if (hi <= lo) {
    lo -= 1
    hi += 1
  }
  return [lo, hi]
}

const fmtInt = (n: number): string => n.toLocaleString('en-US')
/** Decade ticks: 10 ms, 100 ms, 1 s, 10 s. */
const fmtTick = (ms: number): string =>
  ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`

function panelSvg(panel: Panel, left: number, xs: number[]): string[] {
  const { top, height, width } = PANEL
  const ys = panel.series.flatMap((s) => s.points.map((p) => p.y))
  const [xLo, xHi] = decades(Math.min(...xs), Math.max(...xs))
  const [yLo, yHi] = decades(Math.min(...ys), Math.max(...ys))
  const px = (x: number) => left + ((Math.log10(x) - xLo) / (xHi - xLo)) * width
  const py = (y: number) =>
    top + height - ((Math.log10(y) - yLo) / (yHi - yLo)) * height
  const out: string[] = [
    text(
      left + width / 2,
      top - 14,
      panel.title,
      `text-anchor="middle" font-size="15" font-weight="600"`
    )
  ]
  for (let d = yLo; d <= yHi; d++) {
    const y = py(10 ** d)
    out.push(
      `<line x1="${left}" y1="${y.toFixed(1)}" x2="${left + width}" y2="${y.toFixed(1)}" stroke="#ddd"/>`,
      text(
        left - 8,
        y + 4,
        panel.yTick(10 ** d),
        `text-anchor="end" font-size="12" fill="#444"`
      )
    )
  }
  for (let d = xLo; d <= xHi; d++) {
    const x = px(10 ** d)
    out.push(
      `<line x1="${x.toFixed(1)}" y1="${top}" x2="${x.toFixed(1)}" y2="${top + height}" stroke="#ddd"/>`,
      text(
        x,
        top + height + 18,
        fmtInt(10 ** d),
        `text-anchor="middle" font-size="12" fill="#444"`
      )
    )
  }
  out.push(
    `<rect x="${left}" y="${top}" width="${width}" height="${height}" fill="none" stroke="#888"/>`,
    text(
      left + width / 2,
      top + height + 40,
      'users (log scale)',
      `text-anchor="middle" font-size="13"`
    ),
    text(
      left - 58,
      top + height / 2,
      panel.yLabel,
      `text-anchor="middle" font-size="13" transform="rotate(-90 ${left - 58} ${top + height / 2})"`
    )
  )
  for (const s of panel.series) {
    if (s.points.length === 0) continue
    const path = s.points
      .map(
        (p, i) =>
          `${i === 0 ? 'M' : 'L'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`
      )
      .join(' ')
    out.push(
      `<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`
    )
    const last = s.points.length - 1
    s.points.forEach((p, i) => {
      const x = px(p.x)
      const y = py(p.y)
      // Labels at the ends lean inwards, clear of the axis labels and the edge.
      const [anchor, dx] =
        last === 0
          ? ['middle', 0]
          : i === 0
            ? ['start', 6]
            : i === last
              ? ['end', -6]
              : ['middle', 0]
      if (s.marker === 'circle')
        out.push(
          `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4.5" fill="${s.color}"/>`
        )
      if (s.marker === 'square')
        out.push(
          `<rect x="${(x - 4.5).toFixed(1)}" y="${(y - 4.5).toFixed(1)}" width="9" height="9" fill="${s.color}"/>`
        )
      out.push(
        text(
          x + dx,
          s.labelBelow ? y + 19 : y - 10,
          p.text,
          `text-anchor="${anchor}" font-size="12" fill="${s.color}" font-weight="600"`
        )
      )
    })
  }
  return out
}

function legend(series: Series[], y: number): string[] {
  const out: string[] = []
  let x = LEFTS[0]
  for (const s of series) {
    out.push(
      `<line x1="${x}" y1="${y}" x2="${x + 34}" y2="${y}" stroke="${s.color}" stroke-width="2.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`
    )
    if (s.marker === 'circle')
      out.push(`<circle cx="${x + 17}" cy="${y}" r="4.5" fill="${s.color}"/>`)
    if (s.marker === 'square')
      out.push(
        `<rect x="${x + 12.5}" y="${y - 4.5}" width="9" height="9" fill="${s.color}"/>`
      )
    out.push(text(x + 42, y + 4, s.label, `font-size="13"`))
    x += 70 + s.label.length * 7.5
  }
  return out
}

export function chartSvg(r: BenchResults): string {
  const xs = r.sizes.map((s) => s.users)
  /** A sample that never succeeded has no meaningful numbers to plot. */
  const usable = (s: BenchResults['sizes'][number]) =>
    s.sample !== undefined && s.sample.failed < s.sample.runs
  const hasSample = r.sizes.some(usable)
  const action = (
    pick: (s: BenchResults['sizes'][number]) => number,
    fmt: (v: number) => string
  ): Series => ({
    label: 'action (dist/index.js)',
    color: '#1f6feb',
    marker: 'circle',
    labelBelow: true,
    points: r.sizes.map((s) => ({ x: s.users, y: pick(s), text: fmt(pick(s)) }))
  })
  const sample = (
    pick: (s: BenchResults['sizes'][number]) => number | undefined,
    fmt: (v: number) => string
  ): Series => ({
    label: hasSample ? 'Python sample' : 'Python sample (not run)',
    color: '#d9480f',
    dash: '7 4',
    marker: 'square',
    labelBelow: false,
    points: r.sizes.filter(usable).flatMap((s) => {
      const y = pick(s)
      return y !== undefined && Number.isFinite(y)
        ? [{ x: s.users, y, text: fmt(y) }]
        : []
    })
  })
  const floorSeries: Series = {
    label: 'node -e 0 (floor)',
    color: '#6e7781',
    dash: '2 4',
    marker: 'none',
    labelBelow: true,
    points: r.sizes.map((s) => ({ x: s.users, y: s.floor.medianMs, text: '' }))
  }
  const requests: Panel = {
    title: 'Requests per run',
    yLabel: 'requests (log scale)',
    yTick: (v) => fmtInt(v),
    series: [
      action(
        (s) => s.action.requests,
        (v) => fmtInt(v)
      ),
      sample(
        (s) => s.sample?.requests,
        (v) => fmtInt(v)
      )
    ]
  }
  const time: Panel = {
    title: `Median wall time, ${r.latencyMs} ms per request`,
    yLabel: 'wall time (log scale)',
    yTick: fmtTick,
    series: [
      action((s) => s.action.medianMs, fmtMs),
      sample((s) => s.sample?.medianMs, fmtMs),
      floorSeries
    ]
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" ${FONT}>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    text(
      WIDTH / 2,
      26,
      `Creating a key for svc-target, the last of N users (${r.env.date.slice(0, 10)}, node ${r.env.node}, ${r.env.cores} cores)`,
      `text-anchor="middle" font-size="16" font-weight="600"`
    ),
    ...legend(time.series, 52),
    ...panelSvg(requests, LEFTS[0], xs),
    ...panelSvg(time, LEFTS[1], xs),
    '</svg>',
    ''
  ]
  return lines.join('\n')
}
