/**
 * `npm run bench`: the committed bundle vs Octopus's Python sample vs bare
 * node, against the simulator on 127.0.0.1 with an injected latency, and its
 * depth in round trips beside bare Node sending the same requests, on plain
 * http and over https through a modelled link. Writes results.md and
 * chart.svg to .build/bench-results/, or with --write-docs to docs/bench/,
 * with the numbers of docs/bench/README.md.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, platform, release, tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { replaceBlock } from '../readme/markdown.js'
import { chartSvg } from './chart.js'
import { findPython, sampleScript, type Python } from './contenders.js'
import { depthAt, type DepthResult } from './depth.js'
import { loadTime, lookupAt, PURPOSE } from './experiments.js'
import { docsSection, markdown, targets, type BenchResults } from './report.js'
import { ADMIN_KEY, MIN_USERS, TARGET_USERNAME } from './users.js'

const SAMPLE_SOURCE =
  'REST/python/Users/create-api-key.py from https://github.com/OctopusDeploy/OctopusDeploy-Api'
const DOCS_DIR = 'docs/bench'
/** The admin's credentials in the depth runs expire this soon: they bound the default expiry. */
const CREATOR_DAYS = 60

const USAGE = `Usage: npm run bench -- [options]
  --python-sample PATH  Octopus's Python sample to compare with: a copy of
                        ${SAMPLE_SOURCE}
                        (default: $OCTOPUS_PYTHON_SAMPLE; none: skipped)
  --latency-ms N        injected latency per request (default 20)
  --runs N              interleaved runs per contender (default 11)
  --sizes A,B,C         user counts (default 100,1000,10000)
  --depth-latency-ms N  latency per answer for the depth runs on plain http
                        (default 200)
  --link-rtt-ms N       round trip of the modelled https link (default 150)
  --load-runs N         runs for the load-time comparison (default 21, at least 15)
  --out DIR             where results.md and chart.svg go (default .build/bench-results)
  --write-docs          write them to ${DOCS_DIR}/ and refresh the numbers in
                        ${DOCS_DIR}/README.md instead (the committed results)
  --entry PATH          the bundle (default dist/index.js)
  --node PATH           the Node that runs the bundle and the bare-node
                        contenders (default: the one running the bench; the
                        runner uses the node24 that action.yml names)
  --max-minutes N       stop the whole run after this long (default 15)`

function whole(name: string, raw: string, min: number): number {
  const n = Number(raw)
  if (!/^\d+$/.test(raw.trim()) || n < min)
    throw new Error(`--${name} must be a whole number ≥ ${min}; got '${raw}'`)
  return n
}

const { values } = parseArgs({
  options: {
    'python-sample': { type: 'string' },
    'latency-ms': { type: 'string', default: '20' },
    runs: { type: 'string', default: '11' },
    sizes: { type: 'string', default: '100,1000,10000' },
    'depth-latency-ms': { type: 'string', default: '200' },
    'link-rtt-ms': { type: 'string', default: '150' },
    'load-runs': { type: 'string', default: '21' },
    out: { type: 'string' },
    'write-docs': { type: 'boolean', default: false },
    entry: { type: 'string', default: 'dist/index.js' },
    node: { type: 'string', default: process.execPath },
    'max-minutes': { type: 'string', default: '15' },
    help: { type: 'boolean', default: false }
  }
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
if (values['write-docs'] && values.out !== undefined) {
  console.error(`--write-docs writes to ${DOCS_DIR}; leave out --out.`)
  process.exit(2)
}

const latencyMs = whole('latency-ms', values['latency-ms'], 0)
const runs = whole('runs', values.runs, 1)
const depthLatencyMs = whole('depth-latency-ms', values['depth-latency-ms'], 1)
const linkRttMs = whole('link-rtt-ms', values['link-rtt-ms'], 2)
const loadRuns = whole('load-runs', values['load-runs'], 15)
const maxMinutes = whole('max-minutes', values['max-minutes'], 1)
const sizes = values.sizes
  .split(',')
  .map((s) => whole('sizes', s, MIN_USERS))
  .sort((a, b) => a - b)
const outDir = values['write-docs']
  ? DOCS_DIR
  : (values.out ?? '.build/bench-results')
const committed = path.resolve(values.entry)
if (!existsSync(committed)) {
  console.error(`${committed} is missing: run \`npm run package\` first.`)
  process.exit(2)
}

const node = values.node
const nodeVersion = versionOf(node)

/** `node --version` of the Node that runs the contenders, or exit 2 saying why not. */
function versionOf(command: string): string {
  const probe = spawnSync(command, ['--version'], {
    encoding: 'utf8',
    timeout: 20_000
  })
  const version = probe.stdout?.trim() ?? ''
  if (probe.status === 0 && /^v\d+\./.test(version)) return version
  console.error(
    `bench: --node ${command} is not a Node executable (${probe.error?.message ?? `exit ${probe.status}`}).`
  )
  process.exit(2)
}

const log = (message: string): void => console.log(message)
const notes: string[] = []

/** The sample's path, or undefined with a note saying why it is skipped. */
function samplePath(): string | undefined {
  const given =
    values['python-sample'] ?? process.env.OCTOPUS_PYTHON_SAMPLE ?? ''
  if (given === '') {
    notes.push(
      `The Python sample was skipped: no sample given. Pass --python-sample PATH ` +
        `(or set OCTOPUS_PYTHON_SAMPLE) to a copy of ${SAMPLE_SOURCE}.`
    )
    return undefined
  }
  if (!existsSync(given)) {
    console.error(
      `bench: the Python sample ${given} does not exist; download ${SAMPLE_SOURCE}.`
    )
    process.exit(2)
  }
  return given
}

/** The link needs a throwaway certificate, made with openssl. */
function opensslMissing(): boolean {
  const probe = spawnSync('openssl', ['version'], { timeout: 20_000 })
  if (probe.status === 0) return false
  notes.push(
    'The link experiment was skipped: the openssl command line, which makes its throwaway certificate, was not found.'
  )
  return true
}

const sample = samplePath()
let python: Python | undefined
if (sample !== undefined) {
  const found = findPython()
  if ('missing' in found)
    notes.push(`The Python sample was skipped: ${found.missing}.`)
  else python = found
}
const sampleSha =
  sample === undefined ? '' : sha256(readFileSync(sample)).slice(0, 12)

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

/** The sample with this simulator's URL, or undefined (and a note) when unusable. */
function scriptFor(url: string): string | undefined {
  if (!python || sample === undefined) return undefined
  const made = sampleScript(sample, {
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

// Every run uses one snapshot of the bundle (with the package.json that makes
// it ESM), so a rebuild of dist/ during the benchmark cannot change or break it.
const bundle = readFileSync(committed)
const snapshot = await mkdtemp(path.join(tmpdir(), 'octopus-bench-dist-'))
const entry = path.join(snapshot, 'index.js')
await writeFile(entry, bundle)
const pkg = path.join(path.dirname(committed), 'package.json')
if (existsSync(pkg)) await copyFile(pkg, path.join(snapshot, 'package.json'))
const bundleSha = sha256(bundle).slice(0, 12)

// Bounded no matter what: a stuck run ends the benchmark instead of hanging.
setTimeout(() => {
  console.error(`bench: still running after ${maxMinutes} minutes; giving up.`)
  rmSync(snapshot, { recursive: true, force: true })
  process.exit(3)
}, maxMinutes * 60_000).unref()

log(
  `bench: Node ${nodeVersion} (${node}); sizes ${sizes.join(', ')}; ${latencyMs} ms per request; ${runs} runs; ` +
    `python sample ${python ? `${sample} with Python ${python.version} (${python.executable})` : 'SKIPPED'}`
)
for (const note of notes) log(`bench: ${note}`)
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
        node,
        entry,
        python,
        sampleFor: scriptFor,
        log
      })
    )
  const expires = new Date(Date.now() + CREATOR_DAYS * 86_400_000)
  const depth = { runs, node, entry, expires, log }
  const plain = await depthAt({
    ...depth,
    route: 'plain',
    rttMs: depthLatencyMs
  })
  const link: DepthResult | undefined = opensslMissing()
    ? undefined
    : await depthAt({ ...depth, route: 'link', rttMs: linkRttMs })
  const load = await loadTime({
    runs: loadRuns,
    node,
    entry,
    bundleBytes: bundle.length,
    bundleSha,
    log
  })
  measured = { sizes: sizeResults, plain, link, load }
} finally {
  await rm(snapshot, { recursive: true, force: true })
}

const results: BenchResults = {
  env: {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    node: nodeVersion,
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    platform: `${platform()} ${release()}`,
    python: python
      ? `create-api-key.py (sha256 ${sampleSha}…) on Python ${python.version}, requests ${python.requestsVersion}`
      : 'skipped'
  },
  latencyMs,
  runs,
  loadRuns,
  creatorDays: CREATOR_DAYS,
  ...measured,
  notes
}

await mkdir(outDir, { recursive: true })
await writeFile(path.join(outDir, 'results.md'), markdown(results))
await writeFile(path.join(outDir, 'chart.svg'), chartSvg(results))
if (values['write-docs']) {
  const page = path.join(DOCS_DIR, 'README.md')
  const text = readFileSync(page, 'utf8')
  await writeFile(page, replaceBlock(text, 'bench', docsSection(results)))
}

log(`\nbench: done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
for (const t of targets(results))
  log(
    `  [${t.met === undefined ? ' ' : t.met ? 'x' : '!'}] ${t.name}: ${t.measured} (bar: ${t.bar})`
  )
log(
  `  wrote ${path.join(outDir, 'results.md')} and chart.svg` +
    (values['write-docs'] ? `, and the numbers in ${DOCS_DIR}/README.md` : '')
)
const skipped = notes.find((n) => n.startsWith('The Python sample was skipped'))
if (skipped) log(`  SKIPPED: ${skipped}`)

const actionFailed = [
  ...results.sizes.map((s) => s.action),
  ...[results.plain, results.link].flatMap((d) =>
    d ? [d.validation, ...d.flows.map((f) => f.stats)] : []
  ),
  results.load.validation
].some((s) => s.failed > 0)
if (actionFailed) {
  console.error('bench: some action runs failed; see the Notes in results.md')
  process.exitCode = 1
}
