import { explain } from '../advice.js'
import { ActionError } from '../errors.js'
import type { OctopusClient } from '../octopus/client.js'
import type { ApiKey } from '../octopus/resources.js'
import type { Logger } from '../runner/port.js'
import type { KeyRequest } from './create.js'
import { createdAt, floorToSecond, latestOf, listKeys } from './list.js'
import { revokeAll, revokeByHand } from './revoke.js'

/**
 * The expiry to send: the one asked for, less up to a second of noise. The
 * expiry to the millisecond is then this run's alone: after a lost answer it
 * tells our key from another job's of the same purpose (see `orphansOf`).
 */
export function fingerprinted(expires: Date, random: () => number): Date {
  return new Date(expires.getTime() - Math.floor(random() * 1000))
}

/**
 * The keys a lost create may have made: this purpose, created since the
 * request was sent. The expiry we sent (to the millisecond) singles out our
 * own among keys that other jobs made with the same purpose at the same
 * moment; only if no key carries it (a server that rounds expiries) are all
 * of the window's keys taken, since an orphan is worse than a re-created key.
 */
export function orphansOf(
  keys: ApiKey[],
  purpose: string,
  expires: Date,
  sentAfter: Date
): ApiKey[] {
  const window = keys.filter(
    (k) => k.Purpose === purpose && createdAt(k) >= floorToSecond(sentAfter)
  )
  const ours = window.filter(
    (k) => k.Expires != null && Date.parse(k.Expires) === expires.getTime()
  )
  return ours.length > 0 ? ours : window
}

/**
 * Revokes the keys of this purpose that the server made since `sentAfter`,
 * or throws naming the ones left live. Returns the server's clock at its
 * latest answer: keys made after it are the next attempt's.
 */
export async function revokeOrphans(
  client: Pick<OctopusClient, 'keysPage' | 'revokeKey'>,
  request: KeyRequest,
  sentAfter: Date,
  log: Logger
): Promise<Date | undefined> {
  const { user, purpose } = request
  let listing: Awaited<ReturnType<typeof listKeys>>
  try {
    listing = await listKeys(client, user.Id)
  } catch (error) {
    throw new ActionError(
      `The answer to the create request was lost, and listing the keys of ${user.Id} to clean up failed: ${explain(error)} ` +
        revokeByHand(
          `A key with purpose '${purpose}' created after ${sentAfter.toISOString()} may exist on '${user.Username}'`
        )
    )
  }
  const orphans = orphansOf(listing.value, purpose, request.expires, sentAfter)
  const result = await revokeAll(
    client,
    user.Id,
    orphans.map((k) => k.Id)
  )
  if (result.failed.length > 0)
    throw new ActionError(
      `The answer to the create request was lost and these keys of '${user.Username}' may be live but unheld: ${result.failed.map((f) => f.id).join(', ')}. ` +
        revokeByHand(`Revoking them failed (${result.failed[0].reason})`, true)
    )
  if (orphans.length > 0)
    log.info(
      `Revoked ${result.revoked.join(', ')}: made by this run, but its value was lost.`
    )
  return latestOf([listing.serverTime, result.serverTime])
}
