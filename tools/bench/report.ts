// The Markdown report (docs/bench/results.md) and the targets it checks.
// Targets are reported, never asserted: timings vary from machine to machine.
import type { DepthResult, LoadResult, SizeResult } from './experiments.js'
import type { LinkResult } from './link.js'
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
  sizes: SizeResult[]
  depth: DepthResult
  /** Undefined when skipped (see the notes). */
  link?: LinkResult
  load: LoadResult
  /** Why a contender was skipped, and other caveats. */
  notes: string[]
}

/** Bars from the issue. */
export const BARS = {
  requests: 2,
  depth: 2.35,
  rotationDepth: 3.15,
  loadMs: 65,
  /** Round trips over the floor on the link: the common flow. */
  linkDefault: 0.4,
  /** Rotation on the link, over bare Node sending the same requests. */
  linkRotationOverBare: 0.2
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

function fmtRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a'
  return `${ratio < 0.1 ? ratio.toFixed(3) : ratio.toFixed(2)}×`
}

const fmtInt = (n: number): string => n.toLocaleString('en-US')

/** What the run would cost if only start-up and the round trips counted. */
export function ideal(floorMs: number, requests: number, latencyMs: number) {
  return floorMs + requests * latencyMs
}

function requestsText(s: Stats): string {
  return s.requestCounts.length === 1
    ? fmtInt(s.requestCounts[0])
    : s.requestCounts.map(fmtInt).join('–')
}

export function targets(r: BenchResults): Target[] {
  const list: Target[] = []
  const counts = r.sizes.map(
    (s) => `${requestsText(s.action)} at ${fmtInt(s.users)}`
  )
  list.push({
    name: 'Requests for a username lookup do not grow with user count',
    measured: counts.join(', '),
    bar: `${BARS.requests} at every size`,
    met: r.sizes.every(
      (s) =>
        s.action.requestCounts.length === 1 &&
        s.action.requestCounts[0] === BARS.requests
    )
  })
  const { depth: d } = r
  list.push({
    name: `Depth: (normal run − validation-failing run) / ${d.latencyMs} ms`,
    measured: `${d.depth.toFixed(2)} round trips (bare node, same requests: ${d.bare.depth.toFixed(2)})`,
    bar: `< ${BARS.depth}`,
    met: d.depth < BARS.depth
  })
  list.push({
    name: `Rotation depth: (revoke_previous run, ${requestsText(d.rotation)} requests − validation-failing run) / ${d.latencyMs} ms`,
    measured: `${d.rotationDepth.toFixed(2)} round trips (bare node, same requests: ${d.bare.rotationDepth.toFixed(2)})`,
    bar: `≤ ${BARS.rotationDepth}`,
    met: d.rotationDepth <= BARS.rotationDepth
  })
  list.push(...linkTargets(r.link))
  list.push({
    name: `Bundle load: validation-failing run − node -e 0 (dist/index.js ${r.load.bundleKB.toFixed(0)} KB)`,
    measured: fmtMs(r.load.overheadMs),
    bar: `< ${BARS.loadMs} ms (OctopusDeploy/login: ~65–85 ms)`,
    met: r.load.overheadMs < BARS.loadMs
  })
  const ends = [...new Set([r.sizes[0], r.sizes[r.sizes.length - 1]])]
  for (const s of ends.filter((x) => x !== undefined)) {
    list.push({
      name: `Speed-up vs the Python sample at ${fmtInt(s.users)} users`,
      measured: s.sample
        ? fmtRatio(s.sample.medianMs / s.action.medianMs)
        : 'sample skipped',
      bar: '—',
      met: undefined
    })
  }
  return list
}

/**
 * The link's bars: the common flow on one connection near its floor;
 * rotation within 0.2 round trip of bare Node sending the same requests;
 * rotation through a CONNECT proxy on as many connections as direct.
 */
function linkTargets(link: LinkResult | undefined): Target[] {
  if (link === undefined) return []
  const [common, , , rotation, proxied] = link.flows
  const bare = rotation.bare?.roundTrips ?? NaN
  return [
    {
      name: `Link (https, ${link.rttMs} ms round trip): ${common.name}, one connection, near its floor of ${common.floor}`,
      measured: `${common.roundTrips.toFixed(2)} round trips, ${connectionsText(common.stats)} connection(s)`,
      bar: `≤ ${common.floor + BARS.linkDefault}, 1 connection`,
      met:
        common.roundTrips <= common.floor + BARS.linkDefault &&
        connectionsText(common.stats) === '1'
    },
    {
      name: `Link: ${rotation.name}, beside bare node sending the same requests`,
      measured: `${rotation.roundTrips.toFixed(2)} round trips (bare node: ${bare.toFixed(2)}), ${connectionsText(rotation.stats)} connections`,
      bar: `≤ bare node + ${BARS.linkRotationOverBare}`,
      met: rotation.roundTrips <= bare + BARS.linkRotationOverBare
    },
    {
      name: `Link: ${proxied.name}`,
      measured: `${proxied.roundTrips.toFixed(2)} round trips, ${connectionsText(proxied.stats)} tunnels`,
      bar: `tunnels as direct connections (${connectionsText(rotation.stats)}), ≤ direct + ${BARS.linkRotationOverBare}`,
      met:
        connectionsText(proxied.stats) === connectionsText(rotation.stats) &&
        proxied.roundTrips <= rotation.roundTrips + BARS.linkRotationOverBare
    }
  ]
}

function connectionsText(s: Stats): string {
  return s.connectionCounts.map(fmtInt).join('–')
}

function linkTable(link: LinkResult): string[] {
  const lines = [
    row([
      'Run',
      'Requests',
      'Connections',
      'Median',
      'Round trips after start-up',
      'Bare node: round trips',
      'Floor',
      'Over the floor'
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---', '---:'])
  ]
  const v = link.validation
  lines.push(
    row([
      'stops at input validation (no `purpose`)',
      requestsText(v),
      connectionsText(v),
      fmtMs(v.medianMs),
      '0 (baseline)',
      `0 (baseline, ${fmtMs(link.bareValidation.medianMs)})`,
      '—',
      '—'
    ])
  )
  for (const f of link.flows)
    lines.push(
      row([
        f.name,
        requestsText(f.stats),
        connectionsText(f.stats),
        fmtMs(f.stats.medianMs),
        f.roundTrips.toFixed(2),
        f.bare ? f.bare.roundTrips.toFixed(2) : '—',
        `${f.floor} (${f.floorWhy})`,
        (f.roundTrips - f.floor).toFixed(2)
      ])
    )
  return lines
}

function sizeTable(r: BenchResults): string[] {
  const lines = [
    row([
      'Users',
      'Requests (action / sample)',
      'Action',
      'Sample',
      '`node -e 0`',
      'Action / sample',
      'Action / (floor + requests × latency)'
    ]),
    row(['---:', ':---:', '---:', '---:', '---:', '---:', '---:'])
  ]
  for (const s of r.sizes) {
    const best = ideal(s.floor.medianMs, s.action.requests, r.latencyMs)
    lines.push(
      row([
        fmtInt(s.users),
        `${requestsText(s.action)} / ${s.sample ? requestsText(s.sample) : '—'}`,
        fmtMs(s.action.medianMs),
        s.sample ? fmtMs(s.sample.medianMs) : 'skipped',
        fmtMs(s.floor.medianMs),
        s.sample ? fmtRatio(s.action.medianMs / s.sample.medianMs) : '—',
        `${fmtRatio(s.action.medianMs / best)} (ideal ${fmtMs(best)})`
      ])
    )
  }
  return lines
}

function detailTable(r: BenchResults): string[] {
  const lines = [
    row([
      'Users',
      'Contender',
      'Requests',
      'Median',
      'Min – max',
      'Floor + requests × latency',
      'Failed runs'
    ]),
    row(['---:', '---', '---:', '---:', '---:', '---:', '---:'])
  ]
  for (const s of r.sizes) {
    const entries: [string, Stats | undefined][] = [
      ['action (`dist/index.js`)', s.action],
      ['Python sample', s.sample],
      ['`node -e 0`', s.floor]
    ]
    for (const [name, st] of entries) {
      if (!st) continue
      lines.push(
        row([
          fmtInt(s.users),
          name,
          requestsText(st),
          fmtMs(st.medianMs),
          `${fmtMs(st.minMs)} – ${fmtMs(st.maxMs)}`,
          fmtMs(ideal(s.floor.medianMs, st.requests, r.latencyMs)),
          `${st.failed} / ${st.runs}`
        ])
      )
    }
  }
  return lines
}

function depthTable(d: DepthResult): string[] {
  const lines = [
    row([
      'Run',
      'Requests',
      'Action: median',
      'Min – max',
      'Depth (round trips)',
      'Bare node: median',
      'Depth (round trips)'
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:'])
  ]
  const entries: [string, Stats, string, Stats, string][] = [
    [
      'stops at input validation (no `purpose`)',
      d.validation,
      '0 (baseline)',
      d.bare.validation,
      '0 (baseline)'
    ],
    [
      'username lookup + create',
      d.normal,
      d.depth.toFixed(2),
      d.bare.normal,
      d.bare.depth.toFixed(2)
    ],
    [
      'the same with `revoke_previous: true`, 3 older keys',
      d.rotation,
      d.rotationDepth.toFixed(2),
      d.bare.rotation,
      d.bare.rotationDepth.toFixed(2)
    ]
  ]
  for (const [name, st, depth, bare, bareDepth] of entries)
    lines.push(
      row([
        name,
        requestsText(st),
        fmtMs(st.medianMs),
        `${fmtMs(st.minMs)} – ${fmtMs(st.maxMs)}`,
        depth,
        fmtMs(bare.medianMs),
        bareDepth
      ])
    )
  return lines
}

function failures(r: BenchResults): string[] {
  const lines: string[] = []
  const all: [string, Stats | undefined][] = [
    ...r.sizes.flatMap((s): [string, Stats | undefined][] => [
      [`action at ${fmtInt(s.users)} users`, s.action],
      [`sample at ${fmtInt(s.users)} users`, s.sample],
      [`floor at ${fmtInt(s.users)} users`, s.floor]
    ]),
    ['depth: normal', r.depth.normal],
    ['depth: validation', r.depth.validation],
    ['depth: rotation', r.depth.rotation],
    ['depth: bare node, normal', r.depth.bare.normal],
    ['depth: bare node, validation', r.depth.bare.validation],
    ['depth: bare node, rotation', r.depth.bare.rotation],
    ...(r.link
      ? [
          ['link: validation', r.link.validation] as [string, Stats],
          ['link: bare node, validation', r.link.bareValidation] as [
            string,
            Stats
          ],
          ...r.link.flows.flatMap((f): [string, Stats][] => [
            [`link: ${f.name}`, f.stats],
            ...(f.bare
              ? [
                  [`link: bare node, ${f.name}`, f.bare.stats] as [
                    string,
                    Stats
                  ]
                ]
              : [])
          ])
        ]
      : []),
    ['load: validation', r.load.validation],
    ['load: floor', r.load.floor]
  ]
  for (const [name, st] of all)
    if (st && st.failed > 0)
      lines.push(
        `- ${name}: ${st.failed} of ${st.runs} runs failed (${st.errors.join('; ')})`
      )
  return lines
}

export function markdown(r: BenchResults): string {
  const e = r.env
  const t = targets(r)
  const failed = failures(r)
  const lines = [
    '# Benchmark: the action vs the Python sample',
    '',
    'Generated by `npm run bench -- --write-docs --python-sample create-api-key.py`',
    '(see `tools/bench/`). Timings are from one machine and vary; request counts',
    'are deterministic.',
    '',
    `- Date: ${e.date}`,
    `- Node ${e.node} (runs the action, bare node and \`node -e 0\`; \`--node\` picks it) on ${e.platform}, ${e.cores} cores (${e.cpu})`,
    `- Python sample: ${e.python}`,
    `- Injected latency: ${r.latencyMs} ms per request (depth: ${r.depth.latencyMs} ms); link: https with ${r.link ? `${r.link.rttMs} ms` : 'no'} round trip`,
    `- Runs: median of ${r.runs} interleaved runs per contender (load time: ${r.loadRuns}), after a warm-up round`,
    '',
    '![Requests and wall time against the number of users](chart.svg)',
    '',
    '## Targets',
    '',
    row(['Target', 'Measured', 'Bar', 'Met']),
    row(['---', '---:', '---', ':---:']),
    ...t.map((x) =>
      row([
        x.name,
        x.measured,
        x.bar,
        x.met === undefined ? '—' : x.met ? 'yes' : '**no**'
      ])
    ),
    '',
    `## Username lookup, ${r.latencyMs} ms per request`,
    '',
    ...sizeTable(r),
    '',
    ...detailTable(r),
    '',
    `## Depth, ${r.depth.latencyMs} ms per request (100 users)`,
    '',
    ...depthTable(r.depth),
    '',
    ...(r.link
      ? [
          `## On a modelled link: https, ${r.link.rttMs} ms round trip (100 users)`,
          '',
          ...linkTable(r.link),
          ''
        ]
      : []),
    '## Bundle load',
    '',
    row(['Run', 'Median', 'Min – max']),
    row(['---', '---:', '---:']),
    row([
      'action, stops at input validation',
      fmtMs(r.load.validation.medianMs),
      `${fmtMs(r.load.validation.minMs)} – ${fmtMs(r.load.validation.maxMs)}`
    ]),
    row([
      '`node -e 0`',
      fmtMs(r.load.floor.medianMs),
      `${fmtMs(r.load.floor.minMs)} – ${fmtMs(r.load.floor.maxMs)}`
    ]),
    row([
      `**difference** (dist/index.js: ${r.load.bundleKB.toFixed(0)} KB, sha256 ${r.load.bundleSha}…)`,
      `**${fmtMs(r.load.overheadMs)}**`,
      ''
    ]),
    '',
    '## Method',
    '',
    '- The simulator (`tools/simulator/`) runs on 127.0.0.1 and waits the injected latency before every answer.',
    '- Users: `admin` (may edit users; its API key makes every request), generic `member-00001`… accounts,',
    '  near misses that share fragments with the target (`my-svc-target`, `old-svc-target`, `svc-targe`,',
    '  a display name and an e-mail containing `svc-target`), and the service account `svc-target`,',
    '  created last and sorting last in the full listing: the worst case for the sample, which pages',
    '  through all users 30 at a time.',
    '- Action: the committed `dist/index.js` (or the bundle `--entry` names), run as the runner runs it (`tools/harness/run-action.ts`),',
    "  with `server`, `api_key`, `username: svc-target` and `purpose`. Sample: Octopus's published",
    '  `REST/python/Users/create-api-key.py` (OctopusDeploy/OctopusDeploy-Api) with its URL, key, username',
    '  and purpose substituted, run by the real interpreter (not a pyenv shim). Floor: `node -e 0`,',
    '  spawned the same way. The bundle is copied once when the',
    '  benchmark starts (its sha256 is in the bundle load table), so a rebuild of `dist/` meanwhile changes nothing.',
    '- Wall time runs from spawn to exit. Requests are counted by the simulator, reset before every run.',
    '- Depth: (median normal run − median run that stops at input validation) / latency; the',
    '  validation-failing run loads the same bundle but sends nothing, so the difference is the network',
    '  part. Rotation runs get three keys of their own purpose, created an hour earlier.',
    '- Bare node: `tools/bench/bare-node.mjs` sends the same requests as the action for the same',
    '  inputs (lookup, create, with rotation the listing beside it and the revocations in parallel)',
    '  and nothing else, on the same Node, interleaved with the action runs; without a purpose it',
    '  exits at once. Its depth is what a fresh Node process spends on those round trips: the floor',
    '  any Node action sits on, on this machine.',
    '- Link: the simulator serves https with a throwaway certificate made by openssl when the bench',
    '  starts (the action trusts it through `NODE_EXTRA_CA_CERTS`), behind a TCP proxy on 127.0.0.1',
    '  (`tools/bench/link-proxy.ts`) that holds every chunk for half a round trip each way, so a TLS',
    '  handshake costs one round trip and each request one more. Round trips after start-up: (median',
    '  run − median validation-failing run, same environment) / round trip; bare node against its own',
    '  baseline. Connections are counted by the proxy. Each run has a purpose of its own with exactly',
    '  its older keys. The proxied flow names the server `octopus.bench` (not loopback, so',
    '  `https_proxy` applies) and goes through a CONNECT proxy on 127.0.0.1',
    '  (`tools/harness/connect-proxy.ts`) that sends its tunnels into the link; each tunnel is one',
    '  connection through the link.',
    ...(r.notes.length > 0 || failed.length > 0
      ? ['', '## Notes', '', ...r.notes.map((n) => `- ${n}`), ...failed]
      : []),
    ''
  ]
  return alignTables(lines).join('\n')
}

/** The numbers in docs/bench/README.md: the headline figures and the chart. */
export function docsSection(r: BenchResults): string {
  const lines = [
    '`npm run bench` runs the committed bundle, the Python sample it replaces',
    '(`GET /api/users` page by page, then the create) and bare `node -e 0` side by',
    `side against the simulator, with ${r.latencyMs} ms injected per request and the target`,
    `account last of N users. One run on ${r.env.cores} cores (Node ${r.env.node}), medians of`,
    `${r.runs} interleaved runs; the full tables and method are in`,
    '[results.md](results.md).',
    '',
    '![Requests and wall time against the number of users](chart.svg)',
    '',
    row([
      'Users',
      'Requests (action / sample)',
      'Action',
      'Sample',
      'Speed-up'
    ]),
    row(['---:', ':---:', '---:', '---:', '---:']),
    ...r.sizes.map((s) =>
      row([
        fmtInt(s.users),
        `${requestsText(s.action)} / ${s.sample ? requestsText(s.sample) : '—'}`,
        fmtMs(s.action.medianMs),
        s.sample ? fmtMs(s.sample.medianMs) : 'skipped',
        s.sample ? speedUp(s.sample.medianMs / s.action.medianMs) : '—'
      ])
    ),
    '',
    `- **Requests:** ${targets(r)[0].measured} users for a username lookup (one`,
    '  filtered lookup and the create).',
    `- **Depth:** with ${r.depth.latencyMs} ms per request, a run takes ${r.depth.depth.toFixed(2)} × ${r.depth.latencyMs} ms`,
    '  more than one that stops at input validation; with rotation',
    `  (\`revoke_previous\`) ${r.depth.rotationDepth.toFixed(2)} × (the key listing goes beside the create,`,
    `  then the revocations in parallel). Bare Node sending the same requests and nothing`,
    `  else measures ${r.depth.bare.depth.toFixed(2)} and ${r.depth.bare.rotationDepth.toFixed(2)} in the same run.`,
    `- **Start-up:** \`dist/index.js\` is ${r.load.bundleKB.toFixed(0)} KB and a run that stops at input`,
    `  validation spends ${fmtMs(r.load.overheadMs)} over bare \`node -e 0\` (Octopus's own login`,
    '  action: about 65–85 ms).',
    ...(r.link ? ['', ...linkSection(r.link)] : [])
  ]
  return alignTables(lines).join('\n')
}

/** The link table for docs/bench/README.md: round trips and connections beside each floor. */
function linkSection(link: LinkResult): string[] {
  return [
    `**On a real link.** Over https to a server ${link.rttMs} ms away (a TCP proxy in`,
    'front of the simulator holds every chunk for half a round trip each way, TLS',
    'handshakes included; the certificate is made for the run and trusted through',
    '`NODE_EXTRA_CA_CERTS`):',
    '',
    row([
      'Flow',
      'Round trips after start-up',
      'Bare node',
      'Connections',
      'Floor'
    ]),
    row(['---', '---:', '---:', '---:', '---']),
    ...link.flows.map((f) =>
      row([
        f.name,
        f.roundTrips.toFixed(2),
        f.bare ? f.bare.roundTrips.toFixed(2) : '—',
        connectionsText(f.stats),
        `${f.floor} (${f.floorWhy})`
      ])
    ),
    '',
    'Rotation opens its second connection while the lookup is in flight, so its',
    'handshake costs no round trip of its own, through a proxy too (a tunnel is',
    'opened like a connection, and kept alive); the common flow keeps to one',
    'connection. Bare node sends the same requests, its second connection opened',
    'the same way.'
  ]
}

/** 2.8× below ten, 58× above. */
function speedUp(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a'
  return `${ratio < 10 ? ratio.toFixed(1) : ratio.toFixed(0)}×`
}
