import { describe, expect, it } from '@jest/globals'
import { OctopusError } from '../../src/errors.js'
import {
  findTarget,
  UsernameMatch,
  type Directory
} from '../../src/users/lookup.js'
import type { Page, User } from '../../src/octopus/resources.js'
import { rejection } from './fakes.js'

/** Users named in order, Users-1 first. */
const users = (...names: string[]): User[] =>
  names.map((Username, i) => ({
    Id: `Users-${i + 1}`,
    Username,
    IsActive: !Username.includes('retired'),
    IsService: true
  }))

/** The username a match settles on, or the error it gives. */
function matched(username: string, names: string[]): string {
  const match = new UsernameMatch(username)
  try {
    return (match.add(users(...names)) ?? match.result()).Username
  } catch (error) {
    return (error as Error).message
  }
}

describe('UsernameMatch: exactly the username, ignoring case', () => {
  it.each([
    ['SVC-Deploy', ['svc-deploy-staging', 'svc-deploy'], 'svc-deploy'],
    ['DÉPL-ØY', ['dépl-øy'], 'dépl-øy'],
    ['deploy', ['Deploy', 'deploy'], 'deploy'],
    ['Deploy', ['Deploy', 'deploy'], 'Deploy']
  ])('%j among %j is %j', (input, names, username) => {
    expect(matched(input, names)).toBe(username)
  })

  it.each([
    [
      ['Deploy', 'DEPLOY'],
      `The username 'deploy' matches 'Deploy' (Users-1) and 'DEPLOY' (Users-2) when case is ignored, and none exactly.`
    ],
    [
      [],
      `No Octopus user or service account has the username 'deploy' (input 'username'). Check the spelling`
    ],
    [
      ['a-deploy', 'b-deploy'],
      `found only other accounts ('a-deploy', 'b-deploy'); a username must match exactly.`
    ],
    [
      ['a-deploy', 'b-deploy', 'c-deploy', 'd-deploy'],
      `found only other accounts ('a-deploy', 'b-deploy', 'c-deploy', …)`
    ]
  ])('none among %j: %s', (names, says) => {
    expect(matched('deploy', names)).toContain(says)
  })
})

/**
 * A directory in memory: `filter` matches usernames by fragment, ignoring
 * case; a page holds at most `maxTake`; without `listing` the listing is
 * refused (403).
 */
function directory(
  all: User[],
  { me = 'Users-1', maxTake = 100, listing = true } = {}
): Directory & { pages: number } {
  const byId = (id: string) => {
    const found = all.find((u) => u.Id === id)
    return found
      ? Promise.resolve(found)
      : Promise.reject(new OctopusError('HTTP 404 Not Found', 404, 'status'))
  }
  const dir = {
    pages: 0,
    me: () => byId(me),
    user: byId,
    usersPage(filter: string, skip: number) {
      dir.pages++
      if (!listing)
        return Promise.reject(new OctopusError('HTTP 403', 403, 'status'))
      const hits = all.filter((u) =>
        u.Username.toLowerCase().includes(filter.toLowerCase())
      )
      const page: Page<User> = {
        Items: hits.slice(skip, skip + maxTake),
        Links: skip + maxTake < hits.length ? { 'Page.Next': 'next' } : {}
      }
      return Promise.resolve(page)
    }
  }
  return dir
}

const others = (n: number) =>
  Array.from({ length: n }, (_, i) => `my-svc-target-${i}`)
const byName = (username: string) => ({ kind: 'username', username }) as const

describe('findTarget', () => {
  it('pages by what the server returned', async () => {
    const dir = directory(users(...others(65), 'svc-target'), { maxTake: 30 })
    const found = await findTarget(dir, byName('svc-target'))
    expect(found.id).toBe('Users-66')
    expect(dir.pages).toBe(3)
  })

  it('stops at the first case-exact username', async () => {
    const dir = directory(users('svc-target', ...others(300)))
    expect((await findTarget(dir, byName('svc-target'))).id).toBe('Users-1')
    expect(dir.pages).toBe(1)
  })

  it('keeps paging past a case variant to the case-exact username', async () => {
    const dir = directory(users('svc-TARGET', ...others(150), 'svc-target'))
    expect((await findTarget(dir, byName('svc-target'))).id).toBe('Users-152')
  })

  it('a credential that may not list users may still name its own account', async () => {
    const dir = directory(users('Jane.Doe'), { listing: false })
    expect((await findTarget(dir, byName('jane.doe'))).id).toBe('Users-1')
  })

  it('an account named by id is taken as it is, without a request', async () => {
    const asked = (): never => {
      throw new Error('a request was made')
    }
    const found = await findTarget(
      { me: asked, usersPage: asked },
      { kind: 'id', userId: 'Users-2' }
    )
    // Nothing of it is known but its id: no record to say otherwise.
    expect(found).toEqual({ id: 'Users-2' })
  })

  it.each([byName('svc-retired'), { kind: 'self' }] as const)(
    'an inactive account is refused (%j)',
    async (target) => {
      const dir = directory(users('admin', 'svc-retired'), { me: 'Users-2' })
      expect((await rejection(findTarget(dir, target))).message).toMatch(
        /^The account 'svc-retired' \(Users-2\) is inactive/
      )
    }
  )
})
