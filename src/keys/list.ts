import { failedTo, type StatusAdvice } from '../errors.js'
import type { OctopusClient } from '../octopus/client.js'
import { PAGES_AT_ONCE, readPages } from '../octopus/paging.js'
import type { ApiKey } from '../octopus/resources.js'
import { count } from '../phrasing.js'
import { accountOf, type Account } from '../users/account.js'

/**
 * What a refused listing means: Octopus shows an account's keys to those
 * who may view users ("if you can see users, you can see their API keys").
 */
export const LIST_KEYS_ADVICE: StatusAdvice = {
  403: `Listing another account's API keys needs the "View users" permission (UserView): give it to the credential's user.`
}

/**
 * Every key of an account, newest first as Octopus lists them. When the
 * first page says how many there are, the rest come a handful at a time.
 * A failure says it was listing them, and what a status means (`advice`:
 * by default, as for another account's keys).
 */
export async function listKeys(
  client: Pick<OctopusClient, 'keysPage'>,
  account: Account,
  advice = LIST_KEYS_ADVICE
): Promise<ApiKey[]> {
  const keys: ApiKey[] = []
  const name = accountOf(account)
  try {
    await readPages(
      {
        what: `the API keys of ${name}`,
        page: (skip) => client.keysPage(account.id, skip),
        atOnce: PAGES_AT_ONCE,
        tooMany: (total, limit) =>
          `${name} has ${count(total)} API keys, more than the ${count(limit)} the action reads. ` +
          'Revoke the keys it no longer needs in Octopus (Configuration → Users → the account → API keys), then run again.'
      },
      (page) => {
        keys.push(...page)
        return false
      }
    )
  } catch (error) {
    throw failedTo(`list the API keys of ${name}`, error, advice)
  }
  return keys
}

/** NaN for an unreadable date, so such a key is never judged old or orphaned. */
export function createdAt(key: ApiKey): number {
  return Date.parse(key.Created)
}
