// The lookup against growing user counts (action, sample, floor) and the
// bundle's load time over bare node; depth.ts has the depth in round trips.
// Each starts its own simulator on 127.0.0.1 and closes it, whatever happens.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startSimulator, type Simulator } from '../simulator/index.js'
import {
  action,
  floor,
  pythonSample,
  type ActionInputs,
  type Python
} from './contenders.js'
import { interleave, stats, type Contender, type Stats } from './measure.js'
import { benchSeed, type BenchSeed } from './users.js'

export const PURPOSE = 'bench: GitHub Actions deploy'
/**
 * The admin's API key here expires in 366 days, the longest a current server
 * gives, so that the sample's create (no `Expires`: the server's 180 days)
 * fits it too.
 */
const YEAR_MS = 366 * 86_400_000

export interface SizeResult {
  users: number
  action: Stats
  sample?: Stats
  floor: Stats
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
  const seed = benchSeed(options.users, new Date(Date.now() + YEAR_MS))
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
