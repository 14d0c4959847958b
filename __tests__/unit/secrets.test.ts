import { describe, it, expect } from '@jest/globals'
import { Secrets } from '../../src/secrets.js'

function secretsWith(...values: string[]): {
  secrets: Secrets
  masked: string[]
} {
  const masked: string[] = []
  const secrets = new Secrets((v) => masked.push(v))
  for (const value of values) secrets.register(value)
  return { secrets, masked }
}

describe('register', () => {
  it('tells the runner to mask each value once, and never the empty string', () => {
    const { masked } = secretsWith('tok-1', '', 'tok-2', 'tok-1')
    expect(masked).toEqual(['tok-1', 'tok-2'])
  })
})

describe('redact', () => {
  const token = 'opaque.token~with+special/chars=='
  it.each([
    [
      'a registered value',
      `sent ${token} to the server`,
      'sent *** to the server'
    ],
    ['every occurrence', `${token}|${token}`, '***|***'],
    [
      'regex characters in the value are taken literally',
      `x ${token} y`,
      'x *** y'
    ]
  ])('masks %s', (_, text, expected) => {
    const { secrets } = secretsWith(token)
    expect(secrets.redact(text)).toBe(expected)
  })

  it.each([
    [
      'an unregistered API key',
      'key API-ZNRMR7SL6L3ATMOIK7GKJDKLPY here',
      'API-ZNRMR7SL6L3ATMOIK7GKJDKLPY'
    ],
    [
      'a lower-case API key',
      'key api-znrmr7sl6l3atmoik7gkjd here',
      'znrmr7sl6l3atmoik7gkjd'
    ],
    [
      'an unregistered JWT',
      'token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJVc2Vycy0xMSJ9.c2lnbmF0dXJl end',
      'eyJzdWIiOiJVc2Vycy0xMSJ9'
    ],
    [
      'a JWT without a signature',
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0',
      'eyJzdWIiOiJ4In0'
    ]
  ])('masks %s by its shape', (_, text, secretPart) => {
    const { secrets } = secretsWith()
    const out = secrets.redact(text)
    expect(out).not.toContain(secretPart)
    expect(out).toContain('***')
  })

  it.each([
    'Created API key apikeys-I6D74k9rh7eyoqXDlqJCvlsVgU for Users-42.',
    'GET /api/users/Users-3/apikeys: HTTP 503; retrying in 0.5 s',
    'No key of the form API-… came back',
    'purpose: GitHub Actions deploy for octo/repo'
  ])('leaves ordinary text alone: %j', (text) => {
    const { secrets } = secretsWith('API-ADMINKEY0123456789ABCDEFG')
    expect(secrets.redact(text)).toBe(text)
  })

  it('a secret that contains another secret is masked whole', () => {
    const { secrets } = secretsWith('tok_short', 'tok_short_and_longer')
    const out = secrets.redact('using tok_short_and_longer now')
    expect(out).not.toContain('and_longer')
    expect(out).toBe('using *** now')
  })
})
