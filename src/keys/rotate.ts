import { createdAt } from './list.js'
import type { OctopusClient } from '../octopus/client.js'
import type { ApiKey } from '../octopus/resources.js'
import { revokeByHand } from '../phrasing.js'
import { revokeAll, type RevokeResult } from './revoke.js'
import type { Speech } from '../runner/logger.js'
import type { Account } from '../users/account.js'

/** What rotation needs to know: whose keys, which purpose, and which to keep. */
export interface Rotation {
  account: Account
  purpose: string
  /** The key this run created. */
  keep: string
  /** Octopus's clock when this run started, at the latest (see `Made.runStart`). */
  runStart: number
  /** How many of the newest older keys stay live (`keep_previous`). */
  keepPrevious: number
}

/** The older keys of this purpose: those rotation keeps, and those it revokes. */
export interface OlderKeys {
  kept: ApiKey[]
  revoke: ApiKey[]
}

/**
 * Older keys are those of the same purpose (exactly) created before this
 * run started, by Octopus's own clock; the newest `keepPrevious` of them are
 * kept. A key made since the run started, or with an unreadable `Created`,
 * is never older.
 */
export function splitOlderKeys(keys: ApiKey[], rotation: Rotation): OlderKeys {
  const older = keys
    .filter(
      (k) =>
        k.Purpose === rotation.purpose &&
        k.Id !== rotation.keep &&
        createdAt(k) < rotation.runStart
    )
    .sort((a, b) => createdAt(b) - createdAt(a))
  return {
    kept: older.slice(0, rotation.keepPrevious),
    revoke: older.slice(rotation.keepPrevious)
  }
}

/**
 * Revokes the keys together, except the credential's own, which goes last:
 * once it is revoked, Octopus refuses every other request made with it.
 */
export async function revokeCredentialKeyLast(
  client: Pick<OctopusClient, 'revokeKey'>,
  userId: string,
  keys: ApiKey[],
  isCredentialKey: (key: ApiKey) => boolean
): Promise<RevokeResult> {
  const ids = (list: ApiKey[]) => list.map((k) => k.Id)
  const others = keys.filter((k) => !isCredentialKey(k))
  const first = await revokeAll(client, userId, ids(others))
  const last = await revokeAll(
    client,
    userId,
    ids(keys.filter(isCredentialKey))
  )
  return {
    revoked: [...first.revoked, ...last.revoked],
    failed: [...first.failed, ...last.failed]
  }
}

/** What rotation did: the ids it revoked, and the older ones it kept. */
export interface Rotated {
  revoked: string[]
  kept: string[]
}

/**
 * Rotation: revokes the account's older keys of this purpose, found in
 * `listing` (made while the new key was created), keeping the newest
 * `keepPrevious`. A listing that failed fails the step; a key that could
 * not be revoked is a warning.
 */
export async function rotate(
  client: Pick<OctopusClient, 'revokeKey'>,
  listing: Promise<ApiKey[]>,
  rotation: Rotation & { isCredentialKey: (key: ApiKey) => boolean },
  { log, describe }: Speech
): Promise<Rotated> {
  const keys = await listing
  if (Number.isNaN(rotation.runStart)) {
    log.warning(
      `The create's answer has no readable Created time, so no older key could be judged older than this run; none was revoked.`
    )
    return { revoked: [], kept: [] }
  }
  const older = splitOlderKeys(keys, rotation)
  const { revoked, failed } = await revokeCredentialKeyLast(
    client,
    rotation.account.id,
    older.revoke,
    rotation.isCredentialKey
  )
  log.info(rotationLine(revoked, older.kept))
  for (const { id, error } of failed)
    log.warning(
      `Could not revoke older key ${id}: ${describe(error)} ${revokeByHand('It is still live')}`
    )
  return { revoked, kept: older.kept.map((k) => k.Id) }
}

/** What rotation did, in one sentence. */
function rotationLine(revoked: string[], kept: ApiKey[]): string {
  const ids = (list: string[]) => list.join(', ')
  const keptIds = ids(kept.map((k) => k.Id))
  if (revoked.length === 0)
    return kept.length === 0
      ? 'No older key with this purpose to revoke.'
      : `Kept the ${kept.length} older key(s) with this purpose that keep_previous leaves live, and revoked none: ${keptIds}.`
  const done = `Revoked ${revoked.length} older key(s) with this purpose`
  return kept.length === 0
    ? `${done}: ${ids(revoked)}.`
    : `${done} (${ids(revoked)}) and kept the newest ${kept.length}, as keep_previous asks: ${keptIds}.`
}
