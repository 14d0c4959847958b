// A server or network that misbehaves: what is retried, what is not, and how
// a failure that stays reads. Backoff is real sleep in the step, so these
// keep max_attempts small or answer with Retry-After: 0.
import { describe, expect, it } from '@jest/globals'
import type { Fault } from '../../tools/simulator/index.js'
import { said, scenario, sent, simulator } from './fixture.js'

const retryAfter0 = { 'Retry-After': '0' }
const lookedUp = 'Failed to look up user "svc-deploy":'

describe('a read that fails once is retried', () => {
  it.each<[string, Fault, string]>([
    [
      '503',
      { kind: 'status', status: 503 },
      'HTTP 503; retrying in <backoff> s'
    ],
    [
      '429 with Retry-After: 0',
      { kind: 'status', status: 429, headers: retryAfter0 },
      'HTTP 429; retrying in 0.0 s'
    ],
    [
      'a dropped connection',
      { kind: 'drop' },
      'the connection was dropped; retrying in <backoff> s'
    ],
    [
      'a proxy’s HTML 502 page',
      { kind: 'html', status: 502 },
      'HTTP 502; retrying in <backoff> s'
    ]
  ])('after %s', async (_, fault, retry) => {
    const sim = await simulator()
    sim.inject({ path: '/api/users', fault })
    expect(await scenario(sim)).toMatchObject({
      log: [
        `GET /api/users: ${retry} (attempt 2 of 3)`,
        said.CREATING,
        said.CREATED()
      ],
      requests: [sent.ME, `${sent.LOOKUP} ×2`, sent.ADMIN_KEYS, sent.CREATE],
      keys: ['<key-1>']
    })
  })
})

it.each([429, 503])(
  'a create refused with %d and Retry-After: 0 is sent again',
  async (status) => {
    const sim = await simulator()
    sim.inject({
      method: 'POST',
      fault: { kind: 'status', status, headers: retryAfter0 }
    })
    expect(await scenario(sim)).toMatchObject({
      log: [
        said.CREATING,
        `POST /api/users/Users-3/apikeys: HTTP ${status}; retrying in 0.0 s (attempt 2 of 3)`,
        said.CREATED()
      ],
      requests: [...sent.FIND, `${sent.CREATE} ×2`],
      keys: ['<key-1>']
    })
  }
)

describe('a failure that stays', () => {
  it.each<[string, Fault, string]>([
    [
      'an HTML page: its status and first bytes',
      { kind: 'html', status: 502 },
      'HTTP 502 Bad Gateway: the body starts with: <html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> <hr><center>nginx</c…'
    ],
    [
      'a 500: what the server said',
      { kind: 'status', status: 500 },
      'HTTP 500 Internal Server Error: "An unexpected error occurred on the Octopus Server."'
    ]
  ])('%s, after max_attempts', async (_, fault, said) => {
    const sim = await simulator()
    sim.inject({ times: Infinity, fault })
    expect(await scenario(sim, { max_attempts: '2' })).toMatchObject({
      exitCode: 1,
      error: `${lookedUp} ${said} The server kept failing; try again later.`,
      requests: [`${sent.ME} ×2`, `${sent.LOOKUP} ×2`],
      keys: []
    })
  })

  it('a 200 that is not JSON: explained, pointing at the server input', async () => {
    const sim = await simulator()
    sim.inject({ path: '/api/users', fault: { kind: 'malformed-json' } })
    expect(await scenario(sim)).toMatchObject({
      exitCode: 1,
      error: `${lookedUp} HTTP 200 OK but the answer is not JSON; the body starts with: {"ItemType":"User","TotalResults":5,"ItemsPerPage":100,"NumberOfPages":1,"LastPageNumber":0,"Items":[{"Id":"Users-5","Us… Check that the 'server' input points at Octopus itself, not at a proxy or login page.`,
      requests: sent.FIND,
      keys: []
    })
  })

  it('a server that never answers: the step gives up by itself, naming timeout_seconds', async () => {
    const sim = await simulator()
    sim.inject({ times: Infinity, fault: { kind: 'hang' } })
    const inputs = { timeout_seconds: '1', max_attempts: '1' }
    expect(await scenario(sim, inputs)).toMatchObject({
      exitCode: 1,
      error: `${lookedUp} http://127.0.0.1:<port> gave no answer (no answer in time) after 1 attempt. The server did not answer within timeout_seconds (1 s); check its health or raise timeout_seconds.`,
      requests: [sent.ME, sent.LOOKUP]
    })
  })

  it('a server that is not listening: named with its port', async () => {
    const sim = await simulator()
    await sim.close()
    const seen = await scenario(sim, { max_attempts: '2' })
    expect(seen).toMatchObject({ exitCode: 1, requests: [] })
    // The lookup and the look at who the credential is fail side by side,
    // so their retry lines come in either order.
    expect(seen.log.slice(0, 2).sort()).toEqual([
      'GET /api/users/me: connection refused; retrying in <backoff> s (attempt 2 of 2)',
      'GET /api/users: connection refused; retrying in <backoff> s (attempt 2 of 2)'
    ])
    expect(seen.log.slice(2)).toEqual([
      `Error: ${lookedUp} http://127.0.0.1:<port> gave no answer (connection refused) after 2 attempts. Check the 'server' input (host and port) and that Octopus is reachable from this runner.`
    ])
  })

  it('a redirect to another host: not followed, so the credential stays home', async () => {
    const sim = await simulator()
    const elsewhere = await simulator()
    const location = `http://localhost:${elsewhere.port}/api/users`
    sim.inject({ path: '/api/users', fault: { kind: 'redirect', location } })
    expect(await scenario(sim)).toMatchObject({
      exitCode: 1,
      error: `${lookedUp} the server answered HTTP 302 Found redirecting to http://localhost:<port>/api/users. Redirects are not followed because the credential would travel with them; set the 'server' input to the final address of your Octopus server.`,
      requests: sent.FIND
    })
    expect(elsewhere.requests).toEqual([])
  })
})
