// Builds bundles with ncc. `node tools/build.mjs` writes what is committed in
// dist/: the action (minified; it loads on every workflow run), the demo and
// the simulator's command line (so `npm run demo` and `npm run simulator` work
// on a fresh clone with no install). The bench is built on demand into .build/.
//   node tools/build.mjs                  dist/index.js, dist/demo/, dist/simulator/
//   node tools/build.mjs bench            .build/bench/index.js
//   node tools/build.mjs action DIR       the action alone, into DIR
//   ... --source-map                      with index.js.map (for coverage)
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// Every bundle gets tools/undici-stub in place of undici: ncc's resolver
// (tsconfig-paths) follows the `paths` of the tsconfig that TS_NODE_PROJECT
// names. Only the bundles: installed packages keep the real undici.
const env = {
  ...process.env,
  TS_NODE_PROJECT: fileURLToPath(
    new URL('undici-stub/tsconfig.bundle.json', import.meta.url)
  )
}

const targets = {
  action: {
    entry: 'src/index.ts',
    flags: ['--minify', '--license', 'licenses.txt']
  },
  demo: { entry: 'tools/demo/index.ts', flags: [] },
  bench: { entry: 'tools/bench/index.ts', flags: [] },
  simulator: { entry: 'tools/simulator/cli.ts', flags: [] }
}

function build(name, out, sourceMap = false) {
  const { entry, flags } = targets[name]
  // No source-map-register: the bundle must run as it ships.
  const mapFlags = sourceMap ? ['--source-map', '--no-source-map-register'] : []
  execFileSync(
    'npx',
    ['ncc', 'build', entry, '-o', out, '--quiet', ...flags, ...mapFlags],
    { stdio: 'inherit', env }
  )
  if (sourceMap) absoluteSources(path.join(out, 'index.js.map'))
}

/**
 * ncc names sources '../' + their path from the project root, as if the
 * bundle sat one folder down; coverage tools resolve them from the bundle's
 * folder. Absolute paths find src/ wherever the bundle is written.
 */
function absoluteSources(mapFile) {
  const map = JSON.parse(readFileSync(mapFile, 'utf8'))
  map.sources = map.sources.map((source) =>
    path.resolve(source.replace(/^\.\.\//, ''))
  )
  writeFileSync(mapFile, JSON.stringify(map))
}

const [name, out, ...options] = process.argv.slice(2)
const sourceMap = options.includes('--source-map')
if (name === undefined) {
  rmSync('dist', { recursive: true, force: true })
  build('action', 'dist')
  build('demo', 'dist/demo')
  build('simulator', 'dist/simulator')
} else if (name in targets) {
  build(name, out ?? `.build/${name}`, sourceMap)
} else {
  console.error(
    `Unknown target '${name}'; use one of ${Object.keys(targets).join(', ')}.`
  )
  process.exit(2)
}
