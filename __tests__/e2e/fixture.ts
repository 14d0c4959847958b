import { expect } from '@jest/globals'
import {
  findLeaks,
  runStep,
  type StepOptions,
  type StepRun
} from '../../tools/harness/run-action.js'
import {
  defaultSeed,
  startSimulator,
  type Simulator,
  type SimulatorOptions
} from '../../tools/simulator/index.js'

export const seed = defaultSeed()

/** The bundle of the current src/, built for this test run by the global setup. */
export const entry: string = (() => {
  const built = process.env.ACTION_UNDER_TEST
  if (!built)
    throw new Error('ACTION_UNDER_TEST is unset: run the tests with jest')
  return built
})()

/** A simulator with the default seed (plus options) on 127.0.0.1. */
export function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({
    users: seed.users,
    credentials: seed.credentials,
    ...options
  })
}

/** Every credential a run may hold: scanned for in every line of every run. */
export function knownSecrets(run?: StepRun): string[] {
  const secrets = [seed.adminKey, seed.regularKey, seed.serviceBearer]
  if (run?.outputs.api_key) secrets.push(run.outputs.api_key)
  return secrets
}

/**
 * Runs the bundled action with debug output on, and fails the test if any
 * secret shows anywhere but its own ::add-mask:: line (the exported env is
 * allowed to hold OCTOPUS_API_KEY only when export_env asked for it).
 */
export async function step(
  options: StepOptions,
  extraSecrets: string[] = []
): Promise<StepRun> {
  const run = await runStep({
    entry,
    ...options,
    env: { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true', ...options.env }
  })
  const allowEnv =
    options.inputs?.export_env === 'true' ? ['OCTOPUS_API_KEY'] : []
  expect(
    findLeaks(run, [...knownSecrets(run), ...extraSecrets], allowEnv)
  ).toEqual([])
  return run
}

/** The `::error::` line a failed step printed, unescaped. */
export function errorOf(run: StepRun): string {
  const line = run.lines.find((l) => l.startsWith('::error::')) ?? ''
  return line
    .slice('::error::'.length)
    .replace(/%0A/g, '\n')
    .replace(/%25/g, '%')
}

/** The `::warning::` lines a step printed. */
export function warningsOf(run: StepRun): string[] {
  return run.lines
    .filter((l) => l.startsWith('::warning::'))
    .map((l) =>
      l.slice('::warning::'.length).replace(/%0A/g, '\n').replace(/%25/g, '%')
    )
}

/** Inputs for a service-account key made with the admin key. */
export function adminInputs(
  sim: Simulator,
  extra: Record<string, string> = {}
): Record<string, string> {
  return {
    server: sim.url,
    api_key: seed.adminKey,
    username: 'svc-deploy',
    purpose: 'e2e test',
    ...extra
  }
}

/** The requests that reached the simulator, as `METHOD /path`. */
export function requestLine(sim: Simulator): string[] {
  return sim.requests.map((r) => `${r.method} ${r.path}`)
}
