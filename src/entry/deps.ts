import { createHttpTransport } from '../http/transport.js'
import { coreRunner } from '../runner/core.js'
import type { Deps } from '../runner/port.js'
import { Secrets } from '../secrets.js'
import manifest from '../../package.json' with { type: 'json' }

const USER_AGENT = `octopus-create-api-key-action/${manifest.version}`

/** What a real run talks to: the runner, the network, the clocks. */
export function realDeps(): Deps {
  const runner = coreRunner()
  return {
    runner,
    env: process.env,
    secrets: new Secrets((value) => runner.setSecret(value)),
    transport: (timeoutSeconds) =>
      createHttpTransport(USER_AGENT, timeoutSeconds * 1000),
    clock: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    monotonic: () => performance.now()
  }
}
