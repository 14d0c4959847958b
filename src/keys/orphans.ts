import { LostKeysLeft, LostKeyUnchecked } from '../errors.js'
import { createdAt, listKeys } from './list.js'
import type { OctopusClient } from '../octopus/client.js'
import type { ApiKey } from '../octopus/resources.js'
import { revokeAll } from './revoke.js'
import type { Logger, Speech } from '../runner/logger.js'
import { accountOf, type Account } from '../users/account.js'

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
  account: Account
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
export async function revokeLostKeys(
  client: Keys,
  lost: LostAttempts,
  log: Logger
): Promise<{ keys: ApiKey[]; found: Date[] }> {
  const { account, purpose } = lost
  let keys: ApiKey[]
  try {
    keys = await listKeys(client, account)
  } catch (error) {
    throw new LostKeyUnchecked(account, purpose, [...lost.sent], error)
  }
  const ours = carrying(keys, purpose, lost.sent)
  const result = await revokeAll(
    client,
    account.id,
    ours.map((k) => k.Id)
  )
  if (result.failed.length > 0)
    throw new LostKeysLeft(
      account,
      result.failed.map((f) => f.id),
      result.failed[0].error
    )
  for (const id of result.revoked)
    log.info(`Revoked ${id}: made by this run, but its value was lost.`)
  return {
    keys,
    found: lost.sent.filter((d) => carrying(ours, purpose, [d]).length > 0)
  }
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
 * Throws as `revokeLostKeys` does, naming what may be left.
 */
export async function lookAgain(
  client: Keys,
  lost: LostAttempts,
  io: { sleep: (ms: number) => Promise<void> },
  log: Logger
): Promise<Awaited<ReturnType<typeof revokeLostKeys>>> {
  log.info(
    `Looking again in ${LATE_COMMIT_GRACE_MS / 1000} s for a key the lost attempt may still make.`
  )
  await io.sleep(LATE_COMMIT_GRACE_MS)
  return revokeLostKeys(client, lost, log)
}

/**
 * Looks again once the new key is made (`made`), and also names the keys it
 * cannot prove either way. Problems here are warnings: the new key is good.
 */
export async function sweepLateKeys(
  client: Keys,
  lost: LostAttempts,
  io: { sleep: (ms: number) => Promise<void> },
  { log, describe }: Speech,
  made: { keep: string; runStart: number }
): Promise<void> {
  let looked: Awaited<ReturnType<typeof revokeLostKeys>>
  try {
    looked = await lookAgain(client, lost, io, log)
  } catch (error) {
    log.warning(describe(error))
    return
  }
  const others = unproven(looked.keys, lost, made)
  if (looked.found.length === 0 && others.length === 0)
    log.info('No key from the lost attempt appeared.')
  if (others.length > 0)
    log.warning(
      `${others.map((k) => k.Id).join(', ')} of ${accountOf(lost.account)} with purpose '${lost.purpose}' appeared while this run ran but carry no expiry it sent, so they were left alone: ` +
        'another job may have made them. If one is a leftover of the lost attempt, the next rotation revokes it.'
    )
}
