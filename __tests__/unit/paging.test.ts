import { describe, expect, it } from '@jest/globals'
import { PagingError } from '../../src/errors.js'
import {
  MAX_PAGES,
  PAGES_AT_ONCE,
  readPages
} from '../../src/octopus/paging.js'
import type { Page } from '../../src/octopus/resources.js'
import { rejection } from './fakes.js'

type Item = { Id: string }
const items = (n: number): Item[] =>
  Array.from({ length: n }, (_, i) => ({ Id: `item-${i}` }))

interface Server {
  /** How many items the server holds, and how it pages them. */
  count: number
  take?: number
  /** What TotalResults says; default the truth, null to leave it out. */
  total?: number | null
  ignoreSkip?: boolean
  /** Leave ItemsPerPage out. */
  noItemsPerPage?: boolean
}

/** Reads a server in memory: the items read, the skips asked for, and the most asked at once. */
async function read(server: Server, atOnce = PAGES_AT_ONCE) {
  const { take = 100 } = server
  const all = items(server.count)
  const asked: number[] = []
  let inFlight = 0
  let mostAtOnce = 0
  const page = async (skip: number): Promise<Page<Item>> => {
    asked.push(skip)
    mostAtOnce = Math.max(mostAtOnce, ++inFlight)
    await new Promise((resolve) => setImmediate(resolve))
    inFlight--
    const from = server.ignoreSkip ? 0 : skip
    return {
      Items: all.slice(from, from + take),
      TotalResults:
        server.total === null ? undefined : (server.total ?? all.length),
      ItemsPerPage: server.noItemsPerPage ? undefined : take,
      Links: from + take < all.length ? { 'Page.Next': 'next' } : {}
    }
  }
  const seen: string[] = []
  const what = 'the things'
  const tooMany = (total: number, limit: number) =>
    `There are ${total} things, more than the ${limit} read.`
  await readPages({ what, page, atOnce, tooMany }, (found) => {
    seen.push(...found.map((i) => i.Id))
    return false
  })
  return { seen: seen.length, asked, mostAtOnce }
}

describe('readPages', () => {
  it.each<[string, Server, number[], number]>([
    ['one page', { count: 30 }, [0], 30],
    ['an empty collection', { count: 0 }, [0], 0],
    [
      'pages a handful at a time',
      { count: 730 },
      [0, 100, 200, 300, 400, 500, 600, 700],
      730
    ],
    [
      'without TotalResults, one after another',
      { count: 250, total: null },
      [0, 100, 200],
      250
    ],
    [
      'a server that pages by less than asked',
      { count: 65, take: 30, total: null, noItemsPerPage: true },
      [0, 30, 60],
      65
    ],
    [
      'TotalResults of 1e9 with one short page',
      { count: 3, total: 1e9 },
      [0],
      3
    ],
    [
      'TotalResults of 20,000 over 250 items',
      { count: 250, total: 20_000 },
      [0, 100, 200, 300, 400],
      250
    ],
    [
      'TotalResults lower than the truth',
      { count: 250, total: 150 },
      [0, 100],
      200
    ]
  ])(
    '%s (%j): reads the skips %j, %i items',
    async (_, server, skips, count) => {
      const { asked, seen, mostAtOnce } = await read(server)
      expect(asked.sort((a, b) => a - b)).toEqual(skips)
      expect(seen).toBe(count)
      expect(mostAtOnce).toBeLessThanOrEqual(PAGES_AT_ONCE)
    }
  )

  it('one at a time when asked to', async () => {
    const { asked, mostAtOnce } = await read({ count: 250 }, 1)
    expect([asked, mostAtOnce]).toEqual([[0, 100, 200], 1])
  })

  it.each<[string, Server]>([
    ['with TotalResults', { count: 250, ignoreSkip: true }],
    ['following Page.Next', { count: 250, ignoreSkip: true, total: null }]
  ])('a server that ignores skip (%s) stops the reading', async (_, server) => {
    const error = await rejection(read(server))
    expect(error).toBeInstanceOf(PagingError)
    expect(error.message).toBe(
      "Octopus answered the request for the things from skip=100 with only items it had already sent: it, or a proxy in front of it, ignores the 'skip' query parameter, so the list cannot be read to the end. Check that nothing between the runner and Octopus drops or rewrites the query string."
    )
  })

  it('stops past the page cap when the server keeps linking a next page', async () => {
    const endless = { count: (MAX_PAGES + 5) * 100, total: null }
    const error = await rejection(read(endless))
    expect(error.message).toBe(
      `Octopus kept sending new pages of the things past ${MAX_PAGES} pages and ${MAX_PAGES * 100} items; the action stops there rather than read without end. Check the server, or any proxy in front of it.`
    )
  })

  it('says how many there are when full pages agree with a total past the cap', async () => {
    const large = { count: MAX_PAGES * 100 + 50 }
    const error = await rejection(read(large))
    expect(error.message).toBe(
      `There are ${MAX_PAGES * 100 + 50} things, more than the ${MAX_PAGES * 100} read.`
    )
  })

  it('stops when the visitor has what it wants', async () => {
    const asked: number[] = []
    await readPages(
      {
        what: 'the things',
        atOnce: 1,
        tooMany: () => 'too many',
        page: (skip) => {
          asked.push(skip)
          return Promise.resolve({
            Items: items(300).slice(skip, skip + 100),
            Links: { 'Page.Next': 'next' }
          })
        }
      },
      (found) => found.some((i) => i.Id === 'item-150')
    )
    expect(asked).toEqual([0, 100])
  })
})
