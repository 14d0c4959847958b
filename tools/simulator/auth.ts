// Finding the credential a request presents (docs/octopus-api.md,
// Credentials). Values are only handed to the state for a hash lookup; they
// are never logged or recorded.
import type { IncomingHttpHeaders } from 'node:http'
import type { CredentialKind } from './state.js'

export interface PresentedCredential {
  kind: CredentialKind
  value: string
}

/** The query parameter name is matched case-insensitively (`ApiKey`, `apikey`). */
export function isApiKeyParam(name: string): boolean {
  return name.toLowerCase() === 'apikey'
}

/**
 * Header first, then `?apikey=`, then `Authorization: Bearer`. An empty
 * X-Octopus-ApiKey (which the TS client sends when it has nothing) counts as
 * no credential.
 */
export function presentedCredential(
  headers: IncomingHttpHeaders,
  query: URLSearchParams
): PresentedCredential | undefined {
  const header = headers['x-octopus-apikey']
  const headerValue = (Array.isArray(header) ? header[0] : header)?.trim()
  if (headerValue) return { kind: 'apikey', value: headerValue }

  for (const [name, value] of query) {
    if (isApiKeyParam(name) && value.trim()) {
      return { kind: 'apikey', value: value.trim() }
    }
  }

  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')
  if (bearer?.[1]) return { kind: 'bearer', value: bearer[1] }
  return undefined
}
