import { describe, it, expect, afterEach } from '@jest/globals'
import { defaultSeed, manyUsers } from '../../tools/simulator/index.js'
import { LostAnswerError } from '../../src/http/retry.js'
import { OctopusError } from '../../src/octopus/errors.js'
import { rejection } from '../unit/fakes.js'
import { calls, clientFor, Simulators } from './support.js'

const seed = defaultSeed()
const admin = { kind: 'apikey', value: seed.adminKey } as const
const sims = new Simulators()
afterEach(() => sims.closeAll())

describe('OctopusClient on the simulator', () => {
  it('reads users, and learns the server clock from its answers', async () => {
    const sim = await sims.start()
    const { client, close } = clientFor(sim.url, admin)
    try {
      expect(client.firstServerTime).toBeUndefined()
      const me = await client.me()
      expect(me).toMatchObject({
        Id: 'Users-1',
        Username: 'admin',
        IsActive: true
      })
      const first = client.firstServerTime
      expect(first).toBeInstanceOf(Date)
      expect(Math.abs((first?.getTime() ?? 0) - Date.now())).toBeLessThan(
        60_000
      )
      const svc = await client.user('Users-7')
      expect(svc).toMatchObject({
        Username: 'svc-retired',
        IsActive: false,
        IsService: true
      })
      expect(client.firstServerTime).toBe(first)
    } finally {
      close()
    }
  })

  it('pages a filtered user list until Page.Next is gone', async () => {
    const sim = await sims.start({
      users: [...seed.users, ...manyUsers(230, 'svc-target')]
    })
    const { client, close } = clientFor(sim.url, admin)
    try {
      const sizes: number[] = []
      for (let skip = 0; ;) {
        const page = await client.usersPage('svc-target', skip)
        sizes.push(page.Items.length)
        if (!page.Links?.['Page.Next']) break
        skip += page.Items.length
      }
      expect(sizes).toEqual([100, 100, 30])
    } finally {
      close()
    }
  })

  it('creates, lists and revokes a key; a second revoke finds it gone', async () => {
    const sim = await sims.start()
    const { client, close } = clientFor(sim.url, admin)
    try {
      const expires = new Date(Date.now() + 86_400_000)
      const created = await client.createKey(
        'Users-3',
        'client test',
        expires,
        {}
      )
      expect(created.ApiKey).toMatch(/^API-[A-Z0-9]+$/)
      expect(created.UserId).toBe('Users-3')
      expect(Date.parse(created.Expires ?? '')).toBe(expires.getTime())

      const page = await client.keysPage('Users-3', 0)
      expect(page.Items.map((k) => k.Id)).toEqual([created.Id])
      expect(page.Items[0].Purpose).toBe('client test')
      expect(JSON.stringify(page)).not.toContain(created.ApiKey)

      expect(await client.revokeKey('Users-3', created.Id)).toBe('revoked')
      expect(await client.revokeKey('Users-3', created.Id)).toBe('gone')
      expect(sim.liveKeyCount('Users-3')).toBe(0)
    } finally {
      close()
    }
  })

  it('an unknown user id is a 404 that names the user_id input', async () => {
    const sim = await sims.start()
    const { client, close } = clientFor(sim.url, admin)
    try {
      const error = await rejection(client.user('Users-999'))
      expect(error).toBeInstanceOf(OctopusError)
      expect((error as OctopusError).status).toBe(404)
      expect(error.message).toContain(`'user_id'`)
    } finally {
      close()
    }
  })

  it('does not follow a redirect, so the credential stays on this server', async () => {
    const sim = await sims.start()
    const elsewhere = await sims.start()
    sim.inject({
      path: '/api/users/me',
      fault: { kind: 'redirect', location: `${elsewhere.url}/api/users/me` }
    })
    const { client, close } = clientFor(sim.url, admin)
    try {
      const error = await rejection(client.me())
      expect(error.message).toContain(
        `redirecting to ${elsewhere.url}/api/users/me`
      )
      expect(error.message).toContain(`'server'`)
      expect(elsewhere.requests).toEqual([])
      expect(sim.requests).toHaveLength(1)
    } finally {
      close()
    }
  })

  it('retries a proxy error page on a read, then reports a snippet of it', async () => {
    const sim = await sims.start()
    sim.inject({
      path: '/api/users/me',
      times: Infinity,
      fault: { kind: 'html', status: 502 }
    })
    const { client, policy, close } = clientFor(sim.url, admin, {
      maxAttempts: 3
    })
    try {
      const error = await rejection(client.me())
      expect(error.message).toContain('HTTP 502 Bad Gateway')
      expect(error.message).toContain('<html>')
      expect(error.message).not.toMatch(/[\r\n]/)
      expect(sim.requests).toHaveLength(3)
      expect(policy.delays).toHaveLength(2)
    } finally {
      close()
    }
  })

  it('recovers from a dropped connection on a read', async () => {
    const sim = await sims.start()
    sim.inject({ path: '/api/users/me', fault: { kind: 'drop' } })
    const { client, close } = clientFor(sim.url, admin)
    try {
      expect((await client.me()).Id).toBe('Users-1')
      expect(calls(sim)).toEqual(['GET /api/users/me', 'GET /api/users/me'])
    } finally {
      close()
    }
  })

  it('a 200 that is not JSON on a read points at the server input', async () => {
    const sim = await sims.start()
    sim.inject({ path: '/api/users/me', fault: { kind: 'malformed-json' } })
    const { client, close } = clientFor(sim.url, admin)
    try {
      const error = await rejection(client.me())
      expect(error.message).toContain('not JSON')
      expect(error.message).toContain(`'server'`)
    } finally {
      close()
    }
  })

  it('a create whose answer is cut short is a lost answer, not a success', async () => {
    const sim = await sims.start()
    sim.inject({
      method: 'POST',
      path: '/api/users/Users-3/apikeys',
      fault: { kind: 'malformed-json' }
    })
    const { client, close } = clientFor(sim.url, admin)
    try {
      const error = await rejection(
        client.createKey('Users-3', 'x', new Date(Date.now() + 3_600_000), {})
      )
      expect(error).toBeInstanceOf(LostAnswerError)
      expect(sim.liveKeyCount('Users-3')).toBe(1)
    } finally {
      close()
    }
  })

  it('a server that is not listening: refused, with the origin and attempts named', async () => {
    const gone = await sims.start()
    const url = gone.url
    await sims.closeAll()
    const { client, policy, close } = clientFor(url, admin, { maxAttempts: 2 })
    try {
      const error = await rejection(client.me())
      expect(error.message).toContain(
        `${url} gave no answer (connection refused)`
      )
      expect(error.message).toContain('after 2 attempts')
      expect(error.message).toContain(`'server'`)
      expect(policy.delays).toHaveLength(1)
    } finally {
      close()
    }
  })

  it('a server that never answers: a timeout naming timeout_seconds', async () => {
    const sim = await sims.start()
    sim.inject({ path: '/api/users/me', fault: { kind: 'hang' } })
    const { client, close } = clientFor(sim.url, admin, {
      maxAttempts: 1,
      timeoutSeconds: 1
    })
    try {
      const error = await rejection(client.me())
      expect(error.message).toContain('no answer in time')
      expect(error.message).toContain('timeout_seconds (1 s)')
    } finally {
      close()
    }
  })
})
