import { failedTo } from '../advice.js'
import type { OctopusClient } from '../octopus/client.js'
import type { ApiKey, User } from '../octopus/resources.js'
import type { Logger } from '../runner/port.js'
import { accountOf } from './create.js'
import { createdAt, floorToSecond, listKeys } from './list.js'
import { revokeAll, revokeByHand } from './revoke.js'

/** What rotation keeps: the new key, and every key created since the cutoff. */
export interface Rotation {
  user: User
  purpose: string
  /** The key this run created. */
  keep: string
  /** Keys created before this instant (by the server's clock) are older than this run. */
  cutoff: Date
}

/**
 * The keys rotation revokes: the same purpose, created before the cutoff
 * (to the second), and not the new key.
 */
export function olderKeys(keys: ApiKey[], rotation: Rotation): ApiKey[] {
  const cutoff = floorToSecond(rotation.cutoff)
  return keys.filter(
    (k) =>
      k.Purpose === rotation.purpose &&
      k.Id !== rotation.keep &&
      createdAt(k) < cutoff
  )
}

/**
 * Rotation: revokes the account's older keys of the same purpose. Keys made
 * since the cutoff are left alone, so jobs rotating the same purpose at the
 * same time keep each other's keys. Returns the ids revoked; a key that
 * could not be revoked is a warning.
 */
export async function revokePrevious(
  client: Pick<OctopusClient, 'keysPage' | 'revokeKey'>,
  rotation: Rotation,
  log: Logger
): Promise<string[]> {
  const { user } = rotation
  const keys = await listKeys(client, user.Id).catch((error: unknown) => {
    throw failedTo(`list the API keys of ${accountOf(user)}`, error)
  })
  const older = olderKeys(keys.value, rotation).map((k) => k.Id)
  const { revoked, failed } = await revokeAll(client, user.Id, older)
  log.info(
    revoked.length > 0
      ? `Revoked ${revoked.length} older key(s) with this purpose: ${revoked.join(', ')}.`
      : 'No older key with this purpose to revoke.'
  )
  for (const { id, reason } of failed)
    log.warning(
      `Could not revoke older key ${id}: ${reason} ${revokeByHand('It is still live')}`
    )
  return revoked
}
