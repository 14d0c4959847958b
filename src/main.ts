import { ActionError, messageOf } from './errors.js'
import { createKey, type KeyRequest } from './keys/create.js'
import { fingerprinted } from './keys/orphans.js'
import { revokeAll, revokeByHand } from './keys/revoke.js'
import { revokePrevious } from './keys/rotate.js'
import { findTarget, type Found } from './lookup.js'
import type { OctopusClient } from './octopus/client.js'
import { createClient } from './octopus/create-client.js'
import type { ApiKeyCreated } from './octopus/resources.js'
import { publish } from './report.js'
import {
  inputsOf,
  redactingLogger,
  type Deps,
  type Logger
} from './runner/port.js'
import { saveKeyToRevoke } from './runner/state.js'
import { readSettings, type Settings } from './settings/settings.js'

/** The main step: find the account, create the key, mask it, hand it on. */
export async function run(deps: Deps): Promise<void> {
  const { secrets } = deps
  const log = redactingLogger(deps.runner, secrets)
  const startedAt = deps.clock()
  const settings = readSettings(inputsOf(deps), secrets, startedAt)
  settings.warnings.forEach((w) => log.warning(w))
  log.debug(
    `server=${settings.server} target=${JSON.stringify(settings.target)} expires=${settings.expires.toISOString()}`
  )
  const { client, close } = createClient(settings, deps, (m) => log.info(m))
  // Rotation sends requests side by side: open their second connection early.
  if (settings.revokePrevious) client.preconnect(2)
  try {
    const found = await findTarget(client, settings.target)
    const request: KeyRequest = {
      user: found.user,
      purpose: settings.purpose,
      expires: fingerprinted(settings.expires, deps.random),
      sentAfter: found.lastAnswer ?? startedAt
    }
    log.info(
      `Creating an API key for '${request.user.Username}' (${request.user.Id}), expiring ${request.expires.toISOString()}.`
    )
    const key = await createKey(client, request, secrets, log)
    log.info(`Created API key ${key.Id}; its value is masked in this log.`)
    const cutoff = rotationCutoff(found, startedAt)
    await publishOrRevoke(client, settings, { request, key, cutoff }, deps, log)
  } finally {
    close()
  }
}

/**
 * Rotation spares keys made since this instant: when the run started, by
 * the server's clock (its first answer), else by ours.
 */
function rotationCutoff(found: Found, startedAt: Date): Date {
  return found.firstAnswer ?? startedAt
}

/** The new key, and what rotation and cleanup need to know about it. */
interface NewKey {
  request: KeyRequest
  key: ApiKeyCreated
  cutoff: Date
}

/**
 * Everything after the key exists: publish it, or, if any of that fails,
 * revoke it before the error surfaces, so a failed run leaves no live key.
 */
async function publishOrRevoke(
  client: OctopusClient,
  settings: Settings,
  made: NewKey,
  deps: Deps,
  log: Logger
): Promise<void> {
  const { user } = made.request
  try {
    if (settings.revokeAfterJob)
      saveKeyToRevoke(deps.runner, { keyId: made.key.Id, userId: user.Id })
    const revoked = settings.revokePrevious
      ? await revokePrevious(
          client,
          {
            user,
            purpose: settings.purpose,
            keep: made.key.Id,
            cutoff: made.cutoff
          },
          log
        )
      : []
    await publish(deps.runner, settings, { user, key: made.key, revoked }, log)
  } catch (error) {
    throw await revokeNewKey(client, made, error)
  }
}

/** Revokes the new key after a failure, and says how that went. */
async function revokeNewKey(
  client: OctopusClient,
  { request, key }: NewKey,
  error: unknown
): Promise<ActionError> {
  const cleanup = await revokeAll(client, request.user.Id, [key.Id])
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
