import type { Credential } from '../octopus/client.js'
import type { InputSource } from '../runner/port.js'
import type { Secrets } from '../secrets.js'
import { sourceName } from './inputs.js'

const API_KEY = /^API-[A-Za-z0-9]+$/
const TOKEN = /^[A-Za-z0-9._~+/=-]+$/

/** Where a credential came from: an input or a variable, by its name. */
export type CredentialSource =
  'api_key' | 'access_token' | 'OCTOPUS_API_KEY' | 'OCTOPUS_ACCESS_TOKEN'

/** A credential, and where it came from. */
export interface SourcedCredential extends Credential {
  source: CredentialSource
}

function candidatesOf(source: InputSource): SourcedCredential[] {
  const env = (name: string) => source.env(name)?.trim() ?? ''
  return [
    { source: 'api_key', kind: 'apikey', value: source.input('api_key') },
    {
      source: 'access_token',
      kind: 'bearer',
      value: source.input('access_token')
    },
    {
      source: 'OCTOPUS_API_KEY',
      kind: 'apikey',
      value: env('OCTOPUS_API_KEY')
    },
    {
      source: 'OCTOPUS_ACCESS_TOKEN',
      kind: 'bearer',
      value: env('OCTOPUS_ACCESS_TOKEN')
    }
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
  secrets: Secrets,
  problems: string[]
): SourcedCredential {
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
  const from = sourceName(chosen.source)
  if (chosen.kind === 'apikey' && !API_KEY.test(chosen.value))
    problems.push(
      `The API key in ${from} is not an Octopus API key: it should be API- followed by letters and digits. Check the secret it comes from.`
    )
  if (chosen.kind === 'bearer' && !TOKEN.test(chosen.value))
    problems.push(
      `The access token in ${from} contains characters a token cannot hold (spaces, quotes or line breaks). Check the secret it comes from.`
    )
  return chosen
}
