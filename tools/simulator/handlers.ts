// The API endpoints. Each handler validates, applies the permission rules and
// returns a JSON result; errors are thrown as OctopusError.
import { badRequest, KEY_NOT_OWNED, notFound, OctopusError } from './errors.js'
import { resolveExpires, type ExpiryPolicy } from './expiry.js'
import { parsePaging, resourceCollection } from './paging.js'
import {
  assertCanManageKeys,
  assertCanViewUser,
  assertCanViewUsers,
  userApiKeysDisabled,
  type KeyAction
} from './permissions.js'
import {
  apiKeyCreatedResource,
  apiKeyResource,
  apiKeysPath,
  rootResource,
  USERS_TEMPLATE,
  userResource
} from './resources.js'
import type {
  CredentialEntry,
  KeyEntry,
  SimulatorState,
  UserRecord
} from './state.js'

export interface ServerConfig {
  /** Virtual directory, '' or '/something' without a trailing slash. */
  prefix: string
  version: string
  installationId: string
  expiry: ExpiryPolicy
  userApiKeysEnabled: boolean
}

export interface Caller {
  user: UserRecord
  credential: CredentialEntry
}

export interface HandlerContext {
  state: SimulatorState
  config: ServerConfig
  /** Set for every route except the anonymous root. */
  caller?: Caller
  params: string[]
  query: URLSearchParams
  body: string
  now: Date
}

export interface ApiResult {
  status: number
  body: unknown
}

export type Handler = (ctx: HandlerContext) => ApiResult

const ok = (body: unknown): ApiResult => ({ status: 200, body })

function callerOf(ctx: HandlerContext): Caller {
  if (!ctx.caller) throw new Error('Handler needs an authenticated caller')
  return ctx.caller
}

function param(ctx: HandlerContext, index: number): string {
  const value = ctx.params[index]
  if (value === undefined) throw new Error(`Missing route parameter ${index}`)
  return value
}

export const getRoot: Handler = (ctx) =>
  ok(
    rootResource(
      ctx.config.prefix,
      ctx.config.version,
      ctx.config.installationId
    )
  )

export const getMe: Handler = (ctx) => {
  const { user } = callerOf(ctx)
  return ok(userResource(user, ctx.config.prefix, user.id))
}

export const listAllUsers: Handler = (ctx) => {
  const { user } = callerOf(ctx)
  assertCanViewUsers(user)
  return ok(
    ctx.state
      .usersSorted()
      .map((u) => userResource(u, ctx.config.prefix, user.id))
  )
}

export const listUsers: Handler = (ctx) => {
  const { user } = callerOf(ctx)
  assertCanViewUsers(user)
  const page = parsePaging(ctx.query)
  const carry: Array<[string, string]> = []

  let users = ctx.state.usersSorted()
  const ids = ctx.query
    .getAll('ids')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
  if (ids.length > 0) {
    const wanted = new Set(ids.map((id) => id.toLowerCase()))
    users = users.filter((u) => wanted.has(u.id.toLowerCase()))
    carry.push(['ids', ids.map(encodeURIComponent).join(',')])
  }
  const filter = ctx.query.get('filter')
  if (filter) {
    // "Fragment" match over Username/DisplayName/EmailAddress
    // (docs/octopus-api.md, Users); case-insensitive is our reading of an
    // undocumented detail.
    const needle = filter.toLowerCase()
    users = users.filter((u) =>
      [u.username, u.displayName, u.email ?? ''].some((field) =>
        field.toLowerCase().includes(needle)
      )
    )
    carry.push(['filter', encodeURIComponent(filter)])
  }
  for (const [name, pick] of [
    ['isActive', (u: UserRecord) => u.isActive],
    ['isServiceAccount', (u: UserRecord) => u.isService]
  ] as const) {
    const raw = ctx.query.get(name)?.toLowerCase()
    if (raw === 'true' || raw === 'false') {
      users = users.filter((u) => pick(u) === (raw === 'true'))
      carry.push([name, raw])
    }
  }

  const prefix = ctx.config.prefix
  const collection = resourceCollection({
    itemType: 'User',
    all: users,
    page,
    path: `${prefix}/api/users`,
    template: `${prefix}${USERS_TEMPLATE}`,
    carry
  })
  return ok({
    ...collection,
    Items: collection.Items.map((u) => userResource(u, prefix, user.id))
  })
}

export const getUser: Handler = (ctx) => {
  const { user } = callerOf(ctx)
  const id = param(ctx, 0)
  assertCanViewUser(user, id)
  const target = ctx.state.getUser(id)
  if (!target) throw notFound(id)
  return ok(userResource(target, ctx.config.prefix, user.id))
}

/** The route's user, after the permission rule for `action` on its keys. */
function keyOwner(ctx: HandlerContext, action: KeyAction): UserRecord {
  const id = param(ctx, 0)
  const target = ctx.state.getUser(id)
  if (!target) throw notFound(id)
  assertCanManageKeys(callerOf(ctx).user, target, action)
  return target
}

function parseBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw badRequest('The request body could not be parsed as JSON.')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('The request body must be a JSON object.')
  }
  return parsed as Record<string, unknown>
}

export const createApiKey: Handler = (ctx) => {
  const caller = callerOf(ctx)
  const target = keyOwner(ctx, 'create')
  const { config } = ctx
  if (
    config.expiry.features.userApiKeySetting &&
    !config.userApiKeysEnabled &&
    !target.isService
  ) {
    throw userApiKeysDisabled()
  }

  const body = parseBody(ctx.body)
  const purpose = body.Purpose
  if (typeof purpose !== 'string' || purpose.trim() === '') {
    throw badRequest('Please provide a purpose for the API key.')
  }
  const bodyUserId = body.UserId
  if (
    typeof bodyUserId === 'string' &&
    bodyUserId !== '' &&
    bodyUserId.toLowerCase() !== target.id.toLowerCase()
  ) {
    throw badRequest(
      'The UserId in the request body does not match the user in the URL.'
    )
  }
  const expires = resolveExpires(
    config.expiry,
    body,
    caller.credential,
    ctx.now
  )
  const { key, apiKey } = ctx.state.createKey(
    target.id,
    purpose,
    ctx.now,
    expires
  )
  return ok(
    apiKeyCreatedResource(
      key,
      apiKey,
      config.prefix,
      config.expiry.features.expiry
    )
  )
}

export const listApiKeys: Handler = (ctx) => {
  const target = keyOwner(ctx, 'view')
  const { prefix, expiry } = ctx.config
  const path = apiKeysPath(prefix, target.id)
  const collection = resourceCollection({
    itemType: 'ApiKey',
    all: ctx.state.keysOf(target.id),
    page: parsePaging(ctx.query),
    path,
    template: `${path}{/id}{?skip,take}`
  })
  return ok({
    ...collection,
    Items: collection.Items.map((k) =>
      apiKeyResource(k, prefix, expiry.features.expiry)
    )
  })
}

/** A live key of the route's user; revoked keys are gone, like deleted ones. */
function ownedKey(ctx: HandlerContext, target: UserRecord): KeyEntry {
  const keyId = param(ctx, 1)
  const key = ctx.state.getKey(keyId)
  if (!key || key.revoked) throw notFound(keyId)
  if (key.userId !== target.id) {
    throw new OctopusError(400, {
      ErrorMessage: KEY_NOT_OWNED,
      Errors: [KEY_NOT_OWNED]
    })
  }
  return key
}

export const getApiKey: Handler = (ctx) => {
  const key = ownedKey(ctx, keyOwner(ctx, 'view'))
  const { prefix, expiry } = ctx.config
  return ok(apiKeyResource(key, prefix, expiry.features.expiry))
}

export const revokeApiKey: Handler = (ctx) => {
  const key = ownedKey(ctx, keyOwner(ctx, 'revoke'))
  ctx.state.revokeKey(key.id)
  return ok({})
}

/**
 * `GET /api/spaces`: one Default space. Users and keys are system-level and
 * never need it; the Octopus sample scripts look the space up first.
 */
export const listSpaces: Handler = (ctx) => {
  callerOf(ctx)
  const path = `${ctx.config.prefix}/api/spaces`
  const space = {
    Id: 'Spaces-1',
    Name: 'Default',
    Slug: 'default',
    IsDefault: true,
    TaskQueueStopped: false,
    Links: { Self: `${path}/Spaces-1` }
  }
  return ok(
    resourceCollection({
      itemType: 'Space',
      all: [space],
      page: parsePaging(ctx.query),
      path,
      template: `${path}{/id}{?skip,ids,take,partialName}`
    })
  )
}
