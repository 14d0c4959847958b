// The entry point for both steps: builds the real dependencies and runs the
// step this is. Everything it calls takes them as arguments.
import { failureReport } from './errors.js'
import { createHttpTransport } from './http/transport.js'
import { run } from './main.js'
import { post } from './post.js'
import { coreRunner } from './runner/core.js'
import type { Deps } from './runner/port.js'
import { enterPhase } from './runner/state.js'
import { Secrets } from './secrets.js'
import manifest from '../package.json' with { type: 'json' }

const USER_AGENT = `octopus-create-api-key-action/${manifest.version}`

const runner = coreRunner()
const secrets = new Secrets((value) => runner.setSecret(value))
const deps: Deps = {
  runner,
  env: process.env,
  secrets,
  transport: (timeoutSeconds) =>
    createHttpTransport(USER_AGENT, timeoutSeconds * 1000),
  clock: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  monotonic: () => performance.now()
}

try {
  await (enterPhase(runner) === 'post' ? post(deps) : run(deps))
} catch (error) {
  const failure = failureReport(error, (text) => secrets.redact(text))
  if (failure.debug !== undefined) runner.debug(failure.debug)
  runner.setFailed(failure.message)
}
