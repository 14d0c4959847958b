import { explain } from '../advice.js'
import { ActionError, messageOf } from '../errors.js'
import type { OctopusClient } from '../octopus/client.js'
import type { ApiKey, User } from '../octopus/resources.js'
import type { Logger } from '../runner/port.js'
import { accountOf } from './account.js'
import { createdAt, LIST_KEYS_ADVICE, listKeys } from './list.js'
import { revokeAll, revokeByHand } from './revoke.js'

type Keys = Pick<OctopusClient, 'keysPage' | 'revokeKey'>

/** How far back an attempt's expiry may be set: 30 s, to the millisecond. */
export const FINGERPRINT_SPAN_MS = 30_000

/**
 * The expiry one create attempt sends: the one asked for, less a random
 * offset of up to 30 seconds, to the millisecond (30,000 possible values).
 * No other job is likely to send the same instant, so after a lost answer a
 * key that carries it is proven to be this attempt's, and nothing else is.
 */
export function fingerprinted(expires: Date, random: () => number): Date {
  const offset = Math.floor(random() * FINGERPRINT_SPAN_MS)
  return new Date(expires.getTime() - offset)
}

/** The keys of this purpose that carry one of these expiries exactly: this run's. */
export function carrying(
  keys: ApiKey[],
  purpose: string,
  sent: Date[]
): ApiKey[] {
  const stamps = new Set(sent.map((d) => d.getTime()))
  return keys.filter(
    (k) =>
      k.Purpose === purpose &&
      k.Expires != null &&
      stamps.has(Date.parse(k.Expires))
  )
}

/** What a lost attempt (or several) asked for. */
export interface LostAttempts {
  user: User
  purpose: string
  /** The expiries sent by lost attempts whose key has not been found (yet). */
  sent: Date[]
}

/**
 * Lists the account's keys and revokes those that carry an expiry a lost
 * attempt sent; no other key is touched. Returns the keys listed and the
 * expiries found; throws naming what may be left when listing or revoking
 * fails.
 */
export async function revokeOwn(
  client: Keys,
  lost: LostAttempts,
  log: Logger
): Promise<{ keys: ApiKey[]; found: Date[] }> {
  const { user, purpose } = lost
  let keys: ApiKey[]
  try {
    keys = await listKeys(client, user)
  } catch (error) {
    throw new ActionError(
      `The answer to the create request was lost, and listing the keys of ${user.Id} to clean up failed: ${explain(error, LIST_KEYS_ADVICE)} ` +
        revokeByHand(
          `A key ${lostKeyName(lost)} may exist on ${accountOf(user)}`
        )
    )
  }
  const ours = carrying(keys, purpose, lost.sent)
  const result = await revokeAll(
    client,
    user.Id,
    ours.map((k) => k.Id)
  )
  if (result.failed.length > 0)
    throw new ActionError(
      `The answer to the create request was lost and these keys of ${accountOf(user)} may be live but unheld: ${result.failed.map((f) => f.id).join(', ')}. ` +
        revokeByHand(`Revoking them failed (${result.failed[0].reason})`, true)
    )
  for (const id of result.revoked)
    log.info(`Revoked ${id}: made by this run, but its value was lost.`)
  return {
    keys,
    found: lost.sent.filter((d) => carrying(ours, purpose, [d]).length > 0)
  }
}

/** `with purpose 'deploy' expiring 2027-…`: how a lost attempt's key is named. */
function lostKeyName({ purpose, sent }: LostAttempts): string {
  const when = sent.map((d) => d.toISOString()).join(' or ')
  return `with purpose '${purpose}' expiring ${when}`
}

/**
 * Same-purpose keys made since this run started that carry no expiry it
 * sent: another job's, or a lost attempt's whose expiry the server changed.
 * Never revoked, only named.
 */
export function unproven(
  keys: ApiKey[],
  lost: LostAttempts,
  { keep, runStart }: { keep: string; runStart: number }
): ApiKey[] {
  const ours = new Set(carrying(keys, lost.purpose, lost.sent).map((k) => k.Id))
  return keys.filter(
    (k) =>
      k.Purpose === lost.purpose &&
      k.Id !== keep &&
      !ours.has(k.Id) &&
      createdAt(k) >= runStart
  )
}

/** How long after the last create the action looks again for a lost attempt's late key. */
export const LATE_COMMIT_GRACE_MS = 5_000

/**
 * A lost attempt may still commit after the client gave up: waits a few
 * seconds, looks again, and revokes what carries a lost attempt's expiry.
 * Throws as `revokeOwn` does, naming what may be left.
 */
export async function lookAgain(
  client: Keys,
  lost: LostAttempts,
  io: { sleep: (ms: number) => Promise<void> },
  log: Logger
): Promise<Awaited<ReturnType<typeof revokeOwn>>> {
  log.info(
    `Looking again in ${LATE_COMMIT_GRACE_MS / 1000} s for a key the lost attempt may still make.`
  )
  await io.sleep(LATE_COMMIT_GRACE_MS)
  return revokeOwn(client, lost, log)
}

/**
 * Looks again once the new key is made (`made`), and also names the keys it
 * cannot prove either way. Problems here are warnings: the new key is good.
 */
export async function sweepLateKeys(
  client: Keys,
  lost: LostAttempts,
  io: { sleep: (ms: number) => Promise<void> },
  log: Logger,
  made?: { keep: string; runStart: number }
): Promise<void> {
  let looked: Awaited<ReturnType<typeof revokeOwn>>
  try {
    looked = await lookAgain(client, lost, io, log)
  } catch (error) {
    log.warning(messageOf(error))
    return
  }
  const others = made ? unproven(looked.keys, lost, made) : []
  if (looked.found.length === 0 && others.length === 0)
    log.info('No key from the lost attempt appeared.')
  if (others.length > 0)
    log.warning(
      `${others.map((k) => k.Id).join(', ')} of ${accountOf(lost.user)} with purpose '${lost.purpose}' appeared while this run ran but carry no expiry it sent, so they were left alone: ` +
        'another job may have made them. If one is a leftover of the lost attempt, the next rotation revokes it.'
    )
}
