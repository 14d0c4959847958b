import type { RunnerPort } from './port.js'

type StateStore = Pick<RunnerPort, 'getState' | 'saveState'>

/**
 * Every name the action keeps in the runner's state. The main step leaves
 * ids for the post step, never a credential.
 */
const STATE = {
  /** Set by the main step: the next run of this bundle is the post step. */
  isPost: 'isPost',
  keyId: 'revoke_key_id',
  userId: 'revoke_user_id'
} as const

/**
 * One bundle serves both phases. The main step leaves a marker, so the
 * bundle knows it is the post step when it runs again.
 */
export function enterPhase(state: StateStore): 'main' | 'post' {
  if (state.getState(STATE.isPost) === 'true') return 'post'
  state.saveState(STATE.isPost, 'true')
  return 'main'
}

/** A key the post step is to revoke. */
export interface KeyToRevoke {
  keyId: string
  userId: string
}

/** Asks the post step to revoke this key when the job ends. */
export function saveKeyToRevoke(state: StateStore, key: KeyToRevoke): void {
  state.saveState(STATE.keyId, key.keyId)
  state.saveState(STATE.userId, key.userId)
}

/** The key the main step asked the post step to revoke, if it did. */
export function keyToRevoke(state: StateStore): KeyToRevoke | undefined {
  const keyId = state.getState(STATE.keyId)
  const userId = state.getState(STATE.userId)
  return keyId === '' || userId === '' ? undefined : { keyId, userId }
}
