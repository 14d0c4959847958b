// The simulator's options checked and filled in with their defaults, once,
// before anything starts.
import { randomUUID } from 'node:crypto'
import type { ExpiryPolicy } from './expiry.js'
import type { ServerConfig } from './handlers.js'
import type { SimulatorOptions } from './types.js'
import { featuresOf } from './version.js'

export const DEFAULT_VERSION = '2026.3.1000'
const HOSTS = ['127.0.0.1', '::1']

/** What the server runs with. */
export interface Settings {
  config: ServerConfig
  latencyMs: number
  port: number
  host: string
  /** The status a proxy in front answers, by the method on the wire. */
  refused: Map<string, number>
}

export function settingsOf(options: SimulatorOptions): Settings {
  const version = options.version ?? DEFAULT_VERSION
  const config: ServerConfig = {
    prefix: normalizePrefix(options.pathPrefix),
    version,
    installationId: randomUUID(),
    expiry: expiryPolicy(version, options),
    userApiKeysEnabled: options.userApiKeysEnabled ?? true
  }
  const latencyMs = nonNegative('latencyMs', options.latencyMs, 0)
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port ${port}`)
  }
  const host = options.host ?? '127.0.0.1'
  if (!HOSTS.includes(host))
    throw new Error(`host must be one of ${HOSTS.join(', ')}`)
  const refused = new Map(
    Object.entries(options.refusedMethods ?? {}).map(([m, status]) => [
      m.toUpperCase(),
      status
    ])
  )
  return { config, latencyMs, port, host, refused }
}

function expiryPolicy(
  version: string,
  options: SimulatorOptions
): ExpiryPolicy {
  return {
    features: featuresOf(version),
    defaultExpiryDays: nonNegative(
      'defaultExpiryDays',
      options.defaultExpiryDays,
      180
    ),
    maxExpiryDays: nonNegative('maxExpiryDays', options.maxExpiryDays, 366),
    accessTokensCapKeys: options.accessTokensCapKeys ?? true
  }
}

/** '/octopus/' -> '/octopus', '' or '/' -> ''. */
function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').trim().replace(/\/+$/, '')
  if (trimmed === '') return ''
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}

function nonNegative(
  name: string,
  value: number | undefined,
  fallback: number
) {
  const v = value ?? fallback
  if (!Number.isFinite(v) || v < 0) {
    throw new Error(`${name} must be a finite number of 0 or more`)
  }
  return v
}
