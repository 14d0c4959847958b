import { describe, it, expect } from '@jest/globals'
import type { HttpRequest } from '../../src/http/transport.js'
import { findTarget, findUserByUsername } from '../../src/lookup.js'
import { OctopusClient, USERS_PAGE_SIZE } from '../../src/octopus/client.js'
import { ActionError } from '../../src/octopus/errors.js'
import { fakeTransport, json, rejection, testPolicy } from './fakes.js'

interface DirectoryUser {
  Id: string
  Username: string
  DisplayName?: string
  EmailAddress?: string | null
  IsActive?: boolean
  IsService?: boolean
}

const SERVER = 'https://octopus.example.com'

/**
 * An Octopus users endpoint in memory: `filter` is a case-insensitive
 * fragment match over username, display name and e-mail (as the contract
 * says), answers keep the given order, and a page holds at most `maxTake`.
 */
function directory(
  users: DirectoryUser[],
  options: { me?: string; maxTake?: number } = {}
) {
  const full = users.map((u) => ({
    DisplayName: u.Username,
    EmailAddress: null,
    IsActive: true,
    IsService: true,
    ...u
  }))
  const transport = fakeTransport((request: HttpRequest) => {
    const url = new URL(request.url)
    const path = url.pathname
    if (path === '/api/users') {
      const filter = (url.searchParams.get('filter') ?? '').toLowerCase()
      const skip = Number(url.searchParams.get('skip') ?? 0)
      const take = Math.min(
        Number(url.searchParams.get('take') ?? 30),
        options.maxTake ?? Infinity
      )
      const matching = full.filter((u) =>
        [u.Username, u.DisplayName, u.EmailAddress ?? ''].some((f) =>
          f.toLowerCase().includes(filter)
        )
      )
      const links: Record<string, string> = { Self: path }
      if (skip + take < matching.length)
        links['Page.Next'] = `/api/users?skip=${skip + take}&take=${take}`
      return json(200, {
        ItemType: 'User',
        TotalResults: matching.length,
        ItemsPerPage: take,
        Items: matching.slice(skip, skip + take),
        Links: links
      })
    }
    const id =
      path === '/api/users/me'
        ? options.me
        : /^\/api\/users\/([^/]+)$/.exec(path)?.[1]
    const user = full.find((u) => u.Id === id)
    if (user) return json(200, user)
    return json(404, { ErrorMessage: `The resource '${id}' was not found.` })
  })
  const client = new OctopusClient({
    server: SERVER,
    credential: { kind: 'apikey', value: 'API-TESTKEY0123456789ABCDEF' },
    transport,
    retry: testPolicy(1),
    timeoutSeconds: 30
  })
  const lookups = () =>
    transport.requests
      .map((r) => new URL(r.url))
      .filter((u) => u.pathname === '/api/users')
  return { client, transport, lookups }
}

/** `count` accounts that all match `fragment` without being it. */
function partialMatches(
  count: number,
  fragment = 'svc-target'
): DirectoryUser[] {
  const kinds = [
    (i: number) => ({ Username: `my-${fragment}-${i}` }),
    (i: number) => ({
      Username: `bot-${i}`,
      DisplayName: `${fragment} helper ${i}`
    }),
    (i: number) => ({
      Username: `agent-${i}`,
      EmailAddress: `${fragment}.${i}@example.com`
    }),
    (i: number) => ({ Username: `OLD-${fragment.toUpperCase()}-${i}` })
  ]
  return Array.from({ length: count }, (_, i) => ({
    Id: `Users-${1000 + i}`,
    ...kinds[i % kinds.length](i)
  }))
}

describe('findUserByUsername', () => {
  it('finds the exact username among more fragment matches than fit on one page', async () => {
    const fillers = partialMatches(2 * USERS_PAGE_SIZE + 37)
    const { client, lookups } = directory([
      ...fillers,
      { Id: 'Users-42', Username: 'svc-target' }
    ])
    const user = await findUserByUsername(client, 'svc-target')
    expect(user.Id).toBe('Users-42')
    expect(user.Username).toBe('svc-target')
    const pages = lookups()
    expect(pages).toHaveLength(3)
    expect(pages.map((u) => u.searchParams.get('skip'))).toEqual([
      '0',
      String(USERS_PAGE_SIZE),
      String(2 * USERS_PAGE_SIZE)
    ])
    for (const page of pages) {
      expect(page.searchParams.get('filter')).toBe('svc-target')
      expect(page.searchParams.get('take')).toBe(String(USERS_PAGE_SIZE))
    }
  })

  it('stops paging at the exact match', async () => {
    const { client, lookups } = directory([
      { Id: 'Users-42', Username: 'svc-target' },
      ...partialMatches(3 * USERS_PAGE_SIZE)
    ])
    expect((await findUserByUsername(client, 'svc-target')).Id).toBe('Users-42')
    expect(lookups()).toHaveLength(1)
  })

  it('pages by what the server returned when it caps the page size', async () => {
    const { client, lookups } = directory(
      [...partialMatches(65), { Id: 'Users-42', Username: 'svc-target' }],
      { maxTake: 30 }
    )
    expect((await findUserByUsername(client, 'svc-target')).Id).toBe('Users-42')
    expect(lookups().map((u) => u.searchParams.get('skip'))).toEqual([
      '0',
      '30',
      '60'
    ])
  })

  it.each([
    ['SVC-Deploy', 'svc-deploy'],
    ['svc-deploy', 'SVC-DEPLOY'],
    ['DÉPL-ØY', 'dépl-øy']
  ])(
    'takes the single case-insensitive match (%s → %s)',
    async (input, stored) => {
      const { client } = directory([
        { Id: 'Users-4', Username: `${stored}-staging` },
        { Id: 'Users-3', Username: stored },
        { Id: 'Users-5', Username: 'helper', DisplayName: input }
      ])
      expect((await findUserByUsername(client, input)).Id).toBe('Users-3')
    }
  )

  it.each([
    ['deploy', 'Users-21'],
    ['Deploy', 'Users-20']
  ])(
    'prefers the case-exact username over a case variant (%s)',
    async (input, id) => {
      const { client } = directory([
        { Id: 'Users-20', Username: 'Deploy' },
        { Id: 'Users-21', Username: 'deploy' }
      ])
      expect((await findUserByUsername(client, input)).Id).toBe(id)
    }
  )

  it('keeps paging past a case variant to find the case-exact match', async () => {
    const { client, lookups } = directory([
      { Id: 'Users-20', Username: 'SVC-TARGET' },
      ...partialMatches(USERS_PAGE_SIZE + 10),
      { Id: 'Users-21', Username: 'svc-target' }
    ])
    expect((await findUserByUsername(client, 'svc-target')).Id).toBe('Users-21')
    expect(lookups()).toHaveLength(2)
  })

  it('two case variants and no exact match are ambiguous', async () => {
    const { client, lookups } = directory([
      { Id: 'Users-20', Username: 'Deploy' },
      ...partialMatches(USERS_PAGE_SIZE, 'deploy'),
      { Id: 'Users-22', Username: 'DEPLOY' }
    ])
    const error = await rejection(findUserByUsername(client, 'deploy'))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain(`'Deploy' (Users-20)`)
    expect(error.message).toContain(`'DEPLOY' (Users-22)`)
    expect(error.message).toContain('user_id')
    expect(lookups()).toHaveLength(2)
  })

  it('display names and e-mail addresses never count as the username', async () => {
    const { client } = directory([
      {
        Id: 'Users-6',
        Username: 'ops.team',
        DisplayName: 'svc-deploy',
        EmailAddress: 'svc-deploy@example.com'
      },
      { Id: 'Users-7', Username: 'helper', DisplayName: 'SVC-DEPLOY' },
      { Id: 'Users-8', Username: 'mailer', EmailAddress: 'svc-deploy' }
    ])
    const error = await rejection(findUserByUsername(client, 'svc-deploy'))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain(`username 'svc-deploy'`)
    expect(error.message).toContain(`'ops.team'`)
  })

  it('not found: lists up to three near misses, then an ellipsis', async () => {
    const { client } = directory([
      { Id: 'Users-1', Username: 'svc-deploy-a' },
      { Id: 'Users-2', Username: 'svc-deploy-b' },
      { Id: 'Users-3', Username: 'svc-deploy-c' },
      { Id: 'Users-4', Username: 'svc-deploy-d' },
      { Id: 'Users-5', Username: 'svc-deploy-e' }
    ])
    const error = await rejection(findUserByUsername(client, 'svc-deploy'))
    expect(error.message).toContain(
      `('svc-deploy-a', 'svc-deploy-b', 'svc-deploy-c', …)`
    )
    expect(error.message).not.toContain('svc-deploy-d')
    expect(error.message).toContain(`'username'`)
  })

  it.each([1, 2, 3])(
    'not found with %d near misses lists them all, without an ellipsis',
    async (count) => {
      const names = ['svc-deploy-a', 'svc-deploy-b', 'svc-deploy-c'].slice(
        0,
        count
      )
      const { client } = directory(
        names.map((Username, i) => ({ Id: `Users-${i + 1}`, Username }))
      )
      const error = await rejection(findUserByUsername(client, 'svc-deploy'))
      expect(error.message).toContain(
        `(${names.map((n) => `'${n}'`).join(', ')})`
      )
      expect(error.message).not.toContain('…')
    }
  )

  it('not found with no fragment match at all says so plainly', async () => {
    const { client } = directory([{ Id: 'Users-1', Username: 'admin' }])
    const error = await rejection(findUserByUsername(client, 'nobody'))
    expect(error.message).toContain(`username 'nobody'`)
    expect(error.message).not.toContain('fragment search found')
  })

  it.each(['ci+build@example.com', 'build agent', 'a&b=c?d', 'dépl-øy'])(
    'sends %j so the server sees exactly that fragment',
    async (name) => {
      const { client, lookups } = directory([
        { Id: 'Users-9', Username: `${name}-x` },
        { Id: 'Users-8', Username: name }
      ])
      expect((await findUserByUsername(client, name)).Id).toBe('Users-8')
      expect(lookups()[0].searchParams.get('filter')).toBe(name)
    }
  )
})

describe('findTarget', () => {
  const users: DirectoryUser[] = [
    { Id: 'Users-1', Username: 'admin', IsService: false },
    { Id: 'Users-3', Username: 'svc-deploy' },
    { Id: 'Users-7', Username: 'svc-retired', IsActive: false }
  ]

  it('self is the credential’s own user', async () => {
    const { client, transport } = directory(users, { me: 'Users-1' })
    const user = await findTarget(client, { kind: 'self' })
    expect(user).toMatchObject({
      Id: 'Users-1',
      Username: 'admin',
      IsService: false
    })
    expect(transport.requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/api/users/me'
    ])
  })

  it('an id is fetched directly, without a search', async () => {
    const { client, transport } = directory(users)
    const user = await findTarget(client, { kind: 'id', userId: 'Users-3' })
    expect(user).toMatchObject({
      Id: 'Users-3',
      Username: 'svc-deploy',
      IsService: true
    })
    expect(transport.requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/api/users/Users-3'
    ])
  })

  it('an unknown id names the user_id input', async () => {
    const { client } = directory(users)
    const error = await rejection(
      findTarget(client, { kind: 'id', userId: 'Users-99' })
    )
    expect(error.message).toContain('404')
    expect(error.message).toContain(`'user_id'`)
  })

  it.each([
    ['username', { kind: 'username', username: 'svc-retired' }],
    ['id', { kind: 'id', userId: 'Users-7' }],
    ['self', { kind: 'self' }]
  ] as const)('an inactive account is refused (by %s)', async (_, target) => {
    const { client } = directory(users, { me: 'Users-7' })
    const error = await rejection(findTarget(client, target))
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain(`'svc-retired' (Users-7) is inactive`)
  })
})
