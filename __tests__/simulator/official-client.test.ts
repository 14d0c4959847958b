// Holds the simulator to Octopus's own TypeScript client
// (@octopusdeploy/api-client, pinned dev dependency): the client reads the
// root document, resolves the simulator's links and URI templates as it
// would a real server's, and reports the simulator's error bodies. A
// simulator that drifts from what that client reads fails here.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  Client,
  userGetCurrent,
  type ResourceCollection
} from '@octopusdeploy/api-client'
// The client throws this type for every error answer but does not re-export it.
import { OctopusError } from '@octopusdeploy/api-client/dist/octopusError.js'
import {
  DEFAULT_VERSION,
  defaultSeed,
  startSimulator,
  type Simulator
} from '../../tools/simulator/index.js'

const seed = defaultSeed()

interface Root {
  Version: string
  ApiVersion: string
  Links: { CurrentUser: string; Users: string }
}

interface User {
  Id: string
  Username: string
  IsService: boolean
  IsRequestor: boolean
  Links: { Self: string; ApiKeys: string }
}

/** A key as listed (`ApiKey` an object) or as created (`ApiKey` a string). */
interface Key<Value = { HasValue: boolean; NewValue: null; Hint: string }> {
  Id: string
  Purpose: string
  ApiKey: Value
  Created: string
  Links: { Self: string }
}

/** Follows `Page.Next` as the client would, collecting every item. */
async function allPages<T>(
  client: Client,
  first: ResourceCollection<T>
): Promise<T[]> {
  const items = [...first.Items]
  let next = first.Links['Page.Next']
  while (next !== undefined) {
    const page = await client.get<ResourceCollection<T>>(next)
    items.push(...page.Items)
    next = page.Links['Page.Next']
  }
  return items
}

/** The rejection the client reports: its error type, status and message. */
async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(OctopusError)
  const { StatusCode, message } = error as OctopusError
  return { StatusCode, message }
}

// axios, inside the client, would send through HTTP(S)_PROXY if one were set.
// (Jest gives each test file its own copy of process.env.)
process.env.no_proxy = process.env.NO_PROXY = '*'

describe.each([
  ['at the root', ''],
  ['under a virtual directory', '/octopus']
])('@octopusdeploy/api-client against the simulator %s', (_, pathPrefix) => {
  let sim: Simulator
  let client: Client
  let root: Root
  // What the client saw answered; Client.create's own GET /api comes first.
  const answered: string[] = []

  async function connect(
    credential: { apiKey?: string; accessToken?: string } = {}
  ): Promise<Client> {
    const c = await Client.create({
      instanceURL: sim.url,
      ...credential,
      userAgentApp: 'simulator-fidelity-test'
    })
    answered.push(`${sim.url}/api`)
    c.subscribeToResponses('record', (r) => answered.push(r.url))
    c.subscribeToErrors('record', (r) => answered.push(r.url))
    return c
  }

  beforeAll(async () => {
    sim = await startSimulator({ pathPrefix })
    client = await connect({ apiKey: seed.adminKey })
    root = await client.get<Root>('~/api')
  })
  afterAll(() => sim.close())

  it('reads the root document and its link templates', async () => {
    expect(await client.getServerInformation()).toMatchObject({
      version: DEFAULT_VERSION
    })
    expect(root).toMatchObject({
      Version: DEFAULT_VERSION,
      ApiVersion: '3.0.0'
    })
    expect(root.Links).toMatchObject({
      CurrentUser: `${pathPrefix}/api/users/me`,
      Users: `${pathPrefix}/api/users{/id}{?skip,take,ids,filter}`
    })
  })

  it('gets the current user, by its helper and by the CurrentUser link', async () => {
    expect(await userGetCurrent(client)).toMatchObject({
      Id: 'Users-1',
      Username: 'admin',
      IsRequestor: true
    })
    const me = await client.get<User>(root.Links.CurrentUser)
    expect(me.Links.Self).toBe(`${pathPrefix}/api/users/Users-1`)
    const oidc = await connect({ accessToken: seed.serviceBearer })
    expect(await userGetCurrent(oidc)).toMatchObject({ Username: 'svc-oidc' })
  })

  it('pages through a filtered user list by following Page.Next', async () => {
    const first = await client.get<ResourceCollection<User>>(root.Links.Users, {
      filter: 'svc-deploy',
      take: 2
    })
    expect(first).toMatchObject({ ItemType: 'User', TotalResults: 5 })
    expect(first.Links['Page.Next']).toBe(
      `${pathPrefix}/api/users?skip=2&take=2&filter=svc-deploy`
    )
    const users = await allPages(client, first)
    expect(users.map((u) => u.Username)).toEqual([
      'deploy-bot',
      'ops.team',
      'svc-deploy',
      'Svc-Deploy-Old',
      'svc-deploy-staging'
    ])
  })

  it('keeps an encoded filter intact on the links it follows', async () => {
    const first = await client.get<ResourceCollection<User>>(root.Links.Users, {
      filter: 'ci+build@',
      take: 1
    })
    const users = await allPages(client, first)
    expect(users.map((u) => u.Username)).toEqual(['ci+build@example.com'])
  })

  it('gets every user from /api/users/all, and one by id', async () => {
    const all = await client.get<User[]>('~/api/users/all')
    expect(all).toHaveLength(seed.users.length)
    const one = await client.get<User>(root.Links.Users, { id: 'Users-3' })
    expect(one).toMatchObject({ Username: 'svc-deploy', IsService: true })
  })

  it('creates, lists, gets and revokes keys through the ApiKeys link', async () => {
    const user = await client.get<User>(root.Links.Users, { id: 'Users-4' })
    const created: Key<string>[] = []
    for (const purpose of ['first', 'second', 'third']) {
      created.push(
        await client.post<Key<string>>(user.Links.ApiKeys, {
          Purpose: purpose,
          Expires: new Date(Date.now() + 86_400_000).toISOString(),
          UserId: user.Id
        })
      )
    }
    const newest = created[2]
    expect(newest.ApiKey).toMatch(/^API-[A-Z0-9]+$/)
    expect(newest.Links.Self).toBe(
      `${pathPrefix}/api/users/Users-4/apikeys/${newest.Id}`
    )

    const first = await client.get<ResourceCollection<Key>>(
      user.Links.ApiKeys,
      { take: 2 }
    )
    const keys = await allPages(client, first)
    expect(keys.map((k) => k.Purpose)).toEqual(['third', 'second', 'first'])
    expect(keys[0]?.ApiKey).toEqual({
      HasValue: true,
      NewValue: null,
      Hint: newest.ApiKey.slice(0, 8)
    })
    expect(JSON.stringify(keys)).not.toContain(newest.ApiKey)

    const one = await client.get<Key>(user.Links.ApiKeys, { id: newest.Id })
    expect(one).toMatchObject({ Id: newest.Id, Created: newest.Created })

    expect(await client.del(newest.Links.Self)).toEqual({})
    expect(await failure(client.get(newest.Links.Self))).toEqual({
      StatusCode: 404,
      message: `The resource '${newest.Id}' was not found.`
    })
  })

  it('reports a 400 as ErrorMessage and Errors, one per line', async () => {
    const user = await client.get<User>(root.Links.Users, { id: 'Users-3' })
    expect(await failure(client.post(user.Links.ApiKeys, {}))).toEqual({
      StatusCode: 400,
      message:
        'There was a problem with your request.\nPlease provide a purpose for the API key.'
    })
  })

  it('reports 401 without a key and with an unknown key', async () => {
    const anonymous = await connect()
    expect(await failure(userGetCurrent(anonymous))).toEqual({
      StatusCode: 401,
      message:
        'You must be logged in to perform this action. Please provide a valid API key or log in again.'
    })
    const unknown = await connect({ apiKey: 'API-AAAAAAAAAAAAAAAAAAAAAAAAAA' })
    expect(await failure(userGetCurrent(unknown))).toEqual({
      StatusCode: 401,
      message:
        'The API key you provided was not valid. Please double-check your API key and try again. For instructions on finding your API key, please visit: https://oc.to/ApiKey'
    })
  })

  it('reports 403 with the missing permission, and 404 for an unknown user', async () => {
    const jane = await connect({ apiKey: seed.regularKey })
    expect(await failure(jane.get(root.Links.Users, { take: 1 }))).toEqual({
      StatusCode: 403,
      message:
        'You do not have permission to perform this action. Please contact your Octopus administrator. Missing permission: UserView'
    })
    expect(
      await failure(client.get(root.Links.Users, { id: 'Users-999' }))
    ).toEqual({
      StatusCode: 404,
      message: "The resource 'Users-999' was not found."
    })
  })

  it('sent every request to the simulator on 127.0.0.1 (runs last)', () => {
    expect(answered.length).toBeGreaterThan(10)
    for (const url of answered)
      expect(url.startsWith(`${sim.url}/api`)).toBe(true)
    expect(sim.url.startsWith('http://127.0.0.1:')).toBe(true)
    expect(sim.requests).toHaveLength(answered.length)
  })
})
