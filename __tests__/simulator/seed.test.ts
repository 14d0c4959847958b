import { describe, expect, it } from '@jest/globals'
import {
  API_KEY_PATTERN,
  defaultSeed,
  manyUsers
} from '../../tools/simulator/index.js'

describe('defaultSeed', () => {
  it('is deterministic and returns fresh objects', () => {
    const a = defaultSeed()
    const b = defaultSeed()
    expect(a).toEqual(b)
    expect(a.users).not.toBe(b.users)
  })

  it('has realistic credential formats', () => {
    const seed = defaultSeed()
    expect(seed.adminKey).toMatch(API_KEY_PATTERN)
    expect(seed.regularKey).toMatch(API_KEY_PATTERN)
    expect(seed.adminKey.slice(0, 8)).not.toBe(seed.regularKey.slice(0, 8))
    expect(seed.serviceBearer.split('.')).toHaveLength(3)
    const keys = seed.credentials.filter((c) => c.kind === 'apikey')
    expect(keys.length).toBeGreaterThanOrEqual(2)
    for (const c of keys) expect(c.value).toMatch(API_KEY_PATTERN)
  })

  it('covers the lookup edge cases without case-only duplicates', () => {
    const { users } = defaultSeed()
    const names = users.map((u) => u.username)
    for (const name of [
      'admin',
      'jane.doe',
      'svc-deploy',
      'svc-deploy-staging',
      'deploy-bot',
      'svc-retired',
      'ci+build@example.com',
      'build agent',
      'dépl-øy',
      'svc-oidc'
    ]) {
      expect(names).toContain(name)
    }
    const lower = names.map((n) => n.toLowerCase())
    expect(new Set(lower).size).toBe(names.length)
    expect(users.find((u) => u.username === 'svc-retired')?.isActive).toBe(
      false
    )
    expect(users.find((u) => u.id === 'Users-1')).toMatchObject({
      username: 'admin',
      canEditUsers: true
    })
  })
})

describe('manyUsers', () => {
  it('returns count users with the target sorting last', () => {
    const users = manyUsers(25)
    expect(users).toHaveLength(25)
    const names = users.map((u) => u.username.toLowerCase())
    expect(new Set(names).size).toBe(25)
    const sorted = [...names].sort()
    expect(sorted.at(-1)).toBe('svc-target')
  })

  it('makes every other user match the target as a fragment', () => {
    for (const u of manyUsers(20)) {
      const fields = [u.username, u.displayName ?? '', u.email ?? '']
      expect(fields.some((f) => f.toLowerCase().includes('svc-target'))).toBe(
        true
      )
    }
  })

  it('works for another target', () => {
    const names = manyUsers(12, 'Deployer').map((u) => u.username)
    expect(names.at(-1)).toBe('Deployer')
    for (const n of names.slice(0, -1)) {
      expect(n.toLowerCase() < 'deployer').toBe(true)
    }
  })

  it('handles zero', () => {
    expect(manyUsers(0)).toEqual([])
    expect(manyUsers(1).map((u) => u.username)).toEqual(['svc-target'])
  })
})
