// What close() must stop before the server can: pauses (latency, `delay`
// faults) and answers still under way (`trickle` faults).

export class Lifetime {
  private closed = false
  private readonly stops = new Set<() => void>()

  /** Resolves true after `ms`, or false at once if the simulator closes. */
  pause(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false)
    if (ms <= 0) return Promise.resolve(true)
    return new Promise((resolve) => {
      const finish = (alive: boolean) => {
        clearTimeout(timer)
        forget()
        resolve(alive)
      }
      const timer = setTimeout(() => finish(true), ms)
      const forget = this.onClose(() => finish(false))
    })
  }

  /** Calls `stop` when the simulator closes; returns what forgets it. */
  onClose(stop: () => void): () => void {
    this.stops.add(stop)
    return () => this.stops.delete(stop)
  }

  close(): void {
    this.closed = true
    for (const stop of [...this.stops]) stop()
  }
}
