// Octopus refuses a key that outlives the API key creating it, and every key
// on a current server expires. The action learns when its creating key
// expires (who the credential is, then that account's keys, the key found
// by its hint) and keeps the new key within it; a server that ignores the
// expiry altogether is said to.
import { describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../tools/simulator/index.js'
import { job, said, scenario, seed, sent, simulator } from './fixture.js'

const DAY = 86_400_000
/**
 * `days` from now, and 20 s: a key bound by it, 5 minutes before it less up
 * to 30 s (its expiry fingerprint), then reads the same minute every run.
 */
const inDays = (days: number) =>
  new Date(Date.now() + days * DAY + 20_000).toISOString()

/** An admin API key that expires in `days`, and the request listing its account's keys. */
function adminKeyFor(sim: Simulator, days: number) {
  const expires = inDays(days)
  const key = sim.addCredential({ userId: 'Users-1', kind: 'apikey', expires })
  return { inputs: { api_key: key }, options: { secrets: [key] } }
}

describe('the creating API key’s expiry', () => {
  it('bounds the default: a key made with a 60-day key expires 5 minutes before it', async () => {
    const sim = await simulator()
    const { inputs, options } = adminKeyFor(sim, 60)
    expect(await scenario(sim, inputs, options)).toMatchObject({
      exitCode: 0,
      log: [
        "Creating an API key for 'svc-deploy' (Users-3) that expires 5 minutes before the API key in input 'api_key' that creates it (at <now+60d>): input 'expires' is empty, and Octopus refuses a key that outlives the API key creating it, as the default of 180 days would.",
        said.CREATED('<key-1>', '<now+59d23h55m>')
      ],
      outputs: { expires: '<now+59d23h55m>', credential_expires: '<now+60d>' },
      requests: [...sent.finding(sent.LOOKUP), sent.CREATE],
      keys: ['<key-1>']
    })
  })

  it.each([
    [30, '<now+29d23h55m>', '<now+30d>'],
    [400, '<now+180d>', '<now+366d>']
  ])(
    'is the earliest of the keys that share its hint (its first 8 characters): with a twin of %i days, the key expires %s',
    async (days, expires, credentialExpires) => {
      const sim = await simulator()
      const twin = 'API-ADMINTWINKEY234567ABCDEFGH'
      expect(twin.slice(0, 8)).toBe(seed.adminKey.slice(0, 8))
      const until = inDays(days)
      sim.addCredential({
        userId: 'Users-1',
        kind: 'apikey',
        value: twin,
        expires: until
      })
      const seen = await scenario(sim, {}, { secrets: [twin] })
      expect(seen.outputs).toMatchObject({
        expires,
        credential_expires: credentialExpires
      })
    }
  )

  it('is warned of, with its date, on every run once it is within 14 days', async () => {
    const sim = await simulator()
    const { inputs, options } = adminKeyFor(sim, 5)
    const seen = await scenario(sim, { ...inputs, expires: '1d' }, options)
    expect(seen).toMatchObject({
      exitCode: 0,
      log: [
        "Warning: The API key in input 'api_key' expires at <now+5d>, in 5 days, and every key made with it expires by then too: the workflows that use them will break. Create a new API key for its account in Octopus and put it in the secret before then.",
        "Creating an API key for 'svc-deploy' (Users-3), expiring as input 'expires' (1d) asks.",
        said.CREATED('<key-1>', '<now+1d>')
      ],
      outputs: { credential_expires: '<now+5d>' }
    })
    expect(seen.summary).toContain('Creating credential expires | <now+5d>')
  })

  it('refuses an expires past it before creating anything, naming its date and the ways out', async () => {
    const sim = await simulator()
    const { inputs, options } = adminKeyFor(sim, 60)
    const seen = await scenario(sim, { ...inputs, expires: '90d' }, options)
    expect(seen).toMatchObject({
      exitCode: 1,
      error:
        "Input 'expires' (90d) ends after the API key in input 'api_key' that creates the key, which expires at <now+60d>, and Octopus refuses a key that outlives the API key creating it. Set a shorter 'expires' (the longest 'expires' that fits is 60d; or leave 'expires' empty to follow the API key in input 'api_key'), or create the key with an API key that lives longer.",
      requests: sent.finding(sent.LOOKUP),
      keys: []
    })
  })

  it('goes on without the bound, saying so, when its account’s keys cannot be listed', async () => {
    const sim = await simulator()
    sim.inject({
      path: '/api/users/Users-1/apikeys',
      fault: { kind: 'status', status: 403 }
    })
    expect(await scenario(sim)).toMatchObject({
      exitCode: 0,
      log: [
        `Could not check when the API key in input 'api_key' expires (Failed to list the API keys of 'admin' (Users-1): HTTP 403 Forbidden: "You do not have permission to perform this action. Please contact your Octopus administrator."); going on without that bound.`,
        "Creating an API key for 'svc-deploy' (Users-3) for 180 days, the default, as input 'expires' is empty.",
        said.CREATED()
      ],
      outputs: { credential_expires: '' },
      requests: [...sent.finding(sent.LOOKUP), sent.CREATE],
      keys: ['<key-1>']
    })
  })
})

describe('a server that ignores the expiry (before 2020.6)', () => {
  it('warns that the key never expires, and that the revoke at the end of the job is its only bound', async () => {
    const sim = await simulator({ version: '2020.5.0-rc.4' })
    const { main, post } = await job(sim, {
      expires: '1d',
      revoke_after_job: 'true'
    })
    expect(main).toMatchObject({
      exitCode: 0,
      log: [
        "Creating an API key for 'svc-deploy' (Users-3), expiring as input 'expires' (1d) asks.",
        'Created API key <key-1>; its value is masked in this log.',
        "Warning: Octopus stored no expiry for API key <key-1>: this server ignores 'expires' (servers before 2020.6 do), so the key never expires. The post step's revoke at the end of the job is then its only bound."
      ],
      outputs: { expires: '', credential_expires: '' }
    })
    expect(main.summary).toContain(
      'Expires | never (the server ignored the expiry)'
    )
    expect(post).toMatchObject({ exitCode: 0, keys: [] })
  })
})

describe('a purpose the log cannot show as it is', () => {
  it('is refused before any request: it would never match its own keys', async () => {
    const sim = await simulator()
    const seen = await scenario(sim, {
      purpose: 'deploy \u202eyolpeD',
      revoke_previous: 'true'
    })
    expect(seen).toMatchObject({
      exitCode: 1,
      error:
        "Input 'purpose' contains U+202E, a control, separator or bidirectional formatting character the log cannot show; use plain text.",
      requests: []
    })
  })
})

describe('export_env after OctopusDeploy/login', () => {
  it('exports OCTOPUS_ACCESS_TOKEN empty, so later steps act as the new key’s account', async () => {
    const sim = await simulator()
    const seen = await scenario(
      sim,
      { api_key: '', username: '', export_env: 'true' },
      {
        env: { OCTOPUS_ACCESS_TOKEN: seed.serviceBearer },
        owner: 'Users-11'
      }
    )
    expect(seen).toMatchObject({
      exitCode: 0,
      env: {
        OCTOPUS_URL: 'http://127.0.0.1:<port>',
        OCTOPUS_API_KEY: '<API key>',
        OCTOPUS_ACCESS_TOKEN: ''
      },
      keyOwner: 'svc-oidc'
    })
    expect(seen.log).toContain(
      "export_env: OCTOPUS_ACCESS_TOKEN was set, so it is exported empty beside OCTOPUS_API_KEY: later steps act as 'svc-oidc' (Users-11), the new key's account, not as the access token's."
    )
    expect(seen.summary).toContain(
      'Exported to the environment | OCTOPUS_URL, OCTOPUS_API_KEY; OCTOPUS_ACCESS_TOKEN emptied'
    )
    expect(seen.requests).toEqual([sent.ME, 'POST /api/users/Users-11/apikeys'])
  })
})
