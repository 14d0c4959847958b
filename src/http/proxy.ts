import { checkBypass } from '@actions/http-client/lib/proxy'
import http from 'node:http'
import https from 'node:https'
import type { Socket } from 'node:net'
import { TransportError } from '../errors.js'
import { shownText } from '../text.js'

/** The proxy a request goes through, and the variable that named it. */
export interface Proxy {
  url: URL
  variable: string
}

/** Anything a run opens that close() must be able to end. */
export interface Closable {
  destroy(): void
  once(event: 'close', listener: () => void): unknown
}

/**
 * The one place that decides how a request reaches the server: undefined
 * for direct, else the proxy. As `@actions/http-client` decides it
 * (https_proxy for https, http_proxy for http, upper case too; loopback and
 * no_proxy go direct), except that a value without a scheme
 * (`proxy.corp:3128`, as many images set it) is an http proxy: http-client
 * reads it as the scheme `proxy.corp:` and silently goes direct. Throws a
 * final `TransportError` for a value that is no http(s) proxy URL, without
 * showing the value (it may hold a password).
 */
export function proxyFor(url: URL): Proxy | undefined {
  // http-client reads no_proxy from process.env; so does the rest.
  const env = process.env
  if (checkBypass(url)) return undefined
  const names =
    url.protocol === 'https:'
      ? ['https_proxy', 'HTTPS_PROXY']
      : ['http_proxy', 'HTTP_PROXY']
  const variable = names.find((name) => (env[name] ?? '').trim() !== '')
  if (variable === undefined) return undefined
  const value = (env[variable] ?? '').trim()
  const written = /^[a-z][a-z\d+.-]*:\/\//i.test(value)
    ? value
    : `http://${value}`
  let proxy: URL
  try {
    proxy = new URL(written)
  } catch {
    throw badProxy(`${variable} is not a URL the action can read`)
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:')
    throw badProxy(
      `${variable} names a ${proxy.protocol.slice(0, -1)} proxy; the action tunnels through http:// or https:// proxies only`
    )
  return { url: proxy, variable }
}

function badProxy(message: string): TransportError {
  return new TransportError(
    'proxy',
    false,
    `${message} (expected http://host:port)`
  )
}

/** `host:port` as CONNECT and Host name it: an IPv6 address in brackets. */
export function authority(host: string, port: number | string): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`
}

/**
 * Opens a CONNECT tunnel through `proxy` to `target` and resolves with its
 * socket. Everything it opens goes to `track`, so close() can end it. When
 * the proxy refuses, fails, or has not answered within `timeoutMs`, rejects
 * with a final `TransportError` that names the proxy by its origin (never
 * its credentials): the request never left for the server.
 */
export function openTunnel(
  proxy: Proxy,
  target: string,
  timeoutMs: number,
  track: (item: Closable) => void
): Promise<Socket> {
  const where = `the proxy at ${proxy.url.origin} (${proxy.variable})`
  return new Promise((resolve, reject) => {
    const fail = (what: string) => {
      clearTimeout(deadline)
      connect.destroy()
      reject(new TransportError('proxy', false, `${where} ${what}`))
    }
    const connect = connectRequest(proxy.url, target)
    track(connect)
    const deadline = setTimeout(
      () =>
        fail(
          `did not open the tunnel to ${target} within ${timeoutMs / 1000} s`
        ),
      timeoutMs
    )
    connect.once('connect', (res, socket, head) => {
      const status = res.statusCode ?? 0
      if (status < 200 || status > 299) {
        socket.destroy()
        return fail(`refused the tunnel to ${target}: ${statusLine(res)}`)
      }
      clearTimeout(deadline)
      track(socket)
      if (head.length > 0) socket.unshift(head)
      resolve(socket)
    })
    connect.once('error', (error: NodeJS.ErrnoException) =>
      fail(`could not be reached (${networkWords(error)})`)
    )
    connect.end()
  })
}

function connectRequest(proxy: URL, target: string): http.ClientRequest {
  const headers: Record<string, string> = { Host: target }
  const credentials = basicCredentials(proxy)
  if (credentials !== undefined)
    headers['Proxy-Authorization'] = `Basic ${credentials}`
  return (proxy.protocol === 'https:' ? https : http).request({
    agent: false,
    method: 'CONNECT',
    hostname: proxy.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: proxy.port,
    path: target,
    headers
  })
}

/** The user name and password in the proxy's URL, decoded, as Basic credentials. */
function basicCredentials(proxy: URL): string | undefined {
  if (proxy.username === '' && proxy.password === '') return undefined
  const decoded = (text: string) => {
    try {
      return decodeURIComponent(text)
    } catch {
      return text
    }
  }
  const pair = `${decoded(proxy.username)}:${decoded(proxy.password)}`
  return Buffer.from(pair, 'utf8').toString('base64')
}

/** `407 Proxy Authentication Required`; a reason phrase is shown safe and short. */
function statusLine(res: http.IncomingMessage): string {
  const reason = shownText(res.statusMessage ?? '').slice(0, 80)
  return `${res.statusCode}${reason === '' ? '' : ` ${reason}`}`
}

function networkWords(error: NodeJS.ErrnoException): string {
  if (error.code === 'ECONNREFUSED') return 'connection refused'
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN')
    return `host name not found (${error.code})`
  if (error.code === 'ECONNRESET') return 'it closed the connection'
  return error.code ?? error.message
}
