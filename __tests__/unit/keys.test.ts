import { describe, expect, it } from '@jest/globals'
import { carrying, fingerprinted, unproven } from '../../src/keys/orphans.js'
import { isCredentialKey } from '../../src/credential/credential.js'
import { splitOlderKeys } from '../../src/keys/rotate.js'
import type { ApiKey, User } from '../../src/octopus/resources.js'

const EXPIRES = '2026-03-31T12:00:04.123+00:00'

function key(id: string, created: string, more: Partial<ApiKey> = {}): ApiKey {
  return {
    Id: id,
    Purpose: 'deploy',
    UserId: 'Users-3',
    Created: created,
    Expires: EXPIRES,
    ...more
  }
}

const ids = (keys: ApiKey[]): string[] => keys.map((k) => k.Id).sort()

const user: User = {
  Id: 'Users-3',
  Username: 'svc',
  IsActive: true,
  IsService: true
}
const account = { id: user.Id, user }

describe('fingerprinted', () => {
  it.each([
    [0, '2026-03-31T12:00:05.000Z'],
    [0.5, '2026-03-31T11:59:50.000Z'],
    [0.123456, '2026-03-31T12:00:01.297Z'],
    [0.99999, '2026-03-31T11:59:35.001Z']
  ])(
    'random %d takes the expiry back by under 30 s, to the millisecond: %s',
    (r, iso) => {
      const expires = new Date('2026-03-31T12:00:05.000Z')
      expect(fingerprinted(expires, () => r).toISOString()).toBe(iso)
    }
  )
})

describe('carrying: the keys proven to be a lost attempt’s', () => {
  const sent = [new Date(EXPIRES), new Date('2026-03-31T11:59:30.500Z')]
  it.each([
    [
      'this purpose (exactly), carrying an expiry sent, in any offset',
      [
        key('first', '2026-03-01T12:00:06Z', {
          Expires: '2026-03-31T14:00:04.123+02:00'
        }),
        key('second', '2026-03-01T12:00:07Z', {
          Expires: '2026-03-31T11:59:30.500+00:00'
        }),
        key('off-by-a-millisecond', '2026-03-01T12:00:06Z', {
          Expires: '2026-03-31T12:00:04.124+00:00'
        }),
        key('rounded', '2026-03-01T12:00:06Z', {
          Expires: '2026-03-31T12:00:04Z'
        }),
        key('other-purpose', '2026-03-01T12:00:06Z', { Purpose: 'Deploy' }),
        key('no-expiry', '2026-03-01T12:00:06Z', { Expires: null })
      ],
      ['first', 'second']
    ],
    ['nothing from nothing', [], []]
  ])('%s', (_, keys, ours) => {
    expect(ids(carrying(keys, 'deploy', sent))).toEqual(ours)
  })
})

describe('unproven: keys a lost attempt may have made, which are only named', () => {
  it('this purpose, made since the run started, carrying no expiry sent, never the new key', () => {
    const keys = [
      key('theirs', '2026-03-01T12:00:05.000Z', {
        Expires: '2026-03-31T12:00:04Z'
      }),
      key('ours', '2026-03-01T12:00:06Z'),
      key('new', '2026-03-01T12:00:07Z', { Expires: null }),
      key('before', '2026-03-01T12:00:04.999Z', { Expires: null }),
      key('other-purpose', '2026-03-01T12:00:06Z', {
        Purpose: 'nightly',
        Expires: null
      }),
      key('unreadable', 'yesterday', { Expires: null })
    ]
    const lost = { account, purpose: 'deploy', sent: [new Date(EXPIRES)] }
    const made = {
      keep: 'new',
      runStart: Date.parse('2026-03-01T12:00:05.000Z')
    }
    expect(ids(unproven(keys, lost, made))).toEqual(['theirs'])
  })
})

describe('splitOlderKeys: what rotation revokes and keeps', () => {
  const runStart = Date.parse('2026-03-01T12:00:05.600Z')
  const keys = [
    key('new', '2026-03-01T11:00:00Z'),
    key('since-start', '2026-03-01T12:00:05.600Z'),
    key('just-before', '2026-03-01T12:00:05.599Z'),
    key('an-hour', '2026-03-01T11:00:05.600Z'),
    key('a-day', '2026-02-28T12:00:00Z'),
    key('other-purpose', '2026-03-01T11:00:00Z', { Purpose: 'other' }),
    key('unreadable', '')
  ]
  const rotation = { account, purpose: 'deploy', keep: 'new', runStart }

  it.each([
    [0, [], ['a-day', 'an-hour', 'just-before']],
    [1, ['just-before'], ['a-day', 'an-hour']],
    [2, ['an-hour', 'just-before'], ['a-day']],
    [5, ['a-day', 'an-hour', 'just-before'], []]
  ])(
    'keep_previous %d keeps the newest older keys %j and revokes %j',
    (keepPrevious, kept, revoked) => {
      const older = splitOlderKeys(keys, { ...rotation, keepPrevious })
      expect([ids(older.kept), ids(older.revoke)]).toEqual([kept, revoked])
    }
  )
})

describe('isCredentialKey: the listed key the credential likely is', () => {
  const credential = 'API-ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  it.each<[string, 'apikey' | 'bearer', string | undefined, boolean]>([
    ['the first 8 characters', 'apikey', 'API-ABCD', true],
    ['a hint in lower case', 'apikey', 'api-abcd', true],
    ['a hint masked after its characters', 'apikey', 'API-ABCD••••', true],
    ['another key’s hint', 'apikey', 'API-ABCE', false],
    ['a hint with no character of the key', 'apikey', 'API-', false],
    ['no hint', 'apikey', undefined, false],
    ['an access token', 'bearer', 'API-ABCD', false]
  ])('%s: %s', (_, kind, hint, own) => {
    const test = isCredentialKey({ kind, value: credential })
    expect(test(key('k', '', { Hint: hint }))).toBe(own)
  })
})
