// After a lost create answer only a key that carries the exact expiry one of
// this run's attempts sent is revoked: each attempt sends its own. A key
// nothing proves is this run's is named and left alone, and a request that
// commits after the client gave up is looked for again a few seconds later.
import { describe, expect, it } from '@jest/globals'
import { addKey, said, scenario, sent, simulator } from './fixture.js'

const NOT_YET =
  'No key carries the expiry the lost attempt sent (yet); creating the key again.'
const LOOK_AGAIN =
  'Looking again in 5 s for a key the lost attempt may still make.'

describe('a lost create answer never costs another job its key', () => {
  it('a proxy’s 502 before Octopus saw the create, while another job made a key of the same purpose: that key is named and kept', async () => {
    const sim = await simulator()
    // A proxy answers; Octopus never processes the request.
    sim.inject({ method: 'POST', fault: { kind: 'status', status: 502 } })
    sim.inject({
      method: 'GET',
      path: '/api/users/Users-3/apikeys',
      fault: { kind: 'interleave', run: () => addKey(sim, 'other', 'deploy') }
    })
    const seen = await scenario(sim)
    expect(seen).toMatchObject({
      exitCode: 0,
      log: [
        said.CREATING,
        said.LOST('HTTP 502'),
        NOT_YET,
        said.CREATED(),
        LOOK_AGAIN,
        "Warning: <other> of 'svc-deploy' (Users-3) with purpose 'deploy' appeared while this run ran but carry no expiry it sent, so they were left alone: another job may have made them. If one is a leftover of the lost attempt, the next rotation revokes it."
      ],
      outputs: { api_key_id: '<key-1>' },
      requests: [...sent.FIND, sent.CREATE, sent.LIST, sent.CREATE, sent.LIST],
      keys: ['<key-1>', '<other>']
    })
    expect(seen.log.join('\n')).not.toContain('made by this run')
  })

  it('the first create commits 2 s after the client gave up: exactly one key is left, the one handed on', async () => {
    const sim = await simulator()
    sim.inject({ method: 'POST', fault: { kind: 'delay', ms: 3000 } })
    const started = Date.now()
    const seen = await scenario(sim, { timeout_seconds: '1' })
    // Whatever the run did, let the late commit happen before counting keys.
    await new Promise((r) => setTimeout(r, 3500 - (Date.now() - started)))
    expect(seen).toMatchObject({
      exitCode: 0,
      log: [
        said.CREATING,
        said.LOST('no answer in time'),
        NOT_YET,
        said.CREATED(),
        LOOK_AGAIN,
        'Revoked <key-2>: made by this run, but its value was lost.'
      ],
      outputs: { api_key_id: '<key-1>' },
      requests: [
        ...sent.FIND,
        sent.CREATE,
        sent.LIST,
        sent.CREATE,
        sent.LIST,
        'DELETE /api/users/Users-3/apikeys/<key-2>'
      ],
      keyOwner: 'svc-deploy'
    })
    expect(sim.keysOf('Users-3').map((k) => k.id)).toEqual([
      seen.step.outputs.api_key_id
    ])
  })
})

describe('two lost answers', () => {
  it('and a second look that fails: the error names the key that may be left and asks for a revoke by hand', async () => {
    const sim = await simulator()
    const keys = '/api/users/Users-3/apikeys'
    // Both creates are made but their answers lost; the keys are not listed
    // yet (a late commit), and the look 5 s later fails.
    sim.inject({ method: 'POST', fault: { kind: 'process-then-drop' } })
    sim.inject({ method: 'POST', fault: { kind: 'process-then-drop' } })
    const unlisted = { Items: [], TotalResults: 0 }
    sim.inject({
      ...{ method: 'GET', path: keys, times: 2 },
      fault: { kind: 'edit-json', set: unlisted }
    })
    sim.inject({
      method: 'GET',
      path: keys,
      fault: { kind: 'status', status: 500 }
    })
    const seen = await scenario(sim, { max_attempts: '1' })
    expect(seen).toMatchObject({
      exitCode: 1,
      log: [
        said.CREATING,
        said.LOST('the connection was dropped'),
        NOT_YET,
        said.LOST('the connection was dropped'),
        LOOK_AGAIN,
        `Error: ${seen.error}`
      ],
      error:
        "Failed to create an API key for 'svc-deploy' (Users-3): the server's answer was lost twice (the connection was dropped). " +
        `The answer to the create request was lost, and the key it may have made could not be looked for. Failed to list the API keys of 'svc-deploy' (Users-3): HTTP 500 Internal Server Error: "An unexpected error occurred on the Octopus Server." The server kept failing; try again later. ` +
        "A key with purpose 'deploy' expiring <now+180d> or <now+180d> may exist on 'svc-deploy' (Users-3): revoke it by hand in Octopus (Configuration → Users → the account → API keys).",
      requests: sent.LOST_TWICE,
      // What the error warns of: both keys are live.
      keys: ['<key-1>', '<key-2>']
    })
  })
})
