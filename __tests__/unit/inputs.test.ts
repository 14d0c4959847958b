import { describe, expect, it } from '@jest/globals'
import {
  checkedText,
  parseBoolean,
  parseInteger
} from '../../src/settings/inputs.js'

/** The value a parser returns and the problems it reports. */
function parse<T>(fn: (problems: string[]) => T): [T, string[]] {
  const problems: string[] = []
  return [fn(problems), problems]
}

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['True', true],
    [' TRUE ', true],
    ['false', false],
    ['False', false],
    ['FALSE', false]
  ])('%j is %s', (text, value) => {
    expect(parse((p) => parseBoolean(text, 'summary', p))).toEqual([value, []])
  })

  it.each(['yes', 'no', '1', '0', 'on', 'tRUE', 'truee', ''])(
    '%j is refused, named and shown',
    (text) => {
      expect(parse((p) => parseBoolean(text, 'summary', p))[1]).toEqual([
        `Input 'summary' must be true or false; got '${text}'.`
      ])
    }
  )
})

describe('parseInteger', () => {
  const range = { min: 1, max: 600, example: '30' }
  it.each([
    ['1', 1],
    ['600', 600],
    [' 45 ', 45]
  ])('%j is %d', (text, value) => {
    expect(
      parse((p) => parseInteger(text, 'timeout_seconds', range, p))
    ).toEqual([value, []])
  })

  it.each([
    '0',
    '601',
    '1.5',
    '2.0',
    '-1',
    'abc',
    '1e2',
    '30s',
    '99999999999999999999'
  ])('%j is refused, and the example stands in', (text) => {
    const [value, problems] = parse((p) =>
      parseInteger(text, 'timeout_seconds', range, p)
    )
    expect(value).toBe(30)
    expect(problems).toEqual([
      `Input 'timeout_seconds' must be a whole number from 1 to 600, e.g. 30; got '${text.trim()}'.`
    ])
  })
})

describe('checkedText', () => {
  it.each([
    ['\n deploy\t\n', 'deploy'],
    ['Déploiement ☃', 'Déploiement ☃']
  ])('%j is trimmed to %j', (text, value) => {
    expect(parse((p) => checkedText(text, 'purpose', p))).toEqual([value, []])
  })

  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['bell', 'a\u0007b', 'U+0007'],
    ['escape', 'a\u001b[31mb', 'U+001B'],
    ['inner newline', 'a\nb', 'U+000A'],
    ['DEL', 'a\u007fb', 'U+007F'],
    ['C1 control', 'a\u0085b', 'U+0085'],
    ['line separator', 'a\u2028b', 'U+2028'],
    ['paragraph separator', 'a\u2029b', 'U+2029'],
    ['right-to-left override', 'a\u202eb', 'U+202E'],
    ['first strong isolate', 'a\u2068b', 'U+2068']
  ])('a %s is refused', (_, text, code) => {
    expect(parse((p) => checkedText(text, 'purpose', p))).toEqual([
      '',
      [
        `Input 'purpose' contains ${code}, a control, separator or bidirectional formatting character the log cannot show; use plain text.`
      ]
    ])
  })

  it('a replacement character (broken UTF-8) is refused', () => {
    expect(parse((p) => checkedText('a\ufffdb', 'purpose', p))).toEqual([
      '',
      [
        `Input 'purpose' contains U+FFFD, which stands for bytes that are not valid UTF-8; use plain text.`
      ]
    ])
  })
})
