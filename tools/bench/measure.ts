// Medians and interleaving: every round runs each contender once, in an order
// that rotates from round to round, so drift (thermal, caches, other load)
// falls on all contenders alike.

/** One timed run of one contender. */
export interface Sample {
  ms: number
  /** Requests the simulator saw during the run. */
  requests: number
  /** Connections opened during the run, where counted. */
  connections?: number
  ok: boolean
  /** Why the run counts as failed. */
  error?: string
}

export type Contender = () => Promise<Sample>

export interface Stats {
  runs: number
  failed: number
  medianMs: number
  minMs: number
  maxMs: number
  /** Median request count (they should all be equal). */
  requests: number
  /** Distinct request counts seen, ascending. */
  requestCounts: number[]
  /** Distinct connection counts seen, ascending (empty when not counted). */
  connectionCounts: number[]
  errors: string[]
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? sorted[mid]
    : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Runs `warmup` unrecorded rounds, then `rounds` recorded ones. Round r
 * starts with contender r mod n. Runs are sequential, never concurrent.
 */
export async function interleave<K extends string>(
  contenders: Record<K, Contender>,
  rounds: number,
  options: { warmup?: number; onRound?: (round: number) => void } = {}
): Promise<Record<K, Sample[]>> {
  const names = Object.keys(contenders) as K[]
  const samples = {} as Record<K, Sample[]>
  for (const name of names) samples[name] = []
  const warmup = options.warmup ?? 1
  for (let round = -warmup; round < rounds; round++) {
    const start = ((round % names.length) + names.length) % names.length
    for (let i = 0; i < names.length; i++) {
      const name = names[(start + i) % names.length]
      const sample = await contenders[name]()
      if (round >= 0) samples[name].push(sample)
    }
    if (round >= 0) options.onRound?.(round)
  }
  return samples
}

export function stats(samples: readonly Sample[]): Stats {
  const good = samples.filter((s) => s.ok)
  const times = good.map((s) => s.ms)
  const counts = samples.map((s) => s.requests)
  return {
    runs: samples.length,
    failed: samples.length - good.length,
    medianMs: median(times),
    minMs: times.length > 0 ? Math.min(...times) : Number.NaN,
    maxMs: times.length > 0 ? Math.max(...times) : Number.NaN,
    requests: median(counts),
    requestCounts: distinct(counts),
    connectionCounts: distinct(
      samples.flatMap((s) =>
        s.connections === undefined ? [] : [s.connections]
      )
    ),
    errors: [...new Set(samples.flatMap((s) => (s.error ? [s.error] : [])))]
  }
}

function distinct(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b)
}
