import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  defaultSeed,
  manyUsers,
  startSimulator,
  type Simulator
} from '../../tools/simulator/index.js'
import { call, type PageJson, type UserJson } from './helpers.js'

const seed = defaultSeed()
const admin = { key: seed.adminKey }
const jane = { key: seed.regularKey }
// Users-13 has UserView only.
const auditor = {
  key: seed.credentials.find((c) => c.userId === 'Users-13')?.value
}
const total = seed.users.length + 40

describe('users', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator({ users: [...seed.users, ...manyUsers(40)] })
  })
  afterAll(() => sim.close())

  const page = (path: string, auth = admin) =>
    call<PageJson<UserJson>>(sim, path, auth)
  const names = (r: { json: PageJson<UserJson> }) =>
    r.json.Items.map((u) => u.Username)

  it('pages 30 at a time by default, with Page.Next until the last page', async () => {
    const first = await page('/api/users')
    expect(first.json).toMatchObject({
      TotalResults: total,
      ItemsPerPage: 30,
      NumberOfPages: 2,
      LastPageNumber: 1
    })
    expect(first.json.Links['Page.Next']).toBe('/api/users?skip=30&take=30')
    const last = await page(first.json.Links['Page.Next'] ?? '')
    expect(last.json.Items).toHaveLength(total - 30)
    expect(last.json.Links['Page.Next']).toBeUndefined()
  })

  it('sorts by username ignoring case', async () => {
    const all = await call<UserJson[]>(sim, '/api/users/all', admin)
    const usernames = all.json.map((u) => u.Username)
    const lower = usernames.map((n) => n.toLowerCase())
    expect(lower).toEqual([...lower].sort())
    expect(usernames.indexOf('svc-deploy')).toBeLessThan(
      usernames.indexOf('Svc-Deploy-Old')
    )
    // manyUsers' target sorts last: the worst case for a paging lookup.
    expect(usernames.at(-1)).toBe('svc-target')
  })

  it.each([
    [
      'SVC-DEPLOY',
      [
        'deploy-bot', // display name 'Helper for svc-deploy'
        'ops.team', // email svc-deploy-alerts@example.com
        'svc-deploy',
        'Svc-Deploy-Old',
        'svc-deploy-staging'
      ]
    ],
    ['ci+build@', ['ci+build@example.com']],
    ['build agent', ['build agent']],
    ['dépl-øy', ['dépl-øy']],
    ['nobody-has-this', []]
  ])(
    'filter=%s finds %j: fragments of username, display name or email, any case',
    async (filter, expected) => {
      const r = await page(`/api/users?filter=${encodeURIComponent(filter)}`)
      expect(names(r)).toEqual(expected)
      expect(r.json.TotalResults).toBe(expected.length)
    }
  )

  it('keeps the filter on the page links', async () => {
    const r = await page('/api/users?filter=svc-target&take=30')
    expect(r.json.TotalResults).toBe(40) // every manyUsers name matches
    expect(r.json.Links['Page.Next']).toBe(
      '/api/users?skip=30&take=30&filter=svc-target'
    )
  })

  it('selects by ids, in username order', async () => {
    const r = await page('/api/users?ids=Users-3,Users-1')
    expect(r.json.Items.map((u) => u.Id)).toEqual(['Users-1', 'Users-3'])
  })

  it('answers 400 for a take that is not a whole number', async () => {
    const r = await call(sim, '/api/users?take=-1', admin)
    expect(r.status).toBe(400)
    expect(r.json.ErrorMessage).toBe('There was a problem with your request.')
  })

  it('needs UserView to list or read others, not to read yourself', async () => {
    for (const path of ['/api/users', '/api/users/all', '/api/users/Users-1']) {
      expect((await call(sim, path, jane)).status).toBe(403)
      expect((await call(sim, path, auditor)).status).toBe(200)
    }
    expect((await call(sim, '/api/users/Users-2', jane)).status).toBe(200)
  })

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    const r = await call(sim, '/api/nothing-here', admin)
    expect(r.status).toBe(404)
    expect(r.headers.get('content-type')).toBe(
      'application/json; charset=utf-8'
    )
    expect(r.json.ErrorMessage).toEqual(expect.any(String))
    const put = await call(sim, '/api/users/me', { ...admin, method: 'PUT' })
    expect(put.status).toBe(405)
  })

  it('lists the Default space, for tools that look it up first', async () => {
    const r = await call<PageJson<{ Name: string }>>(sim, '/api/spaces', admin)
    expect(r.json.Items.map((s) => s.Name)).toEqual(['Default'])
    expect((await call(sim, '/api/spaces')).status).toBe(401)
  })
})

describe('under a virtual directory', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator({ pathPrefix: '/octopus/' })
  })
  afterAll(() => sim.close())

  it('answers only under the prefix, and records paths without it', async () => {
    expect(sim.url).toBe(`${sim.origin}/octopus`)
    expect(sim.origin).toBe(`http://127.0.0.1:${sim.port}`)
    expect((await call(sim, '/api/users/me', admin)).status).toBe(200)
    expect(sim.requests.at(-1)?.path).toBe('/api/users/me')
    const outside = await fetch(`${sim.origin}/api`)
    expect(outside.status).toBe(404)
    await outside.text()
  })
})
