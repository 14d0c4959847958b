import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  defaultSeed,
  manyUsers,
  startSimulator,
  type Simulator
} from '../../tools/simulator/index.js'
import {
  call,
  type CollectionJson,
  type ErrorJson,
  type Reply,
  type UserJson
} from './helpers.js'

const seed = defaultSeed()
const admin = { key: seed.adminKey }
const jane = { key: seed.regularKey }

describe('root document', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator({ version: '2025.4.100' })
  })
  afterAll(() => sim.close())

  it('answers anonymously with version and link templates', async () => {
    const r = await call<Record<string, unknown>>(sim, '/api')
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe(
      'application/json; charset=utf-8'
    )
    expect(r.headers.get('date')).toBeTruthy()
    expect(r.json).toMatchObject({
      Application: 'Octopus Deploy',
      Version: '2025.4.100',
      ApiVersion: '3.0.0',
      Links: {
        CurrentUser: '/api/users/me',
        Users: '/api/users{/id}{?skip,take,ids,filter}'
      }
    })
    expect(r.json.InstallationId).toEqual(expect.any(String))
    expect(sim.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/api',
      auth: 'none',
      status: 200
    })
  })

  it('binds to 127.0.0.1 only', () => {
    expect(sim.origin).toBe(`http://127.0.0.1:${sim.port}`)
    expect(sim.url).toBe(sim.origin)
  })
})

describe('GET /api/users', () => {
  let sim: Simulator
  beforeAll(async () => {
    // 40 extra users: more than one default page.
    sim = await startSimulator({
      users: [...seed.users, ...manyUsers(40)]
    })
  })
  afterAll(() => sim.close())

  it('pages with take defaulting to 30 and zero-based LastPageNumber', async () => {
    const r = await call<CollectionJson<UserJson>>(sim, '/api/users', admin)
    expect(r.status).toBe(200)
    const total = seed.users.length + 40
    expect(r.json).toMatchObject({
      ItemType: 'User',
      TotalResults: total,
      ItemsPerPage: 30,
      NumberOfPages: 2,
      LastPageNumber: 1
    })
    expect(r.json.Items).toHaveLength(30)
    expect(r.json.Links).toEqual({
      Self: '/api/users?skip=0&take=30',
      Template: '/api/users{/id}{?skip,take,ids,filter}',
      'Page.All': '/api/users?skip=0&take=2147483647',
      'Page.Current': '/api/users?skip=0&take=30',
      'Page.Next': '/api/users?skip=30&take=30',
      'Page.Last': '/api/users?skip=30&take=30'
    })
  })

  it('omits Page.Next on the last page', async () => {
    const r = await call<CollectionJson<UserJson>>(
      sim,
      '/api/users?skip=30&take=30',
      admin
    )
    expect(r.json.Items).toHaveLength(seed.users.length + 40 - 30)
    expect(r.json.Links['Page.Next']).toBeUndefined()
    expect(r.json.Links['Page.Current']).toBe('/api/users?skip=30&take=30')
  })

  it('reaches every user by following Page.Next', async () => {
    let next: string | undefined = '/api/users?take=7'
    const names: string[] = []
    while (next) {
      const r: Reply<CollectionJson<UserJson>> = await call(sim, next, admin)
      expect(r.json.ItemsPerPage).toBe(7)
      names.push(...r.json.Items.map((u) => u.Username))
      next = r.json.Links['Page.Next']
    }
    expect(names).toHaveLength(seed.users.length + 40)
    expect(new Set(names).size).toBe(names.length)
  })

  it('sorts by username, case-insensitively', async () => {
    const r = await call<UserJson[]>(sim, '/api/users/all', admin)
    const names = r.json.map((u) => u.Username)
    const expected = [...names].sort((a, b) =>
      a.toLowerCase() < b.toLowerCase() ? -1 : 1
    )
    expect(names).toEqual(expected)
    expect(names.indexOf('svc-deploy')).toBeLessThan(
      names.indexOf('Svc-Deploy-Old')
    )
    // The manyUsers target sorts last: the worst case for a paging client.
    expect(names.at(-1)).toBe('svc-target')
  })

  it('filters by a case-insensitive fragment of username, display name or email', async () => {
    const r = await call<CollectionJson<UserJson>>(
      sim,
      '/api/users?filter=SVC-DEPLOY',
      admin
    )
    expect(r.json.Items.map((u) => u.Username)).toEqual([
      'deploy-bot', // display name 'Helper for svc-deploy'
      'ops.team', // email svc-deploy-alerts@example.com
      'svc-deploy',
      'Svc-Deploy-Old',
      'svc-deploy-staging'
    ])
    expect(r.json.TotalResults).toBe(5)
    expect(r.json.Links.Self).toBe(
      '/api/users?skip=0&take=30&filter=SVC-DEPLOY'
    )
    expect(r.json.Links['Page.Next']).toBeUndefined()
  })

  it('keeps the filter, encoded, on every page link', async () => {
    const r = await call<CollectionJson<UserJson>>(
      sim,
      `/api/users?filter=${encodeURIComponent('ci+build@')}&take=1`,
      admin
    )
    expect(r.json.Items.map((u) => u.Username)).toEqual([
      'ci+build@example.com'
    ])
    expect(r.json.Links['Page.All']).toBe(
      '/api/users?skip=0&take=2147483647&filter=ci%2Bbuild%40'
    )
  })

  it('matches spaces and non-ASCII characters', async () => {
    for (const name of ['build agent', 'dépl-øy']) {
      const r = await call<CollectionJson<UserJson>>(
        sim,
        `/api/users?filter=${encodeURIComponent(name)}`,
        admin
      )
      expect(r.json.Items.map((u) => u.Username)).toEqual([name])
    }
  })

  it('puts the target of manyUsers last among many fragment matches', async () => {
    const r = await call<CollectionJson<UserJson>>(
      sim,
      '/api/users?filter=svc-target&take=30',
      admin
    )
    expect(r.json.TotalResults).toBe(40)
    expect(r.json.Links['Page.Next']).toBe(
      '/api/users?skip=30&take=30&filter=svc-target'
    )
    const last = await call<CollectionJson<UserJson>>(
      sim,
      '/api/users?filter=svc-target&skip=30&take=30',
      admin
    )
    expect(last.json.Items.at(-1)?.Username).toBe('svc-target')
  })

  it('selects by ids', async () => {
    const r = await call<CollectionJson<UserJson>>(
      sim,
      '/api/users?ids=Users-3,Users-1',
      admin
    )
    expect(r.json.Items.map((u) => u.Id)).toEqual(['Users-1', 'Users-3'])
    expect(r.json.Links.Self).toBe(
      '/api/users?skip=0&take=30&ids=Users-3,Users-1'
    )
  })

  it('answers an empty filter result with one empty page', async () => {
    const r = await call<CollectionJson<UserJson>>(
      sim,
      '/api/users?filter=nobody-has-this',
      admin
    )
    expect(r.json).toMatchObject({
      TotalResults: 0,
      NumberOfPages: 1,
      LastPageNumber: 0,
      Items: []
    })
    expect(r.json.Links['Page.Next']).toBeUndefined()
  })

  it('rejects a malformed take with 400', async () => {
    const r = await call<ErrorJson>(sim, '/api/users?take=-1', admin)
    expect(r.status).toBe(400)
    expect(r.json.ErrorMessage).toBe('There was a problem with your request.')
  })

  it('needs UserView', async () => {
    for (const path of ['/api/users', '/api/users/all', '/api/users/Users-1']) {
      const r = await call<ErrorJson>(sim, path, jane)
      expect(r.status).toBe(403)
      expect(r.json.ErrorMessage).toBe(
        'You do not have permission to perform this action. Please contact your Octopus administrator. Missing permission: UserView'
      )
    }
  })
})

describe('single users', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(() => sim.close())

  it('returns the caller from /api/users/me', async () => {
    const r = await call<UserJson>(sim, '/api/users/me', jane)
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({
      Id: 'Users-2',
      Username: 'jane.doe',
      DisplayName: 'Jane Doe',
      EmailAddress: 'jane.doe@example.com',
      IsService: false,
      IsActive: true,
      IsRequestor: true
    })
    expect(r.json.Links).toMatchObject({
      Self: '/api/users/Users-2',
      ApiKeys: '/api/users/Users-2/apikeys{/id}{?skip,take}'
    })
  })

  it('works with the OIDC bearer token of a service account', async () => {
    const r = await call<UserJson>(sim, '/api/users/me', {
      bearer: seed.serviceBearer
    })
    expect(r.json).toMatchObject({ Username: 'svc-oidc', IsService: true })
  })

  it('lets anyone read their own user, admins read others', async () => {
    expect((await call(sim, '/api/users/Users-2', jane)).status).toBe(200)
    const r = await call<UserJson>(sim, '/api/users/Users-3', admin)
    expect(r.json).toMatchObject({
      Username: 'svc-deploy',
      IsService: true,
      EmailAddress: null,
      IsRequestor: false
    })
  })

  it('answers 404 for an unknown id', async () => {
    const r = await call<ErrorJson>(sim, '/api/users/Users-999', admin)
    expect(r.status).toBe(404)
    expect(r.json).toEqual({
      ErrorMessage: "The resource 'Users-999' was not found."
    })
  })

  it('answers 404 in the Octopus error shape for unknown routes', async () => {
    const r = await call<ErrorJson>(sim, '/api/nothing-here', admin)
    expect(r.status).toBe(404)
    expect(r.headers.get('content-type')).toBe(
      'application/json; charset=utf-8'
    )
    expect(r.json.ErrorMessage).toEqual(expect.any(String))
  })

  it('answers 405 for a known route with the wrong method', async () => {
    const r = await call<ErrorJson>(sim, '/api/users/me', {
      ...admin,
      method: 'PUT'
    })
    expect(r.status).toBe(405)
  })
})

describe('virtual directory prefix', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator({ pathPrefix: '/octopus/' })
  })
  afterAll(() => sim.close())

  it('serves under the prefix and puts it in links', async () => {
    expect(sim.url).toBe(`${sim.origin}/octopus`)
    const root = await call<{ Links: Record<string, string> }>(sim, '/api')
    expect(root.json.Links.Users).toBe(
      '/octopus/api/users{/id}{?skip,take,ids,filter}'
    )
    const r = await call<CollectionJson<UserJson>>(
      sim,
      '/api/users?take=2&filter=svc',
      admin
    )
    expect(r.json.Links['Page.Next']).toBe(
      '/octopus/api/users?skip=2&take=2&filter=svc'
    )
    expect(r.json.Items[0]?.Links.Self).toMatch(/^\/octopus\/api\/users\//)
    // Recorded paths leave the prefix out.
    expect(sim.requests.at(-1)?.path).toBe('/api/users')
  })

  it('answers 404 outside the prefix', async () => {
    const res = await fetch(`${sim.origin}/api`)
    expect(res.status).toBe(404)
    await res.text()
  })
})

describe('spaces (for the sample scripts)', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(() => sim.close())

  it('lists the Default space as a paged collection, to authenticated callers only', async () => {
    const r = await call<CollectionJson<{ Name: string }>>(
      sim,
      '/api/spaces',
      admin
    )
    expect(r.status).toBe(200)
    expect(r.json.ItemType).toBe('Space')
    expect(r.json.Items.map((s) => s.Name)).toEqual(['Default'])
    expect((await call(sim, '/api/spaces')).status).toBe(401)
  })
})
