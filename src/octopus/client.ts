import {
  LostAnswerError,
  sendWithRetry,
  type RetryPolicy
} from '../http/retry.js'
import {
  TransportError,
  type HttpRequest,
  type HttpResponse,
  type Transport
} from '../http/transport.js'
import {
  ActionError,
  bodySnippet,
  httpError,
  statusText,
  transportFailure
} from './errors.js'
import type { ApiKey, ApiKeyCreated, Page, User } from './resources.js'

/** How the action authenticates: an API key header or a bearer token. */
export interface Credential {
  kind: 'apikey' | 'bearer'
  value: string
}

export interface ClientOptions {
  /** Base URL without a trailing `/` or `/api`, e.g. `https://host/octopus`. */
  server: string
  credential: Credential
  transport: Transport
  retry: RetryPolicy
  timeoutSeconds: number
}

/** Per-status hints a call adds to the server's own words. */
type Hints = Partial<Record<number, string>>

/** Users per page of a lookup: few requests, small answers. */
export const USERS_PAGE_SIZE = 100
const KEYS_PAGE_SIZE = 100

/**
 * The Octopus REST API, one method per endpoint. Every method sends through
 * the retry policy, checks the status and the shape of the answer, and throws
 * an `ActionError` that says what failed and what to check.
 */
export class OctopusClient {
  readonly #options: ClientOptions
  readonly #origin: string
  #firstServerTime: Date | undefined
  #latestServerTime: Date | undefined

  constructor(options: ClientOptions) {
    this.#options = options
    this.#origin = new URL(options.server).origin
  }

  /** The server's clock at its first answer (its `Date` header), if it sent one. */
  get firstServerTime(): Date | undefined {
    return this.#firstServerTime
  }

  /** The server's clock at its latest answer. */
  get latestServerTime(): Date | undefined {
    return this.#latestServerTime
  }

  /** `GET /api/users/me`: the user that owns the credential. */
  async me(): Promise<User> {
    const body = await this.#call('look up the credential’s own user', {
      method: 'GET',
      path: '/api/users/me'
    })
    return asUser(body, 'GET /api/users/me')
  }

  /** `GET /api/users/{id}`. */
  async user(id: string): Promise<User> {
    const body = await this.#call(
      `look up user ${id}`,
      { method: 'GET', path: `/api/users/${encodeURIComponent(id)}` },
      {
        404: `No user or service account has this id; check the 'user_id' input.`,
        403: `The credential's user may not view other users: give it the "View users" permission (UserView).`
      }
    )
    return asUser(body, `GET /api/users/${id}`)
  }

  /**
   * `GET /api/users?filter=…&skip=…&take=…`. `filter` is a fragment match over
   * username, display name and e-mail, so callers must still match exactly.
   */
  async usersPage(filter: string, skip: number): Promise<Page<User>> {
    const query = `filter=${encodeURIComponent(filter)}&skip=${skip}&take=${USERS_PAGE_SIZE}`
    const body = await this.#call(
      `look up user "${filter}"`,
      { method: 'GET', path: `/api/users?${query}` },
      {
        403: `The credential's user may not list users: give it the "View users" permission (UserView), or pass 'user_id' instead of 'username'.`
      }
    )
    return asPage(body, 'GET /api/users', asUser)
  }

  /**
   * `POST /api/users/{id}/apikeys`. Not idempotent: when the answer is lost
   * after sending, this throws `LostAnswerError` and the caller reconciles.
   */
  async createKey(
    userId: string,
    purpose: string,
    expires: Date,
    hints: Hints
  ): Promise<ApiKeyCreated> {
    const what = `create an API key for ${userId}`
    const response = await this.#send(what, {
      method: 'POST',
      path: `/api/users/${encodeURIComponent(userId)}/apikeys`,
      body: JSON.stringify({
        Purpose: purpose,
        Expires: expires.toISOString(),
        UserId: userId
      })
    })
    if (response.status !== 200 && response.status !== 201)
      throw httpError(
        what,
        response,
        hints[response.status] ?? defaultHint(response.status)
      )
    let body: unknown
    try {
      body = JSON.parse(response.body)
    } catch {
      // A 2xx whose body is unreadable: the key may exist, its value is lost.
      throw new LostAnswerError(
        `${statusText(response.status)} with a body that is not JSON (${bodySnippet(response.body, 40)})`
      )
    }
    return asCreatedKey(body)
  }

  /** `GET /api/users/{id}/apikeys?skip&take`: newest first, never the key values. */
  async keysPage(userId: string, skip: number): Promise<Page<ApiKey>> {
    const path = `/api/users/${encodeURIComponent(userId)}/apikeys?skip=${skip}&take=${KEYS_PAGE_SIZE}`
    const body = await this.#call(`list the API keys of ${userId}`, {
      method: 'GET',
      path
    })
    return asPage(body, `GET /api/users/${userId}/apikeys`, asKey)
  }

  /** `DELETE /api/users/{id}/apikeys/{keyId}`; `gone` when it no longer exists. */
  async revokeKey(userId: string, keyId: string): Promise<'revoked' | 'gone'> {
    const path = `/api/users/${encodeURIComponent(userId)}/apikeys/${encodeURIComponent(keyId)}`
    const response = await this.#send(`revoke API key ${keyId}`, {
      method: 'DELETE',
      path
    })
    if (response.status === 404) return 'gone'
    if (response.status === 200 || response.status === 204) return 'revoked'
    throw httpError(`revoke API key ${keyId}`, response, undefined)
  }

  /** Sends and insists on a 2xx JSON answer. */
  async #call(
    what: string,
    request: { method: HttpRequest['method']; path: string; body?: string },
    hints: Hints = {}
  ): Promise<unknown> {
    const response = await this.#send(what, request)
    if (response.status !== 200 && response.status !== 201) {
      throw httpError(
        what,
        response,
        hints[response.status] ?? defaultHint(response.status)
      )
    }
    try {
      return JSON.parse(response.body)
    } catch {
      throw new ActionError(
        `Failed to ${what}: ${statusText(response.status)} but the answer is not JSON; the body starts with: ${bodySnippet(response.body)}. ` +
          `Check that the 'server' input points at Octopus itself, not at a proxy or login page.`
      )
    }
  }

  async #send(
    what: string,
    request: { method: HttpRequest['method']; path: string; body?: string }
  ): Promise<HttpResponse> {
    const { server, credential, transport, retry, timeoutSeconds } =
      this.#options
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (credential.kind === 'apikey')
      headers['X-Octopus-ApiKey'] = credential.value
    else headers['Authorization'] = `Bearer ${credential.value}`
    if (request.body !== undefined)
      headers['Content-Type'] = 'application/json; charset=utf-8'
    let attempts = 0
    try {
      const response = await sendWithRetry(
        (r) => {
          attempts++
          return transport.send(r)
        },
        {
          method: request.method,
          url: server + request.path,
          headers,
          body: request.body
        },
        `${request.method} ${request.path.split('?')[0]}`,
        retry
      )
      this.#noteServerTime(response)
      return response
    } catch (error) {
      if (error instanceof TransportError)
        throw transportFailure(
          what,
          this.#origin,
          error,
          attempts,
          timeoutSeconds
        )
      throw error
    }
  }

  #noteServerTime(response: HttpResponse): void {
    const date = Date.parse(response.headers['date'] ?? '')
    if (Number.isNaN(date)) return
    this.#latestServerTime = new Date(date)
    this.#firstServerTime ??= this.#latestServerTime
  }
}

function defaultHint(status: number): string | undefined {
  if (status === 401)
    return `Check that 'api_key' (or 'access_token') holds a valid, unexpired credential for this server.`
  if (status === 429 || status >= 500)
    return 'The server kept failing; try again later.'
  return undefined
}

function shapeError(where: string, what: string): ActionError {
  return new ActionError(
    `Unexpected answer from ${where}: ${what}. Check that the 'server' input points at an Octopus Deploy server.`
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function asUser(value: unknown, where: string): User {
  if (
    !isRecord(value) ||
    typeof value.Id !== 'string' ||
    typeof value.Username !== 'string'
  )
    throw shapeError(where, 'a user without Id or Username')
  return {
    Id: value.Id,
    Username: value.Username,
    DisplayName:
      typeof value.DisplayName === 'string' ? value.DisplayName : undefined,
    IsActive: value.IsActive !== false,
    IsService: value.IsService === true
  }
}

function asKey(value: unknown, where: string): ApiKey {
  if (!isRecord(value) || typeof value.Id !== 'string')
    throw shapeError(where, 'an API key without Id')
  return {
    Id: value.Id,
    Purpose: typeof value.Purpose === 'string' ? value.Purpose : '',
    UserId: typeof value.UserId === 'string' ? value.UserId : '',
    Created: typeof value.Created === 'string' ? value.Created : '',
    Expires: typeof value.Expires === 'string' ? value.Expires : null
  }
}

function asCreatedKey(value: unknown): ApiKeyCreated {
  if (!isRecord(value) || typeof value.Id !== 'string')
    throw new LostAnswerError('a 2xx answer without the new key')
  const key = asKey(value, 'POST /api/users/{id}/apikeys')
  const apiKey = isRecord(value) ? value.ApiKey : undefined
  if (typeof apiKey !== 'string' || !/^API-[A-Z0-9]+$/i.test(apiKey)) {
    // The key exists on the server but is unusable here; the caller revokes it by Id.
    throw new MalformedKeyError(key.Id)
  }
  return { ...key, ApiKey: apiKey }
}

/** The server made a key (this Id) but its value is missing or not `API-…`. */
export class MalformedKeyError extends ActionError {
  constructor(readonly keyId: string) {
    super(
      `The server created API key ${keyId} but its answer holds no key of the form API-…; the key cannot be used.`
    )
    this.name = 'MalformedKeyError'
  }
}

function asPage<T>(
  value: unknown,
  where: string,
  item: (value: unknown, where: string) => T
): Page<T> {
  if (!isRecord(value) || !Array.isArray(value.Items))
    throw shapeError(where, 'a collection without Items')
  const links = isRecord(value.Links) ? value.Links : {}
  return {
    Items: value.Items.map((v) => item(v, where)),
    TotalResults:
      typeof value.TotalResults === 'number' ? value.TotalResults : undefined,
    ItemsPerPage:
      typeof value.ItemsPerPage === 'number' ? value.ItemsPerPage : undefined,
    Links: Object.fromEntries(
      Object.entries(links).filter(([, v]) => typeof v === 'string')
    ) as Record<string, string>
  }
}

/** True when the collection says another page follows. */
export function hasNextPage(page: Page<unknown>): boolean {
  return page.Items.length > 0 && page.Links?.['Page.Next'] !== undefined
}
