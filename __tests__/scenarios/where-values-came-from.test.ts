// Errors name where a value came from (an input, or the variable an earlier
// step may have set), never show a server value that did not parse, and
// name the likely root when `server` points at the web portal or beside it.
import { describe, expect, it } from '@jest/globals'
import { scenario, sent, simulator } from './fixture.js'

const EXAMPLE = 'e.g. server: https://octopus.example.com'

describe('where values came from', () => {
  it('a server that is not a URL is described, never shown: it may hold a password', async () => {
    const sim = await simulator()
    const seen = await scenario(
      sim,
      { server: 'https://deploy:pa/ss@octopus.example.com' },
      { secrets: ['pa/ss', 'deploy:'] }
    )
    expect(seen).toMatchObject({
      exitCode: 1,
      error: `Input 'server' is not an absolute URL (${EXAMPLE}): it holds an @, as a user name or password would; leave those out and pass the credential in 'api_key' or 'access_token'.`,
      requests: []
    })
  })

  it('a server from OCTOPUS_URL is named as that variable', async () => {
    const sim = await simulator()
    const seen = await scenario(
      sim,
      { server: '' },
      { env: { OCTOPUS_URL: 'octopus.example.com' } }
    )
    expect(seen).toMatchObject({
      exitCode: 1,
      error: `The OCTOPUS_URL variable is not an absolute URL (${EXAMPLE}): it does not start with https://.`,
      requests: []
    })
  })

  it('a refused credential from OCTOPUS_API_KEY is named as that variable', async () => {
    const sim = await simulator()
    const wrong = 'API-WRONGWRONGWRONGWRONGWRONG'
    const seen = await scenario(
      sim,
      { api_key: '' },
      { env: { OCTOPUS_API_KEY: wrong } }
    )
    expect(seen).toMatchObject({
      exitCode: 1,
      error: `Failed to look up user "svc-deploy": HTTP 401 Unauthorized: "The API key you provided was not valid. Please double-check your API key and try again. For instructions on finding your API key, please visit: https://oc.to/ApiKey". Check the credential in the OCTOPUS_API_KEY variable (no input gave one, so it came from the environment, set by the workflow or an earlier step): it must be valid and unexpired for this server.`,
      requests: [sent.ME, sent.LOOKUP]
    })
  })
})

describe('a server that is not the root of Octopus', () => {
  it('a web portal page is refused before any request, naming the root', async () => {
    const sim = await simulator()
    const seen = await scenario(sim, {
      server: `${sim.url}/app#/Spaces-1/projects`
    })
    expect(seen).toMatchObject({
      exitCode: 1,
      error: `Input 'server' is the address of a page in the Octopus web portal; set it to the server's root, http://127.0.0.1:<port>.`,
      requests: []
    })
  })

  it('the web portal’s address: its 404 for /api/users names the root', async () => {
    const sim = await simulator()
    const seen = await scenario(sim, { server: `${sim.url}/app` })
    expect(seen).toMatchObject({
      exitCode: 1,
      error: `Failed to look up user "svc-deploy": HTTP 404 Not Found: "The resource you requested was not found: /app/api/users". The 'server' input (http://127.0.0.1:<port>/app) is the address of the web portal; set it to the server's root, http://127.0.0.1:<port>.`,
      requests: [
        'GET /app/api/users/me',
        'GET /app/api/users?filter=svc-deploy&skip=0&take=100'
      ]
    })
  })

  it('the web portal’s address answering its page, not JSON, names the root', async () => {
    const sim = await simulator()
    const page = '<!DOCTYPE html><html><head><title>Octopus Deploy</title>'
    sim.inject({
      path: '/app/api/users/me',
      fault: { kind: 'status', status: 200, body: page }
    })
    const seen = await scenario(sim, {
      server: `${sim.url}/app/`,
      username: ''
    })
    expect(seen).toMatchObject({
      exitCode: 1,
      error: `Failed to look up the credential’s own user: HTTP 200 OK but the answer is not JSON; the body starts with: ${page}. The 'server' input (http://127.0.0.1:<port>/app) is the address of the web portal; set it to the server's root, http://127.0.0.1:<port>.`,
      requests: ['GET /app/api/users/me']
    })
  })

  it('Octopus under a virtual directory the server leaves out: a 404 that suggests adding one', async () => {
    const sim = await simulator({ pathPrefix: '/octopus' })
    const seen = await scenario(
      sim,
      { server: '' },
      { env: { OCTOPUS_URL: sim.origin } }
    )
    expect(seen).toMatchObject({
      exitCode: 1,
      error: `Failed to look up user "svc-deploy": HTTP 404 Not Found: "The resource you requested was not found: /api/users". Check that the OCTOPUS_URL variable (http://127.0.0.1:<port>) is the root of the Octopus server, not a proxy or login page: if Octopus is installed under a virtual directory, add it (e.g. http://127.0.0.1:<port>/octopus).`,
      requests: [sent.ME, sent.LOOKUP]
    })
  })
})
