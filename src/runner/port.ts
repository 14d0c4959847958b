import type { Transport } from '../http/transport.js'
import type { InputSource } from './inputs.js'
import type { Logger } from './logger.js'
import type { Secrets } from '../secrets.js'

/**
 * The port to the runner: the slice of the runner protocol (what
 * `@actions/core` speaks) the action uses. `runner/core.ts` is the real one.
 */
export interface RunnerPort extends Logger {
  getInput(name: string): string
  getState(name: string): string
  saveState(name: string, value: string): void
  setSecret(value: string): void
  setOutput(name: string, value: string): void
  exportVariable(name: string, value: string): void
  /** Writes a heading and a two-column table to the job summary, if the runner offers one. */
  writeSummary(heading: string, rows: [string, string][]): Promise<void>
  setFailed(message: string): void
}

/** Everything `run` and `post` take from the outside world. */
export interface Deps {
  runner: RunnerPort
  env: Record<string, string | undefined>
  secrets: Secrets
  /** The transport for one run, with its per-request timeout. */
  transport(timeoutSeconds: number): Transport
  clock: () => Date
  sleep: (ms: number) => Promise<void>
  random: () => number
  /** Milliseconds on a clock that never jumps (performance.now): time spent, never a date. */
  monotonic: () => number
}

/** The step's inputs and environment, as the settings read them. */
export function inputsOf(deps: Deps): InputSource {
  return { input: (n) => deps.runner.getInput(n), env: (n) => deps.env[n] }
}
