import { printable } from './inputs.js'

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i
const EXAMPLE = 'e.g. server: https://octopus.example.com'

/** The server URL to use (and a warning to show), or why it cannot be used. */
export type ServerUrl =
  { server: string; warning?: string } | { problem: string }

/**
 * Normalises the `server` input: an absolute http(s) URL without
 * credentials, query or fragment, and without a trailing `/` or `/api`
 * (`https://host/octopus/api/` → `https://host/octopus`). Plain http is taken
 * for loopback, or anywhere when `allowInsecure` (with a warning).
 */
export function parseServerUrl(raw: string, allowInsecure: boolean): ServerUrl {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return {
      problem: `Input 'server' ('${printable(withoutUserInfo(raw))}') is not an absolute URL (${EXAMPLE}).`
    }
  }
  const problem = problemWith(url, allowInsecure)
  if (problem !== undefined) return { problem }
  const path = url.pathname
    .replace(/\/+$/, '')
    .replace(/\/api$/i, '')
    .replace(/\/+$/, '')
  const server = `${url.origin}${path}`
  if (url.protocol === 'https:' || LOOPBACK.test(url.hostname))
    return { server }
  return {
    server,
    warning: `allow_insecure_http is on: the credential and the new key travel unencrypted to ${url.host}.`
  }
}

function problemWith(url: URL, allowInsecure: boolean): string | undefined {
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `Input 'server' must be an https:// URL (${EXAMPLE}); got ${url.protocol}//.`
  if (url.username !== '' || url.password !== '')
    return `Input 'server' must not carry a user name or password; pass the credential in 'api_key' or 'access_token'.`
  if (url.search !== '' || url.hash !== '')
    return `Input 'server' must not have a query or fragment (${EXAMPLE}).`
  if (
    url.protocol === 'http:' &&
    !LOOPBACK.test(url.hostname) &&
    !allowInsecure
  )
    return `Input 'server' uses http:// for ${url.host}, which is not this machine: the credential would cross the network unencrypted. Use https://, or set allow_insecure_http: true if you accept that.`
  return undefined
}

/** A URL as it may be shown: whatever stands before an `@` may be a password. */
function withoutUserInfo(url: string): string {
  return url.includes('@') ? url.replace(/^([^/]*\/\/)?[^/]*@/, '$1***@') : url
}

/** The message for a server given nowhere. */
export const SERVER_MISSING = `Input 'server' is required: set it, or set the OCTOPUS_URL variable (${EXAMPLE}).`
