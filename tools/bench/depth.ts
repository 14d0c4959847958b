// Depth in round trips: each flow of the action beside bare Node sending the
// same requests (bare-node.mjs), both read against a run that stops at input
// validation (the start-up baseline), interleaved. Two routes: plain http
// with the simulator waiting a round trip before every answer (depth =
// requests in sequence), and a modelled link, https through a TCP proxy that
// holds every chunk half a round trip each way (handshakes cost theirs), with
// one flow through a CONNECT proxy on loopback as behind a corporate proxy.
import { throwawayCertificate } from '../harness/certificate.js'
import { startConnectProxy } from '../harness/connect-proxy.js'
import { startSimulator, type Simulator } from '../simulator/index.js'
import { action, bareNode, type ActionInputs } from './contenders.js'
import { PURPOSE } from './experiments.js'
import { startLinkProxy } from './link-proxy.js'
import {
  interleave,
  stats,
  type Contender,
  type Sample,
  type Stats
} from './measure.js'
import { benchSeed, type BenchSeed } from './users.js'

export type FlowId =
  'token' | 'key' | 'tokenById' | 'keyById' | 'rotation' | 'proxied'

export interface Flow {
  id: FlowId
  name: string
  /** An access token is not looked at: the run as before the creator check. */
  credential: 'api key' | 'access token'
  by: 'username' | 'user_id'
  /** revoke_previous, with OLDER_KEYS older keys of the run's purpose. */
  rotate?: boolean
  /** Through the CONNECT proxy (on the link only). */
  proxied?: boolean
  /** Requests in sequence that the API cannot do without, and which. */
  floor: number
  steps: string[]
}

export const OLDER_KEYS = 2
const ROTATION = [
  'lookup beside me',
  'its keys',
  'create beside the listing',
  'revokes'
]

export const FLOWS: Flow[] = [
  {
    id: 'token',
    name: 'username, access token (no creator check)',
    credential: 'access token',
    by: 'username',
    floor: 2,
    steps: ['lookup', 'create']
  },
  {
    id: 'key',
    name: 'username, API key',
    credential: 'api key',
    by: 'username',
    floor: 3,
    steps: ['lookup beside me', 'its keys', 'create']
  },
  {
    id: 'tokenById',
    name: '`user_id`, access token (no creator check)',
    credential: 'access token',
    by: 'user_id',
    floor: 1,
    steps: ['create']
  },
  {
    id: 'keyById',
    name: '`user_id`, API key',
    credential: 'api key',
    by: 'user_id',
    floor: 3,
    steps: ['me', 'its keys', 'create']
  },
  {
    id: 'rotation',
    name: `rotation, API key, ${OLDER_KEYS} older keys`,
    credential: 'api key',
    by: 'username',
    rotate: true,
    floor: 4,
    steps: ROTATION
  },
  {
    id: 'proxied',
    name: 'the same rotation through a CONNECT proxy',
    credential: 'api key',
    by: 'username',
    rotate: true,
    proxied: true,
    floor: 4,
    steps: ROTATION
  }
]

export type Route = 'plain' | 'link'

export interface FlowResult {
  flow: Flow
  /** The flow's floor on this route (a TLS handshake more on the link). */
  floor: number
  stats: Stats
  /** (median run − median validation-failing run) / round trip. */
  roundTrips: number
  /** Bare Node sending the same requests (every flow but the proxied one). */
  bare?: { stats: Stats; roundTrips: number }
}

export interface DepthResult {
  route: Route
  rttMs: number
  validation: Stats
  bareValidation: Stats
  flows: FlowResult[]
}

/** The contenders that stop at input validation: the start-up baseline. */
const BASELINE = 'validation'

/** The server's name through the CONNECT proxy: not loopback, so the proxy is used. */
const PROXIED_HOST = 'octopus.bench'

/** Where a route's runs go, and what they need to get there. */
interface Opened {
  sim: Simulator
  flows: Flow[]
  server(flow: Flow): string
  env(flow: Flow): Record<string, string>
  close(): Promise<void>
}

/**
 * Every flow of the route and its baseline, the action's and bare Node's,
 * interleaved; the admin's credentials expire at `expires`.
 */
export async function depthAt(options: {
  route: Route
  rttMs: number
  runs: number
  node: string
  entry: string
  expires: Date
  log: (message: string) => void
}): Promise<DepthResult> {
  const seed = benchSeed(100, options.expires)
  const opened =
    options.route === 'plain'
      ? await openPlain(seed, options.rttMs)
      : await openLink(seed, options.rttMs)
  try {
    const contenders = contendersFor(opened, seed, options)
    const samples = await interleave(contenders, options.runs, {
      onRound: (r) =>
        options.log(
          `  depth, ${options.route} at ${options.rttMs} ms: round ${r + 1}/${options.runs}`
        )
    })
    return resultOf(options, opened.flows, samples)
  } finally {
    await opened.close()
  }
}

/** Each flow's round trips after start-up, the action's and bare Node's. */
function resultOf(
  { route, rttMs }: { route: Route; rttMs: number },
  flows: Flow[],
  samples: Record<string, Sample[]>
): DepthResult {
  const validation = stats(samplesOf(samples, BASELINE))
  const bareValidation = stats(samplesOf(samples, `bare: ${BASELINE}`))
  const over = (s: Stats, baseline: Stats) =>
    (s.medianMs - baseline.medianMs) / rttMs
  const tls = route === 'link' ? 1 : 0
  const results = flows.map((flow): FlowResult => {
    const s = stats(samples[flow.id])
    const bare = samples[`bare: ${flow.id}`]
    return {
      flow,
      floor: flow.floor + tls,
      stats: s,
      roundTrips: over(s, validation),
      ...(bare && {
        bare: {
          stats: stats(bare),
          roundTrips: over(stats(bare), bareValidation)
        }
      })
    }
  })
  return { route, rttMs, validation, bareValidation, flows: results }
}

/**
 * Each flow's inputs, for a service account of the run's own with exactly
 * the flow's older keys: the keys earlier runs made never reach a later
 * run's listing (past 100 keys, a listing takes a second request).
 */
function inputsMaker(opened: Opened, seed: BenchSeed) {
  let run = 0
  return (flow: Flow) => (): ActionInputs => {
    // No run's username is part of another's, so each lookup finds one.
    const username = `svc-run-${++run}-target`
    const id = opened.sim.addUser({ username, isService: true })
    const created = new Date(Date.now() - 3_600_000)
    for (let i = 0; i < (flow.rotate ? OLDER_KEYS : 0); i++)
      opened.sim.createKeyDirectly(id, PURPOSE, { created })
    return {
      server: opened.server(flow),
      ...(flow.credential === 'api key'
        ? { api_key: seed.adminKey }
        : { access_token: seed.adminToken }),
      ...(flow.by === 'username' ? { username } : { user_id: id }),
      purpose: PURPOSE,
      ...(flow.rotate && { revoke_previous: 'true' as const })
    }
  }
}

/**
 * The action and bare Node for every flow, and both stopping at validation:
 * those baselines every second flow, as every flow's depth is read against
 * them, and they cost little.
 */
function contendersFor(
  opened: Opened,
  seed: BenchSeed,
  options: { node: string; entry: string }
): Record<string, Contender> {
  const inputsFor = inputsMaker(opened, seed)
  const [first] = opened.flows
  const failing = () => ({ ...inputsFor(first)(), purpose: undefined })
  const base = { node: options.node, sim: opened.sim, entry: options.entry }
  const contenders: Record<string, Contender> = {}
  opened.flows.forEach((flow, i) => {
    if (i % 2 === 0) {
      const env = opened.env(first)
      const baseline = { ...base, env, inputs: failing }
      contenders[`${BASELINE} ${i}`] = action({
        ...baseline,
        expectFailure: true
      })
      contenders[`bare: ${BASELINE} ${i}`] = bareNode(baseline)
    }
    const inputs = inputsFor(flow)
    const env = opened.env(flow)
    contenders[flow.id] = action({ ...base, env, inputs })
    // bare-node.mjs has no proxy.
    if (!flow.proxied)
      contenders[`bare: ${flow.id}`] = bareNode({ ...base, env, inputs })
  })
  return contenders
}

/** The samples of every contender whose name starts with `prefix`. */
function samplesOf(samples: Record<string, Sample[]>, prefix: string) {
  return Object.entries(samples).flatMap(([name, runs]) =>
    name.startsWith(prefix) ? runs : []
  )
}

/** Plain http on loopback, every answer a round trip late. */
async function openPlain(seed: BenchSeed, rttMs: number): Promise<Opened> {
  const sim = await startSimulator({
    users: seed.users,
    credentials: seed.credentials,
    latencyMs: rttMs
  })
  return {
    sim,
    flows: FLOWS.filter((f) => !f.proxied),
    server: () => sim.url,
    env: () => ({}),
    close: () => sim.close()
  }
}

/**
 * https through the link, with a throwaway certificate that the action and
 * bare Node trust through NODE_EXTRA_CA_CERTS; the proxied flow names the
 * server by a name that is not loopback, so that https_proxy applies.
 */
async function openLink(seed: BenchSeed, rttMs: number): Promise<Opened> {
  const certificate = throwawayCertificate({
    names: ['localhost', '127.0.0.1', PROXIED_HOST]
  })
  const sim = await startSimulator({
    users: seed.users,
    credentials: seed.credentials,
    tls: certificate
  })
  const link = await startLinkProxy(
    { host: '127.0.0.1', port: sim.port },
    rttMs
  )
  const connect = await startConnectProxy({
    kind: 'tunnel',
    to: { host: '127.0.0.1', port: link.port }
  })
  const env = { NODE_EXTRA_CA_CERTS: certificate.caFile }
  return {
    sim,
    flows: FLOWS,
    server: (flow) =>
      `https://${flow.proxied ? PROXIED_HOST : '127.0.0.1'}:${link.port}`,
    env: (flow) => (flow.proxied ? { ...env, https_proxy: connect.url } : env),
    async close() {
      await connect.close()
      await link.close()
      await sim.close()
      certificate.remove()
    }
  }
}
