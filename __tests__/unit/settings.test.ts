import { describe, expect, it } from '@jest/globals'
import { SettingsError } from '../../src/errors.js'
import { Secrets } from '../../src/secrets.js'
import {
  readServerAccess,
  readSettings,
  type Settings
} from '../../src/settings/settings.js'
import { thrown } from './fakes.js'

const NOW = new Date('2026-03-01T12:00:00.000Z')
const ADMIN_KEY = 'API-ADMINKEY0123456789ABCDEFG'
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJVc2Vycy0xMSJ9.c2lnbmF0dXJl'
const ENV = {
  OCTOPUS_API_KEY: 'API-FROMENV0123456789ABCDEFGH',
  OCTOPUS_ACCESS_TOKEN: 'eyJlbnYiOiJ0b2tlbiJ9.eyJzdWIiOiJlbnYifQ.ZW52'
}
const BASE: Record<string, string> = {
  server: 'https://octopus.example.com',
  api_key: ADMIN_KEY,
  purpose: 'GitHub Actions deploy'
}

type Env = Record<string, string | undefined>

/** Reads settings from BASE with these inputs over it; records what was masked. */
function read(inputs: Record<string, string> = {}, env: Env = {}) {
  const masked: string[] = []
  const all = { ...BASE, ...inputs }
  const settings = () =>
    readSettings(
      { input: (name) => all[name] ?? '', env: (name) => env[name] },
      new Secrets((v) => masked.push(v)),
      NOW
    )
  return { settings, masked }
}

const settingsOf = (inputs: Record<string, string> = {}, env: Env = {}) =>
  read(inputs, env).settings()

function problemsOf(inputs: Record<string, string>, env: Env = {}): string[] {
  const error = thrown(read(inputs, env).settings)
  expect(error).toBeInstanceOf(SettingsError)
  return (error as SettingsError).problems
}

describe('readSettings', () => {
  it('takes the defaults when optional inputs are empty', () => {
    const defaults: Settings = {
      server: 'https://octopus.example.com',
      serverSource: 'server',
      credential: { kind: 'apikey', value: ADMIN_KEY, source: 'api_key' },
      timeoutSeconds: 30,
      maxAttempts: 3,
      warnings: [],
      target: { kind: 'self' },
      purpose: 'GitHub Actions deploy',
      expires: undefined,
      token: undefined,
      summary: true,
      revokePrevious: false,
      keepPrevious: 0,
      revokeAfterJob: false,
      exportEnv: false,
      clearAccessToken: false
    }
    expect(settingsOf()).toEqual(defaults)
  })

  it.each([
    [
      'api_key over everything',
      { access_token: TOKEN },
      ENV,
      ['apikey', ADMIN_KEY]
    ],
    [
      'access_token over the variables',
      { api_key: '', access_token: TOKEN },
      ENV,
      ['bearer', TOKEN]
    ],
    [
      'OCTOPUS_API_KEY over OCTOPUS_ACCESS_TOKEN',
      { api_key: '' },
      ENV,
      ['apikey', ENV.OCTOPUS_API_KEY]
    ],
    [
      'a trimmed OCTOPUS_ACCESS_TOKEN alone',
      { api_key: '' },
      { OCTOPUS_ACCESS_TOKEN: ` ${ENV.OCTOPUS_ACCESS_TOKEN}\n` },
      ['bearer', ENV.OCTOPUS_ACCESS_TOKEN]
    ]
  ])('credential: %s', (_, inputs, env, [kind, value]) => {
    expect(settingsOf(inputs, env).credential).toMatchObject({ kind, value })
  })

  it('masks every credential it finds, used or not, even when it refuses the inputs', () => {
    const bad = 'API-not a key "quoted"'
    const { settings, masked } = read(
      { api_key: bad, access_token: TOKEN },
      ENV
    )
    expect(thrown(settings).message).not.toContain('not a key')
    expect(masked).toEqual(
      expect.arrayContaining([
        bad,
        TOKEN,
        ENV.OCTOPUS_API_KEY,
        ENV.OCTOPUS_ACCESS_TOKEN
      ])
    )
  })

  it.each([
    ['api_key', { api_key: 'api-ABCDEF0123456789' }, `input 'api_key'`],
    ['api_key', { api_key: 'Bearer API-ABCDEF0123' }, `input 'api_key'`],
    ['OCTOPUS_API_KEY', { api_key: '' }, 'OCTOPUS_API_KEY'],
    [
      'access_token',
      { api_key: '', access_token: "it's-a-token" },
      `input 'access_token'`
    ]
  ])(
    'a malformed %s is refused by where it came from, never shown',
    (_, inputs, from) => {
      const env = { OCTOPUS_API_KEY: 'API-has spaces 0123' }
      const problems = problemsOf(inputs, env)
      expect(problems).toEqual([expect.stringContaining(from)])
      expect(problems[0]).not.toMatch(/ABCDEF|has spaces|it's/)
    }
  )

  it('no credential anywhere names both inputs and both variables', () => {
    const [problem] = problemsOf({ api_key: '' })
    for (const name of [
      'api_key',
      'access_token',
      'OCTOPUS_API_KEY',
      'OCTOPUS_ACCESS_TOKEN'
    ])
      expect(problem).toContain(name)
  })

  it.each([
    [
      { server: '' },
      { OCTOPUS_URL: ' https://env.example.com/api/\n' },
      'https://env.example.com'
    ],
    [
      { server: 'https://input.example.com' },
      { OCTOPUS_URL: 'https://env.example.com' },
      'https://input.example.com'
    ]
  ])('server %j with %j is %s', (inputs, env, server) => {
    expect(settingsOf(inputs, env).server).toBe(server)
  })

  it.each([
    [
      { username: ' svc-deploy ' },
      { kind: 'username', username: 'svc-deploy' }
    ],
    [
      { username: '😀'.repeat(64) },
      { kind: 'username', username: '😀'.repeat(64) }
    ],
    [
      { user_id: 'Users-123456789012' },
      { kind: 'id', userId: 'Users-123456789012' }
    ]
  ])('target %j', (inputs, target) => {
    expect(settingsOf(inputs).target).toEqual(target)
  })

  it.each([
    [{ server: '' }, `'server' is required`],
    [{ server: 'http://octopus.example.com' }, 'allow_insecure_http'],
    [{ username: 'svc', user_id: 'Users-3' }, `'username' or 'user_id'`],
    [{ user_id: 'Users-42/apikeys' }, `'user_id' must look like Users-123`],
    [{ user_id: 'Users-1234567890123' }, `'user_id' must look like`],
    [{ username: 'a'.repeat(65) }, `'username' is longer than`],
    [{ purpose: '  ' }, `'purpose' is required`],
    [{ purpose: '🔑'.repeat(513) }, `'purpose' is longer than 512`],
    [{ expires: 'next week' }, `'expires' ('next week') is not usable`],
    [{ allow_insecure_http: 'on' }, `'allow_insecure_http' must be`],
    [
      { max_attempts: '11' },
      `'max_attempts' must be a whole number from 1 to 10`
    ],
    [
      { keep_previous: '101' },
      `'keep_previous' must be a whole number from 0 to 100, e.g. 1`
    ],
    [{ keep_previous: 'one' }, `'keep_previous' must be a whole number`]
  ])('%j is refused: %s', (inputs, says) => {
    expect(problemsOf(inputs)).toEqual([expect.stringContaining(says)])
  })

  it('keep_previous takes a whole number', () => {
    expect(settingsOf({ keep_previous: '2' }).keepPrevious).toBe(2)
  })

  it.each(['server', 'username', 'user_id', 'purpose', 'expires'])(
    '%s refuses control characters, and says only that',
    (name) => {
      expect(problemsOf({ [name]: 'a\u0007b' })).toEqual([
        `Input '${name}' contains U+0007, a control, separator or bidirectional formatting character the log cannot show; use plain text.`
      ])
    }
  )

  it('reports every problem at once, in one message', () => {
    const error = thrown(
      read({
        api_key: '',
        server: 'http://octopus.example.com',
        purpose: '',
        timeout_seconds: '0',
        summary: 'maybe',
        expires: '2020-01-01'
      }).settings
    )
    expect(error.message).toMatch(
      /^The inputs have 6 problems:\n- No credential/
    )
    for (const name of [
      'server',
      'timeout_seconds',
      'purpose',
      'expires',
      'summary'
    ])
      expect(error.message).toContain(`\n- Input '${name}'`)
  })
})

describe('readServerAccess (the post step)', () => {
  it('reads the server and the credential, and needs no purpose', () => {
    const masked: string[] = []
    const access = readServerAccess(
      {
        input: (name) =>
          name === 'server' ? 'https://octo.example.com/api/' : '',
        env: (name) => (name === 'OCTOPUS_ACCESS_TOKEN' ? TOKEN : undefined)
      },
      new Secrets((v) => masked.push(v))
    )
    expect(access).toMatchObject({
      server: 'https://octo.example.com',
      credential: {
        kind: 'bearer',
        value: TOKEN,
        source: 'OCTOPUS_ACCESS_TOKEN'
      }
    })
    // The token, and its claims part (its signature is too short to mask alone).
    expect(masked).toEqual([TOKEN, TOKEN.split('.')[1]])
  })
})

/** A JWT-shaped token whose payload says it expires at `exp`. */
function tokenExpiring(exp: Date): string {
  const claims = { sub: 'Users-11', exp: exp.getTime() / 1000 }
  return `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2lnbmF0dXJl`
}
const inOneHour = tokenExpiring(new Date('2026-03-01T13:00:00.000Z'))
const FROM_ENV = { api_key: '' }

describe('what the expiry depends on', () => {
  it('reads the expires input as the date it means, with its text', () => {
    expect(settingsOf({ expires: '2h' }).expires).toEqual({
      text: '2h',
      date: new Date('2026-03-01T14:00:00.000Z')
    })
  })

  it.each([
    [
      'an access token that says when it expires',
      inOneHour,
      {
        kind: 'token',
        expires: new Date('2026-03-01T13:00:00.000Z'),
        from: 'the OCTOPUS_ACCESS_TOKEN variable'
      }
    ],
    ['an access token that does not say', TOKEN, undefined]
  ])('reads the expiry of %s', (_, token, life) => {
    const settings = settingsOf(FROM_ENV, { OCTOPUS_ACCESS_TOKEN: token })
    expect(settings.token).toEqual(life)
  })

  it('refuses, before any request, an access token too close to its end for a key', () => {
    const soon = tokenExpiring(new Date('2026-03-01T12:09:00.000Z'))
    expect(problemsOf(FROM_ENV, { OCTOPUS_ACCESS_TOKEN: soon })).toEqual([
      "The access token in the OCTOPUS_ACCESS_TOKEN variable expires at 2026-03-01T12:09:00.000Z, too soon for a key that must expire 5 minutes before it and live at least 5. Sign in again (OctopusDeploy/login) right before this step, or set 'expires' if your server lets keys outlive the token that creates them."
    ])
  })

  it.each([
    ['set', { OCTOPUS_ACCESS_TOKEN: inOneHour }, true],
    ['unset', {}, false]
  ])(
    'with export_env, OCTOPUS_ACCESS_TOKEN %s is to be emptied: %s',
    (_, env, clear) => {
      const settings = settingsOf({ export_env: 'true' }, env)
      expect(settings.clearAccessToken).toBe(clear)
    }
  )
})

describe('problems name the variable a value came from', () => {
  it.each([
    [
      { OCTOPUS_URL: 'octopus.example.com' },
      'The OCTOPUS_URL variable is not an absolute URL (e.g. server: https://octopus.example.com): it does not start with https://.'
    ],
    [
      { OCTOPUS_URL: 'https://octopus.example.com/' },
      'The OCTOPUS_URL variable contains U+0007, a control, separator or bidirectional formatting character the log cannot show; use plain text.'
    ],
    [
      { OCTOPUS_URL: 'http://octopus.example.com' },
      'The OCTOPUS_URL variable uses http:// for octopus.example.com, which is not this machine: the credential would cross the network unencrypted. Use https://, or set allow_insecure_http: true if you accept that.'
    ],
    [
      { OCTOPUS_API_KEY: 'API-has spaces 0123' },
      'The API key in the OCTOPUS_API_KEY variable is not an Octopus API key: it should be API- followed by letters and digits. Check the secret it comes from.'
    ]
  ])('%j: %s', (env, problem) => {
    expect(problemsOf({ server: '', api_key: '' }, env)).toContain(problem)
  })
})
