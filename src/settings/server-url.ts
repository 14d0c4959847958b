const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i
const EXAMPLE = 'e.g. server: https://octopus.example.com'

/** The server URL to use (and a warning to show), or why it cannot be used. */
export type ServerUrl =
  { server: string; warning?: string } | { problem: string }

/**
 * Normalises the `server` input: an absolute http(s) URL without
 * credentials, query or fragment, and without a trailing `/` or `/api`
 * (`https://host/octopus/api/` → `https://host/octopus`). Plain http is taken
 * for loopback, or anywhere when `allowInsecure` (with a warning). `from`
 * names where the value came from, as problems start: `Input 'server'`.
 * A value that does not parse is never shown: it may hold a password.
 */
export function parseServerUrl(
  raw: string,
  allowInsecure: boolean,
  from = `Input 'server'`
): ServerUrl {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return {
      problem: `${from} is not an absolute URL (${EXAMPLE}): ${whyNotAUrl(raw)}.`
    }
  }
  const problem = problemWith(url, allowInsecure, from)
  if (problem !== undefined) return { problem }
  const server = `${url.origin}${withoutApi(url.pathname)}`
  if (url.protocol === 'https:' || LOOPBACK.test(url.hostname))
    return { server }
  return {
    server,
    warning: `allow_insecure_http is on: the credential and the new key travel unencrypted to ${url.host}.`
  }
}

function withoutApi(path: string): string {
  return path
    .replace(/\/+$/, '')
    .replace(/\/api$/i, '')
    .replace(/\/+$/, '')
}

/** What is wrong with a value that is not a URL, without showing it. */
function whyNotAUrl(raw: string): string {
  if (/\s/.test(raw)) return 'it contains a space'
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(raw))
    return 'it does not start with https://'
  if (raw.includes('@'))
    return `it holds an @, as a user name or password would; leave those out and pass the credential in 'api_key' or 'access_token'`
  return 'its host name or port is not valid'
}

function problemWith(
  url: URL,
  allowInsecure: boolean,
  from: string
): string | undefined {
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `${from} must be an https:// URL (${EXAMPLE}); got ${url.protocol}//.`
  if (url.username !== '' || url.password !== '')
    return `${from} must not carry a user name or password; pass the credential in 'api_key' or 'access_token'.`
  const root = portalRoot(url)
  if (url.hash !== '' && root !== undefined)
    return `${from} is the address of a page in the Octopus web portal; set it to the server's root, ${root}.`
  if (url.search !== '' || url.hash !== '')
    return `${from} must not have a query or fragment (${EXAMPLE}).`
  if (
    url.protocol === 'http:' &&
    !LOOPBACK.test(url.hostname) &&
    !allowInsecure
  )
    return `${from} uses http:// for ${url.host}, which is not this machine: the credential would cross the network unencrypted. Use https://, or set allow_insecure_http: true if you accept that.`
  return undefined
}

/**
 * The server's root when `url` is an address in the web portal, which
 * Octopus serves under `/app` (`https://host/octopus/app#/Spaces-1` →
 * `https://host/octopus`); undefined otherwise.
 */
export function portalRoot(url: URL): string | undefined {
  const at = url.pathname.search(/\/app(\/|$)/i)
  if (at === -1) return undefined
  return `${url.origin}${url.pathname.slice(0, at)}`
}

/** The message for a server given nowhere. */
export const SERVER_MISSING = `Input 'server' is required: set it, or set the OCTOPUS_URL variable (${EXAMPLE}).`
