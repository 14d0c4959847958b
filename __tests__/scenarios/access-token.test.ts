// With an access token (OIDC), a key never outlives the token that creates
// it unless `expires` asks for it: the README's OIDC example, as written,
// works against a server that refuses such keys and one that does not. The
// token's claims are read for its expiry alone and never shown.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { job, said, scenario, simulator } from './fixture.js'

interface Step {
  id?: string
  uses?: string
  with?: Record<string, unknown>
}

/** The `with:` of the README's OIDC example, with sample values for its expressions. */
function readmeOidcInputs(): Record<string, string> {
  const readme = readFileSync(
    new URL('../../README.md', import.meta.url),
    'utf8'
  )
  const section = readme.slice(
    readme.indexOf('### After `OctopusDeploy/login`')
  )
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? ''
  const { jobs } = parse(yaml) as { jobs: Record<string, { steps: Step[] }> }
  const steps = Object.values(jobs).flatMap((j) => j.steps)
  const ours = steps.find((s) => s.id === 'octopus-key')?.with ?? {}
  const sample = (v: unknown) =>
    String(v)
      .replace('${{ github.repository }}', 'acme/web')
      .replace('${{ github.run_id }}', '4242')
  return Object.fromEntries(
    Object.entries(ours).map(([name, value]) => [name, sample(value)])
  )
}

/** An access token for svc-oidc (Users-11) that expires in about an hour, as Octopus would issue it. */
function accessToken() {
  // 20 s past the hour: the key, up to 30 s earlier than 5 minutes before
  // the token, then reads <now+55m> whatever the seconds.
  const exp = Math.floor(Date.now() / 1000) + 3620
  const claims = {
    iss: `https://issuer-${randomBytes(4).toString('hex')}.invalid`,
    sub: 'Users-11',
    aud: 'octopus',
    exp,
    jti: randomBytes(12).toString('hex')
  }
  const part = (v: unknown) =>
    Buffer.from(JSON.stringify(v)).toString('base64url')
  const payload = part(claims)
  const signature = randomBytes(32).toString('base64url')
  const value = `${part({ alg: 'RS256', typ: 'JWT' })}.${payload}.${signature}`
  return {
    value,
    expires: new Date(exp * 1000).toISOString(),
    // Nothing of the token may show but its expiry: not its parts, nor its claims.
    secrets: [
      payload,
      signature,
      claims.iss,
      claims.jti,
      JSON.stringify(claims)
    ]
  }
}

/** A simulator where the token signs in as svc-oidc, capping keys at its expiry or not. */
async function withToken(accessTokensCapKeys: boolean) {
  const token = accessToken()
  const sim = await simulator({ accessTokensCapKeys })
  sim.addCredential({
    userId: 'Users-11',
    kind: 'bearer',
    value: token.value,
    expires: token.expires
  })
  const options = {
    env: { OCTOPUS_URL: sim.url, OCTOPUS_ACCESS_TOKEN: token.value },
    owner: 'Users-11',
    secrets: token.secrets
  }
  return { sim, options }
}

/** No input of the fixture's own: only what the README's example sets. */
const NONE = { server: '', api_key: '', username: '', purpose: '' }
const FOLLOWS_TOKEN =
  "Creating an API key for 'svc-oidc' (Users-11) that expires 5 minutes before the access token in the OCTOPUS_ACCESS_TOKEN variable that creates it (at <now+1h>): input 'expires' is empty, and Octopus may refuse a key that outlives the credential creating it, as the default of 1 day would."

describe('the README’s OIDC example', () => {
  it.each([
    ['refuses keys that outlive the token', true],
    ['lets keys outlive the token', false]
  ])('works against a server that %s', async (_, caps) => {
    const { sim, options } = await withToken(caps)
    const inputs = { ...NONE, ...readmeOidcInputs() }
    const { main, post } = await job(sim, inputs, options)
    expect(main).toMatchObject({
      exitCode: 0,
      log: [FOLLOWS_TOKEN, said.CREATED('<key-1>', '<now+55m>')],
      outputs: { username: 'svc-oidc', credential_expires: '<now+1h>' },
      requests: ['GET /api/users/me', 'POST /api/users/Users-11/apikeys'],
      auth: ['bearer']
    })
    expect(post).toMatchObject({ exitCode: 0, keys: [] })
  })
})

describe('an expires beyond the access token', () => {
  const LONGEST =
    "the longest 'expires' that fits is 1h; or leave 'expires' empty to follow the access token in the OCTOPUS_ACCESS_TOKEN variable."

  it('is warned of before sending, and a refusal names the token’s expiry and what fits', async () => {
    const { sim, options } = await withToken(true)
    const seen = await scenario(
      sim,
      { ...NONE, purpose: 'tooling', expires: '2h' },
      options
    )
    expect(seen).toMatchObject({
      exitCode: 1,
      log: [
        `Warning: Input 'expires' (2h) ends after the access token in the OCTOPUS_ACCESS_TOKEN variable that creates the key, which expires at <now+1h>, and Octopus may refuse a key that outlives the credential creating it: ${LONGEST}`,
        "Creating an API key for 'svc-oidc' (Users-11), expiring as input 'expires' (2h) asks.",
        `Error: Failed to create an API key for 'svc-oidc' (Users-11): HTTP 400 Bad Request: "There was a problem with your request." (The expiry date cannot be after the expiry date of the access token being used to create it.) The key would outlive the access token in the OCTOPUS_ACCESS_TOKEN variable, which expires at <now+1h>, and Octopus refuses that: ${LONGEST}`
      ],
      requests: ['GET /api/users/me', 'POST /api/users/Users-11/apikeys'],
      keys: []
    })
  })
})

describe('revoke_after_job without expires', () => {
  it('makes a key that expires in a day, in case the post step cannot revoke it', async () => {
    const sim = await simulator()
    expect(await scenario(sim, { revoke_after_job: 'true' })).toMatchObject({
      exitCode: 0,
      log: [
        "Creating an API key for 'svc-deploy' (Users-3) for 1 day: input 'expires' is empty and revoke_after_job is on, so a key the post step cannot revoke does not live long (the API key in input 'api_key' that creates it expires later, at <now+366d>).",
        said.CREATED('<key-1>', '<now+1d>')
      ]
    })
  })
})
