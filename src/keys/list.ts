import type { Answered, OctopusClient } from '../octopus/client.js'
import { hasNextPage, type ApiKey, type Page } from '../octopus/resources.js'

type KeyPages = Pick<OctopusClient, 'keysPage'>

/**
 * Every key of a user, and the server's clock at the latest answer. The
 * first page says how many there are, so the rest are fetched together
 * rather than one after another.
 */
export async function listKeys(
  client: KeyPages,
  userId: string
): Promise<Answered<ApiKey[]>> {
  const first = await client.keysPage(userId, 0)
  const pages = [first, ...(await pagesAfter(client, userId, first.value))]
  return {
    value: dedupe(pages.flatMap((p) => p.value.Items)),
    serverTime: latestOf(pages.map((p) => p.serverTime))
  }
}

async function pagesAfter(
  client: KeyPages,
  userId: string,
  first: Page<ApiKey>
): Promise<Answered<Page<ApiKey>>[]> {
  if (!hasNextPage(first)) return []
  const size = first.Items.length
  if (first.TotalResults !== undefined && first.TotalResults > size) {
    const skips: number[] = []
    for (let skip = size; skip < first.TotalResults; skip += size)
      skips.push(skip)
    return Promise.all(skips.map((skip) => client.keysPage(userId, skip)))
  }
  const pages: Answered<Page<ApiKey>>[] = []
  for (
    let skip = size, page = first;
    hasNextPage(page);
    skip += page.Items.length
  ) {
    const next = await client.keysPage(userId, skip)
    pages.push(next)
    page = next.value
  }
  return pages
}

/** Pages fetched at once can overlap if keys were added meanwhile. */
function dedupe(keys: ApiKey[]): ApiKey[] {
  const seen = new Set<string>()
  return keys.filter((k) => !seen.has(k.Id) && seen.add(k.Id))
}

/** The latest of the server times that are known. */
export function latestOf(times: (Date | undefined)[]): Date | undefined {
  return times.reduce<Date | undefined>(
    (latest, t) => (t !== undefined && (latest ?? t) <= t ? t : latest),
    undefined
  )
}

/** NaN for an unreadable date, so such a key is never judged old or orphaned. */
export function createdAt(key: ApiKey): number {
  return Date.parse(key.Created)
}

/** Servers send their Date header to the second; compare at that precision. */
export function floorToSecond(date: Date): number {
  return Math.floor(date.getTime() / 1000) * 1000
}
