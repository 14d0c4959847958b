import { describe, expect, it } from '@jest/globals'
import { LostAnswerError, TransportError } from '../../src/errors.js'
import {
  backoffMs,
  decideRetry,
  MAX_RETRY_AFTER_MS,
  retryAfterMs,
  sendWithRetry
} from '../../src/http/retry.js'
import type { HttpRequest } from '../../src/http/transport.js'
import { rejection, response, scriptedSend, testPolicy } from './fakes.js'

const NOW = new Date('2026-03-01T12:00:00.000Z')
const refused = () => new TransportError('refused', false, 'connection refused')
const dropped = () => new TransportError('dropped', true, 'dropped')

describe('decideRetry', () => {
  // status, Retry-After, verdict for GET and DELETE, verdict for POST
  it.each([
    [200, undefined, 'done', 'done'],
    [201, undefined, 'done', 'done'],
    [302, undefined, 'done', 'done'],
    [400, undefined, 'done', 'done'],
    [401, undefined, 'done', 'done'],
    [404, undefined, 'done', 'done'],
    [429, undefined, 'retry', 'retry'],
    [500, undefined, 'retry', 'lost'],
    [500, '5', 'retry', 'lost'],
    [501, undefined, 'done', 'done'],
    [502, undefined, 'retry', 'lost'],
    [503, undefined, 'retry', 'lost'],
    [503, '5', 'retry', 'retry'],
    [504, undefined, 'retry', 'lost']
  ])(
    'HTTP %d (Retry-After %j): reads %s, creates %s',
    (status, ra, read, create) => {
      const answer = response(status, '', ra ? { 'retry-after': ra } : {})
      expect(decideRetry('GET', { response: answer })).toBe(read)
      expect(decideRetry('DELETE', { response: answer })).toBe(read)
      expect(decideRetry('POST', { response: answer })).toBe(create)
    }
  )

  it.each([
    ['refused', false, 'retry'],
    ['dns', false, 'retry'],
    ['timeout', true, 'lost'],
    ['dropped', true, 'lost'],
    ['other', true, 'lost']
  ] as const)(
    'no answer (%s, sent: %s): reads retry, creates %s',
    (kind, sent, create) => {
      const error = new TransportError(kind, sent, kind)
      expect(decideRetry('GET', { error })).toBe('retry')
      expect(decideRetry('DELETE', { error })).toBe('retry')
      expect(decideRetry('POST', { error })).toBe(create)
    }
  )

  it.each([
    'untrusted',
    'wrong-name',
    'expired',
    'not-tls',
    'tls',
    'proxy'
  ] as const)(
    'a failure trying again cannot change (%s) fails at once, whatever the method: never a lost create',
    (kind) => {
      const error = new TransportError(kind, false, kind)
      expect(decideRetry('GET', { error })).toBe('fail')
      expect(decideRetry('DELETE', { error })).toBe('fail')
      expect(decideRetry('POST', { error })).toBe('fail')
    }
  )
})

describe('retryAfterMs', () => {
  it.each([
    ['0', 0],
    [' 7 ', 7000],
    ['30', 30_000],
    ['3600', MAX_RETRY_AFTER_MS],
    ['Sun, 01 Mar 2026 12:00:10 GMT', 10_000],
    ['Sun, 01 Mar 2026 11:00:00 GMT', 0],
    ['Mon, 02 Mar 2026 12:00:00 GMT', MAX_RETRY_AFTER_MS],
    ...[undefined, '', 'soon', '5s', '0x10', '1e3', '1.5', '-5'].map(
      (v) => [v, undefined] as const
    )
  ])('%j → %j ms', (value, ms) => {
    expect(retryAfterMs(value, NOW)).toBe(ms)
  })
})

describe('backoffMs', () => {
  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [5, 8000],
    [6, 10_000],
    [12, 10_000]
  ])('attempt %d waits from half of %d ms to all of it', (attempt, ceiling) => {
    expect(backoffMs(attempt, () => 0)).toBe(ceiling / 2)
    expect(backoffMs(attempt, () => 0.5)).toBe(ceiling * 0.75)
    expect(backoffMs(attempt, () => 0.999999)).toBe(ceiling)
  })
})

describe('sendWithRetry', () => {
  const url = 'https://octopus.example.com/api/users/Users-3/apikeys'
  const get: HttpRequest = { method: 'GET', url, headers: {} }
  const post: HttpRequest = { method: 'POST', url, headers: {}, body: '{}' }

  it('retries a read through 5xx, backing off, and says which attempt is next', async () => {
    const { send } = scriptedSend([
      response(503),
      response(502),
      response(200, 'ok')
    ])
    const policy = testPolicy(3)
    const answer = await sendWithRetry(send, get, 'GET /api/users', policy)
    expect(answer.body).toBe('ok')
    expect(policy.delays).toEqual([375, 750])
    expect(policy.logLines).toEqual([
      'GET /api/users: HTTP 503; retrying in 0.4 s (attempt 2 of 3)',
      'GET /api/users: HTTP 502; retrying in 0.8 s (attempt 3 of 3)'
    ])
  })

  it('gives the last answer after max_attempts, whatever its status', async () => {
    const { send, sent } = scriptedSend([
      response(500, 'a'),
      response(429, 'b')
    ])
    const policy = testPolicy(2)
    const answer = await sendWithRetry(send, get, 'GET', policy)
    expect([answer.status, answer.body, sent()]).toEqual([429, 'b', 2])
    expect(policy.delays).toHaveLength(1)
  })

  it('without any answer, names the server, the last failure and the attempts', async () => {
    const { send } = scriptedSend([dropped(), refused()])
    const error = await rejection(
      sendWithRetry(send, get, 'GET', testPolicy(2))
    )
    expect(error).toBeInstanceOf(TransportError)
    expect(error.message).toBe(
      'https://octopus.example.com gave no answer (connection refused) after 2 attempts.'
    )
  })

  it.each([
    ['seconds', '7', 7000],
    ['an HTTP date', 'Sun, 01 Mar 2026 12:00:12 GMT', 12_000],
    ['too long a wait', '600', MAX_RETRY_AFTER_MS],
    ['nothing readable (backoff)', 'soon', 375]
  ])('waits as Retry-After asks, given as %s', async (_, value, ms) => {
    const { send } = scriptedSend([
      response(429, '', { 'retry-after': value }),
      response(200)
    ])
    const policy = testPolicy(3)
    await sendWithRetry(send, get, 'GET', policy)
    expect(policy.delays).toEqual([ms])
  })

  it.each([
    ['answered 503 without Retry-After', response(503), 'HTTP 503'],
    ['lost its connection', dropped(), 'dropped']
  ])(
    'a create that %s may have been made: lost, never sent again',
    async (_, first, reason) => {
      const { send, sent } = scriptedSend([first, response(201)])
      const error = await rejection(
        sendWithRetry(send, post, 'POST', testPolicy(3))
      )
      expect(error).toBeInstanceOf(LostAnswerError)
      expect([(error as LostAnswerError).reason, sent()]).toEqual([reason, 1])
    }
  )

  it('a TLS failure is tried once and named once', async () => {
    const tls = new TransportError(
      'tls',
      false,
      'TLS failed (CERT_HAS_EXPIRED)'
    )
    const { send, sent } = scriptedSend([tls, response(200)])
    const policy = testPolicy(3)
    const error = await rejection(sendWithRetry(send, get, 'GET', policy))
    expect(error.message).toBe(
      'https://octopus.example.com gave no answer (TLS failed (CERT_HAS_EXPIRED)) after 1 attempt.'
    )
    expect([sent(), policy.logLines]).toEqual([1, []])
  })

  it('a proxy’s refusal of a create is tried once and said as the proxy’s, not as a lost answer', async () => {
    const refusal = new TransportError(
      'proxy',
      false,
      'the proxy at http://proxy.corp:3128 (https_proxy) refused the tunnel to octopus.example.com:443: 407 Proxy Authentication Required'
    )
    const { send, sent } = scriptedSend([refusal, response(201)])
    const error = await rejection(
      sendWithRetry(send, post, 'POST', testPolicy(3))
    )
    expect(error).toBeInstanceOf(TransportError)
    expect([error.message, sent()]).toEqual([
      'https://octopus.example.com was not reached: the proxy at http://proxy.corp:3128 (https_proxy) refused the tunnel to octopus.example.com:443: 407 Proxy Authentication Required.',
      1
    ])
  })

  it('a POST that overrides its method to DELETE is retried as a DELETE', async () => {
    const deleted: HttpRequest = {
      method: 'POST',
      url,
      headers: { 'X-HTTP-Method-Override': 'DELETE' }
    }
    const { send, sent } = scriptedSend([response(503), response(200)])
    const answer = await sendWithRetry(send, deleted, 'POST', testPolicy(3))
    expect([answer.status, sent()]).toEqual([200, 2])
  })

  it('an error that is not a transport failure (a bug) surfaces at once', async () => {
    const bug = new TypeError('a bug in the transport')
    const { send, sent } = scriptedSend([bug, response(200)])
    expect(
      await rejection(sendWithRetry(send, get, 'GET', testPolicy(3)))
    ).toBe(bug)
    expect(sent()).toBe(1)
  })
})
