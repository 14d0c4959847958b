// Wiring for tests that run the real client and transport against the
// loopback simulator: real HTTP on 127.0.0.1, fake runner, clock and sleep.
import {
  startSimulator,
  type Simulator,
  type SimulatorOptions
} from '../../tools/simulator/index.js'
import { createHttpTransport } from '../../src/http/transport.js'
import { OctopusClient, type Credential } from '../../src/octopus/client.js'
import type { Deps } from '../../src/runner.js'
import { Secrets } from '../../src/secrets.js'
import {
  FakeRunner,
  fixedClock,
  recordingSleep,
  testPolicy
} from '../unit/fakes.js'

const USER_AGENT = 'octopus-create-api-key-tests'

/** Simulators started by a test file, closed after each test. */
export class Simulators {
  readonly #live: Simulator[] = []

  async start(options?: SimulatorOptions): Promise<Simulator> {
    const sim = await startSimulator(options)
    this.#live.push(sim)
    return sim
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.#live.splice(0).map((s) => s.close()))
  }
}

export interface TestDeps {
  deps: Deps
  runner: FakeRunner
  secrets: Secrets
  /** Every delay the retry policy asked for. */
  delays: number[]
  transports: { opened: number; closed: number }
}

/**
 * The dependencies of one step run: the real HTTP transport, a clock fixed at
 * the moment the deps are made (the simulator checks expiry against its own
 * clock, so this one must be close to real time) and a sleep that does not.
 */
export function depsFor(
  runner: FakeRunner,
  env: Record<string, string | undefined> = {}
): TestDeps {
  const { sleep, delays } = recordingSleep()
  const secrets = new Secrets((v) => runner.setSecret(v))
  const transports = { opened: 0, closed: 0 }
  const deps: Deps = {
    runner,
    env,
    secrets,
    transport: (timeoutSeconds) => {
      transports.opened++
      const real = createHttpTransport(USER_AGENT, timeoutSeconds * 1000)
      return {
        send: (request) => real.send(request),
        close: () => {
          transports.closed++
          real.close()
        }
      }
    },
    clock: fixedClock(new Date()),
    sleep,
    random: () => 0.5
  }
  return { deps, runner, secrets, delays, transports }
}

/** A client straight on the simulator, for endpoint-level tests. */
export function clientFor(
  server: string,
  credential: Credential,
  options: { maxAttempts?: number; timeoutSeconds?: number } = {}
): {
  client: OctopusClient
  policy: ReturnType<typeof testPolicy>
  close: () => void
} {
  const timeoutSeconds = options.timeoutSeconds ?? 10
  const transport = createHttpTransport(USER_AGENT, timeoutSeconds * 1000)
  const policy = testPolicy(options.maxAttempts ?? 3, new Date())
  const client = new OctopusClient({
    server,
    credential,
    transport,
    retry: policy,
    timeoutSeconds
  })
  return { client, policy, close: () => transport.close() }
}

/** Who a key authenticates as, or the error it gets: proves a key is live. */
export async function whoIs(server: string, apiKey: string): Promise<string> {
  const { client, close } = clientFor(server, { kind: 'apikey', value: apiKey })
  try {
    return (await client.me()).Id
  } catch (error) {
    return `refused: ${error instanceof Error ? error.message : String(error)}`
  } finally {
    close()
  }
}

/** Method and path of every request the simulator saw, e.g. `GET /api/users/me`. */
export function calls(sim: Simulator): string[] {
  return sim.requests.map((r) => `${r.method} ${r.path}`)
}

/** Live key ids of a user with this purpose. */
export function liveKeys(
  sim: Simulator,
  userId: string,
  purpose: string
): string[] {
  return sim
    .keysOf(userId)
    .filter((k) => k.purpose === purpose)
    .map((k) => k.id)
}
