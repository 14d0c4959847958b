import { describe, expect, it } from '@jest/globals'
import { ActionError, failureReport, SettingsError } from '../../src/errors.js'

const redact = (text: string) => text.replaceAll('API-SECRET123', '***')

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
})

describe('SettingsError', () => {
  it.each([
    [['one'], 'one'],
    [['one', 'two'], 'The inputs have 2 problems:\n- one\n- two']
  ])('%j reads %j', (problems, message) => {
    expect(new SettingsError(problems).message).toBe(message)
  })
})
