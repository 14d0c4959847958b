// The benchmark's population: generic users, a few near misses that share
// fragments with the target, and the target service account, created last and
// sorting last in the full listing (the worst case for a client that pages
// through every user, as the Python sample does).
import type { SeedCredential, SeedUser } from '../simulator/index.js'
import { jwtLike } from '../simulator/ids.js'

export const TARGET_USERNAME = 'svc-target'
export const ADMIN_ID = 'Users-1'
/** Fake, and only ever valid against the simulator. */
export const ADMIN_KEY = 'API-BENCHADMINKEY234567ABCDEFG'

/**
 * Accounts that a sloppy match could take for the target. A name that merely
 * extends the target (e.g. 'svc-target-old') would sort after it, so the old
 * account is 'old-svc-target' instead, and the target stays last.
 */
const NEAR_MISSES: Omit<SeedUser, 'id'>[] = [
  { username: 'my-svc-target', isService: true },
  { username: 'old-svc-target', displayName: 'Old target', isService: true },
  { username: 'deploy-bot', displayName: 'svc-target helper', isService: true },
  { username: 'ops-alerts', email: 'svc-target-alerts@example.com' },
  { username: 'svc-targe', displayName: 'One letter short', isService: true }
]

/** Admin + near misses + target. */
export const MIN_USERS = NEAR_MISSES.length + 2

export interface BenchSeed {
  users: SeedUser[]
  credentials: SeedCredential[]
  adminKey: string
  /** The admin's access token, as OctopusDeploy/login would get it. */
  adminToken: string
  target: string
  targetId: string
}

/**
 * `count` users in all: the admin (Users-1, may edit users; its API key
 * expires at `expires`, never when null, and so does its access token, or in
 * an hour), generic `member-00001`… accounts, the near misses, then the
 * target (Users-<count>). Ids follow creation order.
 */
export function benchSeed(
  count: number,
  expires: Date | null = null
): BenchSeed {
  if (!Number.isInteger(count) || count < MIN_USERS)
    throw new Error(`benchSeed: count must be a whole number ≥ ${MIN_USERS}`)
  const generic = count - MIN_USERS
  const width = Math.max(5, String(generic).length)
  const users: SeedUser[] = [
    {
      username: 'admin',
      displayName: 'Administrator',
      email: 'admin@example.com',
      canEditUsers: true
    }
  ]
  for (let i = 1; i <= generic; i++) {
    const n = String(i).padStart(width, '0')
    users.push({
      username: `member-${n}`,
      displayName: `Member ${n}`,
      email: `member-${n}@example.com`,
      isService: i % 10 === 0
    })
  }
  users.push(...NEAR_MISSES)
  users.push({
    username: TARGET_USERNAME,
    displayName: 'Target service account',
    isService: true
  })
  const withIds = users.map((u, i) => ({ ...u, id: `Users-${i + 1}` }))
  const tokenExpires = expires ?? new Date(Date.now() + 3_600_000)
  const adminToken = accessToken(tokenExpires)
  return {
    users: withIds,
    credentials: [
      {
        userId: ADMIN_ID,
        kind: 'apikey',
        value: ADMIN_KEY,
        expires: expires?.toISOString() ?? null
      },
      {
        userId: ADMIN_ID,
        kind: 'bearer',
        value: adminToken,
        expires: tokenExpires.toISOString()
      }
    ],
    adminKey: ADMIN_KEY,
    adminToken,
    target: TARGET_USERNAME,
    targetId: `Users-${count}`
  }
}

/** A JWT-shaped access token for the admin (its API key's expiry, or an hour). */
function accessToken(expires: Date): string {
  const exp = Math.floor(expires.getTime() / 1000)
  return jwtLike({ sub: ADMIN_ID, exp }, Buffer.alloc(32, 'bench'))
}
