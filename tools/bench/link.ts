// The link experiment: the action over https to the simulator through a
// proxy that adds a real round trip to every exchange, TLS handshakes
// included, measured in round trips after start-up and connections, beside
// the floor of each flow and bare Node sending the same requests. One flow
// goes through a CONNECT proxy on loopback (https_proxy) in front of the
// link, as a runner behind a corporate proxy would.
import { throwawayCertificate } from '../harness/certificate.js'
import { startConnectProxy } from '../harness/connect-proxy.js'
import { startSimulator } from '../simulator/index.js'
import { action, bareNode, type ActionInputs } from './contenders.js'
import { startLinkProxy } from './link-proxy.js'
import {
  interleave,
  stats,
  type Contender,
  type Sample,
  type Stats
} from './measure.js'
import { PURPOSE } from './experiments.js'
import { benchSeed } from './users.js'

export interface LinkFlow {
  name: string
  /** Round trips the flow cannot do without, and what they are. */
  floor: number
  floorWhy: string
  stats: Stats
  /** (median run − median validation-failing run) / round trip. */
  roundTrips: number
  /** Bare node sending the same requests (username flows without the proxy). */
  bare?: { stats: Stats; roundTrips: number }
  proxied: boolean
}

export interface LinkResult {
  rttMs: number
  validation: Stats
  bareValidation: Stats
  flows: LinkFlow[]
}

interface FlowSpec {
  name: string
  floor: number
  floorWhy: string
  /** How the account is named. */
  by: 'username' | 'user_id'
  rotate: boolean
  /** Older keys of the run's own purpose, made an hour before it. */
  olderKeys: number
  /** Through a CONNECT proxy on loopback (https_proxy) to a name that is not. */
  proxied?: boolean
}

/** The server's name through the CONNECT proxy: not loopback, so the proxy is used. */
const PROXIED_HOST = 'octopus.bench'

export const LINK_FLOWS: FlowSpec[] = [
  {
    name: 'username lookup + create',
    floor: 3,
    floorWhy: 'TLS 1 + lookup 1 + create 1',
    by: 'username',
    rotate: false,
    olderKeys: 0
  },
  {
    name: '`user_id` + create',
    floor: 2,
    floorWhy: 'TLS 1 + create 1',
    by: 'user_id',
    rotate: false,
    olderKeys: 0
  },
  {
    name: 'rotation, one older key',
    floor: 4,
    floorWhy: 'TLS 1 + lookup 1 + create beside the listing 1 + revoke 1',
    by: 'username',
    rotate: true,
    olderKeys: 1
  },
  {
    name: 'rotation, two older keys',
    floor: 4,
    floorWhy: 'TLS 1 + lookup 1 + create beside the listing 1 + revokes 1',
    by: 'username',
    rotate: true,
    olderKeys: 2
  },
  {
    name: 'rotation, two older keys, through a CONNECT proxy',
    floor: 4,
    floorWhy: 'as without the proxy: its tunnels are opened like connections',
    by: 'username',
    rotate: true,
    olderKeys: 2,
    proxied: true
  }
]

/**
 * Every flow and a validation-failing run (the start-up baseline), and bare
 * Node for each direct flow and its own baseline, interleaved, over https
 * through a link of `rttMs` round trip. The action and bare Node trust the
 * throwaway certificate through NODE_EXTRA_CA_CERTS.
 */
export async function linkAt(options: {
  rttMs: number
  runs: number
  node: string
  entry: string
  log: (message: string) => void
}): Promise<LinkResult> {
  const seed = benchSeed(100)
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
    options.rttMs
  )
  const connect = await startConnectProxy({
    kind: 'tunnel',
    to: { host: '127.0.0.1', port: link.port }
  })
  try {
    let run = 0
    const env = { NODE_EXTRA_CA_CERTS: certificate.caFile }
    const base = {
      node: options.node,
      sim,
      connections: () => link.connections()
    }
    const inputsFor = (flow: FlowSpec) => (): ActionInputs => {
      // A purpose of its own per run: exactly the flow's older keys.
      const purpose = `${PURPOSE} (link ${++run})`
      const created = new Date(Date.now() - 3_600_000)
      for (let i = 0; i < flow.olderKeys; i++)
        sim.createKeyDirectly(seed.targetId, purpose, { created })
      return {
        server: flow.proxied
          ? `https://${PROXIED_HOST}:${link.port}`
          : `https://127.0.0.1:${link.port}`,
        api_key: seed.adminKey,
        ...(flow.by === 'username'
          ? { username: seed.target }
          : { user_id: seed.targetId }),
        purpose,
        ...(flow.rotate && { revoke_previous: 'true' as const })
      }
    }
    const failing = () => ({
      ...inputsFor(LINK_FLOWS[0])(),
      purpose: undefined
    })
    const actionIn = (flow: FlowSpec) =>
      action({
        ...base,
        entry: options.entry,
        inputs: inputsFor(flow),
        env: flow.proxied ? { ...env, https_proxy: connect.url } : env
      })
    const contenders: Record<string, Contender> = {
      validation: action({
        ...base,
        entry: options.entry,
        env,
        expectFailure: true,
        inputs: failing
      }),
      'bare: validation': bareNode({ ...base, env, inputs: failing })
    }
    for (const flow of LINK_FLOWS) {
      contenders[flow.name] = actionIn(flow)
      // bare-node.mjs finds the account by username, and has no proxy.
      if (!flow.proxied && flow.by === 'username')
        contenders[`bare: ${flow.name}`] = bareNode({
          ...base,
          env,
          inputs: inputsFor(flow)
        })
    }
    const samples = await interleave(contenders, options.runs, {
      onRound: (r) =>
        options.log(
          `  link at ${options.rttMs} ms: round ${r + 1}/${options.runs}`
        )
    })
    return linkResult(options.rttMs, samples)
  } finally {
    await connect.close()
    await link.close()
    await sim.close()
    certificate.remove()
  }
}

/** Each flow's round trips after start-up, the action's and bare Node's. */
function linkResult(
  rttMs: number,
  samples: Record<string, Sample[]>
): LinkResult {
  const validation = stats(samples.validation)
  const bareValidation = stats(samples['bare: validation'])
  const over = (s: Stats, baseline: Stats) =>
    (s.medianMs - baseline.medianMs) / rttMs
  return {
    rttMs,
    validation,
    bareValidation,
    flows: LINK_FLOWS.map((flow) => {
      const s = stats(samples[flow.name])
      const bare = samples[`bare: ${flow.name}`]
      return {
        name: flow.name,
        floor: flow.floor,
        floorWhy: flow.floorWhy,
        stats: s,
        roundTrips: over(s, validation),
        proxied: flow.proxied ?? false,
        ...(bare && {
          bare: {
            stats: stats(bare),
            roundTrips: over(stats(bare), bareValidation)
          }
        })
      }
    })
  }
}
