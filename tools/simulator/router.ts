// Route table. Paths are matched case-insensitively (as ASP.NET does) and a
// single trailing slash is tolerated.
import { methodNotAllowed, routeNotFound } from './errors.js'
import {
  createApiKey,
  getApiKey,
  getMe,
  getRoot,
  getUser,
  listAllUsers,
  listApiKeys,
  listSpaces,
  listUsers,
  revokeApiKey,
  type Handler
} from './handlers.js'

interface Route {
  pattern: RegExp
  methods: Partial<Record<string, Handler>>
  /** Answers without credentials (docs/octopus-api.md, Root document). */
  anonymous?: boolean
}

const ROUTES: Route[] = [
  { pattern: /^\/api\/?$/i, methods: { GET: getRoot }, anonymous: true },
  { pattern: /^\/api\/spaces\/?$/i, methods: { GET: listSpaces } },
  { pattern: /^\/api\/users\/?$/i, methods: { GET: listUsers } },
  { pattern: /^\/api\/users\/all\/?$/i, methods: { GET: listAllUsers } },
  { pattern: /^\/api\/users\/me\/?$/i, methods: { GET: getMe } },
  { pattern: /^\/api\/users\/([^/]+)\/?$/i, methods: { GET: getUser } },
  {
    pattern: /^\/api\/users\/([^/]+)\/apikeys\/?$/i,
    methods: { GET: listApiKeys, POST: createApiKey }
  },
  {
    pattern: /^\/api\/users\/([^/]+)\/apikeys\/([^/]+)\/?$/i,
    methods: { GET: getApiKey, DELETE: revokeApiKey }
  }
]

export interface RouteMatch {
  handler: Handler
  params: string[]
  anonymous: boolean
}

/** Finds the handler, or throws the 404/405 the server should answer. */
export function matchRoute(method: string, path: string): RouteMatch {
  for (const route of ROUTES) {
    const m = route.pattern.exec(path)
    if (!m) continue
    const handler = route.methods[method]
    if (!handler) throw methodNotAllowed(method)
    let params: string[]
    try {
      params = m.slice(1).map((p) => decodeURIComponent(p))
    } catch {
      throw routeNotFound(path)
    }
    return { handler, params, anonymous: route.anonymous ?? false }
  }
  throw routeNotFound(path)
}
