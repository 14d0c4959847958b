// Builds every committed bundle under dist/ with ncc. The action itself is
// minified (it loads on every workflow run); the demo, bench and simulator
// bundles let `npm run demo` work on a fresh clone with no install step.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'

const bundles = [
  {
    entry: 'src/index.ts',
    out: 'dist',
    flags: ['--minify', '--license', 'licenses.txt']
  },
  { entry: 'demo/index.ts', out: 'dist/demo', flags: [] },
  { entry: 'bench/index.ts', out: 'dist/bench', flags: [] },
  { entry: 'simulator/cli.ts', out: 'dist/simulator', flags: [] }
]

rmSync('dist', { recursive: true, force: true })
for (const { entry, out, flags } of bundles) {
  execFileSync('npx', ['ncc', 'build', entry, '-o', out, '--quiet', ...flags], {
    stdio: 'inherit'
  })
}
