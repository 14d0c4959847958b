import { describe, expect, it } from '@jest/globals'
import { describe as say } from '../../src/describe.js'
import {
  ActionError,
  failedTo,
  FailedCall,
  OctopusError,
  TransportError,
  type FailureKind,
  type StatusAdvice
} from '../../src/errors.js'

const status = (code: number) =>
  new OctopusError(`HTTP ${code}: "Nope."`, code, 'status')

/** An error from a call, said as the user reads it: the call's advice, or none. */
function explain(
  error: OctopusError | TransportError,
  advice?: StatusAdvice
): string {
  if (advice === undefined) return say(error)
  const lead = 'Failed to do it: '
  return say(new FailedCall('do it', error, advice)).slice(lead.length)
}

describe('explain: what happened, then what to do', () => {
  const LATER = 'The server kept failing; try again later.'
  it.each([
    [
      401,
      `Check that 'api_key' (or 'access_token') holds a valid, unexpired credential for this server.`
    ],
    [429, LATER],
    [500, LATER],
    [503, LATER]
  ])('HTTP %d, whatever the call: %s', (code, advice) => {
    expect(explain(status(code))).toBe(`HTTP ${code}: "Nope." ${advice}`)
  })

  it('a status the caller explains takes the caller’s words', () => {
    expect(explain(status(404), { 404: 'Check user_id.' })).toBe(
      'HTTP 404: "Nope." Check user_id.'
    )
    expect(explain(status(500), { 500: 'Mine.' })).toBe(
      'HTTP 500: "Nope." Mine.'
    )
  })

  it('a status nobody explains is said as it is', () => {
    expect(explain(status(409))).toBe('HTTP 409: "Nope."')
  })

  it.each([
    ['redirect', `set the 'server' input to the final address`],
    ['unreadable', `Check that the 'server' input points at Octopus itself`]
  ] as const)('a %s answer: %s', (kind, advice) => {
    const error = new OctopusError('It answered oddly.', 200, kind)
    expect(explain(error, { 200: 'not this' })).toContain(advice)
  })

  it.each([
    ['refused', `Check the 'server' input (host and port)`],
    ['timeout', 'did not answer within timeout_seconds (45 s)'],
    ['dropped', 'any proxy in between'],
    ['dns', `Check the host name in the 'server' input.`],
    ['untrusted', 'point NODE_EXTRA_CA_CERTS at its certificate'],
    ['wrong-name', `Set the 'server' input to a name the certificate holds`],
    ['expired', "The server's certificate must be renewed"],
    ['not-tls', 'points https:// at a port that speaks plain http'],
    ['tls', 'Check the TLS setup of the server and of any proxy in between'],
    ['proxy', 'add the server to no_proxy to reach it directly'],
    ['other', 'the network between the runner and Octopus']
  ] as [FailureKind, string][])('no answer (%s): %s', (kind, advice) => {
    const error = new TransportError(kind, false, 'It gave no answer.', 45)
    expect(explain(error)).toMatch(/^It gave no answer\. /)
    expect(explain(error)).toContain(advice)
  })

  it('one of ours without a cause is its message; anything else, a bug to report', () => {
    expect(say(new ActionError('Refused.'))).toBe('Refused.')
    expect(say(new Error('disk full'))).toBe(
      'Unexpected error, please report it: disk full'
    )
  })
})

describe('failedTo: the caller’s context on a failed call', () => {
  it('says what was being done, what happened and what to do', () => {
    const cause = status(403)
    const error = failedTo('look up user Users-3', cause, { 403: 'Grant it.' })
    expect(error).toBeInstanceOf(FailedCall)
    expect(say(error)).toBe(
      'Failed to look up user Users-3: HTTP 403: "Nope." Grant it.'
    )
    expect((error as Error).cause).toBe(cause)
  })

  it.each([new TypeError('a bug'), new ActionError('already said')])(
    'leaves %p as it is',
    (error) => {
      expect(failedTo('do it', error)).toBe(error)
    }
  )
})
