import { describe, expect, it } from '@jest/globals'
import { fingerprinted, orphansOf } from '../../src/keys/orphans.js'
import { olderKeys } from '../../src/keys/rotate.js'
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

describe('fingerprinted', () => {
  it.each([
    [0, '2026-03-31T12:00:05.000Z'],
    [0.123, '2026-03-31T12:00:04.877Z'],
    [0.9999, '2026-03-31T12:00:04.001Z']
  ])('random %d takes the expiry back by under a second: %s', (r, iso) => {
    const expires = new Date('2026-03-31T12:00:05.000Z')
    expect(fingerprinted(expires, () => r).toISOString()).toBe(iso)
  })
})

describe('orphansOf: the keys a lost create may have made', () => {
  const sentAfter = new Date('2026-03-01T12:00:05.900Z')
  const sent = new Date(EXPIRES)

  it.each([
    [
      'this purpose (exactly), created since the second the request was sent',
      [
        key('same-second', '2026-03-01T12:00:05.100+00:00'),
        key('later', '2026-03-01T12:00:09.999+00:00'),
        key('before', '2026-03-01T12:00:04.999+00:00'),
        key('spaced', '2026-03-01T12:00:06Z', { Purpose: 'deploy ' }),
        key('cased', '2026-03-01T12:00:06Z', { Purpose: 'Deploy' }),
        key('unreadable', 'yesterday')
      ],
      ['later', 'same-second']
    ],
    [
      'only ours when one carries the expiry sent, in any offset',
      [
        key('ours', '2026-03-01T12:00:06Z', {
          Expires: '2026-03-31T14:00:04.123+02:00'
        }),
        key('theirs', '2026-03-01T12:00:06Z', {
          Expires: '2026-03-31T12:00:04.999+00:00'
        }),
        key('no-expiry', '2026-03-01T12:00:06Z', { Expires: null })
      ],
      ['ours']
    ],
    [
      'all of the window when none does (a server that rounds expiries)',
      [
        key('a', '2026-03-01T12:00:06Z', { Expires: '2026-03-31T12:00:04Z' }),
        key('b', '2026-03-01T12:00:07Z', { Expires: null }),
        key('old', '2026-03-01T11:00:00Z', { Expires: '2026-03-31T12:00:04Z' })
      ],
      ['a', 'b']
    ],
    ['nothing from nothing', [], []]
  ])('%s', (_, keys, orphans) => {
    expect(ids(orphansOf(keys, 'deploy', sent, sentAfter))).toEqual(orphans)
  })
})

describe('olderKeys: what rotation revokes', () => {
  const user: User = {
    Id: 'Users-3',
    Username: 'svc',
    IsActive: true,
    IsService: true
  }
  it('this purpose, created before the second of the cutoff, never the new key', () => {
    const keys = [
      key('old', '2026-03-01T11:00:00Z'),
      key('just-before', '2026-03-01T12:00:04.999Z'),
      key('same-second', '2026-03-01T12:00:05.000Z'),
      key('new', '2026-03-01T11:00:00Z'),
      key('other-purpose', '2026-03-01T11:00:00Z', { Purpose: 'other' }),
      key('unreadable', '')
    ]
    const rotation = {
      user,
      purpose: 'deploy',
      keep: 'new',
      cutoff: new Date('2026-03-01T12:00:05.600Z')
    }
    expect(ids(olderKeys(keys, rotation))).toEqual(['just-before', 'old'])
  })
})
