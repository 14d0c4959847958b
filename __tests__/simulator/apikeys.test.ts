import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  defaultSeed,
  startSimulator,
  type Simulator
} from '../../tools/simulator/index.js'
import {
  call,
  DAY,
  type CallOptions,
  type ErrorJson,
  type KeyJson,
  type PageJson,
  type UserJson
} from './helpers.js'

const seed = defaultSeed()
const admin = { key: seed.adminKey }
const jane = { key: seed.regularKey }
const oidc = { bearer: seed.serviceBearer }
// Users-13 has UserView only.
const auditor = {
  key: seed.credentials.find((c) => c.userId === 'Users-13')?.value
}
const NO_PERMISSION =
  'You do not have permission to perform this action. Please contact your Octopus administrator.'

const keyPath = (userId: string, keyId: string) =>
  `/api/users/${userId}/apikeys/${keyId}`

function create(
  sim: Simulator,
  userId: string,
  auth: CallOptions,
  body: unknown = { Purpose: 'test' }
) {
  const path = `/api/users/${userId}/apikeys`
  return call<KeyJson & ErrorJson>(sim, path, { ...auth, method: 'POST', body })
}

describe('creating keys', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(() => sim.close())

  it('answers 200 with the key and Expires as sent; the key works until revoked', async () => {
    const expires = new Date(Date.now() + 30 * DAY)
    const r = await create(sim, 'Users-3', admin, {
      Purpose: 'rotation',
      Expires: expires.toISOString(),
      UserId: 'Users-3'
    })
    expect(r.status).toBe(200)
    expect(r.json.ApiKey).toMatch(/^API-[A-Z2-7]{26}$/)
    expect(r.json.Id).toMatch(/^apikeys-[A-Za-z0-9]{26}$/)
    // Milliseconds and a colon offset, as Octopus writes DateTimeOffset.
    expect(r.json.Created).toMatch(/^\d{4}-\d\d-\d\dT[\d:]{8}\.\d{3}\+00:00$/)
    expect(Date.parse(r.json.Expires ?? '')).toBe(expires.getTime())

    const asKey = { key: r.json.ApiKey }
    const del = { ...admin, method: 'DELETE' }
    const me = await call<UserJson>(sim, '/api/users/me', asKey)
    expect(me.json.Username).toBe('svc-deploy')
    expect((await call(sim, keyPath('Users-3', r.json.Id), del)).status).toBe(
      200
    )
    expect((await call(sim, '/api/users/me', asKey)).status).toBe(401)
    expect((await call(sim, keyPath('Users-3', r.json.Id), del)).status).toBe(
      404
    )
  })

  it.each([
    ['jane, for herself', 'Users-2', 200, jane],
    ['a service account, for itself by bearer', 'Users-11', 200, oidc],
    ['an admin, for a regular user', 'Users-2', 403, admin],
    ['jane (no UserEdit), for a service account', 'Users-3', 403, jane],
    ['a UserView-only user, for a service account', 'Users-3', 403, auditor],
    ['an admin, for an unknown user', 'Users-999', 404, admin]
  ])('%s (%s): %i', async (_, userId, status, auth) => {
    const before = sim.liveKeyCount(userId)
    expect((await create(sim, userId, auth)).status).toBe(status)
    expect(sim.liveKeyCount(userId)).toBe(before + (status === 200 ? 1 : 0))
  })

  it('says why in the 403s, without echoing the credential', async () => {
    const other = await create(sim, 'Users-2', admin)
    expect(other.json.ErrorMessage).toBe(NO_PERMISSION)
    expect(other.json.HelpText).toMatch(/only be created for service accounts/)
    expect(other.text).not.toContain(seed.adminKey)
    const noEdit = await create(sim, 'Users-3', jane)
    expect(noEdit.json.ErrorMessage).toBe(
      `${NO_PERMISSION} Missing permission: UserEdit`
    )
  })
})

describe('userApiKeysEnabled: false', () => {
  it('refuses keys for regular users from 2023.2, never for service accounts', async () => {
    const sim = await startSimulator({ userApiKeysEnabled: false })
    const old = await startSimulator({
      version: '2023.1.9626', // the setting does not exist yet
      userApiKeysEnabled: false
    })
    try {
      const own = await create(sim, 'Users-2', jane)
      expect(own.status).toBe(403)
      expect(own.json.ErrorMessage).toMatch(/disabled/)
      expect((await create(sim, 'Users-3', admin)).status).toBe(200)
      // Before 2025.4 an omitted Expires means never, which jane's own
      // expiring key cannot create: send one within it.
      const within = {
        Purpose: 'test',
        Expires: new Date(Date.now() + DAY).toISOString()
      }
      expect((await create(old, 'Users-2', jane, within)).status).toBe(200)
    } finally {
      await Promise.all([sim.close(), old.close()])
    }
  })
})

describe('listing, getting and revoking keys', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(() => sim.close())

  const status = async (path: string, auth: CallOptions, method = 'GET') =>
    (await call(sim, path, { ...auth, method })).status

  it('lists newest first, older keys on later pages', async () => {
    sim.createKeyDirectly('Users-4', 'ancient', {
      created: new Date(Date.now() - 400 * DAY)
    })
    for (const Purpose of ['first', 'second', 'third'])
      await create(sim, 'Users-4', admin, { Purpose })
    const path = '/api/users/Users-4/apikeys?take=3'
    const first = await call<PageJson<KeyJson>>(sim, path, admin)
    expect(first.json).toMatchObject({ TotalResults: 4, NumberOfPages: 2 })
    const last = await call<PageJson<KeyJson>>(
      sim,
      first.json.Links['Page.Next'] ?? '',
      admin
    )
    expect(
      [...first.json.Items, ...last.json.Items].map((k) => k.Purpose)
    ).toEqual(['third', 'second', 'first', 'ancient'])
  })

  it("lists your own keys; another user's only with View users", async () => {
    const own = await call<PageJson<KeyJson>>(
      sim,
      '/api/users/Users-2/apikeys',
      jane
    )
    expect(own.json.Items.map((k) => k.Purpose)).toEqual(['Simulator seed key'])
    expect(await status('/api/users/Users-1/apikeys', jane)).toBe(403)
    expect(await status('/api/users/Users-2/apikeys', admin)).toBe(200)
  })

  it("answers 400 for a key named under another user's path", async () => {
    const { json: key } = await create(sim, 'Users-3', admin)
    for (const method of ['GET', 'DELETE']) {
      const r = await call(sim, keyPath('Users-4', key.Id), {
        ...admin,
        method
      })
      expect(r.status).toBe(400)
      expect(r.json.ErrorMessage).toBe(
        'This ApiKey does not belong to the specified user.'
      )
    }
    expect(sim.keysOf('Users-3').map((k) => k.id)).toContain(key.Id)
  })

  it('revokes with POST + X-HTTP-Method-Override: DELETE', async () => {
    const { json: key } = await create(sim, 'Users-3', admin)
    sim.resetRequests()
    const r = await call(sim, keyPath('Users-3', key.Id), {
      ...admin,
      method: 'POST',
      headers: { 'X-HTTP-Method-Override': 'DELETE' }
    })
    expect(r.status).toBe(200)
    expect(sim.keysOf('Users-3').map((k) => k.id)).not.toContain(key.Id)
    expect(sim.requests[0]?.method).toBe('DELETE')
  })

  it('lets users revoke their own key, even the one in use', async () => {
    const own = sim.keysOf('Users-2')[0]?.id ?? ''
    expect(await status(keyPath('Users-2', own), jane, 'DELETE')).toBe(200)
    expect(await status('/api/users/me', jane)).toBe(401)
  })
})
