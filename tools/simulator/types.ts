// Public types of the simulator. Other code is written against these exact
// names and shapes, so change them only together with their users.

export interface SeedUser {
  /** Default `Users-<n>`. */
  id?: string
  username: string
  /** Default = username. */
  displayName?: string
  email?: string | null
  /** Default false. */
  isService?: boolean
  /** Default true. */
  isActive?: boolean
  /**
   * Admin-like: may list users (UserView) and create/revoke keys for SERVICE
   * accounts (UserEdit). Default false.
   */
  canEditUsers?: boolean
  /** May list/get users. Default = canEditUsers. */
  canViewUsers?: boolean
}

export interface SeedCredential {
  userId: string
  kind: 'apikey' | 'bearer'
  /** Default: generated (API-... for apikey; a JWT-looking string for bearer). */
  value?: string
  /** ISO; caps the expiry of keys created with it; null = never. */
  expires?: string | null
}

export interface SimulatorOptions {
  /** Default 0 (ephemeral). */
  port?: number
  /** Loopback address to listen on: '127.0.0.1' (default) or '::1'. */
  host?: '127.0.0.1' | '::1'
  /** Serve https with this key and certificate (PEM) instead of http. */
  tls?: { key: string | Buffer; cert: string | Buffer }
  /**
   * Methods a proxy or firewall in front refuses, by the method on the wire
   * (before X-HTTP-Method-Override), with the status to answer, e.g.
   * `{ DELETE: 405 }`. Octopus never sees those requests.
   */
  refusedMethods?: Record<string, number>
  /** Virtual directory, e.g. '/octopus'; default ''. */
  pathPrefix?: string
  /** Server Version, default '2026.3.1000'; drives the expiry rules. */
  version?: string
  /** Default: defaultSeed().users. */
  users?: SeedUser[]
  /**
   * Default: the defaultSeed() credentials whose user (same id and username)
   * is among `users`, so `[...defaultSeed().users, ...more]` keeps its keys.
   */
  credentials?: SeedCredential[]
  /** Added before every response (benchmarks), default 0. */
  latencyMs?: number
  /** Default 180. */
  defaultExpiryDays?: number
  /** Default 366. */
  maxExpiryDays?: number
  /** Default true; false => regular (non-service) users cannot get keys. */
  userApiKeysEnabled?: boolean
  /**
   * Default true: an access token's expiry caps the keys it creates, as an API
   * key's does (an explicit later `Expires` is a 400). False: a server that
   * lets keys outlive the access token creating them.
   */
  accessTokensCapKeys?: boolean
  /**
   * The `Date` header, as a proxy or CDN with its own clock may stamp it:
   * `{ skewMs }` off the clock that stamps `Created`, or `'none'` to leave it
   * out. Default: the true time.
   */
  dateHeader?: { skewMs: number } | 'none'
}

export interface RequestRecord {
  /** Effective method (after X-HTTP-Method-Override). */
  method: string
  /** Path WITHOUT the pathPrefix and without query, e.g. '/api/users'. */
  path: string
  query: Record<string, string>
  /** Status sent (0 if the connection was dropped/hung). */
  status: number
  /** Which credential kind was presented; the value is never stored. */
  auth: 'apikey' | 'bearer' | 'none'
  /** Date.now() when received. */
  started: number
  /** The method on the wire when X-HTTP-Method-Override changed it (`POST`). */
  sentAs?: string
  /** The id of the connection it came on (see `ConnectionRecord`). */
  connection: number
  /** How many answers were complete when it arrived (`Progress.answers`). */
  answersBefore: number
}

/** How far the simulator had got when something happened: requests received, answers completed. */
export interface Progress {
  requests: number
  answers: number
}

/** One connection a client opened (for https: one that completed its handshake). */
export interface ConnectionRecord {
  /** 1, 2, … in the order the connections were opened. */
  id: number
  opened: Progress
  /** Undefined while the connection is open. */
  closed?: Progress
}

export type Fault =
  | {
      kind: 'status'
      status: number
      body?: string
      headers?: Record<string, string>
    }
  | { kind: 'html'; status: number }
  | { kind: 'malformed-json'; status?: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'drop' }
  | { kind: 'process-then-drop' }
  | { kind: 'process-then-status'; status: number; html?: boolean }
  | { kind: 'redirect'; location: string; status?: number }
  /** Processes, then answers with these top-level JSON fields left out or replaced. */
  | { kind: 'edit-json'; omit?: string[]; set?: Record<string, unknown> }
  /** Runs `run` (another client acting meanwhile), then handles the request normally. */
  | { kind: 'interleave'; run: () => void }
  /** Handles the request as if `skip` were not in its query (a proxy that drops it). */
  | { kind: 'ignore-skip' }
  /** Sends a 200's headers, then a byte of body every `everyMs` (default 100), never finishing. */
  | { kind: 'trickle'; everyMs?: number }
  /**
   * Processes, then answers with the real status and JSON padded with spaces
   * to `bytes` (default 5 MiB): with a Content-Length, or chunked without one.
   */
  | { kind: 'oversized'; bytes?: number; chunked?: boolean }

export interface FaultRule {
  /** Match effective method; omitted = any. */
  method?: string
  /** Match path without prefix (string = exact); omitted = any. */
  path?: string | RegExp
  /** How many matching requests it applies to; default 1; Infinity allowed. */
  times?: number
  fault: Fault
}

export interface ApiKeyRecord {
  id: string
  userId: string
  purpose: string
  created: string
  expires: string | null
  hint: string
  revoked: boolean
}

export interface Simulator {
  /** Base URL incl. prefix, no trailing slash. */
  url: string
  port: number
  /** 'http://127.0.0.1:<port>'; https and '[::1]' as the options say. */
  origin: string
  /** Every request in order. */
  requests: RequestRecord[]
  /** Every connection in the order opened; cleared (ids from 1 again) with the requests. */
  connections: ConnectionRecord[]
  inject(rule: FaultRule): void
  clearFaults(): void
  resetRequests(): void
  /** Returns the id. */
  addUser(user: SeedUser): string
  /** Returns the credential value. */
  addCredential(cred: SeedCredential): string
  /** Newest first. */
  keysOf(userId: string, opts?: { includeRevoked?: boolean }): ApiKeyRecord[]
  /** Non-revoked keys (all users when omitted). */
  liveKeyCount(userId?: string): number
  /** Seeds "old" keys for rotation tests. */
  createKeyDirectly(
    userId: string,
    purpose: string,
    opts?: { created?: Date; expires?: Date | null }
  ): { id: string; apiKey: string }
  /** Also destroys hung sockets. */
  close(): Promise<void>
}

export interface DefaultSeed {
  users: SeedUser[]
  credentials: Required<SeedCredential>[]
  adminKey: string
  regularKey: string
  serviceBearer: string
}
