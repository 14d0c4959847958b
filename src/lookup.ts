import { hasNextPage, type OctopusClient } from './octopus/client.js'
import { ActionError, OctopusError } from './octopus/errors.js'
import type { Page, User } from './octopus/resources.js'
import type { Target } from './settings.js'

/** Finds exactly the account the settings name, or fails saying why. */
export async function findTarget(
  client: OctopusClient,
  target: Target
): Promise<User> {
  const user =
    target.kind === 'self'
      ? await client.me()
      : target.kind === 'id'
        ? await client.user(target.userId)
        : await findUserByUsername(client, target.username)
  if (!user.IsActive) {
    throw new ActionError(
      `The account '${user.Username}' (${user.Id}) is inactive, and Octopus does not let inactive accounts use API keys. ` +
        'Reactivate it in Octopus (Configuration → Users) or name another account.'
    )
  }
  return user
}

/**
 * The `filter` query is a fragment match over username, display name and
 * e-mail, so its first hit proves nothing. Page through the filtered result
 * and keep only usernames equal to the input, ignoring case. A case-exact
 * match wins at once; otherwise a single case-insensitive match is taken, and
 * two or more are ambiguous.
 */
export async function findUserByUsername(
  client: OctopusClient,
  username: string
): Promise<User> {
  const wanted = username.toLowerCase()
  const caseInsensitive: User[] = []
  const nearMisses: string[] = []
  let moreNearMisses = false
  for (let skip = 0; ;) {
    const page = await usersPageOrSelf(client, username, skip)
    if (!('Items' in page)) return page
    for (const user of page.Items) {
      if (user.Username === username) return user
      if (user.Username.toLowerCase() === wanted) caseInsensitive.push(user)
      else if (nearMisses.length < 3) nearMisses.push(user.Username)
      else moreNearMisses = true
    }
    if (!hasNextPage(page)) break
    skip += page.Items.length
  }
  if (caseInsensitive.length === 1) return caseInsensitive[0]
  if (caseInsensitive.length > 1) {
    const names = caseInsensitive.map((u) => `'${u.Username}' (${u.Id})`)
    throw new ActionError(
      `The username '${username}' matches ${names.join(' and ')} when case is ignored, and none exactly. ` +
        `Set 'username' with the exact case, or use 'user_id'.`
    )
  }
  const near =
    nearMisses.length > 0
      ? ` The server's fragment search found only other accounts (${nearMisses.map((n) => `'${n}'`).join(', ')}${moreNearMisses ? ', …' : ''}); a username must match exactly.`
      : ''
  throw new ActionError(
    `No Octopus user or service account has the username '${username}' (input 'username').${near} ` +
      'Check the spelling in Octopus (Configuration → Users), or use user_id.'
  )
}

/**
 * A credential without "View users" may still name its own account: when
 * the listing is refused, ask who the credential is before giving up.
 */
async function usersPageOrSelf(
  client: OctopusClient,
  username: string,
  skip: number
): Promise<Page<User> | User> {
  try {
    return await client.usersPage(username, skip)
  } catch (error) {
    if (!(error instanceof OctopusError) || error.status !== 403 || skip > 0)
      throw error
    const me = await client.me()
    if (me.Username.toLowerCase() === username.toLowerCase()) return me
    throw error
  }
}
