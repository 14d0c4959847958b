import type { IncomingMessage } from 'node:http'

/** Far above any answer the action reads (a page of 100 users is tens of KiB). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024

/** A body read whole, or how far it got past the limit. */
export type Body =
  | { text: string; tooLarge?: undefined }
  | { text?: undefined; tooLarge: { bytes: number; declared: boolean } }

/**
 * Reads an answer's body in linear time (chunks joined once), up to `limit`
 * bytes. A body that says or turns out to be larger is not read further,
 * and its connection is closed; the caller learns its size as far as known.
 * A connection that closes before the body ends rejects like a dropped one.
 */
export function readBody(
  res: IncomingMessage,
  limit = MAX_BODY_BYTES
): Promise<Body> {
  return new Promise((resolve, reject) => {
    const declared = Number(res.headers['content-length'])
    if (declared > limit) {
      res.destroy()
      resolve({ tooLarge: { bytes: declared, declared: true } })
      return
    }
    const chunks: Buffer[] = []
    let bytes = 0
    res.on('data', (chunk: Buffer) => {
      bytes += chunk.length
      if (bytes <= limit) chunks.push(chunk)
      else {
        res.destroy()
        resolve({ tooLarge: { bytes, declared: false } })
      }
    })
    res.on('end', () =>
      resolve({ text: Buffer.concat(chunks, bytes).toString('utf8') })
    )
    res.on('error', reject)
    res.on('close', () => {
      if (!res.complete)
        reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))
    })
  })
}
