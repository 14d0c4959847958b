// Some proxies and firewalls refuse DELETE. Octopus's own client sends every
// DELETE as POST with X-HTTP-Method-Override: DELETE; the action falls back
// to that when a DELETE is refused with 405 or 501.
import { describe, expect, it } from '@jest/globals'
import type { Simulator } from '../../tools/simulator/index.js'
import { addKey, job, scenario, simulator } from './fixture.js'

/** The revocations as they went over the wire, and how they were answered. */
function revocations(sim: Simulator): string[] {
  return sim.requests
    .filter((r) => r.method === 'DELETE')
    .map((r) => `${r.sentAs ?? r.method} ${r.path} → ${r.status}`)
}

const fallback = (key: string, status: string): string =>
  `DELETE /api/users/Users-3/apikeys/${key}: ${status}; sending it as POST with X-HTTP-Method-Override: DELETE, as Octopus's own client does.`

describe('behind a proxy that refuses DELETE', () => {
  it('rotation revokes the older key with POST and X-HTTP-Method-Override', async () => {
    const sim = await simulator({ refusedMethods: { DELETE: 405 } })
    const older = addKey(sim, 'older', 'deploy', { hoursAgo: 1 })
    const seen = await scenario(sim, { revoke_previous: 'true' })
    expect(seen).toMatchObject({
      exitCode: 0,
      outputs: { revoked_ids: '<older>' },
      keys: ['<key-1>']
    })
    expect(seen.log).toContain(
      fallback('<older>', 'HTTP 405 Method Not Allowed')
    )
    expect(revocations(sim)).toEqual([
      `DELETE /api/users/Users-3/apikeys/${older} → 405`,
      `POST /api/users/Users-3/apikeys/${older} → 200`
    ])
  })

  it('the post step revokes the key the same way after a 501', async () => {
    const sim = await simulator({ refusedMethods: { DELETE: 501 } })
    const { post } = await job(sim, { revoke_after_job: 'true' })
    expect(post).toMatchObject({
      exitCode: 0,
      log: [
        fallback('<key-1>', 'HTTP 501 Not Implemented'),
        'Revoked API key <key-1> of Users-3 at the end of the job.'
      ],
      keys: []
    })
  })
})
