// Test doubles shared by the unit and integration tests: a runner that records
// everything the action tells it, a fixed clock, a sleep that records its
// delays and resolves at once, and a scripted transport.
import {
  TransportError,
  type HttpRequest,
  type HttpResponse,
  type Transport
} from '../../src/http/transport.js'
import type { RetryPolicy } from '../../src/http/retry.js'
import type { Runner } from '../../src/runner.js'

export type Level = 'debug' | 'info' | 'warning'

/** A runner that records outputs, masks, logs, state, exports and summaries. */
export class FakeRunner implements Runner {
  readonly inputs: Record<string, string>
  readonly state: Record<string, string>
  readonly outputs: Record<string, string> = {}
  readonly exported: Record<string, string> = {}
  readonly masked: string[] = []
  readonly logs: { level: Level; message: string }[] = []
  readonly summaries: { heading: string; rows: [string, string][] }[] = []
  readonly failed: string[] = []
  /** Masks, outputs and exports in the order they happened. */
  readonly timeline: string[] = []
  /** setOutput throws for this output name (to fail after the key exists). */
  failOnOutput: string | undefined
  /** Called after every log line (to act while a run is in progress). */
  onLog: ((level: Level, message: string) => void) | undefined

  constructor(
    inputs: Record<string, string> = {},
    state: Record<string, string> = {}
  ) {
    this.inputs = { ...inputs }
    this.state = { ...state }
  }

  // Like core.getInput: missing inputs are '', values are trimmed.
  getInput(name: string): string {
    return (this.inputs[name] ?? '').trim()
  }
  getState(name: string): string {
    return this.state[name] ?? ''
  }
  saveState(name: string, value: string): void {
    this.state[name] = value
  }
  setSecret(value: string): void {
    this.masked.push(value)
    this.timeline.push(`mask:${value}`)
  }
  setOutput(name: string, value: string): void {
    if (name === this.failOnOutput)
      throw new Error(`the runner could not write output ${name}`)
    this.outputs[name] = value
    this.timeline.push(`output:${name}:${value}`)
  }
  exportVariable(name: string, value: string): void {
    this.exported[name] = value
    this.timeline.push(`export:${name}:${value}`)
  }
  writeSummary(heading: string, rows: [string, string][]): Promise<void> {
    this.summaries.push({ heading, rows })
    return Promise.resolve()
  }
  setFailed(message: string): void {
    this.failed.push(message)
  }
  debug(message: string): void {
    this.log('debug', message)
  }
  info(message: string): void {
    this.log('info', message)
  }
  warning(message: string): void {
    this.log('warning', message)
  }

  lines(level?: Level): string[] {
    return this.logs
      .filter((l) => level === undefined || l.level === level)
      .map((l) => l.message)
  }

  /**
   * Every text the action produced that a reader of the job could see, except
   * the places that are meant to hold the new key (the api_key output and the
   * OCTOPUS_API_KEY export) and the masks themselves.
   */
  visibleTexts(): string[] {
    return [
      ...this.logs.map((l) => l.message),
      ...this.failed,
      ...Object.entries(this.outputs)
        .filter(([name]) => name !== 'api_key')
        .map(([name, value]) => `${name}=${value}`),
      ...Object.entries(this.exported)
        .filter(([name]) => name !== 'OCTOPUS_API_KEY')
        .map(([name, value]) => `${name}=${value}`),
      ...Object.entries(this.state).map(([name, value]) => `${name}=${value}`),
      ...this.summaries.flatMap((s) => [s.heading, ...s.rows.flat()])
    ]
  }

  private log(level: Level, message: string): void {
    this.logs.push({ level, message })
    this.onLog?.(level, message)
  }
}

/** The texts that contain any of the secrets (should be none). */
export function leaks(texts: string[], secrets: string[]): string[] {
  const values = secrets.filter((s) => s !== '')
  return texts.filter((t) => values.some((s) => t.includes(s)))
}

/** A clock stuck at one instant. */
export function fixedClock(at: Date): () => Date {
  return () => new Date(at.getTime())
}

/** A sleep that records each delay and resolves at once. */
export function recordingSleep(): {
  sleep: (ms: number) => Promise<void>
  delays: number[]
} {
  const delays: number[] = []
  return {
    delays,
    sleep: (ms: number) => {
      delays.push(ms)
      return Promise.resolve()
    }
  }
}

/** A retry policy with recorded sleeps and log lines. */
export function testPolicy(
  maxAttempts: number,
  now = new Date('2026-03-01T12:00:00Z'),
  random: () => number = () => 0.5
): RetryPolicy & { delays: number[]; logLines: string[] } {
  const { sleep, delays } = recordingSleep()
  const logLines: string[] = []
  return {
    maxAttempts,
    sleep,
    random,
    now: fixedClock(now),
    log: (m) => logLines.push(m),
    delays,
    logLines
  }
}

export function response(
  status: number,
  body = '',
  headers: Record<string, string> = {}
): HttpResponse {
  return { status, body, headers }
}

export function json(
  status: number,
  value: unknown,
  headers: Record<string, string> = {}
): HttpResponse {
  return {
    status,
    body: JSON.stringify(value),
    headers: { 'content-type': 'application/json', ...headers }
  }
}

type Step = HttpResponse | TransportError | Error

/**
 * A send function that answers from a script, one step per call, and records
 * the requests. Calls beyond the script fail the test loudly.
 */
export function scriptedSend(steps: Step[]): {
  send: (request: HttpRequest) => Promise<HttpResponse>
  requests: HttpRequest[]
} {
  const requests: HttpRequest[] = []
  return {
    requests,
    send: (request) => {
      requests.push(request)
      const step = steps[requests.length - 1]
      if (step === undefined)
        return Promise.reject(
          new Error(`unexpected request #${requests.length}`)
        )
      if (step instanceof Error) return Promise.reject(step)
      return Promise.resolve(step)
    }
  }
}

/** A transport whose every request is answered by `handle`. */
export function fakeTransport(
  handle: (request: HttpRequest) => HttpResponse
): Transport & { requests: HttpRequest[]; closed: number } {
  const requests: HttpRequest[] = []
  const transport = {
    requests,
    closed: 0,
    send(request: HttpRequest): Promise<HttpResponse> {
      requests.push(request)
      try {
        return Promise.resolve(handle(request))
      } catch (error) {
        return Promise.reject(
          error instanceof Error ? error : new Error(String(error))
        )
      }
    },
    close(): void {
      transport.closed++
    }
  }
  return transport
}

/** Resolves to the error a promise rejects with; fails if it resolves. */
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

/** Runs `fn` and returns what it throws; fails if it does not throw. */
export function thrown(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    if (error instanceof Error) return error
    throw new Error(`threw a non-Error: ${String(error)}`, { cause: error })
  }
  throw new Error('expected an error, but none was thrown')
}
