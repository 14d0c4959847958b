import { describe, expect, it } from '@jest/globals'
import { failureReport } from '../../src/describe.js'
import {
  ActionError,
  FailedAfterKey,
  FailedCall,
  FailedWith,
  OctopusError,
  SettingsError
} from '../../src/errors.js'

const redact = (text: string) => text.replaceAll('API-SECRET123', '***')
const unauthorized = new OctopusError('HTTP 401: "No."', 401, 'status')

describe('failureReport: what the job shows for the error that ended the step', () => {
  it('our own error, as written and redacted, with nothing for debug', () => {
    expect(
      failureReport(new ActionError('Refused API-SECRET123.'), redact)
    ).toEqual({ message: 'Refused ***.' })
  })

  it('anything else is a bug to report, its stack for debug only, both redacted', () => {
    const bug = new TypeError('x is API-SECRET123')
    const report = failureReport(bug, redact)
    expect(report.message).toBe('Unexpected error, please report it: x is ***')
    expect(report.debug).toMatch(/^TypeError: x is \*\*\*\n\s+at /)
  })

  it('a thrown non-Error has no stack to show', () => {
    expect(failureReport('API-SECRET123', redact)).toEqual({
      message: 'Unexpected error, please report it: ***'
    })
  })

  it('says a failed call with what the step knew: where the credential came from', () => {
    const call = new FailedCall('list the keys', unauthorized)
    const report = failureReport(
      new FailedWith(call, { credentialSource: 'OCTOPUS_API_KEY' }),
      redact
    )
    expect(report.message).toBe(
      'Failed to list the keys: HTTP 401: "No." Check the credential in the OCTOPUS_API_KEY variable (no input gave one, so it came from the environment, set by the workflow or an earlier step): it must be valid and unexpired for this server.'
    )
  })

  it('a bug after the key was made: the key revoked, the bug reported with its stack', () => {
    const bug = new RangeError('too far')
    const report = failureReport(
      new FailedWith(new FailedAfterKey(bug, 'apikeys-1', true), {}),
      redact
    )
    expect(report.message).toBe(
      'Unexpected error, please report it: too far. The new key apikeys-1 was revoked.'
    )
    expect(report.debug).toMatch(/^RangeError: too far\n\s+at /)
  })
})

describe('SettingsError', () => {
  it.each([
    [['one'], 'one'],
    [['one', 'two'], 'The inputs have 2 problems:\n- one\n- two']
  ])('%j reads %j', (problems, message) => {
    expect(new SettingsError(problems).message).toBe(message)
  })
})
