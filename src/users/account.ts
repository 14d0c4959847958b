import type { User } from '../octopus/resources.js'

/**
 * The account a key is for: its record when the action read it, or only
 * its id when `user_id` named it (then nothing else of it is known).
 */
export interface Account {
  id: string
  user?: User
}

/** An account whose record was read. */
export function accountFrom(user: User): Account {
  return { id: user.Id, user }
}

/**
 * `'svc-deploy' (Users-3)`: how messages name an account; just `Users-3`
 * when it was named by id and its record was not read.
 */
export function accountOf({ id, user }: Account): string {
  return user === undefined ? id : `'${user.Username}' (${id})`
}
