// Creating a key and handing it on: the account found by username, id or
// credential, with the credential from the inputs or the environment.
import { describe, expect, it } from '@jest/globals'
import { tmpdir } from 'node:os'
import { renderLog } from '../../tools/harness/runner-view.js'
import { said, scenario, seed, sent, simulator } from './fixture.js'

describe('creating a key', () => {
  it('for a service account found by username: the lookup beside the creating key’s expiry, one create, a masked key that works', async () => {
    const sim = await simulator()
    expect(await scenario(sim)).toMatchObject({
      exitCode: 0,
      log: [said.CREATING, said.CREATED()],
      outputs: {
        api_key: '<API key>',
        api_key_id: '<key-1>',
        user_id: 'Users-3',
        username: 'svc-deploy',
        expires: '<now+180d>',
        revoked_ids: '',
        credential_expires: '<now+366d>'
      },
      requests: [...sent.FIND, sent.CREATE],
      keys: ['<key-1>'],
      keyOwner: 'svc-deploy',
      env: {},
      state: { isPost: 'true' },
      summary: [
        'Octopus API key created',
        'Field | Value',
        'Server | 127.0.0.1:<port>',
        'Account | svc-deploy (Users-3, service account)',
        'Key id | <key-1>',
        'Purpose | deploy',
        'Expires | <now+180d>',
        'Revoked | none',
        'Revoked when the job ends | no',
        'Creating credential expires | <now+366d>',
        'Exported to the environment | no'
      ]
    })
  })

  it('expiring as the expires input says, without a summary when summary is false', async () => {
    const sim = await simulator()
    const seen = await scenario(sim, { expires: '12h', summary: 'false' })
    expect(seen).toMatchObject({
      log: [
        "Creating an API key for 'svc-deploy' (Users-3), expiring as input 'expires' (12h) asks.",
        said.CREATED('<key-1>', '<now+12h>')
      ],
      outputs: { expires: '<now+12h>' },
      summary: []
    })
  })

  it('names in the log the expiry the server stored, as the expires output does', async () => {
    const sim = await simulator()
    const seen = await scenario(sim, { expires: '2w' })
    const created = seen.step.lines.find((l) => l.startsWith('Created API key'))
    const logged = /, expiring ([^;]+);/.exec(created ?? '')?.[1]
    expect(logged).toBe(seen.step.outputs.expires)
    expect(sim.keysOf('Users-3')[0].expires).toBe(logged)
  })

  it('for the credential’s own account when neither username nor user_id is given', async () => {
    const sim = await simulator()
    const seen = await scenario(
      sim,
      { api_key: seed.regularKey, username: '' },
      { owner: 'Users-2' }
    )
    expect(seen).toMatchObject({
      outputs: { user_id: 'Users-2', username: 'jane.doe' },
      requests: [
        'GET /api/users/me',
        'GET /api/users/Users-2/apikeys?skip=0&take=100',
        'POST /api/users/Users-2/apikeys'
      ],
      keys: ['<credential>', '<key-1>'],
      keyOwner: 'jane.doe'
    })
  })

  it.each([
    ['the access_token input', { access_token: seed.serviceBearer }, {}],
    ['OCTOPUS_ACCESS_TOKEN', {}, { OCTOPUS_ACCESS_TOKEN: seed.serviceBearer }]
  ])('with an access token from %s', async (_, inputs, env) => {
    const sim = await simulator()
    const seen = await scenario(
      sim,
      { api_key: '', username: '', ...inputs },
      { env, owner: 'Users-11' }
    )
    expect(seen).toMatchObject({
      outputs: { user_id: 'Users-11', username: 'svc-oidc' },
      requests: ['GET /api/users/me', 'POST /api/users/Users-11/apikeys'],
      auth: ['bearer'],
      keys: ['<key-1>']
    })
  })

  it('with the server and API key from OCTOPUS_URL (…/api/) and OCTOPUS_API_KEY', async () => {
    const sim = await simulator()
    const env = {
      OCTOPUS_URL: `${sim.url}/api/`,
      OCTOPUS_API_KEY: seed.adminKey
    }
    const seen = await scenario(sim, { server: '', api_key: '' }, { env })
    expect(seen).toMatchObject({
      log: [
        said.CREATING.replace(
          "input 'api_key'",
          'the OCTOPUS_API_KEY variable'
        ),
        said.CREATED()
      ],
      requests: [...sent.FIND, sent.CREATE],
      keys: ['<key-1>']
    })
  })

  it('on a server under a virtual directory given as …/octopus/api/, exported for later steps', async () => {
    const sim = await simulator({ pathPrefix: '/octopus' })
    const seen = await scenario(sim, {
      server: `${sim.url}/api/`,
      export_env: 'true'
    })
    expect(seen).toMatchObject({
      requests: [...sent.FIND, sent.CREATE],
      env: {
        OCTOPUS_URL: 'http://127.0.0.1:<port>/octopus',
        OCTOPUS_API_KEY: '<API key>'
      },
      keyOwner: 'svc-deploy'
    })
  })
})

describe('handing the key on', () => {
  // A runner file that is a directory cannot be written.
  const EISDIR = `EISDIR: illegal operation on a directory, open '${tmpdir()}'`

  it('an unexpected exception once the key exists: the key is revoked, the bug reported with its stack', async () => {
    const sim = await simulator()
    const env = { GITHUB_OUTPUT: tmpdir() }
    const seen = await scenario(sim, {}, { env })
    expect(seen).toMatchObject({
      exitCode: 1,
      error: `Unexpected error, please report it: ${EISDIR}. The new key <key-1> was revoked.`,
      outputs: {},
      requests: [
        ...sent.FIND,
        sent.CREATE,
        'DELETE /api/users/Users-3/apikeys/<key-1>'
      ],
      keys: []
    })
    const debug = renderLog(seen.step.lines, { debug: true })
    const stack = debug.find((l) => l.startsWith(`##[debug]Error: ${EISDIR}`))
    expect(stack).toMatch(/\n\s+at /)
  })

  it('says so when revoking the key that could not be handed on fails too', async () => {
    const sim = await simulator()
    sim.inject({ method: 'DELETE', fault: { kind: 'status', status: 500 } })
    const env = { GITHUB_OUTPUT: tmpdir() }
    const seen = await scenario(sim, { max_attempts: '1' }, { env })
    expect(seen).toMatchObject({
      exitCode: 1,
      error: `Unexpected error, please report it: ${EISDIR}. Revoking the new key <key-1> failed too: revoke it by hand in Octopus (Configuration → Users → the account → API keys).`,
      keys: ['<key-1>']
    })
  })

  it('only warns when the job summary cannot be written, and keeps the key', async () => {
    const sim = await simulator()
    const env = { GITHUB_STEP_SUMMARY: tmpdir() }
    expect(await scenario(sim, {}, { env })).toMatchObject({
      exitCode: 0,
      log: [
        said.CREATING,
        said.CREATED(),
        `Warning: Could not write the job summary: ${EISDIR}`
      ],
      outputs: { api_key_id: '<key-1>' },
      keys: ['<key-1>']
    })
  })
})
