import { failedTo, type StatusAdvice } from '../advice.js'
import { ActionError, LostAnswerError, MalformedKeyError } from '../errors.js'
import type { OctopusClient } from '../octopus/client.js'
import type { ApiKeyCreated, User } from '../octopus/resources.js'
import type { Logger } from '../runner/port.js'
import type { Secrets } from '../secrets.js'
import { revokeOrphans } from './orphans.js'
import { revokeAll, revokeByHand } from './revoke.js'

export interface KeyRequest {
  user: User
  purpose: string
  /** The expiry to send, fingerprinted (see `fingerprinted`). */
  expires: Date
  /** The server's clock at its latest answer before the create: keys made since may be this run's. */
  sentAfter: Date
}

/**
 * Creates the key and masks it before anyone else sees it. When the answer
 * is lost after sending, the server may hold a key nobody can use: find the
 * keys of this purpose made during this run, revoke them, and try once more.
 * Either one key comes back, or none is left behind (or the error names the
 * ones that could not be revoked).
 */
export async function createKey(
  client: Pick<OctopusClient, 'createKey' | 'keysPage' | 'revokeKey'>,
  request: KeyRequest,
  secrets: Secrets,
  log: Logger
): Promise<ApiKeyCreated> {
  const { user, purpose, expires } = request
  let sentAfter = request.sentAfter
  for (let round = 1; ; round++) {
    try {
      const { value: created } = await client.createKey(
        user.Id,
        purpose,
        expires
      )
      secrets.register(created.ApiKey)
      return created
    } catch (error) {
      if (!(error instanceof LostAnswerError))
        throw await createFailed(client, user, error)
      log.warning(
        `The answer to the create request was lost (${error.reason}); looking for a key this run may have created.`
      )
      sentAfter =
        (await revokeOrphans(client, request, sentAfter, log)) ?? sentAfter
      if (round >= 2)
        throw new ActionError(
          `Failed to create an API key for ${accountOf(user)}: the server's answer was lost twice (${error.reason}). No key was left behind; try again later.`
        )
      log.info('No key is left from the lost attempt; creating the key again.')
    }
  }
}

/** The error for a create that failed outright; a key made with an unusable value is revoked first. */
async function createFailed(
  client: Pick<OctopusClient, 'revokeKey'>,
  user: User,
  error: unknown
): Promise<unknown> {
  if (!(error instanceof MalformedKeyError))
    return failedTo(
      `create an API key for ${accountOf(user)}`,
      error,
      createAdvice(user)
    )
  const left = await revokeAll(client, user.Id, [error.keyId])
  return new ActionError(
    `${error.message} ${left.failed.length === 0 ? 'It was revoked.' : revokeByHand('Revoking it failed')}`
  )
}

/** What a refused create means, knowing who the target is. */
function createAdvice(user: User): StatusAdvice {
  return {
    403: user.IsService
      ? `'${user.Username}' is a service account: the credential's user needs permission to edit users ("Edit users", UserEdit) to create its keys.`
      : `Octopus only lets a credential create keys for its own account or for a service account, and '${user.Username}' is not a service account. ` +
        'Use a service account, or run with a credential of that user and leave username empty.',
    400: `Check 'purpose' and 'expires': the expiry must be in the future, within the server's maximum (366 days by default), and not after the expiry of the credential used.`,
    404: `The account ${user.Id} no longer exists.`
  }
}

/** `'svc-deploy' (Users-3)`: how messages name an account. */
export function accountOf(user: User): string {
  return `'${user.Username}' (${user.Id})`
}
