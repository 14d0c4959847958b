// The bench's Markdown (docs/bench/results.md, and the numbers in
// docs/bench/README.md) and the bars it checks. Bars are reported, never
// asserted, and each compares runs of one bench run: the machine is shared.
import type { DepthResult, FlowId, FlowResult } from './depth.js'
import type { LoadResult, SizeResult } from './experiments.js'
import type { Stats } from './measure.js'
import { alignTables, row } from '../readme/markdown.js'

export interface Environment {
  date: string
  node: string
  cores: number
  cpu: string
  platform: string
  python: string
}

export interface BenchResults {
  env: Environment
  latencyMs: number
  runs: number
  loadRuns: number
  /** Days until the admin's credentials expire in the depth runs. */
  creatorDays: number
  sizes: SizeResult[]
  plain: DepthResult
  /** Undefined when skipped (see the notes). */
  link?: DepthResult
  load: LoadResult
  /** Why a contender was skipped, and other caveats. */
  notes: string[]
}

export const BARS = {
  /** Round trips the action may spend over bare Node sending the same requests. */
  overBare: 0.2,
  /** Requests the creator check may add. */
  checkRequests: 2,
  /** Round trips it may add: beside the lookup, and with `user_id` (the API's floor). */
  checkDepth: 1,
  checkDepthById: 2,
  /** Start-up over `node -e 0` (OctopusDeploy/login: about 65–85 ms). */
  loadMs: 65
}

export interface Target {
  name: string
  measured: string
  bar: string
  met: boolean | undefined
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a'
  if (Math.abs(ms) >= 1000) return `${(ms / 1000).toFixed(2)} s`
  return `${ms.toFixed(Math.abs(ms) < 10 ? 1 : 0)} ms`
}

const fmtInt = (n: number): string => n.toLocaleString('en-US')
const fmtRt = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : 'n/a')
const signed = (n: number): string =>
  Number.isFinite(n) ? `${n < 0 ? '−' : '+'}${Math.abs(n).toFixed(2)}` : 'n/a'

/** 2.8× below ten, 58× above. */
function speedUp(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a'
  return `${ratio < 10 ? ratio.toFixed(1) : ratio.toFixed(0)}×`
}

function counts(values: number[]): string {
  return values.map(fmtInt).join('–')
}

const requestsText = (s: Stats): string => counts(s.requestCounts)
const connectionsText = (s: Stats): string => counts(s.connectionCounts)

function flowOf(d: DepthResult, id: FlowId): FlowResult {
  const found = d.flows.find((f) => f.flow.id === id)
  if (!found) throw new Error(`bench: no '${id}' flow on the ${d.route} route`)
  return found
}

/** Round trips the action spends over bare Node sending the same requests. */
const overBare = (f: FlowResult): number =>
  f.roundTrips - (f.bare?.roundTrips ?? Number.NaN)

const routeName = (d: DepthResult): string =>
  d.route === 'plain'
    ? `plain http, ${d.rttMs} ms per answer`
    : `https link, ${d.rttMs} ms round trip`

export function targets(r: BenchResults): Target[] {
  const sizes = r.sizes.map((s) => s.action.requestCounts)
  return [
    {
      name: 'Requests for a username run do not grow with the user count',
      measured: r.sizes
        .map((s) => `${requestsText(s.action)} at ${fmtInt(s.users)}`)
        .join(', '),
      bar: 'the same at every size',
      met: sizes.every((c) => c.length === 1 && c[0] === sizes[0][0])
    },
    checkRequests(r.plain),
    ...[r.plain, r.link].flatMap((d) => (d ? checkDepth(d) : [])),
    nearBare(r.plain),
    ...(r.link ? linkTargets(r.link) : []),
    {
      name: `Bundle load: validation-failing run − \`node -e 0\` (dist/index.js ${r.load.bundleKB.toFixed(0)} KB)`,
      measured: fmtMs(r.load.overheadMs),
      bar: `< ${BARS.loadMs} ms (OctopusDeploy/login: ~65–85 ms)`,
      met: r.load.overheadMs < BARS.loadMs
    },
    ...speedUps(r)
  ]
}

/** The speed-up over the Python sample at the smallest and largest user count. */
function speedUps(r: BenchResults): Target[] {
  const ends = [...new Set([r.sizes[0], r.sizes.at(-1)])]
  return ends.flatMap((s) =>
    s
      ? [
          {
            name: `Speed-up over the Python sample at ${fmtInt(s.users)} users`,
            measured: s.sample
              ? speedUp(s.sample.medianMs / s.action.medianMs)
              : 'sample skipped',
            bar: '—',
            met: undefined
          }
        ]
      : []
  )
}

/** The creator check's requests: an API key's run against an access token's, same inputs. */
function checkRequests(d: DepthResult): Target {
  const added = (key: FlowId, token: FlowId) => {
    const [k, t] = [flowOf(d, key).stats, flowOf(d, token).stats]
    const single = k.requestCounts.length === 1 && t.requestCounts.length === 1
    return {
      text: `+${fmtInt(k.requests - t.requests)} (${requestsText(k)} against ${requestsText(t)})`,
      met: single && k.requests - t.requests <= BARS.checkRequests
    }
  }
  const [byName, byId] = [added('key', 'token'), added('keyById', 'tokenById')]
  return {
    name: 'Creator check, requests: API key − access token (not checked), same inputs',
    measured: `${byName.text} by username, ${byId.text} by \`user_id\``,
    bar: `≤ ${BARS.checkRequests} more`,
    met: byName.met && byId.met
  }
}

/** The creator check's depth on one route, the action's beside bare Node's. */
function checkDepth(d: DepthResult): Target {
  const added = (key: FlowId, token: FlowId) => {
    const [k, t] = [flowOf(d, key), flowOf(d, token)]
    const bare = (k.bare?.roundTrips ?? NaN) - (t.bare?.roundTrips ?? NaN)
    return { action: k.roundTrips - t.roundTrips, bare }
  }
  const [byName, byId] = [added('key', 'token'), added('keyById', 'tokenById')]
  const tolerance = BARS.overBare
  return {
    name: `Creator check, depth (${routeName(d)}): API key − access token, in round trips`,
    measured:
      `${signed(byName.action)} by username (bare Node ${signed(byName.bare)}), ` +
      `${signed(byId.action)} by \`user_id\` (bare Node ${signed(byId.bare)})`,
    bar: `≤ ${BARS.checkDepth} by username, ≤ ${BARS.checkDepthById} by \`user_id\` (the API's floor); + ${tolerance} each`,
    met:
      byName.action <= BARS.checkDepth + tolerance &&
      byId.action <= BARS.checkDepthById + tolerance
  }
}

/** The flow that spends the most round trips over bare Node. */
function worstOverBare(flows: FlowResult[]): string {
  const worst = flows.reduce((a, b) => (overBare(b) > overBare(a) ? b : a))
  return `${worst.flow.name}, ${signed(overBare(worst))} round trips`
}

/** Every flow within 0.2 round trip of bare Node sending the same requests. */
function nearBare(d: DepthResult): Target {
  const flows = d.flows.filter((f) => f.bare)
  return {
    name: `Every flow (${routeName(d)}) beside bare Node sending the same requests`,
    measured: `the most over: ${worstOverBare(flows)}`,
    bar: `≤ bare Node + ${BARS.overBare} each`,
    met: flows.every((f) => overBare(f) <= BARS.overBare)
  }
}

/** Every flow on the link opens as many connections as bare Node. */
function sameConnections(link: DepthResult): Target {
  const flows = link.flows.filter((f) => f.bare)
  const differ = flows.filter(
    (f) =>
      connectionsText(f.stats) !== connectionsText(f.bare?.stats ?? f.stats)
  )
  return {
    name: 'Link: every flow on as many connections as bare Node sending the same requests',
    measured:
      (differ.length === 0
        ? 'the same'
        : `**not** for ${differ.map((f) => f.flow.name).join(', ')}`) +
      `; the most round trips over bare Node: ${worstOverBare(flows)}`,
    bar: 'the same count',
    met: differ.length === 0
  }
}

/**
 * On the link: rotation within 0.2 round trip of bare Node sending the same
 * requests, every flow on as many connections as bare Node, and rotation
 * through a CONNECT proxy on as many tunnels as direct connections.
 */
function linkTargets(link: DepthResult): Target[] {
  const rotation = flowOf(link, 'rotation')
  const proxied = flowOf(link, 'proxied')
  const bare = rotation.bare
  const direct = connectionsText(rotation.stats)
  return [
    {
      name: `Link: ${rotation.flow.name}, beside bare Node sending the same requests`,
      measured: `${fmtRt(rotation.roundTrips)} round trips (bare Node ${fmtRt(bare?.roundTrips ?? NaN)}), ${direct} connections (bare Node ${bare ? connectionsText(bare.stats) : 'n/a'})`,
      bar: `≤ bare Node + ${BARS.overBare}`,
      met: overBare(rotation) <= BARS.overBare
    },
    sameConnections(link),
    {
      name: `Link: ${proxied.flow.name}`,
      measured: `${fmtRt(proxied.roundTrips)} round trips, ${connectionsText(proxied.stats)} tunnels`,
      bar: `as many tunnels as direct connections (${direct}), ≤ direct + ${BARS.overBare}`,
      met:
        connectionsText(proxied.stats) === direct &&
        proxied.roundTrips <= rotation.roundTrips + BARS.overBare
    }
  ]
}

/** A route's flows: requests, connections, round trips beside bare Node's, floor. */
function depthTable(d: DepthResult): string[] {
  const lines = [
    row([
      'Run',
      'Requests',
      'Connections',
      'Median',
      'Round trips',
      'Bare Node',
      'Action − bare',
      'Floor'
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---'])
  ]
  const v = d.validation
  lines.push(
    row([
      'stops at input validation (no `purpose`)',
      requestsText(v),
      connectionsText(v),
      fmtMs(v.medianMs),
      '0 (baseline)',
      `0 (baseline, ${fmtMs(d.bareValidation.medianMs)})`,
      '—',
      '—'
    ])
  )
  for (const f of d.flows)
    lines.push(
      row([
        f.flow.name,
        requestsText(f.stats),
        connectionsText(f.stats),
        fmtMs(f.stats.medianMs),
        fmtRt(f.roundTrips),
        f.bare ? fmtRt(f.bare.roundTrips) : '—',
        f.bare ? signed(overBare(f)) : '—',
        floorText(d, f)
      ])
    )
  return lines
}

function floorText(d: DepthResult, f: FlowResult): string {
  const steps = d.route === 'link' ? ['TLS', ...f.flow.steps] : f.flow.steps
  return `${f.floor}: ${steps.join(', then ')}`
}

function sizeTable(r: BenchResults): string[] {
  const lines = [
    row([
      'Users',
      'Requests (action / sample)',
      'Action',
      'Sample',
      '`node -e 0`',
      'Speed-up'
    ]),
    row(['---:', ':---:', '---:', '---:', '---:', '---:'])
  ]
  for (const s of r.sizes)
    lines.push(
      row([
        fmtInt(s.users),
        `${requestsText(s.action)} / ${s.sample ? requestsText(s.sample) : '—'}`,
        fmtMs(s.action.medianMs),
        s.sample ? fmtMs(s.sample.medianMs) : 'skipped',
        fmtMs(s.floor.medianMs),
        s.sample ? speedUp(s.sample.medianMs / s.action.medianMs) : '—'
      ])
    )
  return lines
}

function targetTable(r: BenchResults): string[] {
  return [
    row(['Target', 'Measured', 'Bar', 'Met']),
    row(['---', '---', '---', ':---:']),
    ...targets(r).map((t) =>
      row([
        t.name,
        t.measured,
        t.bar,
        t.met === undefined ? '—' : t.met ? 'yes' : '**no**'
      ])
    )
  ]
}

/** Every contender whose runs failed, and why. */
function failures(r: BenchResults): string[] {
  const depth = (d: DepthResult | undefined): [string, Stats | undefined][] =>
    d
      ? [
          [`${d.route}: validation`, d.validation],
          [`${d.route}: bare Node, validation`, d.bareValidation],
          ...d.flows.flatMap((f): [string, Stats | undefined][] => [
            [`${d.route}: ${f.flow.name}`, f.stats],
            [`${d.route}: bare Node, ${f.flow.name}`, f.bare?.stats]
          ])
        ]
      : []
  const all: [string, Stats | undefined][] = [
    ...r.sizes.flatMap((s): [string, Stats | undefined][] => [
      [`action at ${fmtInt(s.users)} users`, s.action],
      [`sample at ${fmtInt(s.users)} users`, s.sample],
      [`floor at ${fmtInt(s.users)} users`, s.floor]
    ]),
    ...depth(r.plain),
    ...depth(r.link),
    ['load: validation', r.load.validation],
    ['load: floor', r.load.floor]
  ]
  return all.flatMap(([name, st]) =>
    st && st.failed > 0
      ? [
          `- ${name}: ${st.failed} of ${st.runs} runs failed (${st.errors.join('; ')})`
        ]
      : []
  )
}

function loadTable(load: LoadResult): string[] {
  const runs = [
    ['action, stops at input validation', load.validation],
    ['`node -e 0`', load.floor]
  ] as const
  return [
    row(['Run', 'Median', 'Min – max']),
    row(['---', '---:', '---:']),
    ...runs.map(([name, s]) =>
      row([name, fmtMs(s.medianMs), `${fmtMs(s.minMs)} – ${fmtMs(s.maxMs)}`])
    ),
    row([
      `**difference** (dist/index.js: ${load.bundleKB.toFixed(0)} KB, sha256 ${load.bundleSha}…)`,
      `**${fmtMs(load.overheadMs)}**`,
      ''
    ])
  ]
}

/** docs/bench/results.md: every table. */
export function markdown(r: BenchResults): string {
  const e = r.env
  const failed = failures(r)
  const lines = [
    '# Benchmark results',
    '',
    'Generated by `npm run bench -- --write-docs --python-sample create-api-key.py`',
    '(see [README.md](README.md) for the method and the bars). Timings are from one',
    'run on one machine and vary; every bar compares runs of this one run.',
    'Request counts are deterministic.',
    '',
    `- Date: ${e.date}`,
    `- Node ${e.node} (runs the action, bare Node and \`node -e 0\`) on ${e.platform}, ${e.cores} cores (${e.cpu})`,
    `- Python sample: ${e.python}`,
    `- Runs: median of ${r.runs} interleaved runs per contender (load time: ${r.loadRuns}), after a warm-up round`,
    '',
    '![Requests and wall time against the number of users](chart.svg)',
    '',
    '## Bars',
    '',
    ...targetTable(r),
    '',
    `## Username lookup, ${r.latencyMs} ms per request`,
    '',
    ...sizeTable(r),
    '',
    ...[r.plain, r.link].flatMap((d) =>
      d
        ? [
            `## Depth: ${routeName(d)} (100 users; the admin's credentials expire in ${r.creatorDays} days)`,
            '',
            ...depthTable(d),
            ''
          ]
        : []
    ),
    '## Bundle load',
    '',
    ...loadTable(r.load),
    ...(r.notes.length > 0 || failed.length > 0
      ? ['', '## Notes', '', ...r.notes.map((n) => `- ${n}`), ...failed]
      : []),
    ''
  ]
  return alignTables(lines).join('\n')
}

/** The numbers in docs/bench/README.md: the chart, the bars, depth on both routes. */
export function docsSection(r: BenchResults): string {
  const lines = [
    `One run on ${r.env.cores} cores (Node ${r.env.node}, ${r.env.date.slice(0, 10)}), medians of`,
    `${r.runs} interleaved runs; every table is in [results.md](results.md).`,
    '',
    '![Requests and wall time against the number of users](chart.svg)',
    '',
    ...sizeTable(r),
    '',
    ...targetTable(r),
    '',
    ...depthSummary(r),
    '',
    `**Start-up:** \`dist/index.js\` is ${r.load.bundleKB.toFixed(0)} KB; a run that stops at input`,
    `validation spends ${fmtMs(r.load.overheadMs)} over bare \`node -e 0\`.`
  ]
  return alignTables(lines).join('\n')
}

/** Both routes side by side: round trips after start-up, bare Node beside. */
function depthSummary(r: BenchResults): string[] {
  const { plain, link } = r
  const linkFlow = (id: FlowId) => link?.flows.find((f) => f.flow.id === id)
  const pair = (f: FlowResult | undefined) =>
    f
      ? `${fmtRt(f.roundTrips)} / ${f.bare ? fmtRt(f.bare.roundTrips) : '—'}`
      : '—'
  const ids = [
    ...new Set([...plain.flows, ...(link?.flows ?? [])].map((f) => f.flow))
  ]
  return [
    `**Depth**, in round trips after start-up, action / bare Node sending the same`,
    `requests; the admin's API key and access token expire in ${r.creatorDays} days:`,
    '',
    row([
      'Flow',
      'Requests',
      `Plain http (${plain.rttMs} ms per answer)`,
      link ? `https link (${link.rttMs} ms)` : 'https link (skipped)',
      'Connections (link)',
      'Floor (the link adds TLS)'
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---']),
    ...ids.map((flow) => {
      const p = plain.flows.find((f) => f.flow.id === flow.id)
      const l = linkFlow(flow.id)
      const any = p ?? l
      return row([
        flow.name,
        any ? requestsText(any.stats) : '—',
        pair(p),
        pair(l),
        l ? connectionsText(l.stats) : '—',
        `${flow.floor}: ${flow.steps.join(', then ')}`
      ])
    })
  ]
}
