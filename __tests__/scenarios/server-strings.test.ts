// Nothing a server sends steers the runner: control characters in its
// strings are shown as �, so no line of the log starts with a workflow
// command it wrote; and a credential it echoes back in another form is
// masked all the same.
import { describe, expect, it } from '@jest/globals'
import { said, scenario, seed, sent, simulator } from './fixture.js'

/** Raw lines the runner would take for a command the server wrote. */
const forged = (lines: string[]): string[] =>
  lines.filter((l) => /##\[|^\s*::(stop-commands|warning|pause)/.test(l))

describe('server strings', () => {
  it('a username holding line breaks and workflow commands is written on one line, inert', async () => {
    const username =
      'svc\n::stop-commands::pause\r::warning::forged ##[add-mask]Users-3'
    const sim = await simulator({
      users: [...seed.users, { id: 'Users-20', username, isService: true }]
    })
    const own = sim.addCredential({ userId: 'Users-20', kind: 'apikey' })
    const seen = await scenario(
      sim,
      { api_key: own, username: '' },
      { owner: 'Users-20', secrets: [own] }
    )
    const shown =
      'svc�::stop-commands::pause�::warning::forged ##[add-mask]Users-3'
    expect(seen).toMatchObject({
      exitCode: 0,
      log: [
        `Creating an API key for 'svc�::stop-commands::pause�::warning::forged ##�[add-mask]Users-3' (Users-20) for 180 days, the default, as input 'expires' is empty.`,
        said.CREATED()
      ],
      outputs: { username: shown, user_id: 'Users-20' },
      requests: [
        'GET /api/users/me',
        'GET /api/users/Users-20/apikeys?skip=0&take=100',
        'POST /api/users/Users-20/apikeys'
      ]
    })
    expect(seen.summary).toContain(
      `Account | ${shown} (Users-20, service account)`
    )
    expect(forged(seen.step.lines)).toEqual([])
  })

  it('an error text holding line breaks and workflow commands stays one line', async () => {
    const sim = await simulator()
    const body = JSON.stringify({
      ErrorMessage: 'No.\n::add-mask::svc-deploy\n::warning::forged',
      Errors: ['one\r\ntwo']
    })
    sim.inject({ method: 'POST', fault: { kind: 'status', status: 409, body } })
    const seen = await scenario(sim)
    expect(seen).toMatchObject({
      exitCode: 1,
      error: `Failed to create an API key for 'svc-deploy' (Users-3): HTTP 409 Conflict: "No.�::add-mask::svc-deploy�::warning::forged" (one��two).`,
      requests: [...sent.FIND, sent.CREATE]
    })
    expect(forged(seen.step.lines)).toEqual([])
  })

  it('a credential echoed without its API- prefix or in lower case is masked', async () => {
    const sim = await simulator()
    const body = seed.adminKey.slice('API-'.length)
    const echo = JSON.stringify({
      ErrorMessage: `Key ${seed.adminKey.toLowerCase()} refused`,
      Errors: [`hash of ${body}`, `or ${body.toLowerCase()}`]
    })
    sim.inject({
      method: 'POST',
      fault: { kind: 'status', status: 400, body: echo }
    })
    const secrets = [body, body.toLowerCase(), seed.adminKey.toLowerCase()]
    const seen = await scenario(sim, {}, { secrets })
    expect(seen).toMatchObject({
      exitCode: 1,
      error: `Failed to create an API key for 'svc-deploy' (Users-3): HTTP 400 Bad Request: "Key *** refused" (hash of ***; or ***). Check 'purpose' and 'expires': the expiry must be in the future, within the server's maximum (366 days by default), and not after the expiry of the credential used.`
    })
    // The runner is told to mask those forms too, for wherever else they show.
    for (const form of secrets)
      expect(seen.step.lines).toContain(`::add-mask::${form}`)
  })
})
