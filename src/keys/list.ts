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
      atOnce: PAGES_AT_ONCE
    },
    (page) => {
      keys.push(...page)
      return false
    }
  )
  return keys
}

/** NaN for an unreadable date, so such a key is never judged old or orphaned. */
export function createdAt(key: ApiKey): number {
  return Date.parse(key.Created)
}
