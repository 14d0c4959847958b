// Runs the bundle of the current src/ as the runner does, against the
// simulator on 127.0.0.1, and reports what a reader checks: the log as the
// runner shows it, the outputs, the requests the server saw and the live keys
// left. Values that vary from run to run read the same every time: key ids
// as names (apikeys-… where a snippet cuts one short), times to the
// millisecond (as the action and the server write them) as their distance
// from the start of the step, ports as <port>, jittered backoff as <backoff>.
import { afterEach, expect } from '@jest/globals'
import http from 'node:http'
import https from 'node:https'
import {
  findLeaks,
  maskedFirst,
  postStepOptions,
  runStep,
  type StepRun
} from '../../tools/harness/run-action.js'
import { renderLog, renderSummary } from '../../tools/harness/runner-view.js'
import { timeProcess } from '../../tools/harness/process.js'
import { BARE_NODE_SCRIPT } from '../../tools/bench/contenders.js'
import {
  defaultSeed,
  startSimulator,
  type ConnectionRecord,
  type RequestRecord,
  type Simulator,
  type SimulatorOptions
} from '../../tools/simulator/index.js'

export const seed = defaultSeed()

const LOOKUP = 'GET /api/users?filter=svc-deploy&skip=0&take=100'
const ME = 'GET /api/users/me'
const ADMIN_KEYS = 'GET /api/users/Users-1/apikeys?skip=0&take=100'
const CREATE = 'POST /api/users/Users-3/apikeys'
const LIST = 'GET /api/users/Users-3/apikeys?skip=0&take=100'
/** The look before a create: the lookups beside who the credential is, then its keys. */
const finding = (...lookups: string[]): string[] => [ME, ...lookups, ADMIN_KEYS]

/** The requests a key for svc-deploy (Users-3), found by its username, makes, as `requests` shows them. */
export const sent = {
  LOOKUP,
  /** Who the credential is, and its account's keys: when the creating key expires. */
  ME,
  ADMIN_KEYS,
  finding,
  FIND: finding(LOOKUP),
  CREATE,
  LIST,
  /** Two creates whose answers were lost, each looked for, then the look again a few seconds on. */
  LOST_TWICE: [...finding(LOOKUP), CREATE, LIST, CREATE, `${LIST} ×2`]
}

/** The default expiry, under the seeded admin key (which expires in 366 days). */
const BY_DEFAULT =
  " for 180 days, the default, as input 'expires' is empty (the API key in input 'api_key' that creates it expires later, at <now+366d>)"

/** What such a key's step logs, as `log` shows it. */
export const said = {
  BY_DEFAULT,
  CREATING: `Creating an API key for 'svc-deploy' (Users-3)${BY_DEFAULT}.`,
  CREATED: (key = '<key-1>', expires = '<now+180d>'): string =>
    `Created API key ${key}, expiring ${expires}; its value is masked in this log.`,
  /** The warning a lost create answer starts with. */
  LOST: (reason: string): string =>
    `Warning: The answer to the create request was lost (${reason}); looking for a key this run may have created.`
}

/** The bundle of the current src/, built for this test run by the global setup. */
const entry: string = (() => {
  const built = process.env.ACTION_UNDER_TEST
  if (!built)
    throw new Error('ACTION_UNDER_TEST is unset: run the tests with jest')
  return built
})()

/** In a coverage run, where the bundle's processes write V8 coverage. */
const coverage: Record<string, string> = process.env.ACTION_UNDER_TEST_COVERAGE
  ? { NODE_V8_COVERAGE: process.env.ACTION_UNDER_TEST_COVERAGE }
  : {}

/** Per simulator: the names its keys are shown by, and the secrets it holds. */
interface Book {
  names: Map<string, string>
  unnamed: number
  secrets: string[]
}
const books = new Map<Simulator, Book>()

afterEach(async () => {
  const sims = [...books.keys()]
  books.clear()
  await Promise.all(sims.map((s) => s.close()))
})

/** A simulator (the default seed unless `options` say otherwise), closed after the test. */
export async function simulator(
  options: SimulatorOptions = {}
): Promise<Simulator> {
  const sim = await startSimulator(options)
  const book: Book = { names: new Map(), unnamed: 0, secrets: [] }
  for (const credential of options.credentials ?? seed.credentials) {
    if (credential.value) book.secrets.push(credential.value)
    for (const key of sim.keysOf(credential.userId))
      book.names.set(key.id, '<credential>')
  }
  books.set(sim, book)
  return sim
}

/**
 * A simulator with key-maker (Users-20), who may edit users but not view
 * them, and its API key: a credential that can create a service account's
 * keys by id but not look anyone up or list their keys.
 */
export async function withKeyMaker(): Promise<{
  sim: Simulator
  maker: string
}> {
  const keyMaker = {
    id: 'Users-20',
    username: 'key-maker',
    canEditUsers: true,
    canViewUsers: false
  }
  const sim = await simulator({ users: [...seed.users, keyMaker] })
  return {
    sim,
    maker: sim.addCredential({ userId: 'Users-20', kind: 'apikey' })
  }
}

/** A key made outside the run (Users-3's unless `userId`), shown as `<name>`. */
export function addKey(
  sim: Simulator,
  name: string,
  purpose: string,
  options: { hoursAgo?: number; expires?: Date; userId?: string } = {}
): string {
  const { id, apiKey } = sim.createKeyDirectly(
    options.userId ?? 'Users-3',
    purpose,
    {
      created: new Date(Date.now() - (options.hoursAgo ?? 0) * 3_600_000),
      expires: options.expires
    }
  )
  bookOf(sim).names.set(id, `<${name}>`)
  bookOf(sim).secrets.push(apiKey)
  return id
}

/** A key for svc-deploy, made with the admin's API key. */
function defaultInputs(sim: Simulator): Record<string, string> {
  return {
    ...{ server: sim.url, api_key: seed.adminKey },
    ...{ username: 'svc-deploy', purpose: 'deploy' }
  }
}

/** One step as a reader checks it. */
export interface Seen {
  exitCode: number
  /** As the runner shows it; debug lines are only checked for secrets. */
  log: string[]
  /** The ::error:: message; '' when there is none. */
  error: string
  outputs: Record<string, string>
  /** `METHOD path?query` in order; N identical lines in a row read `line ×N`. */
  requests: string[]
  /** The credential kinds the requests presented. */
  auth: string[]
  /** The connections the step opened to the simulator. */
  connections: ConnectionRecord[]
  /** The owner's live keys after the step. */
  keys: string[]
  /** Who the api_key output authenticates as. */
  keyOwner?: string
  summary: string[]
  env: Record<string, string>
  state: Record<string, string>
  /** The step as it ran, e.g. to give its state to a post step. */
  step: StepRun
}

export interface ScenarioOptions {
  env?: Record<string, string>
  /** A main step's saved state: makes this run a post step. */
  state?: Record<string, string>
  /** Whose keys `keys` lists; default svc-deploy (Users-3). */
  owner?: string
  /** Values that must not show besides credentials, seeded keys and the new key. */
  secrets?: string[]
  /** Kill the step after this long (a safety net; a killed step's exitCode is -1). */
  killAfterMs?: number
}

/**
 * Runs the bundle once with step debug logging on: inputs for a key for
 * svc-deploy made with the admin's API key, overridden by `inputs` (an empty
 * value clears one). Fails the test if a secret shows anywhere but its own
 * ::add-mask:: line, or if the new key was not masked before all else.
 */
export async function scenario(
  sim: Simulator,
  inputs: Record<string, string> = {},
  options: ScenarioOptions = {}
): Promise<Seen> {
  const all = { ...defaultInputs(sim), ...inputs }
  sim.resetRequests()
  const started = Date.now()
  const step = await runStep({
    entry,
    inputs: all,
    env: {
      ...coverage,
      RUNNER_DEBUG: '1',
      ACTIONS_STEP_DEBUG: 'true',
      ...options.env
    },
    state: options.state,
    killAfterMs: options.killAfterMs
  })
  const requests = [...sim.requests]
  const connections = sim.connections.map((c) => ({ ...c }))
  checkSecrets(sim, step, all, options)
  const key = step.outputs.api_key
  const keyOwner = key ? await whoIs(sim, key) : undefined
  const text = normaliser(bookOf(sim), started)
  const log = renderLog(step.lines).map(text)
  return {
    exitCode: step.exitCode,
    log,
    error:
      log.find((l) => l.startsWith('Error: '))?.slice('Error: '.length) ?? '',
    outputs: mapValues(step.outputs, text),
    requests: inOrder(requests.map((r) => text(requestLine(r)))),
    auth: [...new Set(requests.map((r) => r.auth))],
    connections,
    keys: sim
      .keysOf(options.owner ?? 'Users-3')
      .map((k) => text(k.id))
      .sort(),
    keyOwner,
    summary: renderSummary(step.summary).map(text),
    env: mapValues(step.env, text),
    state: mapValues(step.state, text),
    step
  }
}

/** A job: the main step, then its post step with the state and env the main step left. */
export async function job(
  sim: Simulator,
  inputs: Record<string, string> = {},
  options: ScenarioOptions = {}
): Promise<{ main: Seen; post: Seen }> {
  const main = await scenario(sim, inputs, options)
  const post = await scenario(sim, inputs, postStepOptions(options, main.step))
  return { main, post }
}

/**
 * The bench's floor, tools/bench/bare-node.mjs, with scenario()'s inputs:
 * the requests it sent, shown as scenario() shows them.
 */
export async function bareNodeRequests(
  sim: Simulator,
  inputs: Record<string, string> = {}
): Promise<string[]> {
  const all = { ...defaultInputs(sim), ...inputs }
  sim.resetRequests()
  const started = Date.now()
  const args = Object.entries(all).flatMap(([name, v]) => [`--${name}`, v])
  const run = await timeProcess(
    process.execPath,
    [BARE_NODE_SCRIPT, ...args],
    { PATH: process.env.PATH ?? '' },
    30_000
  )
  if (run.code !== 0)
    throw new Error(`bare-node.mjs: exit ${run.code}: ${run.stderr}`)
  const text = normaliser(bookOf(sim), started)
  return inOrder(sim.requests.map((r) => text(requestLine(r))))
}

function bookOf(sim: Simulator): Book {
  const book = books.get(sim)
  if (!book) throw new Error('Start simulators with simulator() from here')
  return book
}

function checkSecrets(
  sim: Simulator,
  step: StepRun,
  inputs: Record<string, string>,
  options: ScenarioOptions
): void {
  const secrets = [
    ...bookOf(sim).secrets,
    ...[inputs.api_key, inputs.access_token, step.outputs.api_key],
    ...[options.env?.OCTOPUS_API_KEY, options.env?.OCTOPUS_ACCESS_TOKEN],
    ...(options.secrets ?? [])
  ].filter((s): s is string => !!s)
  const allowEnv = inputs.export_env === 'true' ? ['OCTOPUS_API_KEY'] : []
  expect(findLeaks(step, secrets, allowEnv)).toEqual([])
  if (step.outputs.api_key)
    expect(maskedFirst(step, step.outputs.api_key)).toBe(true)
}

/**
 * The username a key authenticates as, or the status it is refused with. An
 * https simulator's throwaway certificate is not checked: it is our own, on
 * loopback.
 */
async function whoIs(sim: Simulator, key: string): Promise<string> {
  const url = new URL(`${sim.url}/api/users/me`)
  const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
    (url.protocol === 'https:' ? https : http)
      .get(url, {
        headers: { 'X-Octopus-ApiKey': key },
        rejectUnauthorized: false
      })
      .on('response', resolve)
      .on('error', reject)
  )
  const chunks: Buffer[] = []
  for await (const chunk of res) chunks.push(chunk as Buffer)
  if (res.statusCode !== 200) return `refused: HTTP ${res.statusCode}`
  const body = Buffer.concat(chunks).toString('utf8')
  return (JSON.parse(body) as { Username: string }).Username
}

/** `METHOD path?query`, the query decoded so that a filter reads as it was sent. */
function requestLine(r: RequestRecord): string {
  const query = Object.entries(r.query).map(([k, v]) => `${k}=${v}`)
  return `${r.method} ${r.path}${query.length > 0 ? `?${query.join('&')}` : ''}`
}

/**
 * Requests that go out together arrive in an order that varies, so they are
 * shown in one order: the reads before the first create or revocation (who
 * the credential is, then users, then key listings, each by path) and each
 * run of revocations (by path). Then N identical lines in a row read
 * `line ×N`.
 */
function inOrder(lines: string[]): string[] {
  const firstWrite = lines.findIndex((l) => !l.startsWith('GET '))
  const reads = firstWrite === -1 ? lines.length : firstWrite
  const runs: string[][] = [lines.slice(0, reads).sort(readOrder)]
  for (const line of lines.slice(reads)) {
    const last = runs.at(-1)
    if (last && line.startsWith('DELETE ') && last[0]?.startsWith('DELETE '))
      last.push(line)
    else runs.push([line])
  }
  const shown: string[] = []
  let count = 0
  runs
    .flatMap((run) => (run[0]?.startsWith('DELETE ') ? run.sort() : run))
    .forEach((line, i, all) => {
      count++
      if (all[i + 1] === line) return
      shown.push(count > 1 ? `${line} ×${count}` : line)
      count = 0
    })
  return shown
}

/** The credential's own user first, then users, then key listings; by path within each. */
function readOrder(a: string, b: string): number {
  const rank = (line: string) =>
    line.endsWith('/api/users/me') ? 0 : line.includes('/apikeys') ? 2 : 1
  return rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true })
}

function normaliser(book: Book, started: number): (text: string) => string {
  const name = (id: string): string => {
    if (!book.names.has(id)) book.names.set(id, `<key-${++book.unnamed}>`)
    return book.names.get(id) ?? id
  }
  return (text) =>
    text
      .replace(/apikeys-[A-Za-z0-9]{26}/g, name)
      .replace(/apikeys-[A-Za-z0-9]{0,25}…/g, 'apikeys-…')
      .replace(
        /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)/g,
        (date) => fromStart(Date.parse(date) - started)
      )
      .replace(/(127\.0\.0\.1|localhost):\d+/g, '$1:<port>')
      .replace(/API-[A-Z2-7]{26}\b/g, '<API key>')
      .replace(/retrying in (?!0\.0 )\d+\.\d s/g, 'retrying in <backoff> s')
}

/** A time as its distance from the start of the step, to the minute: `<now+180d>`, `<now-2h>`. */
function fromStart(ms: number): string {
  const m = Math.round(Math.abs(ms) / 60_000)
  const parts = {
    d: Math.floor(m / 1440),
    h: Math.floor(m / 60) % 24,
    m: m % 60
  }
  const shown = Object.entries(parts).filter(([, n]) => n > 0)
  if (shown.length === 0) return '<now>'
  return `<now${ms < 0 ? '-' : '+'}${shown.map(([u, n]) => `${n}${u}`).join('')}>`
}

function mapValues(
  record: Record<string, string>,
  map: (value: string) => string
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).map(([name, value]) => [name, map(value)])
  )
}
