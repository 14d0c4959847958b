import type { StatusAdvice } from '../advice.js'
import type { OctopusClient } from '../octopus/client.js'
import { PAGES_AT_ONCE, readPages } from '../octopus/paging.js'
import type { ApiKey, User } from '../octopus/resources.js'
import { accountOf } from './account.js'

/**
 * Every key of an account, newest first as Octopus lists them. When the
 * first page says how many there are, the rest come a handful at a time.
 */
export async function listKeys(
  client: Pick<OctopusClient, 'keysPage'>,
  user: User
): Promise<ApiKey[]> {
  const keys: ApiKey[] = []
  await readPages(
    {
      what: `the API keys of ${accountOf(user)}`,
      page: (skip) => client.keysPage(user.Id, skip),
      atOnce: PAGES_AT_ONCE,
      tooMany: (total, limit) =>
        `${accountOf(user)} has ${count(total)} API keys, more than the ${count(limit)} the action reads. ` +
        'Revoke the keys it no longer needs in Octopus (Configuration → Users → the account → API keys), then run again.'
    },
    (page) => {
      keys.push(...page)
      return false
    }
  )
  return keys
}

/**
 * What a refused listing means: Octopus shows an account's keys to those
 * who may view users ("if you can see users, you can see their API keys").
 */
export const LIST_KEYS_ADVICE: StatusAdvice = {
  403: `Listing another account's API keys needs the "View users" permission (UserView): give it to the credential's user.`
}

/** `10,050`. */
export function count(n: number): string {
  return n.toLocaleString('en-US')
}

/** NaN for an unreadable date, so such a key is never judged old or orphaned. */
export function createdAt(key: ApiKey): number {
  return Date.parse(key.Created)
}
