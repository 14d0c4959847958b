// With user_id the account is never read: the action learns when the
// creating key expires (who the credential is, then its keys) and creates,
// and needs no "View users". What the create's answer says is all there is:
// the username stays unknown, and an inactive account is not checked.
import { describe, expect, it } from '@jest/globals'
import { said, scenario, sent, simulator, withKeyMaker } from './fixture.js'

const byId = (userId: string) => ({ username: '', user_id: userId })

describe('a key for the account named by user_id', () => {
  it('reads nothing of the account, and says it by its id', async () => {
    const sim = await simulator()
    const seen = await scenario(sim, byId('Users-3'))
    expect(seen).toMatchObject({
      exitCode: 0,
      log: [
        `Creating an API key for Users-3${said.BY_DEFAULT}.`,
        said.CREATED()
      ],
      outputs: { user_id: 'Users-3', username: '', api_key_id: '<key-1>' },
      requests: [sent.ME, sent.ADMIN_KEYS, sent.CREATE],
      keys: ['<key-1>'],
      keyOwner: 'svc-deploy'
    })
    expect(seen.summary).toContain('Account | Users-3 (named by user_id)')
  })

  it('needs only "Edit users", not "View users"', async () => {
    const { sim, maker } = await withKeyMaker()
    const seen = await scenario(
      sim,
      { ...byId('Users-3'), api_key: maker },
      { secrets: [maker] }
    )
    expect(seen).toMatchObject({
      exitCode: 0,
      requests: [
        sent.ME,
        'GET /api/users/Users-20/apikeys?skip=0&take=100',
        sent.CREATE
      ],
      keyOwner: 'svc-deploy'
    })
  })

  it('explains a 404 from the create alone: no such account', async () => {
    const sim = await simulator()
    expect(await scenario(sim, byId('Users-999'))).toMatchObject({
      exitCode: 1,
      error: `Failed to create an API key for Users-999: HTTP 404 Not Found: "The resource 'Users-999' was not found." No user or service account has the id Users-999; check the 'user_id' input.`,
      requests: [sent.ME, sent.ADMIN_KEYS, 'POST /api/users/Users-999/apikeys']
    })
  })

  it('explains a 403 from the create alone: not a service account, or no "Edit users"', async () => {
    const sim = await simulator()
    expect(
      await scenario(sim, byId('Users-2'), { owner: 'Users-2' })
    ).toMatchObject({
      exitCode: 1,
      error:
        'Failed to create an API key for Users-2: HTTP 403 Forbidden: "You do not have permission to perform this action. Please contact your Octopus administrator." API keys for other users can only be created for service accounts. You can only create API keys for your own user account, or for a service account if you have the UserEdit permission. ' +
        `Octopus lets a credential create keys only for its own account, or for a service account when its user may edit users ("Edit users", UserEdit). Check that Users-2 is a service account and that the credential's user has that permission; the server's message above may say which is missing.`,
      requests: [sent.ME, sent.ADMIN_KEYS, 'POST /api/users/Users-2/apikeys'],
      keys: ['<credential>']
    })
  })
})
