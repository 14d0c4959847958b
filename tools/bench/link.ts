// The link experiment: the action over https to the simulator through a
// proxy that adds a real round trip to every exchange, TLS handshakes
// included, measured in round trips after start-up and connections, beside
// the floor of each flow.
import { throwawayCertificate } from '../harness/certificate.js'
import { startSimulator } from '../simulator/index.js'
import { action, type ActionInputs } from './contenders.js'
import { startLinkProxy } from './link-proxy.js'
import { interleave, stats, type Contender, type Stats } from './measure.js'
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
}

export interface LinkResult {
  rttMs: number
  validation: Stats
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
}

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
  }
]

/**
 * Every flow and a validation-failing run (the start-up baseline),
 * interleaved, over https through a link of `rttMs` round trip. The action
 * trusts the throwaway certificate through NODE_EXTRA_CA_CERTS.
 */
export async function linkAt(options: {
  rttMs: number
  runs: number
  node: string
  entry: string
  log: (message: string) => void
}): Promise<LinkResult> {
  const seed = benchSeed(100)
  const certificate = throwawayCertificate()
  const sim = await startSimulator({
    users: seed.users,
    credentials: seed.credentials,
    tls: certificate
  })
  const proxy = await startLinkProxy(
    { host: '127.0.0.1', port: sim.port },
    options.rttMs
  )
  try {
    let run = 0
    const base = {
      node: options.node,
      entry: options.entry,
      sim,
      env: { NODE_EXTRA_CA_CERTS: certificate.caFile },
      connections: () => proxy.connections()
    }
    const inputsFor = (flow: FlowSpec) => (): ActionInputs => {
      // A purpose of its own per run: exactly the flow's older keys.
      const purpose = `${PURPOSE} (link ${++run})`
      const created = new Date(Date.now() - 3_600_000)
      for (let i = 0; i < flow.olderKeys; i++)
        sim.createKeyDirectly(seed.targetId, purpose, { created })
      return {
        server: `https://127.0.0.1:${proxy.port}`,
        api_key: seed.adminKey,
        ...(flow.by === 'username'
          ? { username: seed.target }
          : { user_id: seed.targetId }),
        purpose,
        ...(flow.rotate && { revoke_previous: 'true' as const })
      }
    }
    const contenders: Record<string, Contender> = {
      validation: action({
        ...base,
        expectFailure: true,
        inputs: () => ({ ...inputsFor(LINK_FLOWS[0])(), purpose: undefined })
      })
    }
    for (const flow of LINK_FLOWS)
      contenders[flow.name] = action({ ...base, inputs: inputsFor(flow) })
    const samples = await interleave(contenders, options.runs, {
      onRound: (r) =>
        options.log(
          `  link at ${options.rttMs} ms: round ${r + 1}/${options.runs}`
        )
    })
    const validation = stats(samples.validation)
    return {
      rttMs: options.rttMs,
      validation,
      flows: LINK_FLOWS.map((flow) => {
        const s = stats(samples[flow.name])
        return {
          name: flow.name,
          floor: flow.floor,
          floorWhy: flow.floorWhy,
          stats: s,
          roundTrips: (s.medianMs - validation.medianMs) / options.rttMs
        }
      })
    }
  } finally {
    await proxy.close()
    await sim.close()
    certificate.remove()
  }
}
