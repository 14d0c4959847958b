import { inContext } from './advice.js'
import { ActionError, messageOf } from './errors.js'
import { accountOf } from './keys/account.js'
import { checkCreator, expiryFor, type Creator } from './credential/lifetime.js'
import { createKey, type CreateIo, type Made } from './keys/create.js'
import { listKeys } from './keys/list.js'
import { revokeAll, revokeByHand } from './keys/revoke.js'
import { isCredentialKey, rotate } from './keys/rotate.js'
import { findTarget } from './lookup.js'
import type { OctopusClient } from './octopus/client.js'
import { createClient } from './octopus/create-client.js'
import type { ApiKey, User } from './octopus/resources.js'
import { publish } from './report.js'
import {
  inputsOf,
  redactingLogger,
  type Deps,
  type Logger
} from './runner/port.js'
import { saveKeyToRevoke } from './runner/state.js'
import type { Secrets } from './secrets.js'
import { readSettings, type Settings } from './settings/settings.js'

/** The main step: find the account, create the key, mask it, hand it on. */
export async function run(deps: Deps): Promise<void> {
  const { secrets } = deps
  const log = redactingLogger(deps.runner, secrets)
  const settings = readSettings(inputsOf(deps), secrets, deps.clock())
  settings.warnings.forEach((w) => log.warning(w))
  log.debug(
    `server=${settings.server} target=${JSON.stringify(settings.target)} expires=${settings.expires?.date.toISOString() ?? '(default)'}`
  )
  const { client, close } = createClient(settings, deps, (m) => log.info(m))
  // Rotation sends requests side by side: open their second connection early.
  if (settings.revokePrevious) client.preconnect(2)
  // Time spent from here on is what turns the new key's Created into the
  // server's clock when this run started.
  const firstRequest = deps.monotonic()
  const io = {
    random: deps.random,
    sleep: deps.sleep,
    sinceStart: () => deps.monotonic() - firstRequest
  }
  let expires: Date | undefined
  try {
    const { user, creator } = await findAccounts(client, settings)
    const expiry = expiryFor(settings, creator, deps.clock(), log)
    expires = expiry.date
    const { made, listing } = await createAndList(
      client,
      { settings, user, expiry, creator },
      { io, secrets, log }
    )
    await publishOrRevoke(
      client,
      settings,
      { user, made, listing, creator },
      deps,
      log
    )
  } catch (error) {
    throw inContext(error, { ...settings, expires, startedAt: deps.clock() })
  } finally {
    close()
  }
}

/**
 * The account the key is for, and the creating credential's expiry: looked
 * up side by side, sharing one look at who the credential is.
 */
async function findAccounts(
  client: OctopusClient,
  settings: Settings
): Promise<{ user: User; creator: Creator }> {
  const me = once(() => client.me())
  const directory = {
    me,
    usersPage: (filter: string, skip: number) => client.usersPage(filter, skip),
    keysPage: (userId: string, skip: number) => client.keysPage(userId, skip)
  }
  const [found, creator] = await Promise.allSettled([
    findTarget(directory, settings.target),
    checkCreator(directory, settings)
  ])
  if (found.status === 'rejected') throw found.reason
  if (creator.status === 'rejected') throw creator.reason
  return { user: found.value.user, creator: creator.value }
}

/** A call made once, its promise shared by every caller. */
function once<T>(call: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined
  return () => (promise ??= call())
}

/** What the key is made of: the settings, whose it is, its expiry, and what the creator check listed. */
interface KeyPlan {
  settings: Settings
  user: User
  expiry: { date: Date; why: string }
  creator: Creator
}

/**
 * Creates the key; with rotation, lists the account's keys meanwhile (or
 * takes them from the creator check, when the account is the credential's
 * own), so that rotation costs one round trip more (the revocations), not
 * two. A failed create still waits for the listing: nothing is left in
 * flight.
 */
async function createAndList(
  client: OctopusClient,
  { settings, user, expiry, creator }: KeyPlan,
  { io, secrets, log }: { io: CreateIo; secrets: Secrets; log: Logger }
): Promise<{ made: Made; listing: Promise<ApiKey[]> | undefined }> {
  log.info(`Creating an API key for ${accountOf(user)}${expiry.why}.`)
  const request = { user, purpose: settings.purpose, expires: expiry.date }
  const creating = createKey(client, request, io, secrets, log)
  const listing = settings.revokePrevious
    ? (listedAlready(creator, user) ?? listKeys(client, user))
    : undefined
  listing?.catch(() => undefined) // awaited once the key exists
  try {
    return { made: await creating, listing }
  } catch (error) {
    await listing?.catch(() => undefined)
    throw error
  }
}

/** The keys the creator check listed, when they are this account's. */
function listedAlready(
  creator: Creator,
  user: User
): Promise<ApiKey[]> | undefined {
  const listing = creator.listing
  return listing?.user.Id === user.Id
    ? Promise.resolve(listing.keys)
    : undefined
}

/** The new key, whose it is, and the rotation listing made alongside it. */
interface NewKey {
  user: User
  made: Made
  listing: Promise<ApiKey[]> | undefined
  creator: Creator
}

/**
 * Everything after the key exists: rotate, publish, or, if any of that
 * fails, revoke the new key before the error surfaces, so a failed run
 * leaves no live key.
 */
async function publishOrRevoke(
  client: OctopusClient,
  settings: Settings,
  { user, made, listing, creator }: NewKey,
  deps: Deps,
  log: Logger
): Promise<void> {
  const { key } = made
  try {
    if (settings.revokeAfterJob)
      saveKeyToRevoke(deps.runner, { keyId: key.Id, userId: user.Id })
    if (key.Expires == null) warnNeverExpires(key.Id, settings, log)
    const rotated = listing
      ? await rotate(
          client,
          listing,
          {
            user,
            purpose: settings.purpose,
            keep: key.Id,
            runStart: made.runStart,
            keepPrevious: settings.keepPrevious,
            isOwn: isCredentialKey(settings.credential)
          },
          log
        )
      : { revoked: [], kept: [] }
    await publish(
      deps.runner,
      settings,
      { user, key, ...rotated, creatorExpires: creator.life?.expires },
      log
    )
  } catch (error) {
    throw await revokeNewKey(client, user, key, error)
  }
}

/** A server before 2020.6 ignores `Expires`: say so, so that nobody relies on it. */
function warnNeverExpires(
  keyId: string,
  settings: Settings,
  log: Logger
): void {
  const bound = settings.revokeAfterJob
    ? " The post step's revoke at the end of the job is then its only bound."
    : ' Revoke it in Octopus when it is no longer needed.'
  log.warning(
    `Octopus stored no expiry for API key ${keyId}: this server ignores 'expires' (servers before 2020.6 do), so the key never expires.${bound}`
  )
}

/** Revokes the new key after a failure, and says how that went. */
async function revokeNewKey(
  client: OctopusClient,
  user: User,
  key: ApiKey,
  error: unknown
): Promise<ActionError> {
  const cleanup = await revokeAll(client, user.Id, [key.Id])
  const note =
    cleanup.failed.length === 0
      ? `The new key ${key.Id} was revoked.`
      : revokeByHand(`Revoking the new key ${key.Id} failed too`)
  const what =
    error instanceof ActionError
      ? error.message
      : `Failed to hand the new key on: ${messageOf(error)}.`
  return new ActionError(`${what} ${note}`)
}
