// The main step's entry point for tools that import it and call run(), as
// GitHub's local-action does; dist/index.js calls it too. Importing it runs
// nothing.
import { run as createKey } from '../main.js'
import { runPhase } from './phase.js'

/** The main step: create the key, mask it, hand it on. */
export function run(): Promise<void> {
  return runPhase(createKey)
}
