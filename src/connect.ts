import { OctopusClient } from './octopus/client.js'
import type { Deps, Logger } from './runner.js'
import type { Connection } from './settings.js'

/** Builds the Octopus client for a run from its settings and dependencies. */
export function connect(
  connection: Connection,
  deps: Deps,
  log: Logger
): { client: OctopusClient; close: () => void } {
  const transport = deps.transport(connection.timeoutSeconds)
  const client = new OctopusClient({
    server: connection.server,
    credential: connection.credential,
    transport,
    timeoutSeconds: connection.timeoutSeconds,
    retry: {
      maxAttempts: connection.maxAttempts,
      sleep: deps.sleep,
      random: deps.random,
      now: deps.clock,
      log: (m) => log.info(m)
    }
  })
  return { client, close: () => transport.close() }
}
