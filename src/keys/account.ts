import type { User } from '../octopus/resources.js'

/**
 * `'svc-deploy' (Users-3)`: how messages name an account; just `Users-3`
 * when it was named by id and its record was not read.
 */
export function accountOf(user: User): string {
  return user.Username === '' ? user.Id : `'${user.Username}' (${user.Id})`
}
