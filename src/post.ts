import { contextOf, describe } from './describe.js'
import type { RunContext } from './errors.js'
import { createClient } from './octopus/create-client.js'
import { revokeByHand } from './phrasing.js'
import { redactingLogger } from './runner/logger.js'
import { inputsOf, type Deps } from './runner/port.js'
import { keyToRevoke } from './runner/state.js'
import { readServerAccess } from './settings/settings.js'

/**
 * The post step: when `revoke_after_job` asked for it, revoke the key the
 * main step created. The credential is read again from the inputs and the
 * environment. A failure here is a warning, never a failed job.
 */
export async function post(deps: Deps): Promise<void> {
  const log = redactingLogger(deps.runner, deps.secrets)
  const key = keyToRevoke(deps.runner)
  if (key === undefined) {
    log.debug('No key to revoke at the end of the job.')
    return
  }
  const { keyId, userId } = key
  let context: RunContext = {}
  try {
    const access = readServerAccess(inputsOf(deps), deps.secrets)
    context = contextOf(access)
    const { client, close } = createClient(access, deps, (m) => log.info(m))
    try {
      const result = await client.revokeKey(userId, keyId)
      log.info(
        result === 'revoked'
          ? `Revoked API key ${keyId} of ${userId} at the end of the job.`
          : `API key ${keyId} of ${userId} was already gone.`
      )
    } finally {
      close()
    }
  } catch (error) {
    log.warning(
      `Could not revoke API key ${keyId} of ${userId}: ${describe(error, context)} ${revokeByHand('It may still be live')}`
    )
  }
}
