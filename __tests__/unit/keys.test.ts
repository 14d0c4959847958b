import { describe, it, expect } from '@jest/globals'
import { orphansOf } from '../../src/keys.js'
import type { ApiKey } from '../../src/octopus/resources.js'

const PURPOSE = 'deploy'
const SENT_AFTER = new Date('2026-03-01T12:00:05.000Z')
const EXPIRES = new Date('2026-03-31T12:00:04.123Z')

function key(
  id: string,
  created: string,
  overrides: Partial<ApiKey> = {}
): ApiKey {
  return {
    Id: id,
    Purpose: PURPOSE,
    UserId: 'Users-3',
    Created: created,
    Expires: '2026-03-31T12:00:04.123+00:00',
    ...overrides
  }
}

const ids = (keys: ApiKey[]): string[] => keys.map((k) => k.Id).sort()

describe('orphansOf', () => {
  it('takes keys of this purpose created since the request was sent, to the second', () => {
    const keys = [
      key('same-second', '2026-03-01T12:00:05.000+00:00'),
      key('later', '2026-03-01T12:00:09.999+00:00'),
      key('before', '2026-03-01T12:00:04.999+00:00'),
      key('other-purpose', '2026-03-01T12:00:06.000+00:00', {
        Purpose: 'deploy '
      }),
      key('case-variant', '2026-03-01T12:00:06.000+00:00', {
        Purpose: 'Deploy'
      })
    ]
    expect(ids(orphansOf(keys, PURPOSE, EXPIRES, SENT_AFTER))).toEqual([
      'later',
      'same-second'
    ])
  })

  it('a sent-after time within a second counts from the start of that second', () => {
    const keys = [key('k', '2026-03-01T12:00:05.100+00:00')]
    const sentAfter = new Date('2026-03-01T12:00:05.900Z')
    expect(ids(orphansOf(keys, PURPOSE, EXPIRES, sentAfter))).toEqual(['k'])
  })

  it('the expiry that was sent singles out this run’s key among other jobs’ keys', () => {
    const keys = [
      key('ours', '2026-03-01T12:00:06.000+00:00'),
      key('theirs', '2026-03-01T12:00:06.000+00:00', {
        Expires: '2026-03-31T12:00:04.999+00:00'
      }),
      key('no-expiry', '2026-03-01T12:00:06.000+00:00', { Expires: null })
    ]
    expect(ids(orphansOf(keys, PURPOSE, EXPIRES, SENT_AFTER))).toEqual(['ours'])
  })

  it('the same instant in another offset still matches', () => {
    const keys = [
      key('ours', '2026-03-01T12:00:06.000+00:00', {
        Expires: '2026-03-31T14:00:04.123+02:00'
      }),
      key('theirs', '2026-03-01T12:00:06.000+00:00', {
        Expires: '2026-04-01T00:00:00.000+00:00'
      })
    ]
    expect(ids(orphansOf(keys, PURPOSE, EXPIRES, SENT_AFTER))).toEqual(['ours'])
  })

  it('when no key carries the sent expiry (a rounding server), every key in the window is taken', () => {
    const keys = [
      key('a', '2026-03-01T12:00:06.000+00:00', {
        Expires: '2026-03-31T12:00:04+00:00'
      }),
      key('b', '2026-03-01T12:00:07.000+00:00', { Expires: null }),
      key('old', '2026-03-01T11:00:00.000+00:00', {
        Expires: '2026-03-31T12:00:04+00:00'
      })
    ]
    expect(ids(orphansOf(keys, PURPOSE, EXPIRES, SENT_AFTER))).toEqual([
      'a',
      'b'
    ])
  })

  it('an unreadable Created never counts as this run’s', () => {
    const keys = [key('odd', 'yesterday'), key('empty', '')]
    expect(orphansOf(keys, PURPOSE, EXPIRES, SENT_AFTER)).toEqual([])
  })

  it('no keys, no orphans', () => {
    expect(orphansOf([], PURPOSE, EXPIRES, SENT_AFTER)).toEqual([])
  })
})
