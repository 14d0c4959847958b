// The scenario tests run the action as the runner does: a bundle in a fresh
// node process. They must see the current source, never the committed dist/,
// so every test run bundles src/ afresh into a directory of its own. In a
// coverage run (ACTION_UNDER_TEST_COVERAGE names where the bundle's processes
// write V8 coverage) the bundle has a source map, to map it back to src/.
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export default function buildActionUnderTest() {
  const out = mkdtempSync(path.join(tmpdir(), 'action-under-test-'))
  const map = process.env.ACTION_UNDER_TEST_COVERAGE ? ['--source-map'] : []
  execFileSync(process.execPath, ['tools/build.mjs', 'action', out, ...map], {
    stdio: 'inherit'
  })
  process.env.ACTION_UNDER_TEST = path.join(out, 'index.js')
}
