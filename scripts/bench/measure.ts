/** p50 and p95 of one side of a row, in milliseconds. */
export interface Stats {
  readonly p50: number
  readonly p95: number
  readonly runs: number
}

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
  return { p50: at(0.5), p95: at(0.95), runs: samples.length }
}

/** One row of the report: an operation beside its bare baseline, measured run by run. */
export interface Row {
  readonly group: string
  readonly name: string
  readonly op: Stats
  readonly baselineName: string
  readonly baseline: Stats
}

type Step = (i: number) => unknown

export interface PairOptions {
  readonly runs: number
  readonly warmUp?: number
  /** The steps return their own sample in ms (measured in the page, say) instead of being timed here. */
  readonly selfTimed?: boolean
  /**
   * Untimed, after every step: lets the work a call leaves for after its answer (a saved
   * draft's index entry) run before the next step, so neither side is timed with it.
   */
  readonly settle?: () => Promise<unknown>
}

/** The turn of the event loop after this one: what the service left for after an answer has run. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Times `op` and `baseline` alternately, run by run (op first on even runs, baseline first on
 * odd ones), so both see the same caches, the same disk and the same neighbours on the CPU.
 */
export async function pair(options: PairOptions, op: Step, baseline: Step): Promise<{ op: Stats; baseline: Stats }> {
  const { runs, warmUp = Math.min(20, runs), selfTimed = false, settle = () => Promise.resolve() } = options
  const timed = async (step: Step, i: number): Promise<number> => {
    const started = performance.now()
    const value = await step(i)
    const sample = selfTimed ? (value as number) : performance.now() - started
    await settle()
    return sample
  }
  for (let i = 0; i < warmUp; i++) {
    await op(runs + i)
    await settle()
    await baseline(runs + i)
    await settle()
  }
  const opSamples: number[] = []
  const baseSamples: number[] = []
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      opSamples.push(await timed(op, i))
      baseSamples.push(await timed(baseline, i))
    } else {
      baseSamples.push(await timed(baseline, i))
      opSamples.push(await timed(op, i))
    }
  }
  return { op: stats(opSamples), baseline: stats(baseSamples) }
}

/** Cycles through `items` by run number. */
export const nth = <T>(items: readonly T[], i: number): T => items[i % items.length]!
