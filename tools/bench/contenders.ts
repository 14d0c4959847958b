// How each contender runs: the committed bundle through the runner harness,
// Octopus's Python sample as a script, bare `node -e 0` as the start-up floor,
// and bare-node.mjs (the action's requests and nothing else) as the depth
// floor. Every child process is killed if it outlives its deadline.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { timeProcess } from '../harness/process.js'
import { runStep } from '../harness/run-action.js'
import type { Simulator } from '../simulator/index.js'
import type { Contender } from './measure.js'

/** The environment of a child: no proxy variables, loopback exempt anyway. */
function childEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost'
  }
}

/** `node -e 0`: what any Node action pays before its own code runs. */
export function floor(node: string): Contender {
  return async () => {
    const run = await timeProcess(node, ['-e', '0'], childEnv(), 30_000)
    return {
      ms: run.ms,
      requests: 0,
      ok: run.code === 0,
      error: run.code === 0 ? undefined : `exit ${run.code}`
    }
  }
}

export interface ActionInputs {
  server: string
  api_key?: string
  access_token?: string
  username?: string
  user_id?: string
  /** Omitted: the run stops at input validation. */
  purpose?: string
  revoke_previous?: 'true'
}

/** The step's error annotation, else the first line that names an error. */
function reason(lines: string[]): string {
  const line =
    lines.find((l) => l.startsWith('::error::'))?.slice(9) ??
    lines.find((l) => /\b\w*Error\b/.test(l)) ??
    lines.at(-1) ??
    '(no output)'
  return line.slice(0, 160)
}

/**
 * The bundle as the runner runs it. `expectFailure` marks a run that should
 * stop at validation (exit 1, no request) as the good outcome.
 */
export function action(options: {
  /** The Node that runs it, e.g. the runtime action.yml names. */
  node: string
  entry: string
  sim?: Simulator
  inputs: () => ActionInputs
  expectFailure?: boolean
  killAfterMs?: number
  /** Extra environment, e.g. NODE_EXTRA_CA_CERTS. */
  env?: Record<string, string>
}): Contender {
  return async () => {
    const inputs = options.inputs()
    options.sim?.resetRequests()
    const run = await runStep({
      node: options.node,
      entry: options.entry,
      inputs: { ...inputs },
      env: options.env,
      killAfterMs: options.killAfterMs ?? 60_000
    })
    const requests = options.sim?.requests.length ?? 0
    const connections = options.sim?.connections.length ?? 0
    const created = /^API-[A-Za-z0-9]+$/.test(run.outputs.api_key ?? '')
    const ok = options.expectFailure
      ? run.exitCode === 1 && requests === 0
      : run.exitCode === 0 && created
    const error = ok ? undefined : `exit ${run.exitCode}: ${reason(run.lines)}`
    return { ms: run.durationMs, requests, connections, ok, error }
  }
}

/** bare-node.mjs, read from the repository the bench runs in. */
export const BARE_NODE_SCRIPT = path.resolve('tools/bench/bare-node.mjs')

/**
 * bare-node.mjs against `sim`: the action's requests for the same inputs,
 * with none of its work around them. Without a purpose it stops at once.
 */
export function bareNode(options: {
  node: string
  sim: Simulator
  inputs: () => ActionInputs
  /** Extra environment, e.g. NODE_EXTRA_CA_CERTS. */
  env?: Record<string, string>
}): Contender {
  return async () => {
    const inputs = options.inputs()
    const args = Object.entries(inputs).flatMap(([name, value]) =>
      typeof value === 'string' ? [`--${name}`, value] : []
    )
    options.sim.resetRequests()
    const run = await timeProcess(
      options.node,
      [BARE_NODE_SCRIPT, ...args],
      { ...childEnv(), ...options.env },
      60_000
    )
    const requests = options.sim.requests.length
    const connections = options.sim.connections.length
    const ok =
      inputs.purpose === undefined
        ? run.code === 1 && requests === 0
        : run.code === 0 && requests > 0
    const error = ok
      ? undefined
      : `exit ${run.code}: ${run.stderr.trim().split('\n').at(-1) ?? ''}`
    return { ms: run.ms, requests, connections, ok, error }
  }
}

export interface Python {
  executable: string
  version: string
  requestsVersion: string
}

/**
 * The real interpreter behind `python3` (not a pyenv shim, whose start-up
 * would be charged to the sample), with `requests` importable; or why not.
 */
export function findPython(): Python | { missing: string } {
  const probe = spawnSync(
    'python3',
    [
      '-c',
      'import sys, requests; print(sys.executable); print(sys.version.split()[0]); print(requests.__version__)'
    ],
    { encoding: 'utf8', timeout: 20_000 }
  )
  if (probe.error)
    return { missing: `python3 not found (${probe.error.message})` }
  if (probe.status !== 0)
    return {
      missing: `python3 cannot import requests (${probe.stderr.trim().split('\n').at(-1) ?? ''})`
    }
  const [executable, version, requestsVersion] = probe.stdout.trim().split('\n')
  return { executable, version, requestsVersion }
}

export interface SampleValues {
  url: string
  apiKey: string
  username: string
  purpose: string
}

/** A Python single-quoted string literal. */
function pyString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

/**
 * Takes Octopus's published sample (REST/python/Users/create-api-key.py) as
 * it is and substitutes its four settings. Returns the script text, or why
 * it cannot be used.
 */
export function sampleScript(
  samplePath: string,
  values: SampleValues
): { script: string } | { missing: string } {
  if (!existsSync(samplePath)) return { missing: `${samplePath} not found` }
  let script = readFileSync(samplePath, 'utf8')
  const settings: [string, string][] = [
    ['octopus_server_uri', values.url],
    ['octopus_api_key', values.apiKey],
    ['user_name', values.username],
    ['purpose', values.purpose]
  ]
  for (const [name, value] of settings) {
    const line = new RegExp(`^${name}\\s*=\\s*'[^'\\n]*'[ \\t]*$`, 'm')
    if (!line.test(script))
      return {
        missing: `${samplePath} has no line "${name} = '…'" to substitute; is it create-api-key.py?`
      }
    script = script.replace(line, `${name} = ${pyString(value)}`)
  }
  return { script }
}

/** The sample against `sim`: a fresh interpreter per run, as a CI step would start it. */
export async function pythonSample(options: {
  python: Python
  sim: Simulator
  script: string
  dir: string
  killAfterMs: number
}): Promise<Contender> {
  const file = path.join(options.dir, 'create-api-key.py')
  await writeFile(file, options.script)
  return async () => {
    options.sim.resetRequests()
    const run = await timeProcess(
      options.python.executable,
      [file],
      { ...childEnv(), PYTHONDONTWRITEBYTECODE: '1' },
      options.killAfterMs
    )
    const requests = options.sim.requests.length
    const last = options.sim.requests.at(-1)
    const created =
      last?.method === 'POST' &&
      /\/apikeys$/.test(last.path) &&
      last.status === 200
    const ok = run.code === 0 && created
    const error = ok
      ? undefined
      : // A traceback ends with the exception.
        `exit ${run.code}: ${(run.stderr.trim().split('\n').at(-1) ?? '').slice(0, 160)}`
    return { ms: run.ms, requests, ok, error }
  }
}
