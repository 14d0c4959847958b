// A fetch helper for the simulator tests: real HTTP over 127.0.0.1.
import type { Simulator } from '../../tools/simulator/index.js'

export interface ErrorJson {
  ErrorMessage: string
  Errors?: string[]
  HelpText?: string
}

export interface UserJson {
  Id: string
  Username: string
  IsService: boolean
  Links: Record<string, string>
}

export interface PageJson<T> {
  TotalResults: number
  Items: T[]
  Links: Record<string, string>
}

/** A key as created; listed keys carry `ApiKey` as an object instead. */
export interface KeyJson {
  Id: string
  Purpose: string
  ApiKey: string
  Created: string
  Expires?: string | null
}

export interface CallOptions {
  method?: string
  key?: string
  bearer?: string
  body?: unknown
  headers?: Record<string, string>
  signal?: AbortSignal
}

export interface Reply<T> {
  status: number
  headers: Headers
  text: string
  json: T
}

/** Calls `sim.url + path` and parses a JSON body when there is one. */
export async function call<T = ErrorJson>(
  sim: Simulator,
  path: string,
  opts: CallOptions = {}
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.key) headers['X-Octopus-ApiKey'] = opts.key
  if (opts.bearer) headers.Authorization = `Bearer ${opts.bearer}`
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(`${sim.url}${path}`, {
    method: opts.method ?? 'GET',
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    redirect: 'manual',
    signal: opts.signal
  })
  const text = await res.text()
  let json: unknown = undefined
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    // Left undefined: some tests expect non-JSON bodies.
  }
  return { status: res.status, headers: res.headers, text, json: json as T }
}

export const DAY = 24 * 60 * 60 * 1000
