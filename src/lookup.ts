import { failedTo, type StatusAdvice } from './advice.js'
import { ActionError, OctopusError } from './errors.js'
import type { Answered, OctopusClient } from './octopus/client.js'
import { hasNextPage, type Page, type User } from './octopus/resources.js'
import type { Target } from './settings/settings.js'

/** What a lookup asks of Octopus. */
export type Directory = Pick<OctopusClient, 'me' | 'user' | 'usersPage'>

/** The account the key is for, and the server's clock around its lookup. */
export interface Found {
  user: User
  /** At the lookup's first answer: when this run started, by the server's clock. */
  firstAnswer: Date | undefined
  /** At its last answer: a key made after this was made after the lookup. */
  lastAnswer: Date | undefined
}

const LOOK_UP_SELF = 'look up the credential’s own user'
const BY_ID_ADVICE: StatusAdvice = {
  404: `No user or service account has this id; check the 'user_id' input.`,
  403: `The credential's user may not view other users: give it the "View users" permission (UserView).`
}
const LIST_ADVICE: StatusAdvice = {
  403: `The credential's user may not list users: give it the "View users" permission (UserView), or pass 'user_id' instead of 'username'.`
}

/** Finds exactly the account the settings name, or fails saying why. */
export async function findTarget(
  client: Directory,
  target: Target
): Promise<Found> {
  const found =
    target.kind === 'username'
      ? await findUserByUsername(client, target.username)
      : await findDirectly(client, target)
  const { user } = found
  if (!user.IsActive) {
    throw new ActionError(
      `The account '${user.Username}' (${user.Id}) is inactive, and Octopus does not let inactive accounts use API keys. ` +
        'Reactivate it in Octopus (Configuration → Users) or name another account.'
    )
  }
  return found
}

/** The credential's own account, or one by id: one request. */
async function findDirectly(
  client: Directory,
  target: Exclude<Target, { kind: 'username' }>
): Promise<Found> {
  try {
    const { value, serverTime } =
      target.kind === 'self'
        ? await client.me()
        : await client.user(target.userId)
    return { user: value, firstAnswer: serverTime, lastAnswer: serverTime }
  } catch (error) {
    throw target.kind === 'self'
      ? failedTo(LOOK_UP_SELF, error)
      : failedTo(`look up user ${target.userId}`, error, BY_ID_ADVICE)
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
): Promise<Found> {
  const match = new UsernameMatch(username)
  let firstAnswer: Date | undefined
  let lastAnswer: Date | undefined
  for (let skip = 0; ;) {
    const answer = await usersPageOrSelf(client, username, skip)
    firstAnswer ??= answer.serverTime
    lastAnswer = answer.serverTime ?? lastAnswer
    const page = answer.value
    const exact = 'Items' in page ? match.add(page.Items) : page
    if (exact) return { user: exact, firstAnswer, lastAnswer }
    if (!('Items' in page) || !hasNextPage(page)) break
    skip += page.Items.length
  }
  return { user: match.result(), firstAnswer, lastAnswer }
}

/**
 * A credential without "View users" may still name its own account: when
 * the listing is refused, ask who the credential is before giving up.
 */
async function usersPageOrSelf(
  client: Directory,
  username: string,
  skip: number
): Promise<Answered<Page<User> | User>> {
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
  if (me.value.Username.toLowerCase() === username.toLowerCase()) return me
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
    const wanted = this.#username.toLowerCase()
    for (const user of users) {
      if (user.Username === this.#username) return user
      if (user.Username.toLowerCase() === wanted)
        this.#caseInsensitive.push(user)
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
