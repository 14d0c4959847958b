import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { timeProcess } from './process.js'

/** What one step run left behind, as the runner would see it. */
export interface StepRun {
  exitCode: number
  stdout: string
  stderr: string
  /** stdout lines, then stderr lines. */
  lines: string[]
  outputs: Record<string, string>
  state: Record<string, string>
  env: Record<string, string>
  summary: string
  durationMs: number
}

export interface StepOptions {
  /** `with:` inputs by their action.yml names, e.g. { api_key: '…' }. */
  inputs?: Record<string, string>
  /** Extra environment (OCTOPUS_URL, RUNNER_DEBUG, https_proxy, …). */
  env?: Record<string, string>
  /** Saved state of the main step, given to a post step as STATE_* variables. */
  state?: Record<string, string>
  /** The Node that runs it; default the one running this code. */
  node?: string
  /** The bundle to run; default dist/index.js under the current directory. */
  entry?: string
  /** Kill the step after this long (a safety net, not a timing assertion). */
  killAfterMs?: number
}

/** The runner's spelling of an input variable: INPUT_ + upper case, spaces to underscores. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * Runs the bundled action once, as the runner does: a fresh `node` process,
 * inputs in INPUT_* variables, and the GITHUB_OUTPUT, GITHUB_STATE,
 * GITHUB_ENV and GITHUB_STEP_SUMMARY files, read back afterwards.
 */
export async function runStep(options: StepOptions = {}): Promise<StepRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'octopus-step-'))
  const files = {
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STATE: path.join(dir, 'state'),
    GITHUB_ENV: path.join(dir, 'env'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
    GITHUB_PATH: path.join(dir, 'path')
  }
  await Promise.all(Object.values(files).map((f) => writeFile(f, '')))
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    RUNNER_TEMP: dir,
    GITHUB_ACTIONS: 'true',
    ...files,
    ...options.env
  }
  for (const [name, value] of Object.entries(options.inputs ?? {}))
    env[inputVariable(name)] = value
  for (const [name, value] of Object.entries(options.state ?? {}))
    env[`STATE_${name}`] = value

  const entry = options.entry ?? path.resolve('dist/index.js')
  const result = await timeProcess(
    options.node ?? process.execPath,
    [entry],
    env,
    options.killAfterMs ?? 120_000
  )
  const lines = `${result.stdout}\n${result.stderr}`
    .split('\n')
    .filter((l) => l !== '')
  const [outputs, state, exported, summary] = await Promise.all([
    readFile(files.GITHUB_OUTPUT, 'utf8').then(parseFileCommands),
    readFile(files.GITHUB_STATE, 'utf8').then(parseFileCommands),
    readFile(files.GITHUB_ENV, 'utf8').then(parseFileCommands),
    readFile(files.GITHUB_STEP_SUMMARY, 'utf8')
  ])
  await rm(dir, { recursive: true, force: true })
  return {
    exitCode: result.code,
    stdout: result.stdout,
    stderr: result.stderr,
    lines,
    outputs,
    state,
    env: exported,
    summary,
    durationMs: result.ms
  }
}

/**
 * The post step of a job, as the runner starts it when the job ends: the
 * main step's saved state, and the env it exported on top of the job's.
 */
export function postStepOptions<T extends StepOptions>(
  options: T,
  main: StepRun
): T {
  return {
    ...options,
    env: { ...options.env, ...main.env },
    state: main.state
  }
}

/**
 * Parses the runner's file-command format: `name<<DELIMITER\nvalue\nDELIMITER`
 * blocks (what @actions/core writes) and plain `name=value` lines.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++)
        value.push(lines[i])
      result[name] = value.join('\n')
    } else if (line.includes('=')) {
      const at = line.indexOf('=')
      result[line.slice(0, at)] = line.slice(at + 1)
    }
  }
  return result
}

/**
 * Every place a secret shows where it must not: any output line other than
 * an `::add-mask::` registration, the summary, the state and the
 * exported environment (unless `allowEnv` names the variable).
 */
export function findLeaks(
  run: StepRun,
  secrets: string[],
  allowEnv: string[] = []
): string[] {
  const leaks: string[] = []
  for (const secret of secrets.filter((s) => s !== '')) {
    for (const line of run.lines) {
      if (line.includes(secret) && !line.startsWith('::add-mask::'))
        leaks.push(`log: ${line}`)
    }
    if (run.summary.includes(secret)) leaks.push('summary')
    for (const [name, value] of Object.entries(run.state))
      if (value.includes(secret)) leaks.push(`state ${name}`)
    for (const [name, value] of Object.entries(run.env))
      if (value.includes(secret) && !allowEnv.includes(name))
        leaks.push(`env ${name}`)
  }
  return leaks
}

/** True when `::add-mask::secret` comes before any other line that holds the secret. */
export function maskedFirst(run: StepRun, secret: string): boolean {
  const first = run.lines.findIndex((l) => l.includes(secret))
  return first !== -1 && run.lines[first] === `::add-mask::${secret}`
}
