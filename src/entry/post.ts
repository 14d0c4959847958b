// The post step's entry point for tools that import it and call run(), as
// GitHub's local-action does; dist/index.js calls it too. Importing it runs
// nothing.
import { runPhase } from './phase.js'
import { post } from '../post.js'

/** The post step: revoke the key the main step made, if it asked to. */
export function run(): Promise<void> {
  return runPhase(post)
}
