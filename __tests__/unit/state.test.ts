import { describe, expect, it } from '@jest/globals'
import {
  enterPhase,
  keyToRevoke,
  saveKeyToRevoke
} from '../../src/runner/state.js'

/** The runner's state between the phases of one job. */
function store(initial: Record<string, string> = {}) {
  const state = { ...initial }
  return {
    state,
    getState: (name: string) => state[name] ?? '',
    saveState: (name: string, value: string) => {
      state[name] = value
    }
  }
}

describe('runner state', () => {
  it('one bundle runs as the main step first, then as the post step', () => {
    const job = store()
    expect([enterPhase(job), enterPhase(job)]).toEqual(['main', 'post'])
  })

  it('hands the key to revoke from main to post by id, under the names it always had', () => {
    const job = store()
    expect(keyToRevoke(job)).toBeUndefined()
    saveKeyToRevoke(job, { keyId: 'apikeys-1', userId: 'Users-3' })
    expect(job.state).toEqual({
      revoke_key_id: 'apikeys-1',
      revoke_user_id: 'Users-3'
    })
    expect(keyToRevoke(job)).toEqual({ keyId: 'apikeys-1', userId: 'Users-3' })
  })
})
