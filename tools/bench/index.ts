/**
 * `npm run bench`: the committed bundle vs Octopus's Python sample vs bare
 * node, against the simulator on 127.0.0.1 with an injected latency. Writes
 * docs/bench/results.md and docs/bench/chart.svg. Build first:
 * `npm run package && npm run bench`.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, platform, release, tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { chartSvg } from './chart.js'
import { findPython, sampleScript, type Python } from './contenders.js'
import { depthAt, loadTime, lookupAt, PURPOSE } from './experiments.js'
import { markdown, targets, type BenchResults } from './report.js'
import { ADMIN_KEY, MIN_USERS, TARGET_USERNAME } from './users.js'

const USAGE = `Usage: npm run bench -- [options]
  --latency-ms N        injected latency per request (default 20)
  --runs N              interleaved runs per contender (default 5)
  --sizes A,B,C         user counts (default 100,1000,10000)
  --depth-latency-ms N  latency for the depth runs (default 200)
  --load-runs N         runs for the load-time comparison (default 21, at least 15)
  --sample PATH         Markdown file holding the Python sample
                        (default ../shared/reference/seed-samples.md)
  --out DIR             where results.md and chart.svg go (default docs/bench)
  --entry PATH          the bundle (default dist/index.js)
  --max-minutes N       stop the whole run after this long (default 15)`

function whole(name: string, raw: string, min: number): number {
  const n = Number(raw)
  if (!/^\d+$/.test(raw.trim()) || n < min)
    throw new Error(`--${name} must be a whole number ≥ ${min}; got '${raw}'`)
  return n
}

const { values } = parseArgs({
  options: {
    'latency-ms': { type: 'string', default: '20' },
    runs: { type: 'string', default: '5' },
    sizes: { type: 'string', default: '100,1000,10000' },
    'depth-latency-ms': { type: 'string', default: '200' },
    'load-runs': { type: 'string', default: '21' },
    sample: {
      type: 'string',
      default: '../shared/reference/seed-samples.md'
    },
    out: { type: 'string', default: 'docs/bench' },
    entry: { type: 'string', default: 'dist/index.js' },
    'max-minutes': { type: 'string', default: '15' },
    help: { type: 'boolean', default: false }
  }
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}

const latencyMs = whole('latency-ms', values['latency-ms'], 0)
const runs = whole('runs', values.runs, 1)
const depthLatencyMs = whole('depth-latency-ms', values['depth-latency-ms'], 1)
const loadRuns = whole('load-runs', values['load-runs'], 15)
const maxMinutes = whole('max-minutes', values['max-minutes'], 1)
const sizes = values.sizes
  .split(',')
  .map((s) => whole('sizes', s, MIN_USERS))
  .sort((a, b) => a - b)
const committed = path.resolve(values.entry)
if (!existsSync(committed)) {
  console.error(`${committed} is missing: run \`npm run package\` first.`)
  process.exit(2)
}
// Every run uses one snapshot of the bundle (with the package.json that makes
// it ESM), so a rebuild of dist/ during the benchmark cannot change or break it.
const bundle = readFileSync(committed)
const snapshot = await mkdtemp(path.join(tmpdir(), 'octopus-bench-dist-'))
const entry = path.join(snapshot, 'index.js')
await writeFile(entry, bundle)
const pkg = path.join(path.dirname(committed), 'package.json')
if (existsSync(pkg)) await copyFile(pkg, path.join(snapshot, 'package.json'))
const bundleSha = createHash('sha256').update(bundle).digest('hex').slice(0, 12)

// Bounded no matter what: a stuck run ends the benchmark instead of hanging.
setTimeout(() => {
  console.error(`bench: still running after ${maxMinutes} minutes; giving up.`)
  rmSync(snapshot, { recursive: true, force: true })
  process.exit(3)
}, maxMinutes * 60_000).unref()

const log = (message: string): void => console.log(message)
const notes: string[] = []

const found = findPython()
let python: Python | undefined
if ('missing' in found) {
  notes.push(`The Python sample was skipped: ${found.missing}.`)
} else python = found

/** The sample with this simulator's URL, or undefined (and a note) when unusable. */
function scriptFor(url: string): string | undefined {
  if (!python) return undefined
  const made = sampleScript(values.sample, {
    url,
    apiKey: ADMIN_KEY,
    username: TARGET_USERNAME,
    purpose: PURPOSE
  })
  if ('missing' in made) {
    const note = `The Python sample was skipped: ${made.missing}.`
    if (!notes.includes(note)) notes.push(note)
    return undefined
  }
  return made.script
}

log(
  `bench: sizes ${sizes.join(', ')}; ${latencyMs} ms per request; ${runs} runs; ` +
    `python ${python ? `${python.version} (${python.executable})` : 'skipped'}`
)
const started = Date.now()
let measured
try {
  const sizeResults = []
  for (const users of sizes)
    sizeResults.push(
      await lookupAt({
        users,
        latencyMs,
        runs,
        entry,
        python,
        sampleFor: scriptFor,
        log
      })
    )
  const depth = await depthAt({ latencyMs: depthLatencyMs, runs, entry, log })
  const load = await loadTime({
    runs: loadRuns,
    entry,
    bundleBytes: bundle.length,
    bundleSha,
    log
  })
  measured = { sizes: sizeResults, depth, load }
} finally {
  await rm(snapshot, { recursive: true, force: true })
}
const { depth, load } = measured

const results: BenchResults = {
  env: {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    node: process.version,
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    platform: `${platform()} ${release()}`,
    python: python
      ? `Python ${python.version}, requests ${python.requestsVersion}`
      : 'skipped'
  },
  latencyMs,
  runs,
  loadRuns,
  ...measured,
  notes
}

await mkdir(values.out, { recursive: true })
await writeFile(path.join(values.out, 'results.md'), markdown(results))
await writeFile(path.join(values.out, 'chart.svg'), chartSvg(results))

log(`\nbench: done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
for (const t of targets(results))
  log(
    `  [${t.met === undefined ? ' ' : t.met ? 'x' : '!'}] ${t.name}: ${t.measured} (bar: ${t.bar})`
  )
log(`  wrote ${path.join(values.out, 'results.md')} and chart.svg`)

const actionFailed = [
  ...results.sizes.map((s) => s.action),
  depth.normal,
  depth.validation,
  depth.rotation,
  load.validation
].some((s) => s.failed > 0)
if (actionFailed) {
  console.error('bench: some action runs failed; see the Notes in results.md')
  process.exitCode = 1
}
