// Seed data. Default credential values are fixed so demo output is stable;
// they are obviously fake and only ever valid against this simulator.
import { jwtLike } from './ids.js'
import { compareUsernames } from './state.js'
import { addDays } from './time.js'
import type { DefaultSeed, SeedUser } from './types.js'

const ADMIN_KEY = 'API-ADMINSIMKEY234567ABCDEFGHI'
const REGULAR_KEY = 'API-JANEDOESIMKEY234567ABCDEFG'
const AUDITOR_KEY = 'API-AUDITORSIMKEY234567ABCDEFG'
const OIDC_USER_ID = 'Users-11'
/**
 * How long the seeded API keys live: every key on a current Octopus server
 * expires (366 days is the default maximum since 2025.4), and Octopus
 * refuses a key that would outlive the key creating it.
 */
export const SEED_KEY_DAYS = 366

// A fixed JWT-shaped access token for the OIDC service account.
const SERVICE_BEARER = jwtLike(
  {
    iss: 'https://octopus-simulator.invalid',
    sub: OIDC_USER_ID,
    aud: 'octopus-simulator',
    iat: 1767225600, // 2026-01-01
    exp: 4102444800 // 2100-01-01
  },
  Buffer.from('octopus-simulator-fixed-signature')
)

/**
 * A small population covering the lookup edge cases: fragment matches in
 * username, display name and email, mixed case, an inactive service
 * account, and `+`, `@`, a space and non-ASCII characters in usernames.
 * No two usernames differ only by case. The API keys expire
 * `SEED_KEY_DAYS` after `now`.
 */
export function defaultSeed(now = new Date()): DefaultSeed {
  const expires = addDays(now, SEED_KEY_DAYS).toISOString()
  const users: SeedUser[] = [
    {
      id: 'Users-1',
      username: 'admin',
      displayName: 'Administrator',
      email: 'admin@example.com',
      canEditUsers: true
    },
    {
      id: 'Users-2',
      username: 'jane.doe',
      displayName: 'Jane Doe',
      email: 'jane.doe@example.com'
    },
    {
      id: 'Users-3',
      username: 'svc-deploy',
      displayName: 'Deployment service account',
      isService: true
    },
    {
      id: 'Users-4',
      username: 'svc-deploy-staging',
      displayName: 'Staging deployments',
      isService: true
    },
    {
      id: 'Users-5',
      username: 'deploy-bot',
      displayName: 'Helper for svc-deploy',
      isService: true
    },
    {
      id: 'Users-6',
      username: 'ops.team',
      displayName: 'Operations Team',
      email: 'svc-deploy-alerts@example.com'
    },
    {
      id: 'Users-7',
      username: 'svc-retired',
      displayName: 'Retired service account',
      isService: true,
      isActive: false
    },
    {
      id: 'Users-8',
      username: 'ci+build@example.com',
      displayName: 'CI build',
      email: 'ci+build@example.com',
      isService: true
    },
    {
      id: 'Users-9',
      username: 'build agent',
      displayName: 'Build Agent',
      isService: true
    },
    {
      id: 'Users-10',
      username: 'dépl-øy',
      displayName: 'Déploiement Øy',
      isService: true
    },
    {
      id: OIDC_USER_ID,
      username: 'svc-oidc',
      displayName: 'GitHub OIDC service account',
      isService: true
    },
    {
      id: 'Users-12',
      username: 'Svc-Deploy-Old',
      displayName: 'Old deployment account',
      isService: true
    },
    {
      id: 'Users-13',
      username: 'auditor',
      displayName: 'Auditor (read-only)',
      email: 'auditor@example.com',
      canViewUsers: true
    }
  ]
  return {
    users,
    credentials: [
      { userId: 'Users-1', kind: 'apikey', value: ADMIN_KEY, expires },
      { userId: 'Users-2', kind: 'apikey', value: REGULAR_KEY, expires },
      { userId: 'Users-13', kind: 'apikey', value: AUDITOR_KEY, expires },
      {
        userId: OIDC_USER_ID,
        kind: 'bearer',
        value: SERVICE_BEARER,
        expires: null
      }
    ],
    adminKey: ADMIN_KEY,
    regularKey: REGULAR_KEY,
    serviceBearer: SERVICE_BEARER
  }
}

/**
 * `count` users (the target included) for paging benchmarks. Every other
 * name shares a fragment with the target (in username, display name or
 * email), so `?filter=<target>` matches them all, and every username sorts
 * before the target, so the target is on the last page: the worst case for
 * a client that pages until it finds an exact match. Names that merely extend
 * the target (e.g. 'svc-target-1') are avoided because they would sort after it.
 */
export function manyUsers(count: number, target = 'svc-target'): SeedUser[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new Error('manyUsers: count must be a whole number of 0 or more')
  }
  if (count === 0) return []
  const fillers: SeedUser[] = []
  for (let i = 1; i < count; i++) fillers.push(filler(i, target))
  return [
    ...fillers,
    { username: target, displayName: target, isService: true, email: null }
  ]
}

function filler(i: number, target: string): SeedUser {
  const isService = i % 2 === 0
  const candidates: SeedUser[] = [
    { username: `my-${target}-${i}` },
    {
      username: `${target.slice(0, -1)}-${i}`,
      displayName: `Not quite ${target} ${i}`
    },
    { username: `bot-${i}`, displayName: `${target} helper ${i}` },
    { username: `agent-${i}`, email: `${target}.${i}@example.com` },
    { username: `OLD-${target.toUpperCase()}-${i}` }
  ]
  const first = candidates[i % candidates.length]
  // Fall back if an unusual target makes the pattern sort after it.
  const chosen = [first, ...candidates].find(
    (c) => c && compareUsernames(c.username, target) < 0
  ) ?? { username: `-${i}`, displayName: `${target} ${i}` }
  return { ...chosen, isService }
}
