import { inContext } from './advice.js'
import { ActionError, messageOf } from './errors.js'
import { accountOf } from './keys/account.js'
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
  settings.notes.forEach((n) => log.info(n))
  log.debug(
    `server=${settings.server} target=${JSON.stringify(settings.target)} expires=${settings.expires.toISOString()}`
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
  try {
    const { user } = await findTarget(client, settings.target)
    const { made, listing } = await createAndList(client, settings, user, {
      io,
      secrets,
      log
    })
    await publishOrRevoke(client, settings, { user, made, listing }, deps, log)
  } catch (error) {
    throw inContext(error, { ...settings, startedAt: deps.clock() })
  } finally {
    close()
  }
}

/**
 * Creates the key; with rotation, lists the account's keys meanwhile, so
 * that rotation costs one round trip more (the revocations), not two. A
 * failed create still waits for the listing: nothing is left in flight.
 */
async function createAndList(
  client: OctopusClient,
  settings: Settings,
  user: User,
  { io, secrets, log }: { io: CreateIo; secrets: Secrets; log: Logger }
): Promise<{ made: Made; listing: Promise<ApiKey[]> | undefined }> {
  log.info(
    `Creating an API key for ${accountOf(user)}, expiring ${settings.expires.toISOString()}.`
  )
  const request = { user, purpose: settings.purpose, expires: settings.expires }
  const creating = createKey(client, request, io, secrets, log)
  const listing = settings.revokePrevious ? listKeys(client, user) : undefined
  listing?.catch(() => undefined) // awaited once the key exists
  try {
    return { made: await creating, listing }
  } catch (error) {
    await listing?.catch(() => undefined)
    throw error
  }
}

/** The new key, whose it is, and the rotation listing made alongside it. */
interface NewKey {
  user: User
  made: Made
  listing: Promise<ApiKey[]> | undefined
}

/**
 * Everything after the key exists: rotate, publish, or, if any of that
 * fails, revoke the new key before the error surfaces, so a failed run
 * leaves no live key.
 */
async function publishOrRevoke(
  client: OctopusClient,
  settings: Settings,
  { user, made, listing }: NewKey,
  deps: Deps,
  log: Logger
): Promise<void> {
  const { key } = made
  try {
    if (settings.revokeAfterJob)
      saveKeyToRevoke(deps.runner, { keyId: key.Id, userId: user.Id })
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
    await publish(deps.runner, settings, { user, key, ...rotated }, log)
  } catch (error) {
    throw await revokeNewKey(client, user, key, error)
  }
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
