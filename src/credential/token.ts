/** The latest instant a `Date` can hold, in seconds since the epoch. */
const MAX_EPOCH_SECONDS = 8.64e12

/**
 * When an access token expires: the `exp` claim of its JWT payload, read
 * but never verified (Octopus does that). Undefined when the token is not a
 * JWT or carries no usable `exp`. Nothing else of the payload is kept, so
 * nothing else of it can reach a log.
 */
export function tokenExpiry(token: string): Date | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  let exp: unknown
  try {
    const claims: unknown = JSON.parse(
      Buffer.from(parts[1], 'base64url').toString('utf8')
    )
    exp =
      claims !== null && typeof claims === 'object'
        ? (claims as { exp?: unknown }).exp
        : undefined
  } catch {
    return undefined
  }
  return typeof exp === 'number' && exp > 0 && exp <= MAX_EPOCH_SECONDS
    ? new Date(exp * 1000)
    : undefined
}
