import { describe, expect, it } from '@jest/globals'
import { asKey, asUser } from '../../src/octopus/answers.js'
import { serverSays } from '../../src/octopus/failures.js'
import { inertMessage, shownText } from '../../src/text.js'

describe('shownText: server text that cannot steer the runner', () => {
  it.each([
    ['svc-deploy', 'svc-deploy'],
    ['dépl-øy 😀', 'dépl-øy 😀'],
    ['a\nb', 'a\uFFFDb'],
    ['a\r\n::stop-commands::x', 'a\uFFFD\uFFFD::stop-commands::x'],
    ['a\u0085b\u2028c\u2029d', 'a\uFFFDb\uFFFDc\uFFFDd'],
    ['\u001b[31mred', '\uFFFD[31mred'],
    ['abc\u202Efed', 'abc\uFFFDfed']
  ])('%j is shown as %j', (text, shown) => {
    expect(shownText(text)).toBe(shown)
  })
})

describe('inertMessage: a log line the runner takes as text', () => {
  it.each([
    ['Created API key apikeys-1.', false, 'Created API key apikeys-1.'],
    ['a\n::add-mask::x', false, 'a\uFFFD::add-mask::x'],
    ['a\n::add-mask::x', true, 'a\n\uFFFD::add-mask::x'],
    ['a\r\n  ::warning::x', true, 'a\n  \uFFFD::warning::x'],
    ['::debug::x', false, '\uFFFD::debug::x'],
    ["for 'x ##[add-mask]y'", false, "for 'x ##\uFFFD[add-mask]y'"],
    [
      'The inputs have 2 problems:\n- a\n- b',
      true,
      'The inputs have 2 problems:\n- a\n- b'
    ]
  ])('%j (line breaks kept: %s) is written as %j', (text, keep, written) => {
    expect(inertMessage(text, keep)).toBe(written)
  })
})

describe('answers as read: text made safe, ids that are not refused', () => {
  it('a user: username and display name shown safely', () => {
    expect(
      asUser({
        Id: 'Users-3',
        Username: 'svc\n::warning::x',
        DisplayName: 'a\rb'
      })
    ).toEqual({
      Id: 'Users-3',
      Username: 'svc\uFFFD::warning::x',
      DisplayName: 'a\uFFFDb',
      IsActive: true,
      IsService: false
    })
  })

  it.each([
    asUser({ Id: 'Users-3\n::warning::x', Username: 'svc' }),
    asKey({ Id: 'apikeys-1\n', Purpose: 'p' }),
    asKey({ Id: 'apikeys-1', UserId: 'Users-3\u0000' })
  ])('an id with a control character is not read: %j', (read) => {
    expect(read).toBeUndefined()
  })

  it('a key: purpose and expiry shown safely', () => {
    expect(
      asKey({
        Id: 'apikeys-1',
        Purpose: 'p\n::x',
        UserId: null,
        Expires: 'x\n'
      })
    ).toEqual({
      Id: 'apikeys-1',
      Purpose: 'p\uFFFD::x',
      UserId: '',
      Created: '',
      Expires: 'x\uFFFD'
    })
  })

  it('an error body: message, errors and help text shown safely', () => {
    const body = JSON.stringify({
      ErrorMessage: 'No\n::add-mask::svc',
      Errors: ['one\r\ntwo'],
      HelpText: 'help\u0007'
    })
    expect(serverSays(body)).toBe(
      '"No\uFFFD::add-mask::svc" (one\uFFFD\uFFFDtwo) help\uFFFD'
    )
  })
})
