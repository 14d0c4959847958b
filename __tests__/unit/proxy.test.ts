import { afterEach, describe, expect, it } from '@jest/globals'
import { TransportError } from '../../src/errors.js'
import { proxyFor } from '../../src/http/proxy.js'
import { thrown } from './fakes.js'

const NAMES = [
  ...['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'],
  ...['no_proxy', 'NO_PROXY']
]
const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]))
afterEach(() => {
  for (const name of NAMES)
    if (saved[name] === undefined) delete process.env[name]
    else process.env[name] = saved[name]
})

/** The proxy for `url` with only `env` set, as `variable href`; 'direct' for none. */
function routeWith(env: Record<string, string>, url: string): string {
  for (const name of NAMES) delete process.env[name]
  Object.assign(process.env, env)
  const proxy = proxyFor(new URL(url))
  return proxy === undefined ? 'direct' : `${proxy.variable} ${proxy.url.href}`
}

describe('proxyFor: how a request reaches the server', () => {
  const SERVER = 'https://octopus.corp'
  it.each([
    [{}, SERVER, 'direct'],
    [
      { https_proxy: 'http://proxy.corp:3128' },
      SERVER,
      'https_proxy http://proxy.corp:3128/'
    ],
    [
      { HTTPS_PROXY: 'http://proxy.corp:3128' },
      SERVER,
      'HTTPS_PROXY http://proxy.corp:3128/'
    ],
    // Many images set it without a scheme; http-client reads `proxy.corp:` as one.
    [
      { https_proxy: 'proxy.corp:3128' },
      SERVER,
      'https_proxy http://proxy.corp:3128/'
    ],
    [
      { https_proxy: ' proxy.corp:3128 ' },
      SERVER,
      'https_proxy http://proxy.corp:3128/'
    ],
    [
      { https_proxy: 'https://proxy.corp:3129' },
      SERVER,
      'https_proxy https://proxy.corp:3129/'
    ],
    [{ https_proxy: 'proxy.corp:3128' }, 'http://octopus.corp', 'direct'],
    [
      { http_proxy: 'proxy.corp:3128' },
      'http://octopus.corp',
      'http_proxy http://proxy.corp:3128/'
    ],
    [{ https_proxy: 'proxy.corp:3128', no_proxy: '.corp' }, SERVER, 'direct'],
    [
      { https_proxy: 'proxy.corp:3128', NO_PROXY: 'octopus.corp:443' },
      SERVER,
      'direct'
    ],
    [
      { https_proxy: 'proxy.corp:3128', no_proxy: 'other.corp' },
      SERVER,
      'https_proxy http://proxy.corp:3128/'
    ],
    [{ https_proxy: 'proxy.corp:3128' }, 'https://localhost:8443', 'direct'],
    [{ https_proxy: 'proxy.corp:3128' }, 'https://127.0.0.1', 'direct'],
    [{ https_proxy: 'proxy.corp:3128' }, 'https://[::1]', 'direct'],
    [
      { https_proxy: 'proxy.corp:3128' },
      'https://[fd00::10]:8443',
      'https_proxy http://proxy.corp:3128/'
    ]
  ])('%j, %s: %s', (env, url, route) => {
    expect(routeWith(env, url)).toBe(route)
  })

  it.each([
    [
      'socks5://ci:pr0xy-s3cret@proxy.corp:1080',
      'https_proxy names a socks5 proxy; the action tunnels through http:// or https:// proxies only (expected http://host:port)'
    ],
    [
      'http://ci:pr0xy-s3cret@proxy corp:3128',
      'https_proxy is not a URL the action can read (expected http://host:port)'
    ]
  ])('%s is refused without showing its credentials', (value, message) => {
    const error = thrown(() => routeWith({ https_proxy: value }, SERVER))
    expect(error).toBeInstanceOf(TransportError)
    expect([(error as TransportError).kind, error.message]).toEqual([
      'proxy',
      message
    ])
  })
})
