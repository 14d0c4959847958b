import { describe, it, expect } from '@jest/globals'
import {
  backoffMs,
  judge,
  LostAnswerError,
  MAX_RETRY_AFTER_MS,
  retryAfterMs,
  sendWithRetry
} from '../../src/http/retry.js'
import {
  TransportError,
  type FailureKind,
  type HttpRequest
} from '../../src/http/transport.js'
import { rejection, response, scriptedSend, testPolicy } from './fakes.js'

const NOW = new Date('2026-03-01T12:00:00.000Z')

const failure = (kind: FailureKind, sent: boolean): TransportError =>
  new TransportError(kind, sent, `${kind} happened`)

describe('judge', () => {
  const statuses: [number, string | undefined, string, string][] = [
    // status, Retry-After, GET/DELETE verdict, POST verdict
    [200, undefined, 'done', 'done'],
    [201, undefined, 'done', 'done'],
    [204, undefined, 'done', 'done'],
    [302, undefined, 'done', 'done'],
    [400, undefined, 'done', 'done'],
    [401, undefined, 'done', 'done'],
    [403, undefined, 'done', 'done'],
    [404, undefined, 'done', 'done'],
    [409, undefined, 'done', 'done'],
    [429, undefined, 'retry', 'retry'],
    [429, '3', 'retry', 'retry'],
    [500, undefined, 'retry', 'lost'],
    [502, undefined, 'retry', 'lost'],
    [503, undefined, 'retry', 'lost'],
    [503, '5', 'retry', 'retry'],
    [504, undefined, 'retry', 'lost'],
    [500, '5', 'retry', 'lost']
  ]
  const rows = statuses.flatMap(([status, retryAfter, read, create]) =>
    (['GET', 'DELETE', 'POST'] as const).map(
      (method) =>
        [method, status, retryAfter, method === 'POST' ? create : read] as const
    )
  )
  it.each(rows)(
    '%s answered %d (Retry-After %j) → %s',
    (method, status, ra, verdict) => {
      const headers: Record<string, string> = {}
      if (ra !== undefined) headers['retry-after'] = ra
      expect(judge(method, response(status, '', headers), undefined)).toBe(
        verdict
      )
    }
  )

  const failures: [FailureKind, boolean, string, string][] = [
    ['refused', false, 'retry', 'retry'],
    ['dns', false, 'retry', 'retry'],
    ['tls', false, 'retry', 'retry'],
    ['timeout', true, 'retry', 'lost'],
    ['dropped', true, 'retry', 'lost'],
    ['other', true, 'retry', 'lost']
  ]
  const failureRows = failures.flatMap(([kind, sent, read, create]) =>
    (['GET', 'DELETE', 'POST'] as const).map(
      (method) =>
        [method, kind, sent, method === 'POST' ? create : read] as const
    )
  )
  it.each(failureRows)(
    '%s with %s (sent: %s) → %s',
    (method, kind, sent, verdict) => {
      expect(judge(method, undefined, failure(kind, sent))).toBe(verdict)
    }
  )
})

describe('retryAfterMs', () => {
  it.each([
    ['0', 0],
    ['5', 5000],
    [' 7 ', 7000],
    ['30', 30_000],
    ['31', MAX_RETRY_AFTER_MS],
    ['3600', MAX_RETRY_AFTER_MS],
    ['Sun, 01 Mar 2026 12:00:10 GMT', 10_000],
    ['Sun, 01 Mar 2026 12:00:00 GMT', 0],
    ['Sun, 01 Mar 2026 11:00:00 GMT', 0],
    ['Mon, 02 Mar 2026 12:00:00 GMT', MAX_RETRY_AFTER_MS]
  ])('%j → %d ms', (value, ms) => {
    expect(retryAfterMs(value, NOW)).toBe(ms)
  })

  it('the cap is 30 s', () => {
    expect(MAX_RETRY_AFTER_MS).toBe(30_000)
  })

  it.each([
    [undefined],
    [''],
    ['   '],
    ['soon'],
    ['5s'],
    ['5 seconds'],
    ['0x10'],
    ['1e3'],
    ['1.5'],
    ['-5'],
    ['later 5']
  ])('%j is unreadable → undefined', (value) => {
    expect(retryAfterMs(value, NOW)).toBeUndefined()
  })
})

describe('backoffMs', () => {
  const ceilings = [500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]
  it.each(ceilings.map((ceiling, i) => [i + 1, ceiling]))(
    'attempt %d waits between half of %d ms and all of it',
    (attempt, ceiling) => {
      expect(backoffMs(attempt, () => 0)).toBe(ceiling / 2)
      expect(backoffMs(attempt, () => 0.5)).toBe(Math.round(ceiling * 0.75))
      const top = backoffMs(attempt, () => 0.999999)
      expect(top).toBeLessThanOrEqual(ceiling)
      expect(top).toBeGreaterThan(ceiling * 0.99)
    }
  )

  it('never decreases from one attempt to the next, and never passes 10 s', () => {
    for (const r of [0, 0.3, 0.999999]) {
      const delays = Array.from({ length: 12 }, (_, i) =>
        backoffMs(i + 1, () => r)
      )
      for (let i = 1; i < delays.length; i++)
        expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1])
      expect(Math.max(...delays)).toBeLessThanOrEqual(10_000)
    }
  })
})

describe('sendWithRetry', () => {
  const get: HttpRequest = {
    method: 'GET',
    url: 'https://octopus.example.com/api/users/me',
    headers: {}
  }
  const post: HttpRequest = {
    method: 'POST',
    url: 'https://octopus.example.com/api/users/Users-3/apikeys',
    headers: {},
    body: '{"Purpose":"x"}'
  }
  const del: HttpRequest = {
    method: 'DELETE',
    url: 'https://octopus.example.com/api/users/Users-3/apikeys/apikeys-1',
    headers: {}
  }

  it('retries a GET through 5xx until it succeeds, backing off, and says which attempt is next', async () => {
    const { send, requests } = scriptedSend([
      response(503),
      response(502),
      response(200, '{"ok":true}')
    ])
    const policy = testPolicy(3, NOW, () => 0.5)
    const answer = await sendWithRetry(send, get, 'GET /api/users/me', policy)
    expect(answer.status).toBe(200)
    expect(answer.body).toBe('{"ok":true}')
    expect(requests).toHaveLength(3)
    expect(policy.delays).toEqual([
      backoffMs(1, () => 0.5),
      backoffMs(2, () => 0.5)
    ])
    expect(policy.logLines).toHaveLength(2)
    expect(policy.logLines[0]).toContain('GET /api/users/me')
    expect(policy.logLines[0]).toContain('HTTP 503')
    expect(policy.logLines[0]).toContain('attempt 2 of 3')
    expect(policy.logLines[1]).toContain('HTTP 502')
    expect(policy.logLines[1]).toContain('attempt 3 of 3')
  })

  it('an exhausted GET returns the last answer', async () => {
    const last = response(500, 'third')
    const { send, requests } = scriptedSend([
      response(500, 'first'),
      response(500, 'second'),
      last
    ])
    const policy = testPolicy(3)
    const answer = await sendWithRetry(send, get, 'GET', policy)
    expect(answer.body).toBe('third')
    expect(requests).toHaveLength(3)
    expect(policy.delays).toHaveLength(2)
  })

  it('an exhausted GET with no answer throws the last transport error', async () => {
    const errors = [
      failure('refused', false),
      failure('timeout', true),
      failure('dropped', true)
    ]
    const { send, requests } = scriptedSend(errors)
    const policy = testPolicy(3)
    const error = await rejection(sendWithRetry(send, get, 'GET', policy))
    expect(error).toBe(errors[2])
    expect(requests).toHaveLength(3)
    expect(policy.logLines[0]).toContain('refused happened')
  })

  it('a DELETE is retried after a dropped connection', async () => {
    const { send, requests } = scriptedSend([
      failure('dropped', true),
      response(200, '{}')
    ])
    const answer = await sendWithRetry(send, del, 'DELETE', testPolicy(3))
    expect(answer.status).toBe(200)
    expect(requests).toHaveLength(2)
  })

  it.each([
    ['seconds', '7', 7000],
    ['an HTTP date', 'Sun, 01 Mar 2026 12:00:12 GMT', 12_000],
    ['too long a wait (capped)', '600', MAX_RETRY_AFTER_MS]
  ])('honours Retry-After given as %s', async (_, value, ms) => {
    const { send, requests } = scriptedSend([
      response(429, '', { 'retry-after': value }),
      response(200, '{}')
    ])
    const policy = testPolicy(3, NOW)
    await sendWithRetry(send, get, 'GET', policy)
    expect(policy.delays).toEqual([ms])
    expect(requests).toHaveLength(2)
    expect(policy.logLines[0]).toContain(`${(ms / 1000).toFixed(1)} s`)
  })

  it.each(['soon', '1.5'])(
    'falls back to backoff when Retry-After is %j',
    async (value) => {
      const { send } = scriptedSend([
        response(503, '', { 'retry-after': value }),
        response(200, '{}')
      ])
      const policy = testPolicy(3, NOW, () => 0)
      await sendWithRetry(send, get, 'GET', policy)
      expect(policy.delays).toEqual([backoffMs(1, () => 0)])
    }
  )

  it('retries a POST answered 503 with Retry-After, waiting as asked', async () => {
    const { send, requests } = scriptedSend([
      response(503, '', { 'retry-after': '2' }),
      response(200, '{"Id":"apikeys-1"}')
    ])
    const policy = testPolicy(3)
    const answer = await sendWithRetry(send, post, 'POST', policy)
    expect(answer.status).toBe(200)
    expect(requests).toHaveLength(2)
    expect(policy.delays).toEqual([2000])
  })

  it('a POST answered 503 without Retry-After is a lost answer, never re-sent', async () => {
    const { send, requests } = scriptedSend([response(503), response(200)])
    const policy = testPolicy(3)
    const error = await rejection(sendWithRetry(send, post, 'POST', policy))
    expect(error).toBeInstanceOf(LostAnswerError)
    expect((error as LostAnswerError).reason).toContain('503')
    expect(requests).toHaveLength(1)
    expect(policy.delays).toEqual([])
  })

  it.each([
    ['dropped', failure('dropped', true), 'dropped happened'],
    ['timed out', failure('timeout', true), 'timeout happened'],
    ['answered 500', response(500), 'HTTP 500'],
    ['answered 502', response(502), 'HTTP 502']
  ])(
    'a POST that %s is a lost answer, never re-sent',
    async (_, step, reason) => {
      const { send, requests } = scriptedSend([step, response(200)])
      const error = await rejection(
        sendWithRetry(send, post, 'POST', testPolicy(3))
      )
      expect(error).toBeInstanceOf(LostAnswerError)
      expect(error.message).toContain(reason)
      expect(requests).toHaveLength(1)
    }
  )

  it('a POST whose connection was refused is retried (it never reached the server)', async () => {
    const { send, requests } = scriptedSend([
      failure('refused', false),
      response(201, '{}')
    ])
    const answer = await sendWithRetry(send, post, 'POST', testPolicy(3))
    expect(answer.status).toBe(201)
    expect(requests).toHaveLength(2)
  })

  it('a POST rate-limited every time returns the last 429 after max_attempts', async () => {
    const { send, requests } = scriptedSend([
      response(429, 'a'),
      response(429, 'b'),
      response(429, 'c'),
      response(200)
    ])
    const answer = await sendWithRetry(send, post, 'POST', testPolicy(3))
    expect(answer.status).toBe(429)
    expect(answer.body).toBe('c')
    expect(requests).toHaveLength(3)
  })

  it('max_attempts 1 sends once and does not sleep', async () => {
    const { send, requests } = scriptedSend([response(503), response(200)])
    const policy = testPolicy(1)
    const answer = await sendWithRetry(send, get, 'GET', policy)
    expect(answer.status).toBe(503)
    expect(requests).toHaveLength(1)
    expect(policy.delays).toEqual([])
    expect(policy.logLines).toEqual([])
  })

  it.each([400, 401, 403, 404])(
    'does not retry a GET answered %d',
    async (status) => {
      const { send, requests } = scriptedSend([response(status), response(200)])
      const answer = await sendWithRetry(send, get, 'GET', testPolicy(5))
      expect(answer.status).toBe(status)
      expect(requests).toHaveLength(1)
    }
  )

  it('an error that is not a transport failure surfaces at once', async () => {
    const bug = new TypeError('a bug in the transport')
    const { send, requests } = scriptedSend([bug, response(200)])
    const error = await rejection(
      sendWithRetry(send, get, 'GET', testPolicy(3))
    )
    expect(error).toBe(bug)
    expect(requests).toHaveLength(1)
  })

  it('max_attempts 10 allows ten sends', async () => {
    const { send, requests } = scriptedSend(
      Array.from({ length: 11 }, () => response(500))
    )
    const policy = testPolicy(10)
    await sendWithRetry(send, get, 'GET', policy)
    expect(requests).toHaveLength(10)
    expect(policy.logLines[8]).toContain('attempt 10 of 10')
  })
})
