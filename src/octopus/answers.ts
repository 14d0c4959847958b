import type { ApiKey, Page, User } from './resources.js'

/**
 * Readers of Octopus answers: each takes parsed JSON and returns the
 * resource, or undefined when the JSON is not shaped like it. Fields the
 * action does not need to trust are defaulted rather than refused.
 */
export type Reader<T> = (value: unknown) => T | undefined

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** A user or service account; it must have an Id and a Username. */
export const asUser: Reader<User> = (value) => {
  if (
    !isRecord(value) ||
    typeof value.Id !== 'string' ||
    typeof value.Username !== 'string'
  )
    return undefined
  return {
    Id: value.Id,
    Username: value.Username,
    DisplayName:
      typeof value.DisplayName === 'string' ? value.DisplayName : undefined,
    IsActive: value.IsActive !== false,
    IsService: value.IsService === true
  }
}

/** An API key as listed; it must have an Id. */
export const asKey: Reader<ApiKey> = (value) => {
  if (!isRecord(value) || typeof value.Id !== 'string') return undefined
  const text = (field: unknown): string =>
    typeof field === 'string' ? field : ''
  return {
    Id: value.Id,
    Purpose: text(value.Purpose),
    UserId: text(value.UserId),
    Created: text(value.Created),
    Expires: typeof value.Expires === 'string' ? value.Expires : null
  }
}

/** The plaintext key of a create's answer, when it has the form `API-…`. */
export function apiKeyIn(value: unknown): string | undefined {
  const apiKey = isRecord(value) ? value.ApiKey : undefined
  return typeof apiKey === 'string' && /^API-[A-Z0-9]+$/i.test(apiKey)
    ? apiKey
    : undefined
}

/** A `ResourceCollection<T>` whose every item `item` can read. */
export function asPage<T>(item: Reader<T>): Reader<Page<T>> {
  return (value) => {
    if (!isRecord(value) || !Array.isArray(value.Items)) return undefined
    const items = value.Items.map(item)
    if (items.some((i) => i === undefined)) return undefined
    const links = isRecord(value.Links) ? value.Links : {}
    return {
      Items: items as T[],
      TotalResults:
        typeof value.TotalResults === 'number' ? value.TotalResults : undefined,
      ItemsPerPage:
        typeof value.ItemsPerPage === 'number' ? value.ItemsPerPage : undefined,
      Links: Object.fromEntries(
        Object.entries(links).filter(([, v]) => typeof v === 'string')
      ) as Record<string, string>
    }
  }
}
