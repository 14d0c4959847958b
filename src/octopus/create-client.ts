import { OctopusClient } from './client.js'
import type { Credential } from '../credential/credential.js'
import type { Transport } from '../http/transport.js'

/** What it takes to reach Octopus, as the settings give it. */
export interface ClientSettings {
  server: string
  credential: Credential
  timeoutSeconds: number
  maxAttempts: number
}

/** The outside world the client runs on: the network, the clock, sleep and chance. */
export interface ClientIo {
  /** The transport for one run, with its per-request timeout. */
  transport(timeoutSeconds: number): Transport
  clock: () => Date
  sleep: (ms: number) => Promise<void>
  random: () => number
}

/** The Octopus client for one run, and how to let its connections go. */
export function createClient(
  settings: ClientSettings,
  io: ClientIo,
  log: (message: string) => void
): { client: OctopusClient; close: () => void } {
  const transport = io.transport(settings.timeoutSeconds)
  const client = new OctopusClient({
    server: settings.server,
    credential: settings.credential,
    transport,
    retry: {
      maxAttempts: settings.maxAttempts,
      sleep: io.sleep,
      random: io.random,
      now: io.clock,
      log
    }
  })
  return { client, close: () => transport.close() }
}
