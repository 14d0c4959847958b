import { isCredentialKey } from '../credential/credential.js'
import { ActionError } from '../errors.js'
import { listKeys } from './list.js'
import type { OctopusClient } from '../octopus/client.js'
import type { ApiKey, User } from '../octopus/resources.js'
import { capitalised, sourceName } from '../phrasing.js'
import type { Speech } from '../runner/logger.js'
import {
  chooseExpiry,
  creatorName,
  type CreatorLife
} from '../settings/expiry.js'
import type { Settings } from '../settings/settings.js'
import { accountFrom, accountOf } from '../users/account.js'

/** What the run knows of the creating credential's expiry. */
export interface Creator {
  /** When it expires; undefined when it never does or that is not known. */
  life?: CreatorLife
  /** Why its expiry could not be known, when it could not. */
  unknown?: unknown
  /** The keys of the creating key's account, as listed to find it. */
  listing?: { user: User; keys: ApiKey[] }
}

/** What the check asks of Octopus: who the credential is, and that account's keys. */
export type CreatorDirectory = Pick<OctopusClient, 'keysPage'> & {
  me(): Promise<User>
}

/**
 * The creating credential's expiry. An access token says it in its `exp`;
 * an API key is found among its account's keys by its hint (the key's
 * first characters). Never fails for want of an answer: the run then goes
 * on without the bound, and says why.
 */
export async function checkCreator(
  directory: CreatorDirectory,
  settings: Pick<Settings, 'credential' | 'token'>
): Promise<Creator> {
  const { credential } = settings
  if (credential.kind === 'bearer') return { life: settings.token }
  try {
    const user = await directory.me()
    // Its own keys: no permission but its own is needed.
    const keys = await listKeys(directory, accountFrom(user), {})
    const own = keys.filter(isCredentialKey(credential))
    const life = keyLife(own, sourceName(credential.source), user, keys)
    return { ...life, listing: { user, keys } }
  } catch (error) {
    // The run goes on without the bound; a bug is still a bug.
    if (error instanceof ActionError) return { unknown: error }
    throw error
  }
}

/**
 * The expiry of the credential's key among `own` (two keys may share a
 * hint: the earliest expiry counts, as the safer bound).
 */
function keyLife(
  own: ApiKey[],
  from: string,
  user: User,
  keys: ApiKey[]
): Creator {
  if (own.length === 0)
    return {
      unknown: new ActionError(
        `none of the ${keys.length} API keys of ${accountOf(accountFrom(user))} begins with the credential's first characters`
      )
    }
  const dates = own
    .filter((k) => k.Expires != null)
    .map((k) => Date.parse(k.Expires ?? ''))
  if (dates.some(Number.isNaN))
    return {
      unknown: new ActionError(
        'Octopus lists its expiry in a form the action cannot read'
      )
    }
  if (dates.length === 0) return {}
  return {
    life: { kind: 'apikey', expires: new Date(Math.min(...dates)), from }
  }
}

/** Below this, every run warns that the creating API key is about to expire. */
export const CREATOR_WARNING_DAYS = 14
const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/**
 * The expiry to ask for, after saying what the check found: that it could
 * not check, or that the creating API key is about to expire. Throws when
 * the `expires` input cannot fit the creating key.
 */
export function expiryFor(
  settings: Pick<Settings, 'expires' | 'revokeAfterJob' | 'credential'>,
  creator: Creator,
  now: Date,
  { log, describe }: Speech
): { date: Date; why: string } {
  if (creator.unknown !== undefined)
    log.info(
      `Could not check when the API key in ${sourceName(settings.credential.source)} expires (${describe(creator.unknown)}); going on without that bound.`
    )
  const soon = expiringSoon(creator.life, now)
  if (soon !== undefined) log.warning(soon)
  const choice = chooseExpiry(settings.expires, {
    now,
    revokeAfterJob: settings.revokeAfterJob,
    creator: creator.life
  })
  if ('problem' in choice) throw new ActionError(choice.problem)
  if (choice.warning !== undefined) log.warning(choice.warning)
  return choice
}

/** The warning for a creating API key that expires within `CREATOR_WARNING_DAYS`. */
export function expiringSoon(
  life: CreatorLife | undefined,
  now: Date
): string | undefined {
  if (life?.kind !== 'apikey') return undefined
  const left = life.expires.getTime() - now.getTime()
  if (left >= CREATOR_WARNING_DAYS * DAY_MS) return undefined
  const days = Math.round(left / DAY_MS)
  const hours = Math.max(1, Math.round(left / HOUR_MS))
  const when =
    days >= 1
      ? `in ${days} day${days === 1 ? '' : 's'}`
      : `in ${hours} hour${hours === 1 ? '' : 's'}`
  return (
    `${capitalised(creatorName(life))} expires at ${life.expires.toISOString()}, ${when}, and every key made with it expires by then too: the workflows that use them will break. ` +
    `Create a new API key for its account in Octopus and put it in the secret before then.`
  )
}
