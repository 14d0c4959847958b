import { describe, expect, it } from '@jest/globals'
import { Secrets } from '../../src/secrets.js'

function secretsWith(...values: string[]) {
  const masked: string[] = []
  const secrets = new Secrets((v) => masked.push(v))
  for (const value of values) secrets.register(value)
  return { secrets, masked }
}

describe('Secrets', () => {
  it('asks the runner to mask each value once, and never the empty string', () => {
    expect(secretsWith('tok-1', '', 'tok-2', 'tok-1').masked).toEqual([
      'tok-1',
      'tok-2'
    ])
  })

  it.each([
    [
      'every occurrence, regex characters taken literally',
      'a+b/c=|a+b/c=',
      '***|***'
    ],
    [
      'a secret holding another, whole',
      'using tok_short_and_longer now',
      'using *** now'
    ],
    [
      'an unregistered API key, by its shape',
      'key API-ZNRMR7SL6L3ATMOIK7GKJD here',
      'key API-*** here'
    ],
    ['a lower-case one', 'key api-znrmr7sl6l3atmoik7gkjd', 'key API-***'],
    ['a JWT', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln end', '*** end'],
    ['a JWT without a signature', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0', '***']
  ])('redacts %s', (_, text, redacted) => {
    const { secrets } = secretsWith(
      'a+b/c=',
      'tok_short',
      'tok_short_and_longer'
    )
    expect(secrets.redact(text)).toBe(redacted)
  })

  it.each([
    ['its lower-case form', 'api-znrmr7sl6l3atmoik7gkjdklpy'],
    ['its body without API-', 'ZNRMR7SL6L3ATMOIK7GKJDKLPY'],
    ['its body in lower case', 'znrmr7sl6l3atmoik7gkjdklpy']
  ])(
    'masks a registered API key echoed as %s, and has the runner mask it too',
    (_, echo) => {
      const { secrets, masked } = secretsWith('API-ZNRMR7SL6L3ATMOIK7GKJDKLPY')
      expect(secrets.redact(`got ${echo}.`)).toBe('got ***.')
      expect(masked).toContain(echo)
    }
  )

  it('masks an access token’s claims or signature echoed alone', () => {
    const claims = 'eyJzdWIiOiJVc2Vycy0xMSIsImV4cCI6MTc2NzIyOTIwMH0'
    const signature = 'c2lnbmF0dXJlLW9mLXRoZS10b2tlbg'
    const { secrets, masked } = secretsWith(
      `eyJhbGciOiJSUzI1NiJ9.${claims}.${signature}`
    )
    expect(secrets.redact(`claims ${claims}, signature ${signature}`)).toBe(
      'claims ***, signature ***'
    )
    expect(masked).toEqual(expect.arrayContaining([claims, signature]))
  })

  it('masks no short part alone: it could be anything', () => {
    expect(secretsWith('API-ABC123', 'a.b.c').masked).toEqual([
      'API-ABC123',
      'api-abc123',
      'a.b.c'
    ])
  })

  it.each([
    'Created API key apikeys-I6D74k9rh7eyoqXDlqJCvlsVgU for Users-42.',
    'GET /api/users/Users-3/apikeys: HTTP 503; retrying in 0.5 s',
    'No key of the form API-… came back'
  ])('leaves ordinary text alone: %j', (text) => {
    expect(secretsWith('API-ADMINKEY0123456789').secrets.redact(text)).toBe(
      text
    )
  })
})
