import { describe, it, expect } from '@jest/globals'
import { TransportError, type FailureKind } from '../../src/http/transport.js'
import {
  bodySnippet,
  httpError,
  OctopusError,
  serverSays,
  statusText,
  transportFailure
} from '../../src/octopus/errors.js'
import { response } from './fakes.js'

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
  '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n' +
  '</body>\r\n</html>\r\n'

describe('serverSays', () => {
  it('quotes ErrorMessage, then Errors, then HelpText', () => {
    const body = JSON.stringify({
      ErrorMessage: 'There was a problem with your request.',
      Errors: [
        'The expiry date cannot be in the past.',
        'Purpose is required.'
      ],
      HelpText: 'See the documentation.'
    })
    expect(serverSays(body)).toEqual({
      text: '"There was a problem with your request." (The expiry date cannot be in the past.; Purpose is required.) See the documentation.',
      errorMessage: 'There was a problem with your request.'
    })
  })

  it.each([
    [{ ErrorMessage: 'Nope.' }, '"Nope."'],
    [{ ErrorMessage: 'Nope.', Errors: [] }, '"Nope."'],
    [{ ErrorMessage: 'Nope.', Errors: ['a', 7, null, 'b'] }, '"Nope." (a; b)'],
    [{ ErrorMessage: 'Nope.', HelpText: '' }, '"Nope."'],
    [{ ErrorMessage: 'Nope.', HelpText: 42 }, '"Nope."'],
    [{ ErrorMessage: 'Nope.', Errors: 'not a list' }, '"Nope."']
  ])('%j → %s', (value, text) => {
    expect(serverSays(JSON.stringify(value)).text).toBe(text)
  })

  it('an HTML page becomes a one-line snippet of its start', () => {
    const says = serverSays(NGINX_502)
    expect(says.errorMessage).toBeUndefined()
    expect(says.text).toMatch(
      /^the body starts with: <html> <head><title>502 Bad Gateway/
    )
    expect(says.text).not.toMatch(/[\r\n]/)
  })

  it('a long body is cut at 120 characters with an ellipsis', () => {
    const says = serverSays('x'.repeat(500))
    expect(says.text).toBe(`the body starts with: ${'x'.repeat(120)}…`)
  })

  it.each([
    ['', '(empty body)'],
    ['   \r\n\t ', '(empty body)'],
    ['null', 'null'],
    ['"just a string"', '"just a string"'],
    ['{"Message":"elsewhere"}', '{"Message":"elsewhere"}'],
    ['{"ErrorMessage": 5}', '{"ErrorMessage": 5}']
  ])('%j without an Octopus ErrorMessage shows the body: %s', (body, shown) => {
    const says = serverSays(body)
    expect(says.errorMessage).toBeUndefined()
    expect(says.text).toBe(`the body starts with: ${shown}`)
  })

  it('control characters never reach the message', () => {
    expect(bodySnippet('a\u0000b\u001b[31mc\u0085d')).toBe('a b [31mc d')
  })
})

describe('statusText', () => {
  it.each([
    [401, 'HTTP 401 Unauthorized'],
    [403, 'HTTP 403 Forbidden'],
    [503, 'HTTP 503 Service Unavailable'],
    [418, 'HTTP 418']
  ])('%d → %s', (status, text) => {
    expect(statusText(status)).toBe(text)
  })
})

describe('httpError', () => {
  it.each([301, 302, 307, 308])(
    'a %d names where it redirects and why it was not followed',
    (status) => {
      const error = httpError(
        'look up user Users-3',
        response(status, '<html>moved</html>', {
          location: 'https://login.example.com/sso?next=/api'
        }),
        'a hint that does not apply'
      )
      expect(error).toBeInstanceOf(OctopusError)
      expect(error.status).toBe(status)
      expect(error.message).toContain('Failed to look up user Users-3')
      expect(error.message).toContain(
        'redirecting to https://login.example.com/sso?next=/api'
      )
      expect(error.message).toContain(`'server'`)
      expect(error.message).toMatch(/not followed/)
    }
  )

  it('a redirect without Location says so', () => {
    const error = httpError('list keys', response(302), undefined)
    expect(error.message).toContain('(no Location header)')
  })

  it('an Octopus error carries the status, the server’s words and the hint', () => {
    const body = JSON.stringify({
      ErrorMessage:
        'You do not have permission to perform this action. Please contact your Octopus administrator.',
      HelpText:
        'API keys for other users can only be created for service accounts.'
    })
    const error = httpError(
      'create an API key for Users-2',
      response(403, body),
      'Use a service account.'
    )
    expect(error.status).toBe(403)
    expect(error.errorMessage).toBe(
      'You do not have permission to perform this action. Please contact your Octopus administrator.'
    )
    expect(error.message).toMatch(
      /^Failed to create an API key for Users-2: HTTP 403 Forbidden: "You do not have permission/
    )
    expect(error.message).toContain(
      'API keys for other users can only be created for service accounts.'
    )
    expect(error.message).toMatch(/ Use a service account\.$/)
  })

  it('a proxy error page is summarised, not dumped', () => {
    const error = httpError('list users', response(502, NGINX_502), undefined)
    expect(error.errorMessage).toBeUndefined()
    expect(error.message).toMatch(
      /^Failed to list users: HTTP 502 Bad Gateway: the body starts with: <html>/
    )
    expect(error.message).not.toMatch(/[\r\n]/)
  })
})

describe('transportFailure', () => {
  const origin = 'https://octopus.example.com'
  it.each([
    ['refused', 'connection refused', `'server'`],
    ['timeout', 'no answer in time', 'timeout_seconds (45 s)'],
    ['dropped', 'the connection was dropped', 'proxy'],
    ['dns', 'host name not found (ENOTFOUND)', 'host name'],
    ['tls', 'TLS failed (CERT_HAS_EXPIRED)', 'NODE_EXTRA_CA_CERTS'],
    ['other', 'EHOSTUNREACH', 'network']
  ] as [FailureKind, string, string][])(
    '%s names the origin, what happened, the attempts and a hint',
    (kind, message, hint) => {
      const error = transportFailure(
        'look up the credential’s own user',
        origin,
        new TransportError(kind, false, message),
        3,
        45
      )
      expect(error.message).toContain(
        'Failed to look up the credential’s own user'
      )
      expect(error.message).toContain(`${origin} gave no answer (${message})`)
      expect(error.message).toContain('after 3 attempts')
      expect(error.message).toContain(hint)
    }
  )

  it('one attempt is singular', () => {
    const error = transportFailure(
      'x',
      origin,
      new TransportError('refused', false, 'connection refused'),
      1,
      30
    )
    expect(error.message).toContain('after 1 attempt.')
  })
})
