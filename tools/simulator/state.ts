// In-memory server state: users, credentials and API keys. It knows nothing
// about HTTP; permission and expiry rules live in the handlers.
import type { ApiKeyRecord, SeedCredential, SeedUser } from './types.js'
import {
  credentialHash,
  randomApiKey,
  randomBearer,
  randomKeyId
} from './ids.js'
import { octopusTime } from './time.js'

export interface UserRecord {
  id: string
  username: string
  displayName: string
  email: string | null
  isService: boolean
  isActive: boolean
  canEditUsers: boolean
  canViewUsers: boolean
}

export interface KeyEntry {
  id: string
  userId: string
  purpose: string
  created: Date
  expires: Date | null
  hint: string
  revoked: boolean
  /** Creation order; breaks ties between keys created in the same ms. */
  seq: number
}

export type CredentialKind = 'apikey' | 'bearer'

export interface CredentialEntry {
  kind: CredentialKind
  userId: string
  expires: Date | null
  /** Set for API keys, which can be listed and revoked. */
  keyId?: string
}

export type AuthOutcome =
  { ok: true; user: UserRecord; credential: CredentialEntry } | { ok: false }

/** Purpose given to keys that come from seeded `apikey` credentials. */
export const SEED_KEY_PURPOSE = 'Simulator seed key'

/**
 * Case-insensitive ordinal order: "sorted alphabetically by username"
 * (docs/octopus-api.md, Users) in a way that does not depend on the host's
 * ICU data.
 */
export function compareUsernames(a: string, b: string): number {
  const la = a.toLowerCase()
  const lb = b.toLowerCase()
  if (la !== lb) return la < lb ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

export class SimulatorState {
  // Ids are matched case-insensitively, like the server's SQL collation.
  private readonly users = new Map<string, UserRecord>()
  private readonly keys = new Map<string, KeyEntry>()
  private readonly credentials = new Map<string, CredentialEntry>()
  private sortedUsers: UserRecord[] | undefined
  private nextUserNumber = 1
  private keySeq = 0

  addUser(seed: SeedUser): UserRecord {
    const username = seed.username?.trim()
    if (!username) throw new Error('A seeded user needs a username')
    const id = seed.id ?? this.nextFreeUserId()
    if (this.users.has(id.toLowerCase())) {
      throw new Error(`A user with id '${id}' already exists`)
    }
    const canEditUsers = seed.canEditUsers ?? false
    const user: UserRecord = {
      id,
      username,
      displayName: seed.displayName ?? username,
      email: seed.email ?? null,
      isService: seed.isService ?? false,
      isActive: seed.isActive ?? true,
      canEditUsers,
      canViewUsers: seed.canViewUsers ?? canEditUsers
    }
    this.users.set(id.toLowerCase(), user)
    const n = /^Users-(\d+)$/i.exec(id)
    if (n) this.nextUserNumber = Math.max(this.nextUserNumber, Number(n[1]) + 1)
    this.sortedUsers = undefined
    return user
  }

  getUser(id: string): UserRecord | undefined {
    return this.users.get(id.toLowerCase())
  }

  /** All users, sorted by username (cached: listing is the hot path). */
  usersSorted(): readonly UserRecord[] {
    this.sortedUsers ??= [...this.users.values()].sort(
      (a, b) =>
        compareUsernames(a.username, b.username) || (a.id < b.id ? -1 : 1)
    )
    return this.sortedUsers
  }

  /** Registers a credential; `apikey` ones also become listable keys. */
  addCredential(cred: SeedCredential, now = new Date()): string {
    const user = this.requireUser(cred.userId)
    const expires = cred.expires ? parseIso(cred.expires) : null
    if (cred.kind === 'apikey') {
      return this.createKey(user.id, SEED_KEY_PURPOSE, now, expires, cred.value)
        .apiKey
    }
    if (cred.kind !== 'bearer') {
      throw new Error(`Unknown credential kind '${String(cred.kind)}'`)
    }
    const value = cred.value ?? randomBearer(user.id, expires)
    this.storeCredential(value, { kind: 'bearer', userId: user.id, expires })
    return value
  }

  authenticate(kind: CredentialKind, value: string, now: Date): AuthOutcome {
    const cred = this.credentials.get(credentialHash(value))
    if (!cred || cred.kind !== kind) return { ok: false }
    if (cred.expires && cred.expires.getTime() <= now.getTime()) {
      return { ok: false }
    }
    if (cred.keyId && this.keys.get(cred.keyId.toLowerCase())?.revoked) {
      return { ok: false }
    }
    const user = this.getUser(cred.userId)
    // A disabled user's keys "will not function" (docs/octopus-api.md,
    // Credentials).
    if (!user || !user.isActive) return { ok: false }
    return { ok: true, user, credential: cred }
  }

  createKey(
    userId: string,
    purpose: string,
    created: Date,
    expires: Date | null,
    value?: string
  ): { key: KeyEntry; apiKey: string } {
    const user = this.requireUser(userId)
    const apiKey = value ?? randomApiKey()
    let id = randomKeyId()
    while (this.keys.has(id.toLowerCase())) id = randomKeyId()
    this.storeCredential(apiKey, {
      kind: 'apikey',
      userId: user.id,
      expires,
      keyId: id
    })
    const key: KeyEntry = {
      id,
      userId: user.id,
      purpose,
      created,
      expires,
      // Hint = the first 8 characters, e.g. "API-ABCD" (docs/octopus-api.md,
      // Listing, getting and revoking keys).
      hint: apiKey.slice(0, 8),
      revoked: false,
      seq: this.keySeq++
    }
    this.keys.set(id.toLowerCase(), key)
    return { key, apiKey }
  }

  getKey(id: string): KeyEntry | undefined {
    return this.keys.get(id.toLowerCase())
  }

  /** Revoked keys behave as deleted: they no longer authenticate. */
  revokeKey(id: string): void {
    const key = this.getKey(id)
    if (key) key.revoked = true
  }

  /** Newest first (docs/octopus-api.md, Listing, getting and revoking keys). */
  keysOf(userId: string, includeRevoked = false): KeyEntry[] {
    const wanted = userId.toLowerCase()
    return [...this.keys.values()]
      .filter(
        (k) =>
          k.userId.toLowerCase() === wanted && (includeRevoked || !k.revoked)
      )
      .sort(
        (a, b) => b.created.getTime() - a.created.getTime() || b.seq - a.seq
      )
  }

  liveKeyCount(userId?: string): number {
    const wanted = userId?.toLowerCase()
    let count = 0
    for (const k of this.keys.values()) {
      if (!k.revoked && (!wanted || k.userId.toLowerCase() === wanted)) count++
    }
    return count
  }

  private requireUser(id: string): UserRecord {
    const user = this.getUser(id)
    if (!user) throw new Error(`Unknown user '${id}'`)
    return user
  }

  private nextFreeUserId(): string {
    while (this.users.has(`users-${this.nextUserNumber}`)) this.nextUserNumber++
    return `Users-${this.nextUserNumber}`
  }

  private storeCredential(value: string, entry: CredentialEntry): void {
    if (!value) throw new Error('A credential value cannot be empty')
    const hash = credentialHash(value)
    if (this.credentials.has(hash)) {
      throw new Error('That credential value is already registered')
    }
    this.credentials.set(hash, entry)
  }
}

export function toApiKeyRecord(key: KeyEntry): ApiKeyRecord {
  return {
    id: key.id,
    userId: key.userId,
    purpose: key.purpose,
    created: octopusTime(key.created),
    expires: key.expires ? octopusTime(key.expires) : null,
    hint: key.hint,
    revoked: key.revoked
  }
}

function parseIso(value: string): Date {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) {
    throw new Error(`Invalid credential expiry '${value}'`)
  }
  return date
}
