// The create is not idempotent. When its answer is lost or unusable after the
// server made the key, the run finds that key by its purpose and the expiry
// it sent (each attempt its own), revokes it, and either makes one more or
// fails leaving none; a create the server did not process is sent again, and
// the run looks once more a few seconds later in case it commits late.
import { describe, expect, it } from '@jest/globals'
import type { Fault } from '../../tools/simulator/index.js'
import { addKey, said, scenario, sent, simulator } from './fixture.js'

const dropped = 'the connection was dropped'
const orphan = (key: string): string =>
  `Revoked ${key}: made by this run, but its value was lost.`
const AGAIN = 'No key is left from the lost attempt; creating the key again.'
const NOT_YET =
  'No key carries the expiry the lost attempt sent (yet); creating the key again.'
const LOOK_AGAIN =
  'Looking again in 5 s for a key the lost attempt may still make.'
const NONE_LATE = 'No key from the lost attempt appeared.'
const LEFT_NONE =
  'No key carrying an expiry this run sent is left; try again later.'
const DELETE = 'DELETE /api/users/Users-3/apikeys/<key-1>'
const drop: Fault = { kind: 'process-then-drop' }
const DAY = 86_400_000
const IN_TEN_DAYS = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10)

describe('the answer to the create is lost after the server made the key', () => {
  it.each<[string, Fault, string]>([
    ['a dropped connection', drop, dropped],
    ['a 502', { kind: 'process-then-status', status: 502 }, 'HTTP 502'],
    [
      'a proxy’s HTML 504 page',
      { kind: 'process-then-status', status: 504, html: true },
      'HTTP 504'
    ],
    [
      'a 200 cut short',
      { kind: 'malformed-json' },
      'HTTP 200 OK with a body that is not JSON ({"Id":"apikeys-…)'
    ]
  ])(
    'to %s: revokes the orphan, creates once more, and hands on the one key left',
    async (_, fault, reason) => {
      const sim = await simulator()
      sim.inject({ method: 'POST', fault })
      expect(await scenario(sim)).toMatchObject({
        exitCode: 0,
        log: [
          said.CREATING,
          said.LOST(reason),
          orphan('<key-1>'),
          AGAIN,
          said.CREATED('<key-2>')
        ],
        outputs: { api_key_id: '<key-2>' },
        requests: [...sent.FIND, sent.CREATE, sent.LIST, DELETE, sent.CREATE],
        keys: ['<key-2>'],
        keyOwner: 'svc-deploy'
      })
    }
  )

  it('keeps an older key of the same purpose', async () => {
    const sim = await simulator()
    addKey(sim, 'older', 'deploy', { hoursAgo: 1 })
    sim.inject({ method: 'POST', fault: drop })
    expect((await scenario(sim)).keys).toEqual(['<key-2>', '<older>'])
  })

  it.each([
    ['a duration', '7d', () => new Date(Date.now() + 7 * DAY + 1)],
    // That day, but before any expiry this run can send for it.
    ['a date', IN_TEN_DAYS, () => new Date(`${IN_TEN_DAYS}T23:59:00.000Z`)]
  ])(
    'keeps a key another job made meanwhile with the same purpose (expires as %s)',
    async (_, expires, theirs) => {
      const sim = await simulator()
      sim.inject({ method: 'POST', fault: drop })
      const otherJob = () =>
        addKey(sim, 'other', 'deploy', { expires: theirs() })
      sim.inject({
        method: 'GET',
        path: '/api/users/Users-3/apikeys',
        fault: { kind: 'interleave', run: otherJob }
      })
      expect(await scenario(sim, { expires })).toMatchObject({
        requests: [...sent.FIND, sent.CREATE, sent.LIST, DELETE, sent.CREATE],
        keys: ['<key-2>', '<other>']
      })
    }
  )

  it('lost twice: fails, leaving no key', async () => {
    const sim = await simulator()
    sim.inject({ method: 'POST', times: 2, fault: drop })
    expect(await scenario(sim)).toMatchObject({
      exitCode: 1,
      log: [
        said.CREATING,
        said.LOST(dropped),
        orphan('<key-1>'),
        AGAIN,
        said.LOST(dropped),
        orphan('<key-2>'),
        `Error: Failed to create an API key for 'svc-deploy' (Users-3): the server's answer was lost twice (${dropped}). ${LEFT_NONE}`
      ],
      outputs: {},
      keys: []
    })
  })

  it('when listing the keys to clean up fails: names what may be left', async () => {
    const sim = await simulator()
    sim.inject({ method: 'POST', fault: drop })
    sim.inject({
      method: 'GET',
      path: '/api/users/Users-3/apikeys',
      fault: { kind: 'status', status: 500 }
    })
    expect(await scenario(sim, { max_attempts: '1' })).toMatchObject({
      exitCode: 1,
      error: `The answer to the create request was lost, and the key it may have made could not be looked for. Failed to list the API keys of 'svc-deploy' (Users-3): HTTP 500 Internal Server Error: "An unexpected error occurred on the Octopus Server." The server kept failing; try again later. A key with purpose 'deploy' expiring <now+180d> may exist on 'svc-deploy' (Users-3): revoke it by hand in Octopus (Configuration → Users → the account → API keys).`,
      requests: [...sent.FIND, sent.CREATE, sent.LIST],
      keys: ['<key-1>']
    })
  })

  it('when the orphan cannot be revoked: names it, to revoke by hand', async () => {
    const sim = await simulator()
    sim.inject({ method: 'POST', fault: drop })
    sim.inject({ method: 'DELETE', fault: { kind: 'status', status: 500 } })
    expect(await scenario(sim, { max_attempts: '1' })).toMatchObject({
      exitCode: 1,
      error: `The answer to the create request was lost and these keys of 'svc-deploy' (Users-3) may be live but unheld: <key-1>. Revoking them failed (HTTP 500 Internal Server Error: "An unexpected error occurred on the Octopus Server." The server kept failing; try again later.): revoke them by hand in Octopus (Configuration → Users → the account → API keys).`,
      keys: ['<key-1>']
    })
  })
})

it.each<[string, Fault]>([
  ['no ApiKey', { kind: 'edit-json', omit: ['ApiKey'] }],
  [
    'an ApiKey not of the form API-…',
    { kind: 'edit-json', set: { ApiKey: 'octo_SECRETVALUE0123456789' } }
  ]
])(
  'a create answered with %s: that key is revoked by its Id, and the step fails',
  async (_, fault) => {
    const sim = await simulator()
    sim.inject({ method: 'POST', fault })
    const secrets = ['octo_SECRETVALUE0123456789']
    expect(await scenario(sim, {}, { secrets })).toMatchObject({
      exitCode: 1,
      error:
        'The server created API key <key-1> but its answer holds no key of the form API-…; the key cannot be used. It was revoked.',
      outputs: {},
      requests: [...sent.FIND, sent.CREATE, DELETE],
      keys: []
    })
  }
)

describe('the create fails without making a key', () => {
  it('a 503 without Retry-After: checks that no key was made, creates once more, then looks again for a late one', async () => {
    const sim = await simulator()
    sim.inject({ method: 'POST', fault: { kind: 'status', status: 503 } })
    expect(await scenario(sim)).toMatchObject({
      exitCode: 0,
      log: [
        said.CREATING,
        said.LOST('HTTP 503'),
        NOT_YET,
        said.CREATED(),
        LOOK_AGAIN,
        NONE_LATE
      ],
      requests: [...sent.FIND, sent.CREATE, sent.LIST, sent.CREATE, sent.LIST],
      keys: ['<key-1>']
    })
  })

  it('a 500 every time: fails after two rounds, leaving no key', async () => {
    const sim = await simulator()
    const fault: Fault = { kind: 'status', status: 500 }
    sim.inject({ method: 'POST', times: Infinity, fault })
    expect(await scenario(sim)).toMatchObject({
      exitCode: 1,
      error: `Failed to create an API key for 'svc-deploy' (Users-3): the server's answer was lost twice (HTTP 500). ${LEFT_NONE}`,
      requests: sent.LOST_TWICE,
      keys: []
    })
  })

  it('a refused create (400) is not retried, and names the inputs to check', async () => {
    const sim = await simulator({ maxExpiryDays: 5 })
    expect(await scenario(sim, { expires: '7d' })).toMatchObject({
      exitCode: 1,
      error: `Failed to create an API key for 'svc-deploy' (Users-3): HTTP 400 Bad Request: "There was a problem with your request." (The expiry date cannot be more than 5 days in the future.) Check 'purpose' and 'expires': the expiry must be in the future, within the server's maximum (366 days by default), and not after the expiry of the credential used.`,
      requests: [...sent.FIND, sent.CREATE],
      keys: []
    })
  })
})
