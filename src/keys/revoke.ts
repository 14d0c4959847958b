import { messageOf } from '../errors.js'
import type { OctopusClient } from '../octopus/client.js'

export interface RevokeResult {
  revoked: string[]
  failed: { id: string; reason: string }[]
}

/** Revokes keys concurrently; a key that is already gone counts as revoked. */
export async function revokeAll(
  client: Pick<OctopusClient, 'revokeKey'>,
  userId: string,
  keyIds: string[]
): Promise<RevokeResult> {
  const settled = await Promise.allSettled(
    keyIds.map((id) => client.revokeKey(userId, id))
  )
  const result: RevokeResult = { revoked: [], failed: [] }
  settled.forEach((outcome, i) => {
    if (outcome.status === 'rejected')
      result.failed.push({ id: keyIds[i], reason: messageOf(outcome.reason) })
    else result.revoked.push(keyIds[i])
  })
  return result
}

/**
 * Ends every message about keys the action meant to revoke but could not,
 * in the same words: `<lead>: revoke it by hand in Octopus (…).`
 */
export function revokeByHand(lead: string, several = false): string {
  return `${lead}: revoke ${several ? 'them' : 'it'} by hand in Octopus (Configuration → Users → the account → API keys).`
}
