// The bundled action (dist/index.js) run as the runner runs it, against the
// simulator: issue 2's flows end to end.
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it
} from '@jest/globals'
import { maskedFirst } from '../../tools/harness/run-action.js'
import { manyUsers, type Simulator } from '../../tools/simulator/index.js'
import {
  adminInputs,
  errorOf,
  requestLine,
  seed,
  simulator,
  step
} from './fixture.js'

describe('creating a key through dist/index.js', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await simulator()
  })
  afterAll(() => sim.close())
  afterEach(() => {
    sim.resetRequests()
    sim.clearFaults()
  })

  it('creates a masked key for a service account found by username, in two requests', async () => {
    const run = await step({ inputs: adminInputs(sim) })

    expect(run.exitCode).toBe(0)
    const key = run.outputs.api_key
    expect(key).toMatch(/^API-[A-Z0-9]+$/)
    expect(maskedFirst(run, key)).toBe(true)
    expect(run.outputs).toMatchObject({
      user_id: 'Users-3',
      username: 'svc-deploy',
      revoked_ids: ''
    })
    const stored = sim.keysOf('Users-3')
    expect(stored).toHaveLength(1)
    expect(run.outputs.api_key_id).toBe(stored[0].id)
    expect(run.outputs.expires).toBe(stored[0].expires)
    expect(stored[0].purpose).toBe('e2e test')
    expect(requestLine(sim)).toEqual([
      'GET /api/users',
      'POST /api/users/Users-3/apikeys'
    ])
    expect(run.summary).toContain(stored[0].id)
    expect(run.summary).toContain('svc-deploy')

    // The key handed on really works, and belongs to the service account.
    const me = await fetch(`${sim.url}/api/users/me`, {
      headers: { 'X-Octopus-ApiKey': key }
    })
    expect(((await me.json()) as { Username: string }).Username).toBe(
      'svc-deploy'
    )
  })

  it('sends an explicit expiry computed from the expires input', async () => {
    const before = Date.now()
    const run = await step({
      inputs: adminInputs(sim, {
        username: 'svc-deploy-staging',
        expires: '12h'
      })
    })
    expect(run.exitCode).toBe(0)
    const expires = Date.parse(run.outputs.expires)
    expect(expires).toBeGreaterThanOrEqual(before + 12 * 3600_000 - 1000)
    expect(expires).toBeLessThanOrEqual(Date.now() + 12 * 3600_000 + 1000)
  })

  it('matches the username ignoring case, never a fragment, display name or e-mail', async () => {
    const upper = await step({
      inputs: adminInputs(sim, { username: 'SVC-DEPLOY' })
    })
    expect(upper.exitCode).toBe(0)
    expect(upper.outputs.username).toBe('svc-deploy')

    // 'svc-dep' is a fragment of several usernames, display names and an e-mail.
    const fragment = await step({
      inputs: adminInputs(sim, { username: 'svc-dep' })
    })
    expect(fragment.exitCode).toBe(1)
    expect(errorOf(fragment)).toContain(
      `No Octopus user or service account has the username 'svc-dep'`
    )
    expect(sim.liveKeyCount('Users-5')).toBe(0) // deploy-bot: display name holds svc-deploy
  })

  it('finds usernames with +, @, spaces and non-ASCII characters', async () => {
    for (const [username, id] of [
      ['ci+build@example.com', 'Users-8'],
      ['build agent', 'Users-9'],
      ['dépl-øy', 'Users-10']
    ]) {
      const run = await step({ inputs: adminInputs(sim, { username }) })
      expect(run.exitCode).toBe(0)
      expect(run.outputs.user_id).toBe(id)
      expect(run.outputs.username).toBe(username)
    }
  })

  it('creates the key for the credential’s own user when no username is given', async () => {
    const run = await step({
      inputs: {
        server: sim.url,
        api_key: seed.regularKey,
        purpose: 'my own key'
      }
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      user_id: 'Users-2',
      username: 'jane.doe'
    })
    expect(requestLine(sim)).toEqual([
      'GET /api/users/me',
      'POST /api/users/Users-2/apikeys'
    ])
  })

  it('lets a credential without "View users" name its own account', async () => {
    const run = await step({
      inputs: {
        server: sim.url,
        api_key: seed.regularKey,
        username: 'Jane.Doe',
        purpose: 'mine'
      }
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      user_id: 'Users-2',
      username: 'jane.doe'
    })
    expect(requestLine(sim)).toEqual([
      'GET /api/users',
      'GET /api/users/me',
      'POST /api/users/Users-2/apikeys'
    ])
  })

  it('takes a user_id instead of a username', async () => {
    const run = await step({
      inputs: adminInputs(sim, { username: '', user_id: 'Users-4' })
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.username).toBe('svc-deploy-staging')
    expect(requestLine(sim)).toEqual([
      'GET /api/users/Users-4',
      'POST /api/users/Users-4/apikeys'
    ])
  })

  it('says so when user_id names nobody', async () => {
    const run = await step({
      inputs: adminInputs(sim, { username: '', user_id: 'Users-999' })
    })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toMatch(/HTTP 404 Not Found.*user_id/)
  })

  it('falls back to OCTOPUS_URL and OCTOPUS_API_KEY', async () => {
    const run = await step({
      inputs: { username: 'svc-deploy', purpose: 'env fallback' },
      env: { OCTOPUS_URL: `${sim.url}/api/`, OCTOPUS_API_KEY: seed.adminKey }
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.user_id).toBe('Users-3')
  })

  it('authenticates with a bearer token from access_token or OCTOPUS_ACCESS_TOKEN', async () => {
    const fromInput = await step({
      inputs: {
        server: sim.url,
        access_token: seed.serviceBearer,
        purpose: 'oidc'
      }
    })
    expect(fromInput.exitCode).toBe(0)
    expect(fromInput.outputs.username).toBe('svc-oidc')
    expect(sim.requests.every((r) => r.auth === 'bearer')).toBe(true)

    const fromEnv = await step({
      inputs: { server: sim.url, purpose: 'oidc' },
      env: { OCTOPUS_ACCESS_TOKEN: seed.serviceBearer }
    })
    expect(fromEnv.exitCode).toBe(0)
    expect(fromEnv.outputs.username).toBe('svc-oidc')
  })

  it('refuses an inactive account before creating anything', async () => {
    const run = await step({
      inputs: adminInputs(sim, { username: 'svc-retired' })
    })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toContain('inactive')
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(0)
  })

  it('explains a 401 without echoing the credential', async () => {
    const wrongKey = 'API-WRONGWRONGWRONGWRONGWRONG'
    const run = await step(
      { inputs: adminInputs(sim, { api_key: wrongKey }) },
      [wrongKey]
    )
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toMatch(
      /HTTP 401 Unauthorized: "The API key you provided was not valid.*api_key/
    )
  })

  it('explains that keys are only for yourself or a service account (403)', async () => {
    const before = sim.liveKeyCount('Users-2')
    const run = await step({
      inputs: adminInputs(sim, { username: 'jane.doe' })
    })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toMatch(
      /HTTP 403 Forbidden.*'jane.doe' is not a service account/
    )
    expect(sim.liveKeyCount('Users-2')).toBe(before)
  })

  it('explains a 403 when the credential may not list users', async () => {
    const run = await step({
      inputs: {
        server: sim.url,
        api_key: seed.regularKey,
        username: 'svc-deploy',
        purpose: 'x'
      }
    })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toMatch(/HTTP 403 Forbidden.*UserView/)
  })

  it.each([
    [{ purpose: '' }, `Input 'purpose' is required`],
    [{ user_id: 'Users-3' }, `Set either 'username' or 'user_id', not both`],
    [
      { username: '', user_id: '../users/me' },
      `Input 'user_id' must look like Users-123`
    ],
    [{ expires: 'next week' }, `Input 'expires'`],
    [{ expires: '2001-01-01' }, 'in the past'],
    [{ server: 'http://octopus.example.com' }, 'allow_insecure_http'],
    [{ server: 'octopus.example.com' }, 'not an absolute URL'],
    [{ api_key: 'not-a-key' }, 'is not an Octopus API key'],
    [{ summary: 'yes' }, `Input 'summary' must be true or false`],
    [
      { timeout_seconds: '0' },
      `Input 'timeout_seconds' must be a whole number`
    ],
    [{ purpose: 'x'.repeat(100_000) }, `Input 'purpose' is longer than`],
    [
      { purpose: 'bad \uD800 bytes' },
      `Input 'purpose' contains a control character or bytes that are not valid UTF-8`
    ],
    [{ purpose: 'two\nlines' }, `Input 'purpose' contains a control character`]
  ])(
    'rejects invalid inputs before any request: %#',
    async (extra: Record<string, string>, message: string) => {
      const run = await step(
        { inputs: adminInputs(sim, extra) },
        extra.api_key ? [extra.api_key] : []
      )
      expect(run.exitCode).toBe(1)
      expect(errorOf(run)).toContain(message)
      expect(sim.requests).toHaveLength(0)
    }
  )

  it('reports every input problem at once', async () => {
    const run = await step({
      inputs: adminInputs(sim, {
        purpose: '',
        expires: 'soon',
        max_attempts: '99'
      })
    })
    expect(run.exitCode).toBe(1)
    const error = errorOf(run)
    expect(error).toContain('3 problems')
    expect(error).toContain(`'purpose'`)
    expect(error).toContain(`'expires'`)
    expect(error).toContain(`'max_attempts'`)
  })
})

describe('lookups that need paging, case rules and a virtual directory', () => {
  let sim: Simulator
  beforeAll(async () => {
    // 250 accounts whose username, display name or e-mail hold the fragment
    // 'svc-target', all sorting before it: the exact one is on the third page.
    sim = await simulator({
      pathPrefix: '/octopus',
      users: [
        ...seed.users,
        ...manyUsers(250),
        { username: 'SVC-CASE', isService: true },
        { username: 'svc-case', isService: true }
      ]
    })
  })
  afterAll(() => sim.close())
  afterEach(() => sim.resetRequests())

  it('pages until the exact username among many partial matches', async () => {
    const run = await step({
      inputs: adminInputs(sim, {
        server: `${sim.url}/api/`,
        username: 'svc-target'
      })
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.username).toBe('svc-target')
    const lookups = sim.requests.filter((r) => r.path === '/api/users')
    expect(lookups.length).toBeGreaterThan(1)
    expect(lookups.every((r) => r.query.filter === 'svc-target')).toBe(true)
  })

  it('prefers the case-exact account when two differ only by case', async () => {
    const run = await step({
      inputs: adminInputs(sim, { username: 'svc-case' })
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.username).toBe('svc-case')
  })

  it('fails as ambiguous when only case variants match', async () => {
    const run = await step({
      inputs: adminInputs(sim, { username: 'Svc-Case' })
    })
    expect(run.exitCode).toBe(1)
    expect(errorOf(run)).toMatch(
      /matches 'SVC-CASE' \(Users-\d+\) and 'svc-case' \(Users-\d+\) when case is ignored/
    )
  })
})
