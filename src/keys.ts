import { LostAnswerError } from './http/retry.js'
import {
  hasNextPage,
  MalformedKeyError,
  type OctopusClient
} from './octopus/client.js'
import { ActionError, messageOf } from './octopus/errors.js'
import type { ApiKey, ApiKeyCreated, User } from './octopus/resources.js'
import type { Logger } from './runner.js'
import type { Secrets } from './secrets.js'

export interface KeyRequest {
  user: User
  purpose: string
  expires: Date
  /** Server time at which this run started: rotation spares keys made since then. */
  runStart: Date
}

/**
 * Creates the key and masks it before anyone else sees it. When the answer
 * is lost after sending, the server may hold a key nobody can use: find the
 * keys of this purpose made during this run, revoke them, and try once more.
 * Either one key comes back, or none is left behind (or the error names the
 * ones that could not be revoked).
 */
export async function createKey(
  client: OctopusClient,
  request: KeyRequest,
  secrets: Secrets,
  log: Logger
): Promise<ApiKeyCreated> {
  const { user, purpose, expires } = request
  for (let round = 1; ; round++) {
    // Keys of this purpose made after the server's latest answer are this attempt's.
    const sentAfter = client.latestServerTime ?? request.runStart
    try {
      const created = await client.createKey(
        user.Id,
        purpose,
        expires,
        createHints(user)
      )
      secrets.register(created.ApiKey)
      return created
    } catch (error) {
      if (error instanceof MalformedKeyError) {
        const left = await revokeAll(client, user.Id, [error.keyId])
        throw new ActionError(
          `${error.message} ${left.failed.length === 0 ? 'It was revoked.' : `Revoking it failed: revoke ${error.keyId} by hand.`}`
        )
      }
      if (!(error instanceof LostAnswerError)) throw error
      log.warning(
        `The answer to the create request was lost (${error.reason}); looking for a key this run may have created.`
      )
      await revokeOrphans(client, request, sentAfter, log)
      if (round >= 2)
        throw new ActionError(
          `Failed to create an API key for '${user.Username}': the server's answer was lost twice (${error.reason}). No key was left behind; try again later.`
        )
      log.info('No key is left from the lost attempt; creating the key again.')
    }
  }
}

/** Revokes the keys of this purpose that the server made during this run. */
async function revokeOrphans(
  client: OctopusClient,
  request: KeyRequest,
  sentAfter: Date,
  log: Logger
): Promise<void> {
  const { user, purpose } = request
  let keys: ApiKey[]
  try {
    keys = await listKeys(client, user.Id)
  } catch (error) {
    throw new ActionError(
      `The answer to the create request was lost, and listing the keys of ${user.Id} to clean up failed: ${messageOf(error)} ` +
        `A key with purpose '${purpose}' created after ${sentAfter.toISOString()} may exist on '${user.Username}'; revoke it by hand in Octopus.`
    )
  }
  const orphans = orphansOf(keys, purpose, request.expires, sentAfter)
  if (orphans.length === 0) return
  const result = await revokeAll(
    client,
    user.Id,
    orphans.map((k) => k.Id)
  )
  if (result.failed.length > 0)
    throw new ActionError(
      `The answer to the create request was lost and these keys of '${user.Username}' may be live but unheld: ${result.failed.map((f) => f.id).join(', ')}. ` +
        `Revoking them failed (${result.failed[0].reason}); revoke them by hand in Octopus.`
    )
  log.info(
    `Revoked ${result.revoked.join(', ')}: made by this run, but its value was lost.`
  )
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
 * Rotation: revokes the user's other keys with the same purpose that were
 * created before this run started. Keys made since then are left alone, so
 * jobs rotating the same purpose at the same time keep each other's keys.
 */
export async function revokePrevious(
  client: OctopusClient,
  request: KeyRequest,
  newKeyId: string
): Promise<RevokeResult> {
  const keys = await listKeys(client, request.user.Id)
  const cutoff = floorToSecond(request.runStart)
  const older = keys.filter(
    (k) =>
      k.Purpose === request.purpose &&
      k.Id !== newKeyId &&
      createdAt(k) < cutoff
  )
  return revokeAll(
    client,
    request.user.Id,
    older.map((k) => k.Id)
  )
}

export interface RevokeResult {
  revoked: string[]
  failed: { id: string; reason: string }[]
}

/** Revokes keys concurrently; a key that is already gone counts as revoked. */
export async function revokeAll(
  client: OctopusClient,
  userId: string,
  keyIds: string[]
): Promise<RevokeResult> {
  const settled = await Promise.allSettled(
    keyIds.map((id) => client.revokeKey(userId, id))
  )
  const result: RevokeResult = { revoked: [], failed: [] }
  settled.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') result.revoked.push(keyIds[i])
    else
      result.failed.push({ id: keyIds[i], reason: messageOf(outcome.reason) })
  })
  return result
}

/**
 * Every key of a user. The first page says how many there are, so the rest
 * are fetched together rather than one after another.
 */
export async function listKeys(
  client: OctopusClient,
  userId: string
): Promise<ApiKey[]> {
  const first = await client.keysPage(userId, 0)
  const keys = [...first.Items]
  if (!hasNextPage(first)) return keys
  const size = first.Items.length
  if (first.TotalResults !== undefined && first.TotalResults > size) {
    const skips: number[] = []
    for (let skip = size; skip < first.TotalResults; skip += size)
      skips.push(skip)
    const pages = await Promise.all(
      skips.map((skip) => client.keysPage(userId, skip))
    )
    for (const page of pages) keys.push(...page.Items)
    return dedupe(keys)
  }
  for (
    let skip = size, page = first;
    hasNextPage(page);
    skip += page.Items.length
  ) {
    page = await client.keysPage(userId, skip)
    keys.push(...page.Items)
  }
  return dedupe(keys)
}

/** Pages fetched at once can overlap if keys were added meanwhile. */
function dedupe(keys: ApiKey[]): ApiKey[] {
  const seen = new Set<string>()
  return keys.filter((k) => !seen.has(k.Id) && seen.add(k.Id))
}

/** What to say when Octopus refuses the create, knowing who the target is. */
function createHints(user: User): Partial<Record<number, string>> {
  return {
    403: user.IsService
      ? `'${user.Username}' is a service account: the credential's user needs permission to edit users ("Edit users", UserEdit) to create its keys.`
      : `Octopus only lets a credential create keys for its own account or for a service account, and '${user.Username}' is not a service account. ` +
        'Use a service account, or run with a credential of that user and leave username empty.',
    400: `Check 'purpose' and 'expires': the expiry must be in the future, within the server's maximum (366 days by default), and not after the expiry of the credential used.`,
    404: `The account ${user.Id} no longer exists.`
  }
}

/** NaN for an unreadable date, so such a key is never judged old or orphaned. */
function createdAt(key: ApiKey): number {
  return Date.parse(key.Created)
}

/** Servers send their Date header to the second; compare at that precision. */
function floorToSecond(date: Date): number {
  return Math.floor(date.getTime() / 1000) * 1000
}
