import type { OctopusClient } from '../octopus/client.js'

/** The keys revoked, and those that could not be, with why. */
export interface RevokeResult {
  revoked: string[]
  failed: { id: string; error: unknown }[]
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
      result.failed.push({ id: keyIds[i], error: outcome.reason })
    else result.revoked.push(keyIds[i])
  })
  return result
}
