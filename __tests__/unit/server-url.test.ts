import { describe, expect, it } from '@jest/globals'
import { parseServerUrl } from '../../src/settings/server-url.js'

describe('parseServerUrl', () => {
  it.each([
    ['https://octopus.example.com/', 'https://octopus.example.com'],
    ['https://octopus.example.com/api', 'https://octopus.example.com'],
    ['https://octopus.example.com/API/', 'https://octopus.example.com'],
    ['https://octopus.example.com//', 'https://octopus.example.com'],
    [
      'https://octopus.example.com/octopus/',
      'https://octopus.example.com/octopus'
    ],
    [
      'https://octopus.example.com/octopus/api/',
      'https://octopus.example.com/octopus'
    ],
    [
      'https://host:8443/deploy/octopus/api',
      'https://host:8443/deploy/octopus'
    ],
    [
      'https://octopus.example.com/apiary',
      'https://octopus.example.com/apiary'
    ],
    ['https://octopus.example.com/myapi', 'https://octopus.example.com/myapi'],
    ['HTTPS://Octopus.Example.COM/', 'https://octopus.example.com'],
    ['http://localhost:8065', 'http://localhost:8065'],
    ['http://127.1.2.3/octopus/api', 'http://127.1.2.3/octopus'],
    ['http://[::1]:8065/', 'http://[::1]:8065']
  ])('%j is used as %j', (raw, server) => {
    expect(parseServerUrl(raw, false)).toEqual({ server })
  })

  it.each([
    ['http://octopus.example.com', 'allow_insecure_http'],
    ['http://127.0.0.1.nip.io', 'allow_insecure_http'],
    ['http://10.0.0.5/octopus', 'allow_insecure_http'],
    ['https://octopus.example.com/?space=Spaces-1', 'query or fragment'],
    ['https://octopus.example.com/api#users', 'query or fragment'],
    ['ftp://octopus.example.com', 'must be an https:// URL'],
    ['octopus.example.com', 'not an absolute URL'],
    ['https://admin@octopus.example.com/api', 'user name or password'],
    ['https://:s3cr3t-pw@octopus.example.com', 'user name or password']
  ])('%j is refused: %s', (raw, says) => {
    const result = parseServerUrl(raw, false)
    expect(result).toEqual({ problem: expect.stringContaining(says) })
    expect(JSON.stringify(result)).not.toMatch(/s3cr3t|admin@/)
  })

  it('a password in a URL that is malformed in another way is not echoed either', () => {
    const result = parseServerUrl('https://admin:s3cr3t-pw@octo pus.com', false)
    expect(result).toEqual({
      problem: expect.stringContaining(`'https://***@octo pus.com'`)
    })
  })

  it('allow_insecure_http takes plain http to another host, with a warning', () => {
    expect(parseServerUrl('http://octopus.example.com/api/', true)).toEqual({
      server: 'http://octopus.example.com',
      warning:
        'allow_insecure_http is on: the credential and the new key travel unencrypted to octopus.example.com.'
    })
  })

  it.each(['https://octopus.example.com', 'http://localhost:8065'])(
    'allow_insecure_http warns of nothing where it changes nothing: %s',
    (raw) => {
      expect(parseServerUrl(raw, true)).toEqual({ server: raw })
    }
  )
})
