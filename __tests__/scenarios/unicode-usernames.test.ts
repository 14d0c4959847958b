// The same username in another Unicode form is the same account; a
// look-alike (a Kelvin sign for K, fullwidth letters, an invisible
// character) never is, even where the server's search lets it through.
import { describe, expect, it } from '@jest/globals'
import { scenario, seed, sent, simulator } from './fixture.js'

const lookup = (filter: string): string =>
  `GET /api/users?filter=${filter}&skip=0&take=100`

describe('usernames in other Unicode forms', () => {
  it('an NFD spelling finds the NFC username, searched for as NFC', async () => {
    const sim = await simulator()
    const nfd = 'de\u0301pl-\u00f8y'
    const seen = await scenario(sim, { username: nfd }, { owner: 'Users-10' })
    expect(seen).toMatchObject({
      exitCode: 0,
      outputs: { user_id: 'Users-10', username: 'd\u00e9pl-\u00f8y' },
      requests: [
        ...sent.finding(lookup('d\u00e9pl-\u00f8y')),
        'POST /api/users/Users-10/apikeys'
      ]
    })
  })

  it('a Kelvin sign for K is a look-alike, though the server’s search finds key-bot', async () => {
    const sim = await simulator({
      users: [...seed.users, { username: 'key-bot', isService: true }]
    })
    const seen = await scenario(sim, { username: '\u212Aey-bot' })
    expect(seen).toMatchObject({
      exitCode: 1,
      error:
        "No Octopus user or service account has the username '\u212Aey-bot' (input 'username'). The server's fragment search found only other accounts ('key-bot'); a username must match exactly. Check the spelling in Octopus (Configuration → Users), or use user_id.",
      requests: sent.finding(lookup('\u212Aey-bot')),
      keys: []
    })
  })
})
