// Who may see users and manage whose keys (docs/octopus-api.md,
// Permissions). Users are system-level, so there are no space or team scopes
// to consider.
import { forbidden, OctopusError } from './errors.js'
import type { UserRecord } from './state.js'

export type KeyAction = 'create' | 'view' | 'revoke'

export function assertCanViewUsers(caller: UserRecord): void {
  if (!caller.canViewUsers) {
    throw forbidden(
      'UserView',
      'This action requires permission to view users.'
    )
  }
}

/** Your own user is always visible; anyone else needs UserView. */
export function assertCanViewUser(caller: UserRecord, targetId: string): void {
  if (caller.id.toLowerCase() !== targetId.toLowerCase()) {
    assertCanViewUsers(caller)
  }
}

const verbs: Record<KeyAction, string> = {
  create: 'created',
  view: 'viewed',
  revoke: 'revoked'
}

/**
 * Anyone may manage their own keys. Another user's keys may be listed with
 * UserView ("if you can see users, you can see their API keys"), and
 * created or revoked only when that user is a service account and the
 * caller has UserEdit: even an administrator cannot create a key for a
 * normal user.
 */
export function assertCanManageKeys(
  caller: UserRecord,
  target: UserRecord,
  action: KeyAction
): void {
  if (caller.id === target.id) return
  if (action === 'view') return assertCanViewUsers(caller)
  if (!target.isService) {
    throw forbidden(
      undefined,
      `API keys for other users can only be ${verbs[action]} for service accounts. ` +
        `You can only ${action} API keys for your own user account, ` +
        'or for a service account if you have the UserEdit permission.'
    )
  }
  if (!caller.canEditUsers) {
    throw forbidden(
      'UserEdit',
      'This action requires permission to edit users, which is needed to manage the API keys of service accounts.'
    )
  }
}

/** The 2023.2+ switch that turns off API keys for regular user accounts. */
export function userApiKeysDisabled(): OctopusError {
  return new OctopusError(403, {
    ErrorMessage:
      'API keys for user accounts have been disabled on this Octopus Server. Please contact your Octopus administrator.',
    HelpText:
      'An administrator has turned off API key creation for user accounts (UserApiKeysEnabled = false). API keys can still be created for service accounts.'
  })
}
