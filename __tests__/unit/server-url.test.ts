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

  it.each([
    ['https://admin:s3cr3t-pw@octo pus.com', 'it contains a space'],
    [
      'https://user:pa/ss@octopus.example.com',
      `it holds an @, as a user name or password would; leave those out and pass the credential in 'api_key' or 'access_token'`
    ],
    ['octopus.example.com/s3cr3t', 'it does not start with https://'],
    ['https://octopus.example.com:s3cr3t', 'its host name or port is not valid']
  ])('a value that is not a URL is never shown: %j', (raw, why) => {
    const result = parseServerUrl(raw, false)
    expect(result).toEqual({
      problem: `Input 'server' is not an absolute URL (e.g. server: https://octopus.example.com): ${why}.`
    })
  })

  it.each([
    [
      'https://octopus.example.com/app#/Spaces-1',
      'https://octopus.example.com'
    ],
    ['https://host/octopus/app#/', 'https://host/octopus'],
    ['https://host/octopus/app/#/users/me', 'https://host/octopus']
  ])('a web portal page %j is refused, naming the root %j', (raw, root) => {
    expect(parseServerUrl(raw, false)).toEqual({
      problem: `Input 'server' is the address of a page in the Octopus web portal; set it to the server's root, ${root}.`
    })
  })

  it('names where the value came from', () => {
    expect(
      parseServerUrl('octopus.example.com', false, 'The OCTOPUS_URL variable')
    ).toEqual({
      problem:
        'The OCTOPUS_URL variable is not an absolute URL (e.g. server: https://octopus.example.com): it does not start with https://.'
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
