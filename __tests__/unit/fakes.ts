// Small doubles for the unit tables: HTTP answers, a scripted send and a
// retry policy whose sleeps and log lines are recorded, not waited for.
import type { RetryPolicy } from '../../src/http/retry.js'
import type { HttpRequest, HttpResponse } from '../../src/http/transport.js'

export function response(
  status: number,
  body = '',
  headers: Record<string, string> = {}
): HttpResponse {
  return { status, body, headers }
}

/** A send that answers from a script, one step per call; past its end it fails the test. */
export function scriptedSend(steps: (HttpResponse | Error)[]): {
  send: (request: HttpRequest) => Promise<HttpResponse>
  sent: () => number
} {
  let calls = 0
  return {
    sent: () => calls,
    send: () => {
      const step = steps[calls++]
      if (step === undefined)
        return Promise.reject(new Error(`unexpected request #${calls}`))
      return step instanceof Error
        ? Promise.reject(step)
        : Promise.resolve(step)
    }
  }
}

/** A retry policy at a fixed instant, with its sleeps and log lines recorded. */
export function testPolicy(
  maxAttempts: number,
  random: () => number = () => 0.5
): RetryPolicy & { delays: number[]; logLines: string[] } {
  const delays: number[] = []
  const logLines: string[] = []
  return {
    maxAttempts,
    random,
    now: () => new Date('2026-03-01T12:00:00Z'),
    sleep: (ms) => {
      delays.push(ms)
      return Promise.resolve()
    },
    log: (m) => logLines.push(m),
    delays,
    logLines
  }
}

/** What `fn` throws; fails the test when it does not throw. */
export function thrown(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    if (error instanceof Error) return error
    throw new Error(`threw a non-Error: ${String(error)}`, { cause: error })
  }
  throw new Error('expected an error, but none was thrown')
}

/** What `promise` rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    if (error instanceof Error) return error
    throw new Error(`rejected with a non-Error: ${String(error)}`, {
      cause: error
    })
  }
  throw new Error('expected a rejection, but the promise resolved')
}
