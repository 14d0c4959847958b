import { describe, expect, it } from '@jest/globals'
import { compareUsernames, searchSpelling } from '../../src/users/usernames.js'

const NFC = 'd\u00e9pl-\u00f8y' // dépl-øy, é as one code point
const NFD = 'de\u0301pl-\u00f8y' // the same, é as e + combining acute

describe('compareUsernames: the same name in another form, never a look-alike', () => {
  it.each([
    ['key-bot', 'key-bot', 'same'],
    ['KEY-Bot', 'key-bot', 'same ignoring case'],
    [NFD, NFC, 'same'],
    [NFC, NFD, 'same'],
    [NFD.toUpperCase(), NFC, 'same ignoring case'],
    ['\u212Aey-bot', '\u212Aey-bot', 'same'], // written exactly as it is
    ['\u212Aey-bot', 'key-bot', 'different'], // Kelvin sign for K
    ['key-bot', '\u212Aey-bot', 'different'],
    ['\uff4b\uff45\uff59-bot', 'key-bot', 'different'], // fullwidth ｋｅｙ
    ['\uFB01le-bot', 'file-bot', 'different'], // the ﬁ ligature
    ['\uFB01le-bot', 'FILE-BOT', 'different'],
    ['key\u200b-bot', 'key-bot', 'different'], // zero-width space
    ['key\u00ad-bot', 'KEY-BOT', 'different'], // soft hyphen
    ['key-bot\u200d', 'key-bot\u200d', 'same'],
    ['key-bot\u200d', 'KEY-BOT\u200d', 'different'],
    ['\u0130stanbul', 'istanbul', 'different'], // İ is not i
    ['stra\u00dfe', 'STRASSE', 'different'],
    ['key-bot', 'key-bot-2', 'different']
  ])('%j against %j: %s', (wanted, actual, likeness) => {
    expect(compareUsernames(wanted, actual)).toBe(likeness)
  })
})

describe('searchSpelling: what the lookup asks the server for', () => {
  it.each([
    ['svc-deploy', 'svc-deploy'],
    [NFD, NFC],
    ['\u212Aey-bot', '\u212Aey-bot']
  ])('%j is searched as %j', (username, filter) => {
    expect(searchSpelling(username)).toBe(filter)
  })
})
