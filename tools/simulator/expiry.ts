// API key expiry rules by server version (docs/octopus-api.md, Expiry by server
// version). The real 400 texts are not public, so the wording is our own.
import { badRequest } from './errors.js'
import type { CredentialEntry } from './state.js'
import { addDays } from './time.js'
import type { Features } from './version.js'

export interface ExpiryPolicy {
  features: Features
  defaultExpiryDays: number
  maxExpiryDays: number
  /** False: an access token's expiry does not cap the keys it creates. */
  accessTokensCapKeys?: boolean
}

/**
 * The expiry a key gets when the client does not choose one.
 * `explicitNull` distinguishes `"Expires": null` from an omitted field, which
 * only matters from 2025.4 (null = maximum, omitted = default).
 */
export function defaultExpires(
  policy: ExpiryPolicy,
  from: Date,
  explicitNull: boolean
): Date | null {
  if (!policy.features.maxExpiry) return null
  const days = explicitNull ? policy.maxExpiryDays : policy.defaultExpiryDays
  return addDays(from, days)
}

/**
 * Validates the `Expires` of a create request and returns the key's expiry.
 * `body` is the parsed request body; `caller` is the credential in use.
 */
export function resolveExpires(
  policy: ExpiryPolicy,
  body: Record<string, unknown>,
  caller: CredentialEntry,
  now: Date
): Date | null {
  // Before 2020.6 keys never expire and the field does not exist.
  if (!policy.features.expiry) return null

  const raw = body.Expires
  const uncapped =
    caller.kind === 'bearer' && policy.accessTokensCapKeys === false
  const callerExpires = uncapped ? null : caller.expires
  const outlives = (expires: Date | null) =>
    callerExpires !== null && (expires === null || expires > callerExpires)
  if (raw === undefined || raw === null) {
    // A defaulted expiry must fit the caller's credential too: the client
    // did not ask for it, but Octopus holds it to the same rule.
    const chosen = defaultExpires(policy, now, raw === null)
    if (outlives(chosen)) throw outlivesCaller(caller)
    return chosen
  }

  const expires = typeof raw === 'string' ? new Date(raw) : undefined
  if (!expires || Number.isNaN(expires.getTime())) {
    throw badRequest(
      'The expiry date must be a valid date and time, including a time zone offset.'
    )
  }
  if (expires.getTime() <= now.getTime()) {
    throw badRequest('The expiry date cannot be in the past.')
  }
  if (outlives(expires)) throw outlivesCaller(caller)
  if (
    policy.features.maxExpiry &&
    expires > addDays(now, policy.maxExpiryDays)
  ) {
    throw badRequest(
      `The expiry date cannot be more than ${policy.maxExpiryDays} days in the future.`
    )
  }
  return expires
}

/** The 400 for a key that would outlive the credential creating it (our wording; the real text is not public). */
function outlivesCaller(caller: CredentialEntry) {
  const what = caller.kind === 'bearer' ? 'access token' : 'API key'
  return badRequest(
    `The expiry date cannot be after the expiry date of the ${what} being used to create it.`
  )
}
