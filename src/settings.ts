import { EXPIRES_EXAMPLES, parseExpiry } from './expiry.js'
import type { Credential } from './octopus/client.js'
import { ActionError } from './octopus/errors.js'
import type { Secrets } from './secrets.js'

/** Where inputs come from: the step's `with:` and the environment. */
export interface InputSource {
  input(name: string): string
  env(name: string): string | undefined
}

/** Which account gets the key. */
export type Target =
  | { kind: 'self' }
  | { kind: 'username'; username: string }
  | { kind: 'id'; userId: string }

/** What it takes to talk to Octopus: all the post step needs. */
export interface Connection {
  /** Base URL without a trailing `/` or `/api`, e.g. `https://host/octopus`. */
  server: string
  credential: Credential
  timeoutSeconds: number
  maxAttempts: number
  /** Said to the user before the first request (e.g. plain http allowed). */
  warnings: string[]
}

/** Everything the main step needs, validated and typed. */
export interface Settings extends Connection {
  target: Target
  purpose: string
  /** Absolute expiry computed from the `expires` input. */
  expires: Date
  summary: boolean
  revokePrevious: boolean
  revokeAfterJob: boolean
  exportEnv: boolean
}

/** All input problems at once, one per line. */
export class SettingsError extends ActionError {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? problems[0]
        : `The inputs have ${problems.length} problems:\n- ${problems.join('\n- ')}`
    )
    this.name = 'SettingsError'
  }
}

const MAX_USERNAME = 64
const MAX_PURPOSE = 512
const API_KEY = /^API-[A-Za-z0-9]+$/
const TOKEN = /^[A-Za-z0-9._~+/=-]+$/
const USER_ID = /^Users-\d{1,12}$/

/** Reads the inputs the post step needs; credentials are masked as soon as they are read. */
export function readConnection(
  source: InputSource,
  secrets: Secrets
): Connection {
  const problems: string[] = []
  const connection = connectionFrom(source, secrets, problems)
  if (problems.length > 0) throw new SettingsError(problems)
  return connection
}

/** Reads and validates every input before the first request. */
export function readSettings(
  source: InputSource,
  secrets: Secrets,
  now: Date
): Settings {
  const problems: string[] = []
  const connection = connectionFrom(source, secrets, problems)
  const text = (name: string): string =>
    checkedText(source.input(name), name, problems)

  const username = text('username')
  const userId = text('user_id')
  let target: Target = { kind: 'self' }
  if (username !== '' && userId !== '') {
    problems.push(`Set either 'username' or 'user_id', not both.`)
  } else if (userId !== '') {
    if (USER_ID.test(userId)) target = { kind: 'id', userId }
    else
      problems.push(
        `Input 'user_id' must look like Users-123 (the id shown in the address of the user's page in Octopus); got '${printable(userId)}'.`
      )
  } else if (username !== '') {
    if ([...username].length > MAX_USERNAME)
      problems.push(
        `Input 'username' is longer than Octopus allows (${MAX_USERNAME} characters).`
      )
    else target = { kind: 'username', username }
  }

  const purpose = text('purpose')
  if (purpose === '')
    problems.push(
      `Input 'purpose' is required: it names the key in Octopus, e.g. purpose: GitHub Actions deploy for \${{ github.repository }}.`
    )
  else if ([...purpose].length > MAX_PURPOSE)
    problems.push(`Input 'purpose' is longer than ${MAX_PURPOSE} characters.`)

  const expiresText = text('expires') || '180d'
  const expiry = parseExpiry(expiresText, now)
  if (!expiry.ok)
    problems.push(
      `Input 'expires' ('${printable(expiresText)}') is not usable: ${expiry.reason}. Use ${EXPIRES_EXAMPLES}.`
    )

  const flag = (name: string, fallback: boolean): boolean =>
    parseBoolean(source.input(name), name, fallback, problems)
  const settings: Settings = {
    ...connection,
    target,
    purpose,
    expires: expiry.ok ? expiry.date : now,
    summary: flag('summary', true),
    revokePrevious: flag('revoke_previous', false),
    revokeAfterJob: flag('revoke_after_job', false),
    exportEnv: flag('export_env', false)
  }
  if (problems.length > 0) throw new SettingsError(problems)
  return settings
}

function connectionFrom(
  source: InputSource,
  secrets: Secrets,
  problems: string[]
): Connection {
  const warnings: string[] = []
  const credential = readCredential(source, secrets, problems)
  const allowInsecure = parseBoolean(
    source.input('allow_insecure_http'),
    'allow_insecure_http',
    false,
    problems
  )
  const server = readServer(source, allowInsecure, problems, warnings)
  return {
    server,
    credential,
    timeoutSeconds: parseInteger(
      source.input('timeout_seconds'),
      'timeout_seconds',
      30,
      1,
      600,
      problems
    ),
    maxAttempts: parseInteger(
      source.input('max_attempts'),
      'max_attempts',
      3,
      1,
      10,
      problems
    ),
    warnings
  }
}

/**
 * The credential, explicit inputs first: api_key, access_token, then the
 * OCTOPUS_API_KEY and OCTOPUS_ACCESS_TOKEN variables. Every value found is
 * masked before it is looked at, used or not.
 */
function readCredential(
  source: InputSource,
  secrets: Secrets,
  problems: string[]
): Credential {
  const candidates: {
    from: string
    kind: Credential['kind']
    value: string
  }[] = [
    { from: `input 'api_key'`, kind: 'apikey', value: source.input('api_key') },
    {
      from: `input 'access_token'`,
      kind: 'bearer',
      value: source.input('access_token')
    },
    {
      from: 'OCTOPUS_API_KEY',
      kind: 'apikey',
      value: source.env('OCTOPUS_API_KEY')?.trim() ?? ''
    },
    {
      from: 'OCTOPUS_ACCESS_TOKEN',
      kind: 'bearer',
      value: source.env('OCTOPUS_ACCESS_TOKEN')?.trim() ?? ''
    }
  ]
  for (const candidate of candidates) secrets.register(candidate.value)
  const chosen = candidates.find((c) => c.value !== '')
  if (!chosen) {
    problems.push(
      `No credential: set the 'api_key' input (or the OCTOPUS_API_KEY variable), or 'access_token' (or OCTOPUS_ACCESS_TOKEN, which OctopusDeploy/login sets). ` +
        'If it comes from a secret, check that the secret exists and is available to this workflow (secrets are not passed to workflows from forks).'
    )
    return { kind: 'apikey', value: '' }
  }
  if (chosen.kind === 'apikey' && !API_KEY.test(chosen.value))
    problems.push(
      `The API key in ${chosen.from} is not an Octopus API key: it should be API- followed by letters and digits. Check the secret it comes from.`
    )
  if (chosen.kind === 'bearer' && !TOKEN.test(chosen.value))
    problems.push(
      `The access token in ${chosen.from} contains characters a token cannot hold (spaces, quotes or line breaks). Check the secret it comes from.`
    )
  return { kind: chosen.kind, value: chosen.value }
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i

/** The server URL, normalised: no credentials, no query, no trailing `/` or `/api`. */
function readServer(
  source: InputSource,
  allowInsecure: boolean,
  problems: string[],
  warnings: string[]
): string {
  const raw = checkedText(
    source.input('server') || (source.env('OCTOPUS_URL') ?? '').trim(),
    'server',
    problems
  )
  const example = 'e.g. server: https://octopus.example.com'
  if (raw === '') {
    problems.push(
      `Input 'server' is required: set it, or set the OCTOPUS_URL variable (${example}).`
    )
    return ''
  }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    problems.push(
      `Input 'server' ('${printable(withoutUserInfo(raw))}') is not an absolute URL (${example}).`
    )
    return ''
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push(
      `Input 'server' must be an https:// URL (${example}); got ${url.protocol}//.`
    )
    return ''
  }
  if (url.username !== '' || url.password !== '') {
    problems.push(
      `Input 'server' must not carry a user name or password; pass the credential in 'api_key' or 'access_token'.`
    )
    return ''
  }
  if (url.search !== '' || url.hash !== '') {
    problems.push(
      `Input 'server' must not have a query or fragment (${example}).`
    )
    return ''
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    if (!allowInsecure) {
      problems.push(
        `Input 'server' uses http:// for ${url.host}, which is not this machine: the credential would cross the network unencrypted. Use https://, or set allow_insecure_http: true if you accept that.`
      )
      return ''
    }
    warnings.push(
      `allow_insecure_http is on: the credential and the new key travel unencrypted to ${url.host}.`
    )
  }
  const path = url.pathname
    .replace(/\/+$/, '')
    .replace(/\/api$/i, '')
    .replace(/\/+$/, '')
  return `${url.origin}${path}`
}

/** Trims, and refuses control characters and text that was not valid UTF-8. */
function checkedText(value: string, name: string, problems: string[]): string {
  const text = value.trim()
  // eslint-disable-next-line no-control-regex -- control characters are what we reject
  if (/[\u0000-\u001f\u007f\ufffd]/.test(text)) {
    problems.push(
      `Input '${name}' contains a control character or bytes that are not valid UTF-8; use plain text.`
    )
    return ''
  }
  return text
}

function parseBoolean(
  value: string,
  name: string,
  fallback: boolean,
  problems: string[]
): boolean {
  const text = value.trim()
  if (text === '') return fallback
  if (['true', 'True', 'TRUE'].includes(text)) return true
  if (['false', 'False', 'FALSE'].includes(text)) return false
  problems.push(
    `Input '${name}' must be true or false; got '${printable(text)}'.`
  )
  return fallback
}

function parseInteger(
  value: string,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[]
): number {
  const text = value.trim()
  if (text === '') return fallback
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    problems.push(
      `Input '${name}' must be a whole number from ${min} to ${max}, e.g. ${fallback}; got '${printable(text)}'.`
    )
    return fallback
  }
  return Number(text)
}

/** A URL as it may be shown: whatever stands before an `@` may be a password. */
function withoutUserInfo(url: string): string {
  return url.includes('@') ? url.replace(/^([^/]*\/\/)?[^/]*@/, '$1***@') : url
}

/** A non-secret value shown back in an error, kept short. */
function printable(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value
}
