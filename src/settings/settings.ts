import {
  expiresItself,
  readCredential,
  type Credential
} from '../credential/credential.js'
import { DEFAULTS, type InputWithDefault } from './defaults.js'
import { SettingsError } from '../errors.js'
import {
  chooseExpiry,
  EXPIRES_EXAMPLES,
  parseExpiry,
  type CreatorLife,
  type ExpiryInput
} from './expiry.js'
import { checkedText, parseBoolean, parseInteger } from './inputs.js'
import { capitalised, printable, sourceName } from '../phrasing.js'
import type { InputSource } from '../runner/inputs.js'
import type { Secrets } from '../secrets.js'
import { parseServerUrl, SERVER_MISSING } from './server-url.js'

/** Which account gets the key. */
export type Target =
  | { kind: 'self' }
  | { kind: 'username'; username: string }
  | { kind: 'id'; userId: string }

/** What it takes to reach Octopus: all the post step needs. */
export interface ServerAccess {
  /** Base URL without a trailing `/` or `/api`, e.g. `https://host/octopus`. */
  server: string
  /** Where `server` came from: the input, or the OCTOPUS_URL variable. */
  serverSource: 'server' | 'OCTOPUS_URL'
  credential: Credential
  timeoutSeconds: number
  maxAttempts: number
  /** Said to the user before the first request (e.g. plain http allowed). */
  warnings: string[]
}

/** Everything the main step needs, validated and typed. */
export interface Settings extends ServerAccess {
  target: Target
  purpose: string
  /** The `expires` input when set; empty means a default (see `chooseExpiry`). */
  expires?: ExpiryInput
  /** When the access token that creates the key expires, if it says. */
  token?: CreatorLife
  summary: boolean
  revokePrevious: boolean
  /** With `revokePrevious`: how many of the newest older keys stay live. */
  keepPrevious: number
  revokeAfterJob: boolean
  exportEnv: boolean
  /**
   * With `exportEnv`, OCTOPUS_ACCESS_TOKEN was set (OctopusDeploy/login sets
   * it): it is exported empty, so that later steps act as the new key's
   * account rather than the token's.
   */
  clearAccessToken: boolean
}

const MAX_USERNAME = 64
const MAX_PURPOSE = 512
const USER_ID = /^Users-\d{1,12}$/

/** Reads the inputs the post step needs; credentials are masked as soon as they are read. */
export function readServerAccess(
  source: InputSource,
  secrets: Secrets
): ServerAccess {
  const problems: string[] = []
  const access = serverAccessFrom(source, secrets, problems)
  if (problems.length > 0) throw new SettingsError(problems)
  return access
}

/** Reads and validates every input before the first request; reports all problems at once. */
export function readSettings(
  source: InputSource,
  secrets: Secrets,
  now: Date
): Settings {
  const problems: string[] = []
  const access = serverAccessFrom(source, secrets, problems)
  const text = (name: string) => checkedText(source.input(name), name, problems)
  const target = readTarget(text('username'), text('user_id'), problems)
  const purpose = readPurpose(source.input('purpose'), problems)
  const flag = (name: InputWithDefault) =>
    parseBoolean(withDefault(source, name), name, problems)
  const exportEnv = flag('export_env')
  const settings: Settings = {
    ...access,
    target,
    purpose,
    expires: readExpiry(text('expires'), now, problems),
    token: tokenLife(access.credential),
    summary: flag('summary'),
    revokePrevious: flag('revoke_previous'),
    keepPrevious: parseInteger(
      withDefault(source, 'keep_previous'),
      'keep_previous',
      { min: 0, max: 100, example: '1' },
      problems
    ),
    revokeAfterJob: flag('revoke_after_job'),
    exportEnv,
    clearAccessToken:
      exportEnv && (source.env('OCTOPUS_ACCESS_TOKEN') ?? '').trim() !== ''
  }
  problems.push(...tokenProblems(settings, now))
  if (problems.length > 0) throw new SettingsError(problems)
  return settings
}

/**
 * An access token says when it expires, so an expiry it leaves no room for
 * is an input problem, found before any request. (An API key's expiry is
 * learnt from Octopus, so its problems come later.)
 */
function tokenProblems(settings: Settings, now: Date): string[] {
  if (settings.token === undefined) return []
  const { expires, revokeAfterJob, token } = settings
  const choice = chooseExpiry(expires, { now, revokeAfterJob, creator: token })
  return 'problem' in choice ? [choice.problem] : []
}

/** An input's value, or its default from action.yml when it came through empty. */
function withDefault(source: InputSource, name: InputWithDefault): string {
  return source.input(name).trim() || DEFAULTS[name]
}

function serverAccessFrom(
  source: InputSource,
  secrets: Secrets,
  problems: string[]
): ServerAccess {
  const credential = readCredential(source, secrets, problems)
  const allowInsecure = parseBoolean(
    withDefault(source, 'allow_insecure_http'),
    'allow_insecure_http',
    problems
  )
  const { server, serverSource, warnings } = readServer(
    source,
    allowInsecure,
    problems
  )
  const integer = (name: InputWithDefault, min: number, max: number) =>
    parseInteger(
      withDefault(source, name),
      name,
      { min, max, example: DEFAULTS[name] },
      problems
    )
  return {
    server,
    serverSource,
    credential,
    timeoutSeconds: integer('timeout_seconds', 1, 600),
    maxAttempts: integer('max_attempts', 1, 10),
    warnings
  }
}

/** The `server` input, or the OCTOPUS_URL variable when it is empty; problems name the one used. */
function readServer(
  source: InputSource,
  allowInsecure: boolean,
  problems: string[]
): Pick<ServerAccess, 'server' | 'serverSource' | 'warnings'> {
  const input = source.input('server').trim()
  const serverSource: ServerAccess['serverSource'] =
    input === '' ? 'OCTOPUS_URL' : 'server'
  const from = capitalised(sourceName(serverSource))
  const none = { server: '', serverSource, warnings: [] as string[] }
  const value = input || (source.env('OCTOPUS_URL') ?? '').trim()
  if (value === '') {
    problems.push(SERVER_MISSING)
    return none
  }
  const raw = checkedText(value, 'server', problems, from)
  if (raw === '') return none
  const parsed = parseServerUrl(raw, allowInsecure, from)
  if ('problem' in parsed) {
    problems.push(parsed.problem)
    return none
  }
  const warnings = parsed.warning ? [parsed.warning] : []
  return { server: parsed.server, serverSource, warnings }
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

/** Required; a value refused for its characters is not also reported missing. */
function readPurpose(value: string, problems: string[]): string {
  if (value.trim() === '') {
    problems.push(
      `Input 'purpose' is required: it names the key in Octopus, e.g. purpose: GitHub Actions deploy for \${{ github.repository }}.`
    )
    return ''
  }
  const purpose = checkedText(value, 'purpose', problems)
  if ([...purpose].length > MAX_PURPOSE)
    problems.push(`Input 'purpose' is longer than ${MAX_PURPOSE} characters.`)
  return purpose
}

/** The `expires` input, when set and usable. */
function readExpiry(
  text: string,
  now: Date,
  problems: string[]
): ExpiryInput | undefined {
  if (text === '') return undefined
  const expiry = parseExpiry(text, now)
  if (expiry.ok) return { text, date: expiry.date }
  problems.push(
    `Input 'expires' ('${printable(text)}') is not usable: ${expiry.reason}. Use ${EXPIRES_EXAMPLES}.`
  )
  return undefined
}

/** The access token's expiry, when the credential is a token that carries one. */
function tokenLife(credential: Credential): CreatorLife | undefined {
  const expires = expiresItself(credential)
  return (
    expires && { kind: 'token', expires, from: sourceName(credential.source) }
  )
}
