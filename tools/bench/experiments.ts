// The three experiments: the lookup against growing user counts (action,
// sample, floor), the depth in round trips at a high injected latency (the
// action, and bare node sending the same requests), and the bundle's load
// time over bare node. Each starts its own simulator on
// 127.0.0.1 and closes it, whatever happens.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startSimulator, type Simulator } from '../simulator/index.js'
import {
  action,
  bareNode,
  floor,
  pythonSample,
  type ActionInputs,
  type Python
} from './contenders.js'
import {
  interleave,
  stats,
  type Contender,
  type Sample,
  type Stats
} from './measure.js'
import { benchSeed, type BenchSeed } from './users.js'

export const PURPOSE = 'bench: GitHub Actions deploy'
/** Keys of the rotation purpose seeded before each rotation run. */
export const OLDER_KEYS = 3

export interface SizeResult {
  users: number
  action: Stats
  sample?: Stats
  floor: Stats
}

/** A validation-failing run, a normal run and a rotation run, and their depths. */
export interface Depths {
  normal: Stats
  validation: Stats
  rotation: Stats
  /** (normal − validation) / latency. */
  depth: number
  /** (rotation − validation) / latency. */
  rotationDepth: number
}

export interface DepthResult extends Depths {
  latencyMs: number
  /** The same three runs in bare-node.mjs: the action's requests and nothing else. */
  bare: Depths
}

export interface LoadResult {
  bundleKB: number
  /** First 12 hex digits of the bundle's SHA-256. */
  bundleSha: string
  validation: Stats
  floor: Stats
  overheadMs: number
}

type Log = (message: string) => void

async function withSimulator<T>(
  seed: BenchSeed,
  latencyMs: number,
  body: (sim: Simulator) => Promise<T>
): Promise<T> {
  const sim = await startSimulator({
    users: seed.users,
    credentials: seed.credentials,
    latencyMs
  })
  try {
    return await body(sim)
  } finally {
    await sim.close()
  }
}

function lookupInputs(sim: Simulator, seed: BenchSeed): ActionInputs {
  return {
    server: sim.url,
    api_key: seed.adminKey,
    username: seed.target,
    purpose: PURPOSE
  }
}

/** Action, sample (when usable) and floor, interleaved, at one user count. */
export async function lookupAt(options: {
  users: number
  latencyMs: number
  runs: number
  node: string
  entry: string
  python?: Python
  /** The sample's script for a simulator URL, or undefined to skip it. */
  sampleFor?: (url: string) => string | undefined
  log: Log
}): Promise<SizeResult> {
  const seed = benchSeed(options.users)
  return withSimulator(seed, options.latencyMs, async (sim) => {
    const contenders: Record<string, Contender> = {
      action: action({
        node: options.node,
        entry: options.entry,
        sim,
        inputs: () => lookupInputs(sim, seed)
      }),
      floor: floor(options.node)
    }
    const dir = await mkdtemp(path.join(tmpdir(), 'octopus-bench-'))
    try {
      const script = options.sampleFor?.(sim.url)
      if (options.python && script !== undefined) {
        const pages = Math.ceil(options.users / 30) + 2
        contenders.sample = await pythonSample({
          python: options.python,
          sim,
          script,
          dir,
          killAfterMs: 30_000 + pages * (options.latencyMs + 50) * 3
        })
      }
      const samples = await interleave(contenders, options.runs, {
        onRound: (r) =>
          options.log(
            `  ${options.users} users: round ${r + 1}/${options.runs}`
          )
      })
      return {
        users: options.users,
        action: stats(samples.action),
        sample: samples.sample ? stats(samples.sample) : undefined,
        floor: stats(samples.floor)
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
}

/**
 * A normal run, a run that stops at validation (no purpose) and a rotation
 * run (revoke_previous with OLDER_KEYS older keys of its purpose), at a
 * latency high enough that round trips dominate; the same three in bare
 * node, interleaved with them.
 */
export async function depthAt(options: {
  latencyMs: number
  runs: number
  node: string
  entry: string
  log: Log
}): Promise<DepthResult> {
  const seed = benchSeed(100)
  return withSimulator(seed, options.latencyMs, async (sim) => {
    const { node, entry } = options
    let rotation = 0
    const hourAgo = () => new Date(Date.now() - 3_600_000)
    const runs = {
      normal: () => lookupInputs(sim, seed),
      validation: () => ({ ...lookupInputs(sim, seed), purpose: undefined }),
      rotation: (): ActionInputs => {
        // A purpose of its own per run: exactly OLDER_KEYS older keys.
        const purpose = `${PURPOSE} (rotation ${++rotation})`
        for (let i = 0; i < OLDER_KEYS; i++)
          sim.createKeyDirectly(seed.targetId, purpose, { created: hourAgo() })
        return { ...lookupInputs(sim, seed), purpose, revoke_previous: 'true' }
      }
    }
    const samples = await interleave(
      {
        normal: action({ node, entry, sim, inputs: runs.normal }),
        validation: action({
          node,
          entry,
          sim,
          expectFailure: true,
          inputs: runs.validation
        }),
        rotation: action({ node, entry, sim, inputs: runs.rotation }),
        bareNormal: bareNode({ node, sim, inputs: runs.normal }),
        bareValidation: bareNode({ node, sim, inputs: runs.validation }),
        bareRotation: bareNode({ node, sim, inputs: runs.rotation })
      },
      options.runs,
      {
        onRound: (r) =>
          options.log(
            `  depth at ${options.latencyMs} ms: round ${r + 1}/${options.runs}`
          )
      }
    )
    const { latencyMs } = options
    const { bareNormal, bareValidation, bareRotation } = samples
    return {
      latencyMs,
      ...depthsOf(
        samples.normal,
        samples.validation,
        samples.rotation,
        latencyMs
      ),
      bare: depthsOf(bareNormal, bareValidation, bareRotation, latencyMs)
    }
  })
}

function depthsOf(
  normalRuns: Sample[],
  validationRuns: Sample[],
  rotationRuns: Sample[],
  latencyMs: number
): Depths {
  const normal = stats(normalRuns)
  const validation = stats(validationRuns)
  const rotation = stats(rotationRuns)
  return {
    normal,
    validation,
    rotation,
    depth: (normal.medianMs - validation.medianMs) / latencyMs,
    rotationDepth: (rotation.medianMs - validation.medianMs) / latencyMs
  }
}

/** A validation-failing run (it loads the whole bundle, sends nothing) against `node -e 0`. */
export async function loadTime(options: {
  runs: number
  node: string
  entry: string
  bundleBytes: number
  bundleSha: string
  log: Log
}): Promise<LoadResult> {
  const seed = benchSeed(100)
  return withSimulator(seed, 0, async (sim) => {
    const samples = await interleave(
      {
        validation: action({
          node: options.node,
          entry: options.entry,
          sim,
          expectFailure: true,
          inputs: () => ({ ...lookupInputs(sim, seed), purpose: undefined })
        }),
        floor: floor(options.node)
      },
      options.runs,
      { warmup: 2 }
    )
    options.log(`  load: ${options.runs} interleaved rounds done`)
    const validation = stats(samples.validation)
    const floorStats = stats(samples.floor)
    return {
      bundleKB: options.bundleBytes / 1024,
      bundleSha: options.bundleSha,
      validation,
      floor: floorStats,
      overheadMs: validation.medianMs - floorStats.medianMs
    }
  })
}
