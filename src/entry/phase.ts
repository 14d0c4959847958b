import { realDeps } from './deps.js'
import { failureReport } from '../describe.js'
import type { Deps } from '../runner/port.js'

/**
 * Runs one phase (main or post) with the real dependencies. A failure is
 * said here, once (see describe.ts), and handed to the runner as the step's
 * result, redacted, never thrown: an uncaught error would print its raw
 * text and stack.
 */
export async function runPhase(
  phase: (deps: Deps) => Promise<void>
): Promise<void> {
  const deps = realDeps()
  try {
    await phase(deps)
  } catch (error) {
    const failure = failureReport(error, (text) => deps.secrets.redact(text))
    if (failure.debug !== undefined) deps.runner.debug(failure.debug)
    deps.runner.setFailed(failure.message)
  }
}
