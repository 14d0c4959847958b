// Octopus error bodies (docs/octopus-api.md, Error bodies). Handlers throw
// OctopusError and the server turns it into
// `{ ErrorMessage, Errors?, HelpText? }` with the status.
// None of these texts may ever contain a credential value.

export interface OctopusErrorBody {
  ErrorMessage: string
  Errors?: string[]
  HelpText?: string
}

export class OctopusError extends Error {
  readonly status: number
  readonly body: OctopusErrorBody

  constructor(status: number, body: OctopusErrorBody) {
    super(body.ErrorMessage)
    this.name = 'OctopusError'
    this.status = status
    this.body = body
  }
}

export const NOT_LOGGED_IN =
  'You must be logged in to perform this action. Please provide a valid API key or log in again.'

export const INVALID_API_KEY =
  'The API key you provided was not valid. Please double-check your API key and try again. For instructions on finding your API key, please visit: https://oc.to/ApiKey'

// The real wording for a bad access token is not public (docs/octopus-api.md,
// Error bodies), and the API key text would mislead someone using a Bearer
// token: our wording.
export const INVALID_ACCESS_TOKEN =
  'The access token you provided was not valid or has expired. Please obtain a new access token and try again.'

export const NO_PERMISSION =
  'You do not have permission to perform this action. Please contact your Octopus administrator.'

export const BAD_REQUEST = 'There was a problem with your request.'

export const KEY_NOT_OWNED =
  'This ApiKey does not belong to the specified user.'

export function unauthorized(message: string): OctopusError {
  return new OctopusError(401, { ErrorMessage: message })
}

export function forbidden(
  missingPermission: string | undefined,
  helpText: string
): OctopusError {
  const message = missingPermission
    ? `${NO_PERMISSION} Missing permission: ${missingPermission}`
    : NO_PERMISSION
  return new OctopusError(403, { ErrorMessage: message, HelpText: helpText })
}

/** 400 in the validation shape clients print as ErrorMessage + Errors[]. */
export function badRequest(...errors: string[]): OctopusError {
  return new OctopusError(400, { ErrorMessage: BAD_REQUEST, Errors: errors })
}

export function notFound(resourceId: string): OctopusError {
  return new OctopusError(404, {
    ErrorMessage: `The resource '${resourceId}' was not found.`
  })
}

export function routeNotFound(path: string): OctopusError {
  return new OctopusError(404, {
    ErrorMessage: `The resource you requested was not found: ${path}`
  })
}

export function methodNotAllowed(method: string): OctopusError {
  return new OctopusError(405, {
    ErrorMessage: `The requested resource does not support http method '${method}'.`
  })
}

/** Default error text for a status-only fault, per common status. */
export function genericErrorBody(status: number): OctopusErrorBody {
  const texts: Record<number, string> = {
    400: BAD_REQUEST,
    401: NOT_LOGGED_IN,
    403: NO_PERMISSION,
    404: 'The resource you requested was not found.',
    409: 'The request conflicts with the current state of the resource.',
    429: 'Too many requests. Please wait and try again.',
    500: 'An unexpected error occurred on the Octopus Server.',
    502: 'Bad gateway.',
    503: 'The Octopus Server is currently unavailable. Please try again later.',
    504: 'Gateway timeout.'
  }
  return {
    ErrorMessage: texts[status] ?? `The request failed with status ${status}.`
  }
}
