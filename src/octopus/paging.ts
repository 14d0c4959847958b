import { PagingError } from '../errors.js'
import type { Page } from './resources.js'

/** At most this many pages are read (10,000 users or keys at 100 a page). */
export const MAX_PAGES = 100
/** Pages asked for together when the total is known: a handful, never the total. */
export const PAGES_AT_ONCE = 4

/** A paged collection: how to fetch one page, and what to call it in messages. */
export interface PageSource<T> {
  /** E.g. `the API keys of 'svc-deploy' (Users-3)`. */
  what: string
  page(skip: number): Promise<Page<T>>
  /** Pages fetched together when the first page gives a total; 1 reads one after another. */
  atOnce: number
  /**
   * What to say when the collection truly holds more than the action reads
   * (`total` items; it reads `limit`), and what to do about it.
   */
  tooMany(total: number, limit: number): string
}

/**
 * Hands each page's new items to `visit` until it returns true or the
 * collection ends: at an empty or short page, when `skip` reaches
 * `TotalResults` (or, without one, when there is no `Page.Next`). Nothing
 * the server says sizes the work: pages come a handful at a time, a page of
 * items already seen means the server ignores `skip`, and past `MAX_PAGES`
 * the reading stops. Both throw `PagingError`, saying what the server did.
 */
export async function readPages<T extends { Id: string }>(
  source: PageSource<T>,
  visit: (items: T[]) => boolean
): Promise<void> {
  const seen = new Set<string>()
  let shape: Shape | undefined
  let next: number | undefined = 0
  let pagesRead = 0
  let allFull = true
  while (next !== undefined) {
    if (pagesRead >= MAX_PAGES)
      throw tooManyPages(source, seen.size, allFull ? shape : undefined)
    const skips = plan(
      next,
      shape,
      Math.min(source.atOnce, MAX_PAGES - pagesRead)
    )
    const pages = await settledAll(skips.map((skip) => source.page(skip)))
    for (const [i, page] of pages.entries()) {
      pagesRead++
      shape ??= { size: page.Items.length, total: page.TotalResults }
      allFull &&= page.Items.length === shape.size
      const fresh = page.Items.filter((item) => !seen.has(item.Id))
      if (fresh.length === 0 && page.Items.length > 0)
        throw skipIgnored(source, skips[i])
      fresh.forEach((item) => seen.add(item.Id))
      if (visit(fresh)) return
      next = nextSkip(page, skips[i], shape.total)
      if (next === undefined) break
    }
  }
}

/** Every page, or the first failure once none is still in flight. */
async function settledAll<T>(pages: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(pages)
  for (const outcome of settled)
    if (outcome.status === 'rejected') throw outcome.reason
  return settled.map((o) => (o as PromiseFulfilledResult<T>).value)
}

/** What the first page says: its size, and the total it claims. */
interface Shape {
  size: number
  total: number | undefined
}

/** The skips of the next pages to fetch: one, or up to `atOnce` when a total is known. */
function plan(
  next: number,
  shape: Shape | undefined,
  atOnce: number
): number[] {
  if (shape?.total === undefined || shape.size === 0) return [next]
  const left = Math.ceil((shape.total - next) / shape.size)
  const count = Math.max(1, Math.min(atOnce, left))
  return Array.from({ length: count }, (_, i) => next + i * shape.size)
}

/** Where the page after this one starts, or undefined when this one is the last. */
function nextSkip<T>(
  page: Page<T>,
  skip: number,
  total: number | undefined
): number | undefined {
  const count = page.Items.length
  if (count === 0) return undefined
  if (page.ItemsPerPage !== undefined && count < page.ItemsPerPage)
    return undefined
  const next = skip + count
  if (total !== undefined) return next < total ? next : undefined
  return page.Links?.['Page.Next'] !== undefined ? next : undefined
}

function skipIgnored(source: PageSource<unknown>, skip: number): PagingError {
  return new PagingError(
    `Octopus answered the request for ${source.what} from skip=${skip} with only items it had already sent: ` +
      `it, or a proxy in front of it, ignores the 'skip' query parameter, so the list cannot be read to the end. ` +
      'Check that nothing between the runner and Octopus drops or rewrites the query string.'
  )
}

/**
 * Past `MAX_PAGES`: a collection larger than the action reads, when every
 * page was full and the total says there is more (`full` is the first
 * page's shape then); otherwise a server (or proxy) that keeps making pages
 * up. Items seen twice (a key made meanwhile shifts the pages) do not count
 * against the first.
 */
function tooManyPages(
  source: PageSource<unknown>,
  items: number,
  full: Shape | undefined
): PagingError {
  const limit = MAX_PAGES * (full?.size ?? 0)
  if (full?.total !== undefined && full.total > limit)
    return new PagingError(source.tooMany(full.total, limit))
  return new PagingError(
    `Octopus kept sending new pages of ${source.what} past ${MAX_PAGES} pages and ${items} items; ` +
      'the action stops there rather than read without end. Check the server, or any proxy in front of it.'
  )
}
