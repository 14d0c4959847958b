import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  defaultSeed,
  startSimulator,
  type Simulator
} from '../../tools/simulator/index.js'
import {
  call,
  DAY,
  OCTOPUS_TIME,
  type CollectionJson,
  type CreatedKeyJson,
  type ErrorJson,
  type KeyJson,
  type UserJson
} from './helpers.js'

const seed = defaultSeed()
const admin = { key: seed.adminKey }
const jane = { key: seed.regularKey }
const auditor = {
  key: seed.credentials.find((c) => c.userId === 'Users-13')?.value ?? ''
}
const NO_PERMISSION =
  'You do not have permission to perform this action. Please contact your Octopus administrator.'

function create(
  sim: Simulator,
  userId: string,
  auth: { key?: string; bearer?: string },
  body: Record<string, unknown> = { Purpose: 'test' }
) {
  return call<CreatedKeyJson & ErrorJson>(sim, `/api/users/${userId}/apikeys`, {
    ...auth,
    method: 'POST',
    body
  })
}

describe('creating keys', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(() => sim.close())

  it('creates a key for a service account with 200 and the plaintext key', async () => {
    const expires = new Date(Date.now() + 30 * DAY)
    const r = await create(sim, 'Users-3', admin, {
      Purpose: 'gh-actions rotation',
      Expires: expires.toISOString(),
      UserId: 'Users-3'
    })
    expect(r.status).toBe(200)
    expect(r.json.ApiKey).toMatch(/^API-[A-Z2-7]{26}$/)
    expect(r.json.Id).toMatch(/^apikeys-[A-Za-z0-9]{26}$/)
    expect(r.json).toMatchObject({
      Purpose: 'gh-actions rotation',
      UserId: 'Users-3',
      Links: { Self: `/api/users/Users-3/apikeys/${r.json.Id}` }
    })
    expect(r.json.Created).toMatch(OCTOPUS_TIME)
    expect(r.json.Expires).toMatch(OCTOPUS_TIME)
    expect(Date.parse(r.json.Expires ?? '')).toBe(expires.getTime())

    // The new key is a working credential for the service account.
    const me = await call<UserJson>(sim, '/api/users/me', {
      key: r.json.ApiKey
    })
    expect(me.json.Username).toBe('svc-deploy')
    expect(sim.keysOf('Users-3')[0]).toMatchObject({
      id: r.json.Id,
      purpose: 'gh-actions rotation',
      hint: r.json.ApiKey.slice(0, 8),
      revoked: false
    })
  })

  it('lets any user create a key for themself', async () => {
    const r = await create(sim, 'Users-2', jane)
    expect(r.status).toBe(200)
    expect(r.json.UserId).toBe('Users-2')
  })

  it('lets a service account with a bearer token create its own key', async () => {
    const r = await create(sim, 'Users-11', { bearer: seed.serviceBearer })
    expect(r.status).toBe(200)
  })

  it('refuses a key for another user who is not a service account', async () => {
    const before = sim.liveKeyCount('Users-2')
    const r = await create(sim, 'Users-2', admin)
    expect(r.status).toBe(403)
    expect(r.json.ErrorMessage.startsWith(NO_PERMISSION)).toBe(true)
    expect(r.json.HelpText).toMatch(/only be created for service accounts/)
    expect(sim.liveKeyCount('Users-2')).toBe(before)
  })

  it("refuses a regular user creating a service account's key (UserEdit)", async () => {
    for (const auth of [jane, auditor]) {
      const r = await create(sim, 'Users-3', auth)
      expect(r.status).toBe(403)
      expect(r.json.ErrorMessage).toBe(
        `${NO_PERMISSION} Missing permission: UserEdit`
      )
    }
  })

  it('requires a purpose', async () => {
    for (const body of [
      {},
      { Purpose: '' },
      { Purpose: '   ' },
      { Purpose: 3 }
    ]) {
      const r = await create(sim, 'Users-3', admin, body)
      expect(r.status).toBe(400)
      expect(r.json).toEqual({
        ErrorMessage: 'There was a problem with your request.',
        Errors: ['Please provide a purpose for the API key.']
      })
    }
  })

  it('rejects a body that is not JSON, or a mismatching UserId', async () => {
    const res = await fetch(`${sim.url}/api/users/Users-3/apikeys`, {
      method: 'POST',
      headers: { 'X-Octopus-ApiKey': seed.adminKey },
      body: '{"Purpose":'
    })
    expect(res.status).toBe(400)
    await res.text()
    const r = await create(sim, 'Users-3', admin, {
      Purpose: 'x',
      UserId: 'Users-4'
    })
    expect(r.status).toBe(400)
  })

  it('answers 404 for an unknown user', async () => {
    const r = await create(sim, 'Users-999', admin)
    expect(r.status).toBe(404)
    expect(r.json.ErrorMessage).toBe("The resource 'Users-999' was not found.")
  })

  it('never echoes the caller credential in errors', async () => {
    const r = await create(sim, 'Users-2', admin)
    expect(r.text).not.toContain(seed.adminKey)
  })
})

describe('userApiKeysEnabled = false (2023.2+)', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator({ userApiKeysEnabled: false })
  })
  afterAll(() => sim.close())

  it('refuses keys for regular users but not for service accounts', async () => {
    const own = await create(sim, 'Users-2', jane)
    expect(own.status).toBe(403)
    expect(own.json.ErrorMessage).toMatch(/disabled/)
    expect((await create(sim, 'Users-3', admin)).status).toBe(200)
  })

  it('does not apply before 2023.2, where the setting does not exist', async () => {
    const old = await startSimulator({
      version: '2023.1.9626',
      userApiKeysEnabled: false
    })
    try {
      expect((await create(old, 'Users-2', jane)).status).toBe(200)
    } finally {
      await old.close()
    }
  })
})

describe('listing, getting and revoking keys', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(() => sim.close())

  it('lists newest first, without the plaintext, in the paged shape', async () => {
    const created: CreatedKeyJson[] = []
    for (const purpose of ['first', 'second', 'third']) {
      created.push(
        (await create(sim, 'Users-4', admin, { Purpose: purpose })).json
      )
    }
    // An "old" key seeded directly sorts after the new ones.
    const old = sim.createKeyDirectly('Users-4', 'ancient', {
      created: new Date(Date.now() - 400 * DAY)
    })

    const r = await call<CollectionJson<KeyJson>>(
      sim,
      '/api/users/Users-4/apikeys?take=2',
      admin
    )
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({
      ItemType: 'ApiKey',
      TotalResults: 4,
      ItemsPerPage: 2,
      NumberOfPages: 2,
      LastPageNumber: 1
    })
    expect(r.json.Links).toMatchObject({
      Template: '/api/users/Users-4/apikeys{/id}{?skip,take}',
      'Page.Next': '/api/users/Users-4/apikeys?skip=2&take=2'
    })
    const page2 = await call<CollectionJson<KeyJson>>(
      sim,
      '/api/users/Users-4/apikeys?skip=2&take=2',
      admin
    )
    expect(page2.json.Links['Page.Next']).toBeUndefined()
    const items = [...r.json.Items, ...page2.json.Items]
    expect(items.map((k) => k.Purpose)).toEqual([
      'third',
      'second',
      'first',
      'ancient'
    ])
    expect(items[3]?.Id).toBe(old.id)
    expect(items[0]).toEqual({
      Id: created[2]?.Id,
      Purpose: 'third',
      UserId: 'Users-4',
      ApiKey: {
        HasValue: true,
        NewValue: null,
        Hint: created[2]?.ApiKey.slice(0, 8)
      },
      Created: created[2]?.Created,
      Expires: created[2]?.Expires,
      Links: { Self: `/api/users/Users-4/apikeys/${created[2]?.Id}` }
    })
    const raw = JSON.stringify(items)
    for (const c of created) expect(raw).not.toContain(c.ApiKey)
    expect(raw).not.toContain(old.apiKey)
  })

  it('lists your own keys, and refuses other non-service users', async () => {
    const own = await call<CollectionJson<KeyJson>>(
      sim,
      '/api/users/Users-2/apikeys',
      jane
    )
    expect(own.status).toBe(200)
    expect(own.json.Items.map((k) => k.Purpose)).toEqual(['Simulator seed key'])
    const other = await call<ErrorJson>(sim, '/api/users/Users-1/apikeys', jane)
    expect(other.status).toBe(403)
    const admins = await call<ErrorJson>(
      sim,
      '/api/users/Users-2/apikeys',
      admin
    )
    expect(admins.status).toBe(403)
  })

  it('gets one key, with 400 for another user and 404 for unknown', async () => {
    const { json: key } = await create(sim, 'Users-3', admin)
    const one = await call<KeyJson>(
      sim,
      `/api/users/Users-3/apikeys/${key.Id}`,
      admin
    )
    expect(one.status).toBe(200)
    expect(one.json.ApiKey.Hint).toBe(key.ApiKey.slice(0, 8))

    const mismatch = await call<ErrorJson>(
      sim,
      `/api/users/Users-4/apikeys/${key.Id}`,
      admin
    )
    expect(mismatch.status).toBe(400)
    expect(mismatch.json.ErrorMessage).toBe(
      'This ApiKey does not belong to the specified user.'
    )

    const unknown = await call<ErrorJson>(
      sim,
      '/api/users/Users-3/apikeys/apikeys-doesnotexist',
      admin
    )
    expect(unknown.status).toBe(404)
    expect(unknown.json.ErrorMessage).toBe(
      "The resource 'apikeys-doesnotexist' was not found."
    )
  })

  it('revokes with DELETE: 200 {}, and the key stops working', async () => {
    const { json: key } = await create(sim, 'Users-3', admin)
    const path = `/api/users/Users-3/apikeys/${key.Id}`
    const r = await call(sim, path, { ...admin, method: 'DELETE' })
    expect(r.status).toBe(200)
    expect(r.json).toEqual({})
    expect(sim.keysOf('Users-3').map((k) => k.id)).not.toContain(key.Id)
    expect(
      sim
        .keysOf('Users-3', { includeRevoked: true })
        .find((k) => k.id === key.Id)?.revoked
    ).toBe(true)
    const me = await call(sim, '/api/users/me', { key: key.ApiKey })
    expect(me.status).toBe(401)
    const again = await call(sim, path, { ...admin, method: 'DELETE' })
    expect(again.status).toBe(404)
    const get = await call(sim, path, admin)
    expect(get.status).toBe(404)
  })

  it('revokes with POST + X-HTTP-Method-Override: DELETE', async () => {
    const { json: key } = await create(sim, 'Users-3', admin)
    const live = sim.liveKeyCount()
    sim.resetRequests()
    const r = await call(sim, `/api/users/Users-3/apikeys/${key.Id}`, {
      ...admin,
      method: 'POST',
      headers: { 'X-HTTP-Method-Override': 'DELETE' }
    })
    expect(r.status).toBe(200)
    expect(sim.liveKeyCount()).toBe(live - 1)
    expect(sim.requests[0]?.method).toBe('DELETE')
  })

  it('refuses to revoke a key through the wrong user (400)', async () => {
    const { json: key } = await create(sim, 'Users-3', admin)
    const r = await call<ErrorJson>(
      sim,
      `/api/users/Users-4/apikeys/${key.Id}`,
      {
        ...admin,
        method: 'DELETE'
      }
    )
    expect(r.status).toBe(400)
    expect(r.json.ErrorMessage).toBe(
      'This ApiKey does not belong to the specified user.'
    )
    expect(sim.keysOf('Users-3').map((k) => k.id)).toContain(key.Id)
  })

  it('lets users revoke their own key, even the one in use', async () => {
    const own = sim.keysOf('Users-2')[0]
    expect(own).toBeDefined()
    const r = await call(sim, `/api/users/Users-2/apikeys/${own?.id}`, {
      ...jane,
      method: 'DELETE'
    })
    expect(r.status).toBe(200)
    expect((await call(sim, '/api/users/me', jane)).status).toBe(401)
  })

  it('counts live keys per user and overall', () => {
    const total = sim.liveKeyCount()
    const perUser = ['Users-1', 'Users-2', 'Users-3', 'Users-4', 'Users-13']
      .map((id) => sim.liveKeyCount(id))
      .reduce((a, b) => a + b, 0)
    expect(perUser).toBe(total)
  })
})
