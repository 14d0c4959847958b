import { apiKeyIn, asKey, asPage, asUser, type Reader } from './answers.js'
import { authHeader, type Credential } from '../credential/credential.js'
import { LostAnswerError, MalformedKeyError, OctopusError } from '../errors.js'
import {
  bodySnippet,
  statusError,
  statusText,
  unreadableAnswer
} from './failures.js'
import { MAX_BODY_BYTES } from '../http/body.js'
import { sendWithRetry, type RetryPolicy } from '../http/retry.js'
import type { HttpRequest, HttpResponse, Transport } from '../http/transport.js'
import type { ApiKey, ApiKeyCreated, Page, User } from './resources.js'

export interface ClientOptions {
  /** Base URL without a trailing `/` or `/api`, e.g. `https://host/octopus`. */
  server: string
  credential: Credential
  transport: Transport
  retry: RetryPolicy
}

/** Users per page of a lookup: few requests, small answers. */
export const USERS_PAGE_SIZE = 100
const KEYS_PAGE_SIZE = 100

/**
 * The Octopus REST API, one method per endpoint. Every method sends through
 * the retry policy, checks the status and the shape of the answer, and
 * throws what happened (`OctopusError`, `TransportError`): what that means
 * for the run is for the caller to say.
 */
export class OctopusClient {
  readonly #options: ClientOptions

  constructor(options: ClientOptions) {
    this.#options = options
  }

  /**
   * Keeps `count` connections to the server open from the first request on,
   * for calls that will go out side by side: a second connection's handshake
   * then overlaps the first request instead of following it.
   */
  preconnect(count: number): void {
    this.#options.transport.preconnect(count)
  }

  /** `GET /api/users/me`: the user that owns the credential. */
  me(): Promise<User> {
    return this.#read('/api/users/me', asUser, 'a user')
  }

  /**
   * `GET /api/users?filter=…&skip=…&take=…`. `filter` is a fragment match over
   * username, display name and e-mail, so callers must still match exactly.
   */
  usersPage(filter: string, skip: number): Promise<Page<User>> {
    const query = `filter=${encodeURIComponent(filter)}&skip=${skip}&take=${USERS_PAGE_SIZE}`
    return this.#read(
      `/api/users?${query}`,
      asPage(asUser),
      'a collection of users'
    )
  }

  /** `GET /api/users/{id}/apikeys?skip&take`: newest first, never the key values. */
  keysPage(userId: string, skip: number): Promise<Page<ApiKey>> {
    const path = `/api/users/${encodeURIComponent(userId)}/apikeys?skip=${skip}&take=${KEYS_PAGE_SIZE}`
    return this.#read(path, asPage(asKey), 'a collection of API keys')
  }

  /**
   * `POST /api/users/{id}/apikeys`. Not idempotent: when the answer is lost
   * after sending, this throws `LostAnswerError` and the caller reconciles;
   * when the key exists but its value is unusable, `MalformedKeyError`.
   */
  async createKey(
    userId: string,
    purpose: string,
    expires: Date
  ): Promise<ApiKeyCreated> {
    const path = `/api/users/${encodeURIComponent(userId)}/apikeys`
    const response = await this.#send({
      method: 'POST',
      path,
      body: JSON.stringify({
        Purpose: purpose,
        Expires: expires.toISOString(),
        UserId: userId
      })
    })
    if (response.status !== 200 && response.status !== 201)
      throw statusError(response)
    // The key may exist, but its value is beyond reach.
    if (response.tooLarge)
      throw new LostAnswerError(tooLargeText(`POST ${path}`, response))
    return createdKeyIn(response)
  }

  /**
   * `DELETE /api/users/{id}/apikeys/{keyId}`; `gone` when it no longer
   * exists. A proxy that refuses DELETE (405, 501) gets it again the way
   * Octopus's own client always sends it: POST with X-HTTP-Method-Override.
   */
  async revokeKey(userId: string, keyId: string): Promise<'revoked' | 'gone'> {
    const path = `/api/users/${encodeURIComponent(userId)}/apikeys/${encodeURIComponent(keyId)}`
    let response = await this.#send({ method: 'DELETE', path })
    if (response.status === 405 || response.status === 501) {
      this.#options.retry.log(
        `DELETE ${path}: ${statusText(response.status)}; sending it as POST with X-HTTP-Method-Override: DELETE, as Octopus's own client does.`
      )
      response = await this.#send({ method: 'POST', path, override: 'DELETE' })
    }
    if (response.status === 404) return 'gone'
    if (response.status === 200 || response.status === 204) return 'revoked'
    throw statusError(response)
  }

  /** GETs and insists on a 2xx JSON answer that `read` can read. */
  async #read<T>(path: string, read: Reader<T>, expected: string): Promise<T> {
    const response = await this.#send({ method: 'GET', path })
    if (response.status !== 200 && response.status !== 201)
      throw statusError(response)
    if (response.tooLarge)
      throw new OctopusError(
        `${tooLargeText(`GET ${path.split('?')[0]}`, response)}.`,
        response.status,
        'unreadable'
      )
    let json: unknown
    try {
      json = JSON.parse(response.body)
    } catch {
      throw unreadableAnswer(response, 'JSON')
    }
    const value = read(json)
    if (value === undefined) throw unreadableAnswer(response, expected)
    return value
  }

  #send(request: {
    method: HttpRequest['method']
    path: string
    body?: string
    /** Sent as X-HTTP-Method-Override: the method the server is to act on. */
    override?: 'DELETE'
  }): Promise<HttpResponse> {
    const { server, credential, transport, retry } = this.#options
    const headers: Record<string, string> = { Accept: 'application/json' }
    const [name, value] = authHeader(credential)
    headers[name] = value
    if (request.body !== undefined)
      headers['Content-Type'] = 'application/json; charset=utf-8'
    if (request.override !== undefined)
      headers['X-HTTP-Method-Override'] = request.override
    return sendWithRetry(
      (r) => transport.send(r),
      {
        method: request.method,
        url: server + request.path,
        headers,
        body: request.body
      },
      `${request.method} ${request.path.split('?')[0]}`,
      retry
    )
  }
}

/**
 * `the answer to GET /api/users (HTTP 200 OK) is 5,242,880 bytes by its
 * Content-Length, over the 4 MiB the action reads`.
 */
function tooLargeText(request: string, response: HttpResponse): string {
  const { bytes, declared } = response.tooLarge ?? { bytes: 0, declared: false }
  const limit = `${MAX_BODY_BYTES / 1024 / 1024} MiB`
  const size = bytes.toLocaleString('en-US')
  const what = `the answer to ${request} (${statusText(response.status)})`
  return declared
    ? `${what} is ${size} bytes by its Content-Length, over the ${limit} the action reads`
    : `${what} went past the ${limit} the action reads (stopped after ${size} bytes)`
}

/** The new key in a create's 2xx answer; a lost answer when it is not there. */
function createdKeyIn(response: HttpResponse): ApiKeyCreated {
  let json: unknown
  try {
    json = JSON.parse(response.body)
  } catch {
    // The key may exist, but its value is lost.
    throw new LostAnswerError(
      `${statusText(response.status)} with a body that is not JSON (${bodySnippet(response.body, 40)})`
    )
  }
  const key = asKey(json)
  if (key === undefined)
    throw new LostAnswerError('a 2xx answer without the new key')
  const apiKey = apiKeyIn(json)
  // The key exists on the server but is unusable here; the caller revokes it by Id.
  if (apiKey === undefined) throw new MalformedKeyError(key.Id)
  return { ...key, ApiKey: apiKey }
}
