/**
 * Everything the action knows about a credential, by kind: where it is read
 * from, the shape it must have, the header that carries it, the forms it
 * may be echoed in (masked too), how to recognise its own key among an
 * account's keys, and whether it says when it expires. Supporting another
 * kind of credential means adding it here.
 */
import { sourceName } from '../phrasing.js'
import type { InputSource } from '../runner/inputs.js'
import { tokenExpiry } from './token.js'

/** How a credential authenticates: an API key header, or a bearer token. */
export type CredentialKind = 'apikey' | 'bearer'

/** Where a credential came from: an input or a variable, by its name. */
export type CredentialSource =
  'api_key' | 'access_token' | 'OCTOPUS_API_KEY' | 'OCTOPUS_ACCESS_TOKEN'

/** A credential, and where it came from. */
export interface Credential {
  kind: CredentialKind
  value: string
  source: CredentialSource
}

/** What differs between kinds of credential. */
interface Kind {
  /** How messages name it: `API key`. */
  noun: string
  input: CredentialSource
  variable: CredentialSource
  shape: RegExp
  /** Why a value from `from` is not of this kind. */
  misshapen(from: string): string
  header(value: string): [string, string]
}

const KINDS: Record<CredentialKind, Kind> = {
  apikey: {
    noun: 'API key',
    input: 'api_key',
    variable: 'OCTOPUS_API_KEY',
    shape: /^API-[A-Za-z0-9]+$/,
    misshapen: (from) =>
      `The API key in ${from} is not an Octopus API key: it should be API- followed by letters and digits. Check the secret it comes from.`,
    header: (value) => ['X-Octopus-ApiKey', value]
  },
  bearer: {
    noun: 'access token',
    input: 'access_token',
    variable: 'OCTOPUS_ACCESS_TOKEN',
    shape: /^[A-Za-z0-9._~+/=-]+$/,
    misshapen: (from) =>
      `The access token in ${from} contains characters a token cannot hold (spaces, quotes or line breaks). Check the secret it comes from.`,
    header: (value) => ['Authorization', `Bearer ${value}`]
  }
}

/** `API key`, `access token`. */
export function credentialNoun(kind: CredentialKind): string {
  return KINDS[kind].noun
}

/** The header that carries the credential. */
export function authHeader({ kind, value }: Credential): [string, string] {
  return KINDS[kind].header(value)
}

/** Every place a credential may come from, first wins: the inputs, then the variables. */
function candidatesOf(source: InputSource): Credential[] {
  const kinds = Object.entries(KINDS) as [CredentialKind, Kind][]
  const env = (name: string) => source.env(name)?.trim() ?? ''
  return [
    ...kinds.map(([kind, k]) => ({
      kind,
      source: k.input,
      value: source.input(k.input)
    })),
    ...kinds.map(([kind, k]) => ({
      kind,
      source: k.variable,
      value: env(k.variable)
    }))
  ]
}

/**
 * The credential, explicit inputs first: api_key, access_token, then the
 * OCTOPUS_API_KEY and OCTOPUS_ACCESS_TOKEN variables. Every value found is
 * masked before it is looked at, used or not. Problems name where the value
 * came from, never the value.
 */
export function readCredential(
  source: InputSource,
  secrets: { register(value: string): void },
  problems: string[]
): Credential {
  const candidates = candidatesOf(source)
  for (const candidate of candidates) secrets.register(candidate.value)
  const chosen = candidates.find((c) => c.value !== '')
  if (!chosen) {
    problems.push(
      `No credential: set the 'api_key' input (or the OCTOPUS_API_KEY variable), or 'access_token' (or OCTOPUS_ACCESS_TOKEN, which OctopusDeploy/login sets). ` +
        'If it comes from a secret, check that the secret exists and is available to this workflow (secrets are not passed to workflows from forks).'
    )
    return { source: 'api_key', kind: 'apikey', value: '' }
  }
  const kind = KINDS[chosen.kind]
  if (!kind.shape.test(chosen.value))
    problems.push(kind.misshapen(sourceName(chosen.source)))
  return chosen
}

/** When the credential says it expires itself: an access token's `exp`. */
export function expiresItself(credential: Credential): Date | undefined {
  return credential.kind === 'bearer'
    ? tokenExpiry(credential.value)
    : undefined
}

/**
 * Whether a listed key is likely the credential's own: its hint (the first
 * characters of the key, as Octopus lists it) begins the credential. Only
 * an API key can be among an account's keys.
 */
export function isCredentialKey(
  credential: Pick<Credential, 'kind' | 'value'>
): (key: { Hint?: string }) => boolean {
  return (key) => {
    const visible = /^API-[A-Z0-9]+/i.exec(key.Hint ?? '')?.[0]
    return (
      credential.kind === 'apikey' &&
      visible !== undefined &&
      credential.value.toUpperCase().startsWith(visible.toUpperCase())
    )
  }
}

/** Parts shorter than this are not masked alone: they could be anything. */
const MIN_PART = 16

/**
 * Where a server or a tool may echo a secret in another form: an API key
 * without its `API-` prefix, or in lower case; an access token's claims or
 * signature without the rest of it.
 */
export function echoesOf(value: string): string[] {
  const key = /^API-([A-Z0-9]+)$/i.exec(value)
  if (key) {
    const body = key[1]
    const whole = [value.toUpperCase(), value.toLowerCase()]
    if (body.length < MIN_PART) return whole
    return [...whole, body, body.toUpperCase(), body.toLowerCase()]
  }
  const parts = value.split('.')
  if (parts.length !== 3) return []
  return parts.slice(1).filter((part) => part.length >= MIN_PART)
}

/** Text shaped like a credential, redacted wherever it shows: an API key, a JWT. */
export const CREDENTIAL_SHAPES: [RegExp, string][] = [
  [/API-[A-Z0-9]{6,}/gi, 'API-***'],
  [/eyJ[\w-]{6,}\.[\w-]+(\.[\w-]+)?/g, '***']
]
