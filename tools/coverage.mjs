// `npm run coverage`: the whole test run, measuring what it covers of src/ in
// both places the source runs. The unit tests import src/ into jest (jest's
// V8 coverage); the scenarios run the bundle of src/ in child processes,
// which write V8 coverage (NODE_V8_COVERAGE) that c8 maps back to src/*.ts
// through the bundle's source map. The two are merged by location, printed as
// one table, and the run fails under MIN_LINES % of src lines. Arguments go
// to jest (.ci/run passes --json --outputFile=…). ncc's maps have no columns
// (cheap-module-source-map), so a line where a branch starts or ends mid-line
// can be counted the wrong way in the scenarios' part.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import libCoverage from 'istanbul-lib-coverage'
import libReport from 'istanbul-lib-report'
import reports from 'istanbul-reports'

const MIN_LINES = 90
const out = path.resolve('coverage')
const parts = {
  unit: path.join(out, 'unit'),
  scenarios: path.join(out, 'scenarios'),
  /** Where the bundle's processes write raw V8 coverage. */
  processes: path.join(out, 'processes')
}

rmSync(out, { recursive: true, force: true })
mkdirSync(parts.processes, { recursive: true })

const tests = run('jest', [
  ...['--coverage', '--coverageProvider=v8', '--coverageReporters=json'],
  `--coverageDirectory=${parts.unit}`,
  ...process.argv.slice(2)
])
const mapped = run('c8', [
  ...['report', `--temp-directory=${parts.processes}`, '--allowExternal'],
  ...['--reporter=json', `--report-dir=${parts.scenarios}`]
])
if (mapped !== 0) {
  console.error(`c8 could not read the coverage in ${parts.processes}.`)
  process.exit(1)
}
// Some 700 KB a process, and nothing reads it once mapped.
rmSync(parts.processes, { recursive: true })

const map = sourceCoverage()
const context = libReport.createContext({ dir: out, coverageMap: map })
for (const name of ['text', 'lcov']) reports.create(name).execute(context)

const lines = map.getCoverageSummary().lines.pct
if (tests !== 0) process.exit(tests)
if (lines < MIN_LINES) {
  console.error(
    `This run's tests cover ${lines}% of the lines in src/, under the ` +
      `${MIN_LINES}% required: add tests for the lines listed above ` +
      '(see __tests__/README.md).'
  )
  process.exit(1)
}

/** Runs a dev tool with the test environment; returns its exit status. */
function run(tool, args) {
  const { status } = spawnSync('npx', [tool, ...args], {
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_OPTIONS: '--experimental-vm-modules',
      NODE_NO_WARNINGS: '1',
      ACTION_UNDER_TEST_COVERAGE: parts.processes
    }
  })
  return status ?? 1
}

/** Both parts merged, src/*.ts only (the bundle also maps node_modules). */
function sourceCoverage() {
  const src = path.resolve('src') + path.sep
  const merged = libCoverage.createCoverageMap()
  for (const dir of [parts.unit, parts.scenarios]) {
    const file = path.join(dir, 'coverage-final.json')
    if (!existsSync(file)) continue
    const data = JSON.parse(readFileSync(file, 'utf8'))
    for (const [name, coverage] of Object.entries(data))
      if (name.startsWith(src) && name.endsWith('.ts'))
        merged.merge({ [name]: coverage })
  }
  return merged
}
