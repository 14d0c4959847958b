import type { ApiKey, Page, User } from './resources.js'
import { hasUnsafeCharacters, shownText } from '../text.js'

/**
 * Readers of Octopus answers: each takes parsed JSON and returns the
 * resource, or undefined when the JSON is not shaped like it. Fields the
 * action does not need to trust are defaulted rather than refused. Text
 * fields come back through `shownText`, so nothing a server sends can steer
 * the runner; an id with a control character is refused instead, since a
 * changed id would name another resource.
 */
export type Reader<T> = (value: unknown) => T | undefined

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** An id as sent, when it is a string that is safe to show as it is. */
function idIn(value: unknown): string | undefined {
  return typeof value === 'string' && !hasUnsafeCharacters(value)
    ? value
    : undefined
}

/** A text field, made safe to show; `''` when it is not a string. */
function textIn(value: unknown): string {
  return typeof value === 'string' ? shownText(value) : ''
}

/** A user or service account; it must have an Id and a Username. */
export const asUser: Reader<User> = (value) => {
  if (!isRecord(value) || typeof value.Username !== 'string') return undefined
  const id = idIn(value.Id)
  if (id === undefined) return undefined
  return {
    Id: id,
    Username: shownText(value.Username),
    DisplayName:
      typeof value.DisplayName === 'string'
        ? shownText(value.DisplayName)
        : undefined,
    IsActive: value.IsActive !== false,
    IsService: value.IsService === true
  }
}

/** An API key as listed; it must have an Id. */
export const asKey: Reader<ApiKey> = (value) => {
  if (!isRecord(value)) return undefined
  const id = idIn(value.Id)
  const userId = typeof value.UserId === 'string' ? idIn(value.UserId) : ''
  if (id === undefined || userId === undefined) return undefined
  return {
    Id: id,
    Purpose: textIn(value.Purpose),
    UserId: userId,
    Created: textIn(value.Created),
    Expires:
      typeof value.Expires === 'string' ? shownText(value.Expires) : null,
    Hint: hintIn(value.ApiKey)
  }
}

/** A listed key's hint (`ApiKey.Hint`, its first characters); never logged. */
function hintIn(apiKey: unknown): string | undefined {
  return isRecord(apiKey) && typeof apiKey.Hint === 'string'
    ? apiKey.Hint
    : undefined
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
