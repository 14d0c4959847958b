// Runs a request against the state: its route, the credential it presents
// and the route's handler. Octopus's errors become their answers, anything
// else a 500.
import { presentedCredential } from './auth.js'
import {
  INVALID_ACCESS_TOKEN,
  INVALID_API_KEY,
  NOT_LOGGED_IN,
  OctopusError,
  routeNotFound,
  unauthorized
} from './errors.js'
import type { ApiResult, Caller, ServerConfig } from './handlers.js'
import type { Incoming } from './request.js'
import { matchRoute } from './router.js'
import type { SimulatorState } from './state.js'

/** The answer to a request; never throws. */
export type Execute = (incoming: Incoming) => ApiResult

export function dispatcher(
  state: SimulatorState,
  config: ServerConfig
): Execute {
  return (inc) => {
    try {
      if (inc.path === undefined) throw routeNotFound(inc.rawPath)
      const route = matchRoute(inc.method, inc.path)
      return route.handler({
        state,
        config,
        caller: route.anonymous ? undefined : caller(state, inc),
        params: route.params,
        query: inc.query,
        body: inc.body,
        now: new Date()
      })
    } catch (e) {
      return answerTo(e)
    }
  }
}

function caller(state: SimulatorState, inc: Incoming): Caller {
  const presented = presentedCredential(inc.req.headers, inc.query)
  if (!presented) throw unauthorized(NOT_LOGGED_IN)
  const outcome = state.authenticate(
    presented.kind,
    presented.value,
    new Date()
  )
  if (!outcome.ok) {
    throw unauthorized(
      presented.kind === 'bearer' ? INVALID_ACCESS_TOKEN : INVALID_API_KEY
    )
  }
  return { user: outcome.user, credential: outcome.credential }
}

function answerTo(e: unknown): ApiResult {
  if (e instanceof OctopusError) return { status: e.status, body: e.body }
  return {
    status: 500,
    body: {
      ErrorMessage: 'An unexpected error occurred in the Octopus simulator.',
      FullException: e instanceof Error ? e.message : String(e)
    }
  }
}
