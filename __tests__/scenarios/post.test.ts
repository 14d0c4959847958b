// revoke_after_job: the main step saves the key's id (never the key) and the
// post step revokes it when the job ends. A post step that cannot revoke
// warns and names the key; it never fails the job.
import { describe, expect, it } from '@jest/globals'
import { job, scenario, seed, simulator } from './fixture.js'

const DELETE = 'DELETE /api/users/Users-3/apikeys/<key-1>'
const REVOKED = 'Revoked API key <key-1> of Users-3 at the end of the job.'
const COULD_NOT = 'Warning: Could not revoke API key <key-1> of Users-3:'
const BY_HAND =
  'It may still be live: revoke it by hand in Octopus (Configuration → Users → the account → API keys).'
const revokeAfterJob = { revoke_after_job: 'true' }

describe('a key that lives only for the job (revoke_after_job)', () => {
  it('is revoked by the post step, which the main step left only ids for', async () => {
    const sim = await simulator()
    const { main, post } = await job(sim, revokeAfterJob)
    expect(main.state).toEqual({
      isPost: 'true',
      revoke_key_id: '<key-1>',
      revoke_user_id: 'Users-3'
    })
    expect(post).toMatchObject({
      exitCode: 0,
      log: [REVOKED],
      requests: [DELETE],
      keys: []
    })
  })

  it('stays without revoke_after_job: the post step does nothing', async () => {
    const sim = await simulator()
    const { post } = await job(sim)
    expect(post).toMatchObject({ log: [], requests: [], keys: ['<key-1>'] })
  })

  it('is revoked with the exported key when export_env replaced OCTOPUS_API_KEY', async () => {
    const sim = await simulator()
    const { main, post } = await job(
      sim,
      { api_key: '', export_env: 'true', ...revokeAfterJob },
      { env: { OCTOPUS_API_KEY: seed.adminKey } }
    )
    expect(main.env).toEqual({
      OCTOPUS_URL: 'http://127.0.0.1:<port>',
      OCTOPUS_API_KEY: '<API key>'
    })
    expect(post).toMatchObject({ log: [REVOKED], requests: [DELETE], keys: [] })
  })

  it('is revoked with an access token from the environment', async () => {
    const sim = await simulator()
    const { post } = await job(
      sim,
      { server: '', api_key: '', username: '', ...revokeAfterJob },
      {
        env: {
          OCTOPUS_URL: `${sim.url}/api`,
          OCTOPUS_ACCESS_TOKEN: seed.serviceBearer
        },
        owner: 'Users-11'
      }
    )
    expect(post).toMatchObject({
      log: ['Revoked API key <key-1> of Users-11 at the end of the job.'],
      requests: ['DELETE /api/users/Users-11/apikeys/<key-1>'],
      auth: ['bearer'],
      keys: []
    })
  })

  it('that is already gone is not a warning', async () => {
    const sim = await simulator()
    const { main } = await job(sim, revokeAfterJob)
    const state = main.step.state
    expect(await scenario(sim, revokeAfterJob, { state })).toMatchObject({
      exitCode: 0,
      log: ['API key <key-1> of Users-3 was already gone.'],
      requests: [DELETE]
    })
  })

  it('stays, with a warning naming it, when the revoke keeps failing', async () => {
    const sim = await simulator()
    const fault = { kind: 'status', status: 500 } as const
    sim.inject({ method: 'DELETE', times: Infinity, fault })
    const { post } = await job(sim, { ...revokeAfterJob, max_attempts: '2' })
    expect(post).toMatchObject({
      exitCode: 0,
      log: [
        'DELETE /api/users/Users-3/apikeys/<key-1>: HTTP 500; retrying in <backoff> s (attempt 2 of 2)',
        `${COULD_NOT} HTTP 500 Internal Server Error: "An unexpected error occurred on the Octopus Server." The server kept failing; try again later. ${BY_HAND}`
      ],
      requests: [`${DELETE} ×2`],
      keys: ['<key-1>']
    })
  })

  it.each([
    [
      'is refused',
      'API-WRONGWRONGWRONGWRONGWRONG',
      `HTTP 401 Unauthorized: "The API key you provided was not valid. Please double-check your API key and try again. For instructions on finding your API key, please visit: https://oc.to/ApiKey". Check that 'api_key' (or 'access_token') holds a valid, unexpired credential for this server.`,
      [DELETE]
    ],
    [
      'is missing',
      '',
      "No credential: set the 'api_key' input (or the OCTOPUS_API_KEY variable), or 'access_token' (or OCTOPUS_ACCESS_TOKEN, which OctopusDeploy/login sets). If it comes from a secret, check that the secret exists and is available to this workflow (secrets are not passed to workflows from forks).",
      []
    ]
  ])(
    'stays, with a warning, when the post step’s credential %s',
    async (_, apiKey, why, requests) => {
      const sim = await simulator()
      const { state } = (await scenario(sim, revokeAfterJob)).step
      const inputs = { ...revokeAfterJob, api_key: apiKey }
      expect(await scenario(sim, inputs, { state })).toMatchObject({
        exitCode: 0,
        log: [`${COULD_NOT} ${why} ${BY_HAND}`],
        requests,
        keys: ['<key-1>']
      })
    }
  )
})
