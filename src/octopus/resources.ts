/** The Octopus REST resources this action reads (PascalCase, as on the wire). */

export interface User {
  Id: string
  Username: string
  DisplayName?: string
  EmailAddress?: string | null
  IsActive: boolean
  IsService: boolean
}

/** One paged `ResourceCollection<T>`; `Page.Next` is absent on the last page. */
export interface Page<T> {
  Items: T[]
  TotalResults?: number
  ItemsPerPage?: number
  Links?: Record<string, string | undefined>
}

/** An API key as listed: the value itself never comes back, only a hint. */
export interface ApiKey {
  Id: string
  Purpose: string
  UserId: string
  Created: string
  Expires?: string | null
  /** `ApiKey.Hint` of a listed key: its first characters (`API-ABCD`). */
  Hint?: string
}

/** The answer to a create: the only time the plaintext key is returned. */
export interface ApiKeyCreated extends ApiKey {
  ApiKey: string
}
