// ResourceCollection<T> (docs/octopus-api.md, Paging): ItemsPerPage = take,
// zero-based LastPageNumber, and Page.Next only while there is a next page.
import { badRequest } from './errors.js'

export const DEFAULT_TAKE = 30
/** Page.All uses int.MaxValue as take. */
export const TAKE_ALL = 2147483647

export interface PageRequest {
  skip: number
  take: number
}

export function parsePaging(query: URLSearchParams): PageRequest {
  return {
    skip: parseCount(query, 'skip', 0),
    take: parseCount(query, 'take', DEFAULT_TAKE)
  }
}

function parseCount(query: URLSearchParams, name: string, fallback: number) {
  const raw = query.get(name)
  if (raw === null || raw === '') return fallback
  if (!/^\d+$/.test(raw)) {
    throw badRequest(
      `The value of '${name}' must be a whole number of 0 or more.`
    )
  }
  return Math.min(Number(raw), TAKE_ALL)
}

export interface CollectionOptions<T> {
  itemType: string
  /** Every matching item, already filtered and sorted. */
  all: readonly T[]
  page: PageRequest
  /** Collection path including any virtual directory, e.g. '/api/users'. */
  path: string
  /** URI template for the Template link. */
  template: string
  /** Encoded query parameters carried on every link after skip/take. */
  carry?: ReadonlyArray<readonly [string, string]>
}

export interface ResourceCollection<T> {
  ItemType: string
  TotalResults: number
  ItemsPerPage: number
  NumberOfPages: number
  LastPageNumber: number
  Items: T[]
  Links: Record<string, string>
}

export function resourceCollection<T>(
  opts: CollectionOptions<T>
): ResourceCollection<T> {
  const { skip, take } = opts.page
  const total = opts.all.length
  // An empty collection still has one (empty) page; take=0 is one page too.
  const pages = take > 0 ? Math.max(1, Math.ceil(total / take)) : 1
  const link = (s: number, t: number) => {
    const params = [`skip=${s}`, `take=${t}`]
    for (const [name, value] of opts.carry ?? []) {
      params.push(`${name}=${value}`)
    }
    return `${opts.path}?${params.join('&')}`
  }
  const links: Record<string, string> = {
    Self: link(skip, take),
    Template: opts.template,
    'Page.All': link(0, TAKE_ALL),
    'Page.Current': link(skip, take)
  }
  if (take > 0 && skip + take < total)
    links['Page.Next'] = link(skip + take, take)
  links['Page.Last'] = link((pages - 1) * take, take)
  return {
    ItemType: opts.itemType,
    TotalResults: total,
    ItemsPerPage: take,
    NumberOfPages: pages,
    LastPageNumber: pages - 1,
    Items: opts.all.slice(skip, skip + take),
    Links: links
  }
}
