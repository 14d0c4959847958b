import { SettingsError } from '../errors.js'
import type { Credential } from '../octopus/client.js'
import type { InputSource } from '../runner/port.js'
import type { Secrets } from '../secrets.js'
import { readCredential } from './credential.js'
import { DEFAULTS, type InputWithDefault } from './defaults.js'
import { EXPIRES_EXAMPLES, parseExpiry } from './expiry.js'
import { checkedText, parseBoolean, parseInteger, printable } from './inputs.js'
import { parseServerUrl, SERVER_MISSING } from './server-url.js'

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

const MAX_USERNAME = 64
const MAX_PURPOSE = 512
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

/** Reads and validates every input before the first request; reports all problems at once. */
export function readSettings(
  source: InputSource,
  secrets: Secrets,
  now: Date
): Settings {
  const problems: string[] = []
  const connection = connectionFrom(source, secrets, problems)
  const text = (name: string) => checkedText(source.input(name), name, problems)
  const target = readTarget(text('username'), text('user_id'), problems)
  const purpose = readPurpose(text('purpose'), problems)
  const expires = readExpires(
    text('expires') || DEFAULTS.expires,
    now,
    problems
  )
  const flag = (name: InputWithDefault) =>
    parseBoolean(withDefault(source, name), name, problems)
  const settings: Settings = {
    ...connection,
    target,
    purpose,
    expires,
    summary: flag('summary'),
    revokePrevious: flag('revoke_previous'),
    revokeAfterJob: flag('revoke_after_job'),
    exportEnv: flag('export_env')
  }
  if (problems.length > 0) throw new SettingsError(problems)
  return settings
}

/** An input's value, or its default from action.yml when it came through empty. */
function withDefault(source: InputSource, name: InputWithDefault): string {
  return source.input(name).trim() || DEFAULTS[name]
}

function connectionFrom(
  source: InputSource,
  secrets: Secrets,
  problems: string[]
): Connection {
  const credential = readCredential(source, secrets, problems)
  const allowInsecure = parseBoolean(
    withDefault(source, 'allow_insecure_http'),
    'allow_insecure_http',
    problems
  )
  const { server, warnings } = readServer(source, allowInsecure, problems)
  const integer = (name: InputWithDefault, min: number, max: number) =>
    parseInteger(
      withDefault(source, name),
      name,
      { min, max, example: DEFAULTS[name] },
      problems
    )
  return {
    server,
    credential,
    timeoutSeconds: integer('timeout_seconds', 1, 600),
    maxAttempts: integer('max_attempts', 1, 10),
    warnings
  }
}

/** The `server` input, or the OCTOPUS_URL variable when it is empty. */
function readServer(
  source: InputSource,
  allowInsecure: boolean,
  problems: string[]
): { server: string; warnings: string[] } {
  const raw = checkedText(
    source.input('server') || (source.env('OCTOPUS_URL') ?? '').trim(),
    'server',
    problems
  )
  if (raw === '') {
    problems.push(SERVER_MISSING)
    return { server: '', warnings: [] }
  }
  const parsed = parseServerUrl(raw, allowInsecure)
  if ('problem' in parsed) {
    problems.push(parsed.problem)
    return { server: '', warnings: [] }
  }
  return {
    server: parsed.server,
    warnings: parsed.warning ? [parsed.warning] : []
  }
}

function readTarget(
  username: string,
  userId: string,
  problems: string[]
): Target {
  if (username !== '' && userId !== '') {
    problems.push(`Set either 'username' or 'user_id', not both.`)
  } else if (userId !== '') {
    if (USER_ID.test(userId)) return { kind: 'id', userId }
    problems.push(
      `Input 'user_id' must look like Users-123 (the id shown in the address of the user's page in Octopus); got '${printable(userId)}'.`
    )
  } else if (username !== '') {
    if ([...username].length <= MAX_USERNAME)
      return { kind: 'username', username }
    problems.push(
      `Input 'username' is longer than Octopus allows (${MAX_USERNAME} characters).`
    )
  }
  return { kind: 'self' }
}

function readPurpose(purpose: string, problems: string[]): string {
  if (purpose === '')
    problems.push(
      `Input 'purpose' is required: it names the key in Octopus, e.g. purpose: GitHub Actions deploy for \${{ github.repository }}.`
    )
  else if ([...purpose].length > MAX_PURPOSE)
    problems.push(`Input 'purpose' is longer than ${MAX_PURPOSE} characters.`)
  return purpose
}

function readExpires(text: string, now: Date, problems: string[]): Date {
  const expiry = parseExpiry(text, now)
  if (expiry.ok) return expiry.date
  problems.push(
    `Input 'expires' ('${printable(text)}') is not usable: ${expiry.reason}. Use ${EXPIRES_EXAMPLES}.`
  )
  return now
}
