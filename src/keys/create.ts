import {
  failedTo,
  LostAnswerError,
  LostKeysLeft,
  LostKeyUnchecked,
  LostTwice,
  MalformedKeyError,
  type StatusAdvice
} from '../errors.js'
import { createdAt } from './list.js'
import type { OctopusClient } from '../octopus/client.js'
import type { ApiKeyCreated } from '../octopus/resources.js'
import {
  fingerprinted,
  lookAgain,
  revokeLostKeys,
  sweepLateKeys,
  type LostAttempts
} from './orphans.js'
import { revokeAll } from './revoke.js'
import type { Logger, Speech } from '../runner/logger.js'
import type { Secrets } from '../secrets.js'
import { accountOf, type Account } from '../users/account.js'

type Keys = Pick<OctopusClient, 'createKey' | 'keysPage' | 'revokeKey'>

export interface KeyRequest {
  account: Account
  purpose: string
  /** The expiry asked for; each attempt sends its own fingerprint of it. */
  expires: Date
}

/** What creating needs besides the server: chance, waiting, and a monotonic clock. */
export interface CreateIo {
  random: () => number
  sleep: (ms: number) => Promise<void>
  /** Milliseconds since this run sent its first request, on a clock that never jumps. */
  sinceStart: () => number
}

/** The new key, and when this run started by Octopus's own clock. */
export interface Made {
  key: ApiKeyCreated
  /**
   * The key's `Created` less the time this run had spent when its answer
   * came: no later than Octopus's clock when the run's first request went
   * out. NaN when `Created` is unreadable.
   */
  runStart: number
}

/**
 * Creates the key and masks it before anyone else sees it. When an answer
 * is lost after sending, the key that attempt may have made is found by the
 * expiry it sent and revoked, and the create is tried once more; an attempt
 * whose key was not found is looked for again a few seconds after the last
 * one, since it may still commit. Either one key comes back, or none of
 * this run's is left (or the error names the ones that could not be revoked).
 */
export async function createKey(
  client: Keys,
  request: KeyRequest,
  io: CreateIo,
  { secrets, ...speech }: Speech & { secrets: Secrets }
): Promise<Made> {
  const { account, purpose } = request
  const { log } = speech
  // The expiries of lost attempts whose key has not been found (yet).
  const lost: LostAttempts = { account, purpose, sent: [] }
  for (let round = 1; ; round++) {
    const expires = fingerprinted(request.expires, io.random)
    try {
      const made = await createOnce(client, request, expires, io, {
        secrets,
        log
      })
      if (lost.sent.length > 0)
        await sweepLateKeys(client, lost, io, speech, {
          keep: made.key.Id,
          runStart: made.runStart
        })
      return made
    } catch (error) {
      if (!(error instanceof LostAnswerError))
        throw await createFailed(client, account, error)
      await revokeLostAttempt(client, lost, expires, error, log)
      if (round >= 2) throw await lostTwice(client, lost, io, log, error)
      log.info(
        lost.sent.length === 0
          ? 'No key is left from the lost attempt; creating the key again.'
          : 'No key carries the expiry the lost attempt sent (yet); creating the key again.'
      )
    }
  }
}

/** After a lost answer: revoke the key that attempt made, if it shows; else remember its expiry. */
async function revokeLostAttempt(
  client: Keys,
  lost: LostAttempts,
  expires: Date,
  error: LostAnswerError,
  log: Logger
): Promise<void> {
  log.warning(
    `The answer to the create request was lost (${error.reason}); looking for a key this run may have created.`
  )
  lost.sent.push(expires)
  const { found } = await revokeLostKeys(client, lost, log)
  lost.sent = lost.sent.filter((d) => !found.includes(d))
}

/** One create: the key, masked at once, and the run's start on the server's clock. */
async function createOnce(
  client: Keys,
  { account, purpose }: KeyRequest,
  expires: Date,
  io: CreateIo,
  { secrets, log }: { secrets: Secrets; log: Logger }
): Promise<Made> {
  const key = await client.createKey(account.id, purpose, expires)
  secrets.register(key.ApiKey)
  const runStart = createdAt(key) - io.sinceStart()
  const expiring = key.Expires ? `, expiring ${key.Expires}` : ''
  log.info(
    `Created API key ${key.Id}${expiring}; its value is masked in this log.`
  )
  return { key, runStart }
}

/**
 * The error after two lost answers, once a late key of either attempt had
 * its chance to show. It says only what was checked: when the second look
 * fails, the key that may be left (purpose, expiry) and a revoke by hand.
 */
async function lostTwice(
  client: Keys,
  lost: LostAttempts,
  io: CreateIo,
  log: Logger,
  error: LostAnswerError
): Promise<LostTwice> {
  if (lost.sent.length > 0)
    try {
      await lookAgain(client, lost, io, log)
    } catch (failure) {
      if (
        failure instanceof LostKeyUnchecked ||
        failure instanceof LostKeysLeft
      )
        return new LostTwice(lost.account, error.reason, failure)
      throw failure
    }
  return new LostTwice(lost.account, error.reason)
}

/** The error for a create that failed outright; a key made with an unusable value is revoked first. */
async function createFailed(
  client: Pick<OctopusClient, 'revokeKey'>,
  account: Account,
  error: unknown
): Promise<unknown> {
  if (!(error instanceof MalformedKeyError))
    return failedTo(
      `create an API key for ${accountOf(account)}`,
      error,
      createAdvice(account)
    )
  const left = await revokeAll(client, account.id, [error.keyId])
  return new MalformedKeyError(error.keyId, left.failed.length === 0)
}

/** What a refused create means, knowing who the target is. */
function createAdvice({ id, user }: Account): StatusAdvice {
  const refused: StatusAdvice = {
    400: `Check 'purpose' and 'expires': the expiry must be in the future, within the server's maximum (366 days by default), and not after the expiry of the credential used.`
  }
  if (user === undefined)
    return {
      ...refused,
      404: `No user or service account has the id ${id}; check the 'user_id' input.`,
      403:
        `Octopus lets a credential create keys only for its own account, or for a service account when its user may edit users ("Edit users", UserEdit). ` +
        `Check that ${id} is a service account and that the credential's user has that permission; the server's message above may say which is missing.`
    }
  return {
    ...refused,
    403: user.IsService
      ? `'${user.Username}' is a service account: the credential's user needs permission to edit users ("Edit users", UserEdit) to create its keys.`
      : `Octopus only lets a credential create keys for its own account or for a service account, and '${user.Username}' is not a service account. ` +
        'Use a service account, or run with a credential of that user and leave username empty.',
    404: `The account ${id} no longer exists.`
  }
}
