// Builds bundles with ncc. `node tools/build.mjs` writes what is committed in
// dist/: the action (minified; it loads on every workflow run), the demo and
// the simulator's command line (so `npm run demo` and `npm run simulator` work
// on a fresh clone with no install). The bench is built on demand into .build/.
//   node tools/build.mjs                  dist/index.js, dist/demo/, dist/simulator/
//   node tools/build.mjs bench            .build/bench/index.js
//   node tools/build.mjs action DIR       the action alone, into DIR
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
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

function build(name, out) {
  const { entry, flags } = targets[name]
  execFileSync('npx', ['ncc', 'build', entry, '-o', out, '--quiet', ...flags], {
    stdio: 'inherit',
    env
  })
}

const [name, out] = process.argv.slice(2)
if (name === undefined) {
  rmSync('dist', { recursive: true, force: true })
  build('action', 'dist')
  build('demo', 'dist/demo')
  build('simulator', 'dist/simulator')
} else if (name in targets) {
  build(name, out ?? `.build/${name}`)
} else {
  console.error(
    `Unknown target '${name}'; use one of ${Object.keys(targets).join(', ')}.`
  )
  process.exit(2)
}
