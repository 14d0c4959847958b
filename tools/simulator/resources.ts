// JSON shapes of the resources (docs/octopus-api.md: Root document, Users,
// Creating a key, Listing, getting and revoking keys). Links are app-relative
// and carry the virtual directory (docs/octopus-api.md, Links and URI
// templates).
import type { KeyEntry, UserRecord } from './state.js'
import { octopusTime } from './time.js'

export const API_VERSION = '3.0.0'
export const USERS_TEMPLATE = '/api/users{/id}{?skip,take,ids,filter}'

/** Encodes an id for use as one path segment of a link. */
export function seg(id: string): string {
  return encodeURIComponent(id)
}

export function rootResource(
  prefix: string,
  version: string,
  installationId: string
) {
  return {
    Application: 'Octopus Deploy',
    Version: version,
    ApiVersion: API_VERSION,
    InstallationId: installationId,
    HasLongTermSupport: false,
    IsEarlyAccessProgram: false,
    Links: {
      Self: `${prefix}/api`,
      CurrentUser: `${prefix}/api/users/me`,
      Users: `${prefix}${USERS_TEMPLATE}`
    }
  }
}

export function userResource(
  user: UserRecord,
  prefix: string,
  callerId: string
) {
  const self = `${prefix}/api/users/${seg(user.id)}`
  return {
    Id: user.id,
    Username: user.username,
    DisplayName: user.displayName,
    IsActive: user.isActive,
    IsService: user.isService,
    EmailAddress: user.email,
    CanPasswordBeEdited: !user.isService,
    // "Represents the user who requested it".
    IsRequestor: user.id === callerId,
    Identities: [],
    Links: {
      Self: self,
      Permissions: `${self}/permissions`,
      PermissionsConfiguration: `${self}/permissions/configuration`,
      Spaces: `${self}/spaces`,
      Teams: `${self}/teams{?spaces,includeSystem}`,
      ApiKeys: `${self}/apikeys{/id}{?skip,take}`
    }
  }
}

export function apiKeysPath(prefix: string, userId: string): string {
  return `${prefix}/api/users/${seg(userId)}/apikeys`
}

function keySelf(prefix: string, key: KeyEntry): string {
  return `${apiKeysPath(prefix, key.userId)}/${seg(key.id)}`
}

/**
 * Servers before 2020.6 have no Expires field at all (docs/octopus-api.md,
 * Expiry by server version).
 */
function expiresField(key: KeyEntry, hasExpiry: boolean) {
  if (!hasExpiry) return {}
  return { Expires: key.expires ? octopusTime(key.expires) : null }
}

/** List/get shape: the secret is never returned, only its hint. */
export function apiKeyResource(
  key: KeyEntry,
  prefix: string,
  hasExpiry: boolean
) {
  return {
    Id: key.id,
    Purpose: key.purpose,
    UserId: key.userId,
    ApiKey: { HasValue: true, NewValue: null, Hint: key.hint },
    Created: octopusTime(key.created),
    ...expiresField(key, hasExpiry),
    Links: { Self: keySelf(prefix, key) }
  }
}

/** Create shape: the only time the plaintext key is sent. */
export function apiKeyCreatedResource(
  key: KeyEntry,
  apiKey: string,
  prefix: string,
  hasExpiry: boolean
) {
  return {
    Id: key.id,
    Purpose: key.purpose,
    UserId: key.userId,
    ApiKey: apiKey,
    Created: octopusTime(key.created),
    ...expiresField(key, hasExpiry),
    Links: { Self: keySelf(prefix, key) }
  }
}
