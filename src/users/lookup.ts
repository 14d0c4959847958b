import { accountFrom, type Account } from './account.js'
import {
  ActionError,
  failedTo,
  NOT_THE_API,
  OctopusError,
  type StatusAdvice
} from '../errors.js'
import type { OctopusClient } from '../octopus/client.js'
import { readPages } from '../octopus/paging.js'
import type { Page, User } from '../octopus/resources.js'
import { count } from '../phrasing.js'
import type { Target } from '../settings/settings.js'
import { compareUsernames, searchSpelling } from './usernames.js'

/** What a lookup asks of Octopus. */
export type Directory = Pick<OctopusClient, 'me' | 'usersPage'>

const LOOK_UP_SELF = 'look up the credential’s own user'
const LIST_ADVICE: StatusAdvice = {
  403: `The credential's user may not list users: give it the "View users" permission (UserView), or pass 'user_id' instead of 'username'.`,
  // Every Octopus server answers these routes.
  404: NOT_THE_API
}
const SELF_ADVICE: StatusAdvice = { 404: NOT_THE_API }

/**
 * Finds exactly the account the settings name, or fails saying why. An
 * account named by id is not looked up at all: the create names it, and
 * reading it would need "View users" and a round trip. Its record stays
 * unread, so whether it is active or a service account is not checked.
 */
export async function findTarget(
  client: Directory,
  target: Target
): Promise<Account> {
  if (target.kind === 'id') return { id: target.userId }
  const user =
    target.kind === 'username'
      ? await findUserByUsername(client, target.username)
      : await findSelf(client)
  if (!user.IsActive) {
    throw new ActionError(
      `The account '${user.Username}' (${user.Id}) is inactive, and Octopus does not let inactive accounts use API keys. ` +
        'Reactivate it in Octopus (Configuration → Users) or name another account.'
    )
  }
  return accountFrom(user)
}

/** The credential's own account: one request. */
async function findSelf(client: Directory): Promise<User> {
  try {
    return await client.me()
  } catch (error) {
    throw failedTo(LOOK_UP_SELF, error, SELF_ADVICE)
  }
}

/**
 * The `filter` query is a fragment match over username, display name and
 * e-mail, so its first hit proves nothing: page through the filtered result
 * and let `UsernameMatch` keep only usernames equal to the input.
 */
export async function findUserByUsername(
  client: Directory,
  username: string
): Promise<User> {
  const match = new UsernameMatch(username)
  const filter = searchSpelling(username)
  let exact: User | undefined
  await readPages(
    {
      what: `the users matching '${username}'`,
      page: (skip) => usersPageOrSelf(client, filter, skip),
      atOnce: 1, // a match ends the search: read one page at a time
      tooMany: (total, limit) =>
        `${count(total)} users match '${username}' in Octopus's search, more than the ${count(limit)} the action reads. Name the account by 'user_id' instead.`
    },
    (users) => (exact = match.add(users)) !== undefined
  )
  return exact ?? match.result()
}

/**
 * A credential without "View users" may still name its own account: when
 * the listing is refused, ask who the credential is before giving up (its
 * account is then the only page).
 */
async function usersPageOrSelf(
  client: Directory,
  username: string,
  skip: number
): Promise<Page<User>> {
  let refused: unknown
  try {
    return await client.usersPage(username, skip)
  } catch (error) {
    if (!(error instanceof OctopusError) || error.status !== 403 || skip > 0)
      throw failedTo(`look up user "${username}"`, error, LIST_ADVICE)
    refused = error
  }
  const me = await client.me().catch((error: unknown) => {
    throw failedTo(LOOK_UP_SELF, error)
  })
  if (compareUsernames(username, me.Username) !== 'different')
    return { Items: [me] }
  throw failedTo(`look up user "${username}"`, refused, LIST_ADVICE)
}

/**
 * Keeps the usernames equal to the input, ignoring case, page by page. A
 * case-exact match wins at once; otherwise a single case-insensitive match
 * is taken, and two or more are ambiguous.
 */
export class UsernameMatch {
  readonly #username: string
  readonly #caseInsensitive: User[] = []
  readonly #nearMisses: string[] = []
  #moreNearMisses = false

  constructor(username: string) {
    this.#username = username
  }

  /** Takes one page of users; returns the case-exact match, which ends the search. */
  add(users: User[]): User | undefined {
    for (const user of users) {
      const likeness = compareUsernames(this.#username, user.Username)
      if (likeness === 'same') return user
      if (likeness === 'same ignoring case') this.#caseInsensitive.push(user)
      else if (this.#nearMisses.length < 3) this.#nearMisses.push(user.Username)
      else this.#moreNearMisses = true
    }
    return undefined
  }

  /** After the last page: the single case-insensitive match, or why there is none. */
  result(): User {
    const matches = this.#caseInsensitive
    if (matches.length === 1) return matches[0]
    if (matches.length > 1) {
      const names = matches.map((u) => `'${u.Username}' (${u.Id})`)
      throw new ActionError(
        `The username '${this.#username}' matches ${names.join(' and ')} when case is ignored, and none exactly. ` +
          `Set 'username' with the exact case, or use 'user_id'.`
      )
    }
    throw new ActionError(
      `No Octopus user or service account has the username '${this.#username}' (input 'username').${this.#near()} ` +
        'Check the spelling in Octopus (Configuration → Users), or use user_id.'
    )
  }

  #near(): string {
    if (this.#nearMisses.length === 0) return ''
    const names = this.#nearMisses.map((n) => `'${n}'`).join(', ')
    const more = this.#moreNearMisses ? ', …' : ''
    return ` The server's fragment search found only other accounts (${names}${more}); a username must match exactly.`
  }
}
