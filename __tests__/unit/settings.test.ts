import { describe, it, expect } from '@jest/globals'
import { Secrets } from '../../src/secrets.js'
import {
  readConnection,
  readSettings,
  SettingsError,
  type InputSource,
  type Settings
} from '../../src/settings.js'
import { thrown } from './fakes.js'

const NOW = new Date('2026-03-01T12:00:00.000Z')
const DAY = 86_400_000
const ADMIN_KEY = 'API-ADMINKEY0123456789ABCDEFG'
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJVc2Vycy0xMSJ9.c2lnbmF0dXJl'
const BASE: Record<string, string> = {
  server: 'https://octopus.example.com',
  api_key: ADMIN_KEY,
  purpose: 'GitHub Actions deploy'
}

function source(
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {}
): InputSource {
  return { input: (name) => inputs[name] ?? '', env: (name) => env[name] }
}

function read(
  overrides: Record<string, string> = {},
  env: Record<string, string | undefined> = {}
): { settings: Settings; masked: string[] } {
  const masked: string[] = []
  const secrets = new Secrets((v) => masked.push(v))
  const settings = readSettings(
    source({ ...BASE, ...overrides }, env),
    secrets,
    NOW
  )
  return { settings, masked }
}

/** The problems reported for these inputs; fails if they are accepted. */
function problemsOf(
  overrides: Record<string, string>,
  env: Record<string, string | undefined> = {}
): { problems: string[]; message: string; masked: string[] } {
  const masked: string[] = []
  const secrets = new Secrets((v) => masked.push(v))
  const error = thrown(() =>
    readSettings(source({ ...BASE, ...overrides }, env), secrets, NOW)
  )
  expect(error).toBeInstanceOf(SettingsError)
  return {
    problems: (error as SettingsError).problems,
    message: error.message,
    masked
  }
}

describe('server', () => {
  it.each([
    ['https://octopus.example.com', 'https://octopus.example.com'],
    ['https://octopus.example.com/', 'https://octopus.example.com'],
    ['https://octopus.example.com/api', 'https://octopus.example.com'],
    ['https://octopus.example.com/api/', 'https://octopus.example.com'],
    ['https://octopus.example.com/API/', 'https://octopus.example.com'],
    ['https://octopus.example.com//', 'https://octopus.example.com'],
    [
      'https://octopus.example.com/octopus',
      'https://octopus.example.com/octopus'
    ],
    [
      'https://octopus.example.com/octopus/',
      'https://octopus.example.com/octopus'
    ],
    [
      'https://octopus.example.com/octopus/api/',
      'https://octopus.example.com/octopus'
    ],
    [
      'https://octopus.example.com:8443/deploy/octopus/api',
      'https://octopus.example.com:8443/deploy/octopus'
    ],
    [
      'https://octopus.example.com/apiary',
      'https://octopus.example.com/apiary'
    ],
    ['https://octopus.example.com/myapi', 'https://octopus.example.com/myapi'],
    ['  https://octopus.example.com/  ', 'https://octopus.example.com'],
    ['HTTPS://Octopus.Example.COM/', 'https://octopus.example.com'],
    ['http://localhost:8065', 'http://localhost:8065'],
    ['http://127.0.0.1:8065/api/', 'http://127.0.0.1:8065'],
    ['http://127.1.2.3/octopus/api', 'http://127.1.2.3/octopus'],
    ['http://[::1]:8065/', 'http://[::1]:8065']
  ])('%j is used as %j', (server, expected) => {
    const { settings } = read({ server })
    expect(settings.server).toBe(expected)
    expect(settings.warnings).toEqual([])
  })

  it('falls back to OCTOPUS_URL, and the input wins over it', () => {
    expect(
      read({ server: '' }, { OCTOPUS_URL: ' https://env.example.com/api/\n' })
        .settings.server
    ).toBe('https://env.example.com')
    expect(
      read(
        { server: 'https://input.example.com' },
        { OCTOPUS_URL: 'https://env.example.com' }
      ).settings.server
    ).toBe('https://input.example.com')
  })

  it.each([
    ['http://octopus.example.com', 'http://'],
    ['http://127.0.0.1.nip.io', 'http://'],
    ['http://localhost.example.com:8065', 'http://'],
    ['http://10.0.0.5/octopus', 'http://'],
    ['https://octopus.example.com/?space=Spaces-1', 'query'],
    ['https://octopus.example.com/api#users', 'fragment'],
    ['ftp://octopus.example.com', 'https://'],
    ['octopus.example.com', 'absolute URL'],
    ['/api', 'absolute URL']
  ])('%j is refused (%s)', (server, says) => {
    const { problems } = problemsOf({ server })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`'server'`)
    expect(problems[0]).toContain(says)
  })

  it('is required when neither the input nor OCTOPUS_URL is set', () => {
    const { problems } = problemsOf({ server: '' }, { OCTOPUS_URL: '  ' })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`'server'`)
    expect(problems[0]).toContain('OCTOPUS_URL')
  })

  it('plain http to another host is refused unless allow_insecure_http, which warns', () => {
    const refused = problemsOf({ server: 'http://octopus.example.com' })
    expect(refused.problems[0]).toContain('allow_insecure_http')

    const { settings } = read({
      server: 'http://octopus.example.com/api/',
      allow_insecure_http: 'true'
    })
    expect(settings.server).toBe('http://octopus.example.com')
    expect(settings.warnings).toHaveLength(1)
    expect(settings.warnings[0]).toContain('octopus.example.com')
    expect(settings.warnings[0]).toMatch(/unencrypted/)
  })

  it('allow_insecure_http adds no warning where it changes nothing', () => {
    for (const server of [
      'https://octopus.example.com',
      'http://localhost:8065'
    ]) {
      const { settings } = read({ server, allow_insecure_http: 'true' })
      expect(settings.warnings).toEqual([])
    }
  })

  it.each([
    'https://admin:s3cr3t-pw@octopus.example.com',
    'https://admin@octopus.example.com/api',
    'https://:s3cr3t-pw@octopus.example.com'
  ])('credentials in the URL are refused and not echoed: %s', (server) => {
    const { problems, message } = problemsOf({ server })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`'server'`)
    expect(problems[0]).toMatch(/user name or password/)
    expect(message).not.toContain('s3cr3t-pw')
    expect(message).not.toContain('admin@')
  })

  it('a password in a server URL that is malformed in another way is not echoed either', () => {
    const { message } = problemsOf({
      server: 'https://admin:s3cr3t-pw@octopus example.com'
    })
    expect(message).toContain(`'server'`)
    expect(message).not.toContain('s3cr3t-pw')
  })
})

describe('credential', () => {
  const env = {
    OCTOPUS_API_KEY: 'API-FROMENV0123456789ABCDEFGH',
    OCTOPUS_ACCESS_TOKEN: 'eyJlbnYiOiJ0b2tlbiJ9.eyJzdWIiOiJlbnYifQ.ZW52'
  }

  it.each([
    [
      'api_key over everything',
      { api_key: ADMIN_KEY, access_token: TOKEN },
      env,
      { kind: 'apikey', value: ADMIN_KEY }
    ],
    [
      'access_token over the variables',
      { api_key: '', access_token: TOKEN },
      env,
      { kind: 'bearer', value: TOKEN }
    ],
    [
      'OCTOPUS_API_KEY over OCTOPUS_ACCESS_TOKEN',
      { api_key: '' },
      env,
      { kind: 'apikey', value: env.OCTOPUS_API_KEY }
    ],
    [
      'OCTOPUS_ACCESS_TOKEN alone',
      { api_key: '' },
      { OCTOPUS_ACCESS_TOKEN: env.OCTOPUS_ACCESS_TOKEN },
      { kind: 'bearer', value: env.OCTOPUS_ACCESS_TOKEN }
    ],
    [
      'api_key over OCTOPUS_ACCESS_TOKEN',
      { api_key: ADMIN_KEY },
      { OCTOPUS_ACCESS_TOKEN: env.OCTOPUS_ACCESS_TOKEN },
      { kind: 'apikey', value: ADMIN_KEY }
    ],
    [
      'a trimmed OCTOPUS_API_KEY',
      { api_key: '' },
      { OCTOPUS_API_KEY: `  ${env.OCTOPUS_API_KEY}\n` },
      { kind: 'apikey', value: env.OCTOPUS_API_KEY }
    ]
  ])('%s', (_, inputs, variables, expected) => {
    const { settings } = read(inputs, variables)
    expect(settings.credential).toEqual(expected)
  })

  it('every credential value found is registered as a secret, used or not', () => {
    const { masked } = read({ api_key: ADMIN_KEY, access_token: TOKEN }, env)
    expect(new Set(masked)).toEqual(
      new Set([ADMIN_KEY, TOKEN, env.OCTOPUS_API_KEY, env.OCTOPUS_ACCESS_TOKEN])
    )
  })

  it('values are registered even when the inputs are refused', () => {
    const bad = 'API-not a key "quoted"'
    const { masked } = problemsOf(
      { api_key: bad, access_token: TOKEN, server: 'nope' },
      env
    )
    expect(masked).toEqual(
      expect.arrayContaining([
        bad,
        TOKEN,
        env.OCTOPUS_API_KEY,
        env.OCTOPUS_ACCESS_TOKEN
      ])
    )
  })

  it.each([
    ['API-ABC-DEF0123456789'],
    ['api-ABCDEF0123456789'],
    ['API-ABC DEF0123456789'],
    ['API-ABCDEF01234567\u0000'],
    ['ABCDEF0123456789ABCDEF'],
    ['Bearer API-ABCDEF0123456789'],
    ['API-ABCDEF_0123456789'],
    ['"API-ABCDEF0123456789"']
  ])('malformed api_key %j is refused without echoing it', (value) => {
    const { problems, message, masked } = problemsOf({ api_key: value })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`input 'api_key'`)
    expect(message).not.toContain(value)
    expect(message).not.toContain(value.slice(4, 14))
    expect(masked).toContain(value)
  })

  it('a malformed OCTOPUS_API_KEY names the variable, not its value', () => {
    const value = 'API-has spaces in it 0123'
    const { problems, message } = problemsOf(
      { api_key: '' },
      { OCTOPUS_API_KEY: value }
    )
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain('OCTOPUS_API_KEY')
    expect(message).not.toContain(value)
  })

  it.each([
    ['tok en-with-space'],
    ['token"quoted"'],
    ["it's-a-token"],
    ['token;drop']
  ])('malformed access token %j is refused without echoing it', (value) => {
    const { problems, message } = problemsOf({
      api_key: '',
      access_token: value
    })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`input 'access_token'`)
    expect(message).not.toContain(value)
  })

  it('missing everywhere: the problem names both inputs and both variables', () => {
    const { problems } = problemsOf({ api_key: '' }, {})
    expect(problems).toHaveLength(1)
    for (const name of [
      'api_key',
      'access_token',
      'OCTOPUS_API_KEY',
      'OCTOPUS_ACCESS_TOKEN'
    ])
      expect(problems[0]).toContain(name)
  })
})

describe('target', () => {
  it('no username and no user_id means the credential’s own user', () => {
    expect(read().settings.target).toEqual({ kind: 'self' })
  })

  it('username', () => {
    expect(read({ username: '  svc-deploy ' }).settings.target).toEqual({
      kind: 'username',
      username: 'svc-deploy'
    })
  })

  it('username and user_id together are refused', () => {
    const { problems } = problemsOf({
      username: 'svc-deploy',
      user_id: 'Users-3'
    })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`'username'`)
    expect(problems[0]).toContain(`'user_id'`)
  })

  it.each(['Users-1', 'Users-42', 'Users-123456789012'])(
    'user_id %s',
    (userId) => {
      expect(read({ user_id: userId }).settings.target).toEqual({
        kind: 'id',
        userId
      })
    }
  )

  it.each([
    '42',
    'Users-',
    'Users-abc',
    'User-42',
    'Users-42/apikeys',
    'Users-1234567890123',
    'Users 42',
    'svc-deploy'
  ])('user_id %j is refused', (userId) => {
    const { problems } = problemsOf({ user_id: userId })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`'user_id'`)
    expect(problems[0]).toContain('Users-123')
  })

  it('a username of 64 characters is accepted, 65 is not (counted in characters)', () => {
    expect(read({ username: 'a'.repeat(64) }).settings.target).toEqual({
      kind: 'username',
      username: 'a'.repeat(64)
    })
    expect(read({ username: '😀'.repeat(64) }).settings.target).toEqual({
      kind: 'username',
      username: '😀'.repeat(64)
    })
    const { problems } = problemsOf({ username: 'a'.repeat(65) })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`'username'`)
  })
})

describe('purpose', () => {
  it.each(['', '   '])('%j is refused as missing', (purpose) => {
    const { problems } = problemsOf({ purpose })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`'purpose' is required`)
  })

  it('512 characters are accepted (counted as characters), 513 are not', () => {
    expect(read({ purpose: 'p'.repeat(512) }).settings.purpose).toHaveLength(
      512
    )
    expect([
      ...read({ purpose: '🔑'.repeat(512) }).settings.purpose
    ]).toHaveLength(512)
    const { problems } = problemsOf({ purpose: 'p'.repeat(513) })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`'purpose'`)
    expect(problems[0]).toContain('512')
  })

  it('is trimmed', () => {
    expect(read({ purpose: '  deploy  ' }).settings.purpose).toBe('deploy')
  })
})

describe('control characters and broken UTF-8', () => {
  const bad = [
    ['NUL', 'a\u0000b'],
    ['bell', 'a\u0007b'],
    ['escape', 'a\u001b[31mb'],
    ['inner newline', 'a\nb'],
    ['DEL', 'a\u007fb'],
    ['replacement character', 'a\ufffdb']
  ]
  const inputs = ['server', 'username', 'user_id', 'purpose', 'expires']
  const cases = inputs.flatMap((input) =>
    bad.map(([what, value]) => [input, what, value])
  )

  it.each(cases)('%s with a %s is refused', (input, _, value) => {
    const overrides: Record<string, string> = { [input]: value }
    if (input === 'server') overrides.server = `https://octo${value}pus.com`
    const { problems } = problemsOf(overrides)
    const named = problems.filter((p) => p.includes(`'${input}'`))
    expect(named.length).toBeGreaterThanOrEqual(1)
    expect(named[0]).toMatch(/control character|UTF-8/)
  })

  it('surrounding whitespace (including newlines) is trimmed, not refused', () => {
    const { settings } = read({
      purpose: '\n deploy\t\n',
      username: ' svc-deploy\n'
    })
    expect(settings.purpose).toBe('deploy')
    expect(settings.target).toEqual({
      kind: 'username',
      username: 'svc-deploy'
    })
  })

  it('non-ASCII text is fine', () => {
    const { settings } = read({ username: 'dépl-øy', purpose: 'Déploiement ☃' })
    expect(settings.target).toEqual({ kind: 'username', username: 'dépl-øy' })
    expect(settings.purpose).toBe('Déploiement ☃')
  })
})

describe('booleans', () => {
  const flags: [string, keyof Settings, boolean][] = [
    ['summary', 'summary', true],
    ['revoke_previous', 'revokePrevious', false],
    ['revoke_after_job', 'revokeAfterJob', false],
    ['export_env', 'exportEnv', false]
  ]

  it.each(flags)('%s defaults to %s', (input, field, fallback) => {
    expect(read({ [input]: '' }).settings[field]).toBe(fallback)
  })

  const values: [string, boolean][] = [
    ['true', true],
    ['True', true],
    ['TRUE', true],
    [' true ', true],
    ['false', false],
    ['False', false],
    ['FALSE', false]
  ]
  it.each(
    flags.flatMap(([input, field]) =>
      values.map(([text, value]) => [input, text, field, value] as const)
    )
  )('%s: %j', (input, text, field, value) => {
    expect(read({ [input]: text }).settings[field]).toBe(value)
  })

  it.each(
    [...flags.map(([input]) => input), 'allow_insecure_http'].flatMap((input) =>
      ['yes', 'no', '1', '0', 'on', 'tRUE', 'truee'].map((t) => [input, t])
    )
  )('%s: %j is refused', (input, text) => {
    const { problems } = problemsOf({ [input]: text })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`'${input}'`)
    expect(problems[0]).toContain(text)
  })
})

describe('numbers', () => {
  it('default to 30 seconds and 3 attempts', () => {
    const { settings } = read()
    expect(settings.timeoutSeconds).toBe(30)
    expect(settings.maxAttempts).toBe(3)
  })

  it.each([
    ['timeout_seconds', '1', 'timeoutSeconds', 1],
    ['timeout_seconds', '600', 'timeoutSeconds', 600],
    ['timeout_seconds', ' 45 ', 'timeoutSeconds', 45],
    ['max_attempts', '1', 'maxAttempts', 1],
    ['max_attempts', '10', 'maxAttempts', 10]
  ] as const)('%s %j', (input, text, field, value) => {
    expect(read({ [input]: text }).settings[field]).toBe(value)
  })

  it.each(
    [
      ['timeout_seconds', ['0', '601', '1.5', '-1', 'abc', '1e2', '30s']],
      [
        'max_attempts',
        ['0', '11', '2.0', '-3', 'three', '99999999999999999999']
      ]
    ].flatMap(([input, texts]) =>
      (texts as string[]).map((t) => [input as string, t])
    )
  )('%s %j is refused', (input, text) => {
    const { problems } = problemsOf({ [input]: text })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`'${input}'`)
  })
})

describe('expires', () => {
  it('defaults to 180 days from now', () => {
    expect(read({ expires: '' }).settings.expires.getTime()).toBe(
      NOW.getTime() + 180 * DAY
    )
  })

  it('an unusable value names the input and the accepted forms', () => {
    const { problems } = problemsOf({ expires: 'next week' })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`'expires'`)
    expect(problems[0]).toContain('next week')
    expect(problems[0]).toContain('30d')
  })
})

describe('several problems', () => {
  it('are reported together, each naming its input', () => {
    const { problems, message } = problemsOf(
      {
        api_key: '',
        server: 'http://octopus.example.com',
        purpose: '',
        timeout_seconds: '0',
        summary: 'maybe',
        expires: '2020-01-01'
      },
      {}
    )
    expect(problems).toHaveLength(6)
    expect(message).toMatch(/^The inputs have 6 problems:/)
    for (const problem of problems) expect(message).toContain(problem)
    for (const name of [
      'api_key',
      'server',
      'purpose',
      'timeout_seconds',
      'summary',
      'expires'
    ])
      expect(problems.some((p) => p.includes(`'${name}'`))).toBe(true)
  })
})

describe('readConnection (the post step)', () => {
  it('reads server and credential without needing a purpose', () => {
    const masked: string[] = []
    const connection = readConnection(
      source(
        { server: 'https://octopus.example.com/octopus/api/' },
        { OCTOPUS_ACCESS_TOKEN: TOKEN }
      ),
      new Secrets((v) => masked.push(v))
    )
    expect(connection.server).toBe('https://octopus.example.com/octopus')
    expect(connection.credential).toEqual({ kind: 'bearer', value: TOKEN })
    expect(masked).toEqual([TOKEN])
  })

  it('refuses a missing credential and a bad server together', () => {
    const error = thrown(() =>
      readConnection(
        source({ server: 'http://octopus.example.com' }),
        new Secrets(() => undefined)
      )
    )
    expect(error).toBeInstanceOf(SettingsError)
    const { problems } = error as SettingsError
    expect(problems).toHaveLength(2)
    expect(problems.some((p) => p.includes(`'api_key'`))).toBe(true)
    expect(problems.some((p) => p.includes(`'server'`))).toBe(true)
  })
})
