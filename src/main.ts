import { connect } from './connect.js'
import {
  createKey,
  revokeAll,
  revokePrevious,
  type KeyRequest
} from './keys.js'
import { findTarget } from './lookup.js'
import type { OctopusClient } from './octopus/client.js'
import { ActionError, messageOf } from './octopus/errors.js'
import type { ApiKeyCreated } from './octopus/resources.js'
import { publish } from './report.js'
import { redactingLogger, type Deps, type Logger } from './runner.js'
import { readSettings, type Settings } from './settings.js'
import { STATE_KEY_ID, STATE_USER_ID } from './post.js'

/** The main step: find the account, create the key, mask it, hand it on. */
export async function run(deps: Deps): Promise<void> {
  const { runner, secrets } = deps
  const log = redactingLogger(runner, secrets)
  const startedAt = deps.clock()
  const settings = readSettings(
    { input: (n) => runner.getInput(n), env: (n) => deps.env[n] },
    secrets,
    startedAt
  )
  settings.warnings.forEach((w) => log.warning(w))
  log.debug(
    `server=${settings.server} target=${JSON.stringify(settings.target)} expires=${settings.expires.toISOString()}`
  )

  const { client, close } = connect(settings, deps, log)
  try {
    const user = await findTarget(client, settings.target)
    // Sub-second noise makes the expiry we send ours alone: after a lost
    // answer it tells our key from another job's of the same purpose.
    const expires = new Date(
      settings.expires.getTime() - Math.floor(deps.random() * 1000)
    )
    log.info(
      `Creating an API key for '${user.Username}' (${user.Id}), expiring ${expires.toISOString()}.`
    )
    const request: KeyRequest = {
      user,
      purpose: settings.purpose,
      expires,
      runStart: client.firstServerTime ?? startedAt
    }
    const key = await createKey(client, request, secrets, log)
    log.info(`Created API key ${key.Id}; its value is masked in this log.`)
    await handOn(client, settings, request, key, deps, log)
  } finally {
    close()
  }
}

/**
 * Everything after the key exists. If any of it fails, the new key is
 * revoked before the error surfaces: a failed run leaves no live key behind.
 */
async function handOn(
  client: OctopusClient,
  settings: Settings,
  request: KeyRequest,
  key: ApiKeyCreated,
  deps: Deps,
  log: Logger
): Promise<void> {
  const { runner } = deps
  try {
    if (settings.revokeAfterJob) {
      runner.saveState(STATE_KEY_ID, key.Id)
      runner.saveState(STATE_USER_ID, request.user.Id)
    }
    let revoked: string[] = []
    if (settings.revokePrevious) {
      const result = await revokePrevious(client, request, key.Id)
      revoked = result.revoked
      log.info(
        revoked.length > 0
          ? `Revoked ${revoked.length} older key(s) with this purpose: ${revoked.join(', ')}.`
          : 'No older key with this purpose to revoke.'
      )
      for (const failure of result.failed)
        log.warning(
          `Could not revoke older key ${failure.id}: ${failure.reason} Revoke it by hand in Octopus.`
        )
    }
    await publish(runner, settings, { user: request.user, key, revoked }, log)
  } catch (error) {
    const cleanup = await revokeAll(client, request.user.Id, [key.Id])
    const note =
      cleanup.failed.length === 0
        ? `The new key ${key.Id} was revoked.`
        : `Revoking the new key ${key.Id} failed too; revoke it by hand in Octopus.`
    const what =
      error instanceof ActionError
        ? error.message
        : `Failed to hand the new key on: ${messageOf(error)}.`
    throw new ActionError(`${what} ${note}`)
  }
}
