import { connect } from './connect.js'
import { messageOf } from './octopus/errors.js'
import { redactingLogger, type Deps } from './runner.js'
import { readConnection } from './settings.js'

/** State the main step leaves for the post step: ids only, never a credential. */
export const STATE_KEY_ID = 'revoke_key_id'
export const STATE_USER_ID = 'revoke_user_id'

/**
 * The post step: when `revoke_after_job` asked for it, revoke the key the
 * main step created. The credential is read again from the inputs and the
 * environment. A failure here is a warning, never a failed job.
 */
export async function post(deps: Deps): Promise<void> {
  const { runner, secrets } = deps
  const log = redactingLogger(runner, secrets)
  const keyId = runner.getState(STATE_KEY_ID)
  const userId = runner.getState(STATE_USER_ID)
  if (keyId === '' || userId === '') {
    log.debug('No key to revoke at the end of the job.')
    return
  }
  try {
    const connection = readConnection(
      { input: (n) => runner.getInput(n), env: (n) => deps.env[n] },
      secrets
    )
    const { client, close } = connect(connection, deps, log)
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
      `Could not revoke API key ${keyId} of ${userId}: ${messageOf(error)} ` +
        `Revoke it by hand in Octopus (Configuration → Users → the account → API keys).`
    )
  }
}
