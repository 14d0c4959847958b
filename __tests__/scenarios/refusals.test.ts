// What is refused, and how it reads: inputs before any request, then the
// server's refusals, never with a credential in them.
import { describe, expect, it } from '@jest/globals'
import { scenario, seed, sent, simulator } from './fixture.js'

describe('refused', () => {
  it('inputs: every problem at once, before any request, without echoing a value', async () => {
    const sim = await simulator()
    const seen = await scenario(sim, {
      server: 'http://octopus.example.com',
      api_key: 'not-a-key',
      user_id: 'Users-3',
      purpose: '',
      expires: 'bad \uD800 bytes',
      summary: 'yes',
      max_attempts: '99'
    })
    expect(seen).toMatchObject({
      exitCode: 1,
      log: [
        [
          'Error: The inputs have 7 problems:',
          "- The API key in input 'api_key' is not an Octopus API key: it should be API- followed by letters and digits. Check the secret it comes from.",
          "- Input 'server' uses http:// for octopus.example.com, which is not this machine: the credential would cross the network unencrypted. Use https://, or set allow_insecure_http: true if you accept that.",
          "- Input 'max_attempts' must be a whole number from 1 to 10, e.g. 3; got '99'.",
          "- Set either 'username' or 'user_id', not both.",
          "- Input 'purpose' is required: it names the key in Octopus, e.g. purpose: GitHub Actions deploy for ${{ github.repository }}.",
          "- Input 'expires' contains U+FFFD, which stands for bytes that are not valid UTF-8; use plain text.",
          "- Input 'summary' must be true or false; got 'yes'."
        ].join('\n')
      ],
      requests: []
    })
  })

  it('a wrong API key: one 401, not retried', async () => {
    const sim = await simulator()
    const seen = await scenario(sim, {
      api_key: 'API-WRONGWRONGWRONGWRONGWRONG'
    })
    expect(seen).toMatchObject({
      exitCode: 1,
      error: `Failed to look up user "svc-deploy": HTTP 401 Unauthorized: "The API key you provided was not valid. Please double-check your API key and try again. For instructions on finding your API key, please visit: https://oc.to/ApiKey". Check that 'api_key' (or 'access_token') holds a valid, unexpired credential for this server.`,
      requests: [sent.ME, sent.LOOKUP]
    })
  })

  it('a key for an account that is neither the caller’s nor a service account (403)', async () => {
    const sim = await simulator()
    const seen = await scenario(
      sim,
      { username: 'jane.doe' },
      { owner: 'Users-2' }
    )
    expect(seen).toMatchObject({
      exitCode: 1,
      error: `Failed to create an API key for 'jane.doe' (Users-2): HTTP 403 Forbidden: "You do not have permission to perform this action. Please contact your Octopus administrator." API keys for other users can only be created for service accounts. You can only create API keys for your own user account, or for a service account if you have the UserEdit permission. Octopus only lets a credential create keys for its own account or for a service account, and 'jane.doe' is not a service account. Use a service account, or run with a credential of that user and leave username empty.`,
      requests: [
        ...sent.finding('GET /api/users?filter=jane.doe&skip=0&take=100'),
        'POST /api/users/Users-2/apikeys'
      ],
      keys: ['<credential>']
    })
  })

  it('a credential that may list users but not edit them (403 naming UserEdit)', async () => {
    const sim = await simulator()
    const auditor = seed.credentials.find((c) => c.userId === 'Users-13')
    expect(
      await scenario(sim, { api_key: auditor?.value ?? '' })
    ).toMatchObject({
      exitCode: 1,
      error: `Failed to create an API key for 'svc-deploy' (Users-3): HTTP 403 Forbidden: "You do not have permission to perform this action. Please contact your Octopus administrator. Missing permission: UserEdit" This action requires permission to edit users, which is needed to manage the API keys of service accounts. 'svc-deploy' is a service account: the credential's user needs permission to edit users ("Edit users", UserEdit) to create its keys.`,
      requests: [
        sent.ME,
        sent.LOOKUP,
        'GET /api/users/Users-13/apikeys?skip=0&take=100',
        sent.CREATE
      ],
      keys: []
    })
  })

  it('an error from the server that echoes the credential shows it masked', async () => {
    const sim = await simulator()
    const echo = JSON.stringify({
      ErrorMessage: `Bad request from ${seed.adminKey}`,
      Errors: [`key ${seed.adminKey.slice(0, 20)} rejected`]
    })
    sim.inject({
      method: 'POST',
      fault: { kind: 'status', status: 400, body: echo }
    })
    const secrets = [seed.adminKey.slice(0, 20)]
    expect(await scenario(sim, {}, { secrets })).toMatchObject({
      exitCode: 1,
      error: `Failed to create an API key for 'svc-deploy' (Users-3): HTTP 400 Bad Request: "Bad request from ***" (key API-*** rejected). Check 'purpose' and 'expires': the expiry must be in the future, within the server's maximum (366 days by default), and not after the expiry of the credential used.`,
      requests: [...sent.FIND, sent.CREATE],
      keys: []
    })
  })
})
