// Finding the account: `filter` is a fragment match over usernames, display
// names and e-mails, so only an exact username counts.
import { describe, expect, it } from '@jest/globals'
import { benchSeed } from '../../tools/bench/users.js'
import { manyUsers } from '../../tools/simulator/index.js'
import { scenario, seed, sent, simulator } from './fixture.js'

const lookup = (filter: string, skip = 0): string =>
  `GET /api/users?filter=${filter}&skip=${skip}&take=100`

describe('finding the account', () => {
  it('ignores case: SVC-DEPLOY is svc-deploy', async () => {
    const sim = await simulator()
    const seen = await scenario(sim, { username: 'SVC-DEPLOY' })
    expect(seen).toMatchObject({
      outputs: { user_id: 'Users-3', username: 'svc-deploy' },
      requests: [
        ...sent.finding(lookup('SVC-DEPLOY')),
        'POST /api/users/Users-3/apikeys'
      ]
    })
  })

  it('never takes a fragment of usernames, display names or e-mails for the username', async () => {
    const sim = await simulator()
    expect(await scenario(sim, { username: 'svc-dep' })).toMatchObject({
      exitCode: 1,
      error:
        "No Octopus user or service account has the username 'svc-dep' (input 'username'). The server's fragment search found only other accounts ('deploy-bot', 'ops.team', 'svc-deploy', …); a username must match exactly. Check the spelling in Octopus (Configuration → Users), or use user_id.",
      requests: sent.finding(lookup('svc-dep')),
      keys: []
    })
  })

  it.each([
    ['ci+build@example.com', 'Users-8'],
    ['build agent', 'Users-9'],
    ['dépl-øy', 'Users-10']
  ])('finds the username %j exactly as written', async (username, id) => {
    const sim = await simulator()
    const seen = await scenario(sim, { username }, { owner: id })
    expect(seen).toMatchObject({
      outputs: { user_id: id, username },
      requests: [
        ...sent.finding(lookup(username)),
        `POST /api/users/${id}/apikeys`
      ],
      keys: ['<key-1>']
    })
  })

  it('pages through 250 fragment matches to the exact username', async () => {
    const sim = await simulator({ users: [...seed.users, ...manyUsers(250)] })
    const seen = await scenario(
      sim,
      { username: 'svc-target' },
      { owner: 'Users-263' }
    )
    expect(seen).toMatchObject({
      outputs: { user_id: 'Users-263', username: 'svc-target' },
      requests: [
        ...sent.finding(
          lookup('svc-target'),
          lookup('svc-target', 100),
          lookup('svc-target', 200)
        ),
        'POST /api/users/Users-263/apikeys'
      ],
      keys: ['<key-1>']
    })
  })

  it('among the benchmark’s 10,000 users: one filtered lookup, then the create', async () => {
    const bench = benchSeed(10_000)
    const sim = await simulator(bench)
    const seen = await scenario(sim, {
      api_key: bench.adminKey,
      username: bench.target
    })
    expect(seen).toMatchObject({
      outputs: { user_id: 'Users-10000', username: 'svc-target' },
      requests: [
        ...sent.finding(lookup('svc-target')),
        'POST /api/users/Users-10000/apikeys'
      ]
    })
  })

  describe('between two accounts that differ only by case', () => {
    const users = [
      ...seed.users,
      { username: 'SVC-CASE', isService: true },
      { username: 'svc-case', isService: true }
    ]

    it('takes the case-exact one', async () => {
      const sim = await simulator({ users })
      const seen = await scenario(sim, { username: 'svc-case' })
      expect(seen.outputs).toMatchObject({ user_id: 'Users-15' })
    })

    it('fails as ambiguous when neither is exact', async () => {
      const sim = await simulator({ users })
      expect(await scenario(sim, { username: 'Svc-Case' })).toMatchObject({
        exitCode: 1,
        error:
          "The username 'Svc-Case' matches 'SVC-CASE' (Users-14) and 'svc-case' (Users-15) when case is ignored, and none exactly. Set 'username' with the exact case, or use 'user_id'.",
        requests: sent.finding(lookup('Svc-Case'))
      })
    })
  })

  it('lets a credential that may not list users name its own account', async () => {
    const sim = await simulator()
    const seen = await scenario(
      sim,
      { api_key: seed.regularKey, username: 'Jane.Doe' },
      { owner: 'Users-2' }
    )
    expect(seen).toMatchObject({
      exitCode: 0,
      outputs: { user_id: 'Users-2', username: 'jane.doe' },
      requests: [
        'GET /api/users/me',
        lookup('Jane.Doe'),
        'GET /api/users/Users-2/apikeys?skip=0&take=100',
        'POST /api/users/Users-2/apikeys'
      ],
      keys: ['<credential>', '<key-1>']
    })
  })

  it('explains a 403 when that credential names another account', async () => {
    const sim = await simulator()
    expect(await scenario(sim, { api_key: seed.regularKey })).toMatchObject({
      exitCode: 1,
      error: `Failed to look up user "svc-deploy": HTTP 403 Forbidden: "You do not have permission to perform this action. Please contact your Octopus administrator. Missing permission: UserView" This action requires permission to view users. The credential's user may not list users: give it the "View users" permission (UserView), or pass 'user_id' instead of 'username'.`,
      requests: [
        'GET /api/users/me',
        lookup('svc-deploy'),
        'GET /api/users/Users-2/apikeys?skip=0&take=100'
      ],
      keys: []
    })
  })

  it('refuses an inactive account before creating anything', async () => {
    const sim = await simulator()
    const seen = await scenario(
      sim,
      { username: 'svc-retired' },
      { owner: 'Users-7' }
    )
    expect(seen).toMatchObject({
      exitCode: 1,
      error:
        "The account 'svc-retired' (Users-7) is inactive, and Octopus does not let inactive accounts use API keys. Reactivate it in Octopus (Configuration → Users) or name another account.",
      requests: sent.finding(lookup('svc-retired')),
      keys: []
    })
  })
})
