import { describe, expect, it } from '@jest/globals'
import { asSentence } from '../../src/phrasing.js'
import {
  bodySnippet,
  serverSays,
  statusError,
  statusText,
  unreadableAnswer
} from '../../src/octopus/failures.js'
import { response } from './fakes.js'

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
  '<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n'

describe('serverSays: the Octopus error contract, or the body’s first bytes', () => {
  it.each([
    [
      {
        ErrorMessage: 'There was a problem with your request.',
        Errors: [
          'The expiry date cannot be in the past.',
          'Purpose is required.'
        ],
        HelpText: 'See the documentation.'
      },
      '"There was a problem with your request." (The expiry date cannot be in the past.; Purpose is required.) See the documentation.'
    ],
    [{ ErrorMessage: 'Nope.', Errors: [] }, '"Nope."'],
    [{ ErrorMessage: 'Nope.', Errors: ['a', 7, null, 'b'] }, '"Nope." (a; b)'],
    [{ ErrorMessage: 'Nope.', HelpText: '' }, '"Nope."'],
    [{ ErrorMessage: 'Nope.', HelpText: 42 }, '"Nope."'],
    [{ ErrorMessage: 'Nope.', Errors: 'not a list' }, '"Nope."']
  ])('%j → %s', (value, text) => {
    expect(serverSays(JSON.stringify(value))).toBe(text)
  })

  it.each([
    ['', '(empty body)'],
    [' \r\n\t ', '(empty body)'],
    ['null', 'null'],
    ['{"Message":"elsewhere"}', '{"Message":"elsewhere"}'],
    ['{"ErrorMessage": 5}', '{"ErrorMessage": 5}'],
    [NGINX_502, '<html> <head><title>502 Bad Gateway</title></head> <body>'],
    ['x'.repeat(500), `${'x'.repeat(120)}…`]
  ])('%j is shown by its start: %s', (body, start) => {
    expect(serverSays(body)).toMatch(/^the body starts with: /)
    expect(serverSays(body)).toContain(start)
    expect(serverSays(body)).not.toMatch(/[\r\n]/)
  })

  it('control characters never reach the message', () => {
    expect(bodySnippet('a\u0000b\u001b[31mc\u0085d')).toBe('a b [31mc d')
  })
})

describe('statusText', () => {
  it.each([
    [302, 'HTTP 302 Found'],
    [401, 'HTTP 401 Unauthorized'],
    [503, 'HTTP 503 Service Unavailable'],
    [599, 'HTTP 599']
  ])('%d → %s', (status, text) => {
    expect(statusText(status)).toBe(text)
  })
})

describe('statusError: what Octopus answered, nothing about what to do', () => {
  it('an Octopus error: status, ErrorMessage and HelpText, ending in a full stop', () => {
    const body = JSON.stringify({
      ErrorMessage: 'You do not have permission to perform this action',
      HelpText: 'Ask an administrator'
    })
    const error = statusError(response(403, body))
    expect([error.status, error.kind, error.message]).toEqual([
      403,
      'status',
      'HTTP 403 Forbidden: "You do not have permission to perform this action" Ask an administrator.'
    ])
  })

  it.each([
    [
      301,
      { location: 'https://login.example.com/sso' },
      'https://login.example.com/sso'
    ],
    [307, {}, '(no Location header)']
  ])('a %d redirect names where it leads', (status, headers, where) => {
    const error = statusError(response(status, '<html>moved</html>', headers))
    expect(error.kind).toBe('redirect')
    expect(error.message).toContain(`redirecting to ${where}.`)
  })

  it('an answer the call cannot read shows what came instead', () => {
    const error = unreadableAnswer(response(200, '{"Id": 7}'), 'a user')
    expect([error.kind, error.message]).toEqual([
      'unreadable',
      'HTTP 200 OK but the answer is not a user; the body starts with: {"Id": 7}.'
    ])
  })
})

describe('asSentence', () => {
  it.each([
    ['no stop', 'no stop.'],
    ['stop.', 'stop.'],
    ['"quoted."', '"quoted."'],
    ['"quoted"', '"quoted".'],
    ['(cut…)', '(cut…)'],
    ['cut…', 'cut…']
  ])('%j → %j', (text, sentence) => {
    expect(asSentence(text)).toBe(sentence)
  })
})
