import type { IncomingMessage } from 'node:http'

/** Far above any answer the action reads (a page of 100 users is tens of KiB). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024

/** A body read whole, or how far it got past the limit. */
export type Body =
  | { text: string; tooLarge?: undefined }
  | { text?: undefined; tooLarge: { bytes: number; declared: boolean } }

/**
 * Reads an answer's body up to `limit` bytes into one buffer that doubles as
 * it fills, so memory stays within twice the body's size however it is cut
 * up (a buffer per chunk costs far more than the chunk: a 4 MiB answer in
 * 1-byte chunks would hold millions of them), and time stays linear. A body
 * that says or turns out to be larger is not read further, and its
 * connection is closed; the caller learns its size as far as known. A
 * connection that closes before the body ends rejects like a dropped one.
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
    const body = new GrowingBuffer(
      Number.isInteger(declared) && declared >= 0 ? declared : FIRST_BYTES,
      limit
    )
    res.on('data', (chunk: Buffer) => {
      if (body.append(chunk)) return
      res.destroy()
      resolve({ tooLarge: { bytes: body.bytes, declared: false } })
    })
    res.on('end', () => resolve({ text: body.text() }))
    res.on('error', reject)
    res.on('close', () => {
      if (!res.complete)
        reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))
    })
  })
}

/** Where a body of unknown size starts. */
const FIRST_BYTES = 16 * 1024

/** Bytes appended into one buffer that doubles when full, never past `limit`. */
class GrowingBuffer {
  bytes = 0
  #buffer: Buffer

  constructor(
    expected: number,
    private readonly limit: number
  ) {
    this.#buffer = Buffer.alloc(Math.min(expected, limit))
  }

  /** False once the bytes go past the limit (they are then not kept). */
  append(chunk: Buffer): boolean {
    const end = this.bytes + chunk.length
    this.bytes = end
    if (end > this.limit) return false
    if (end > this.#buffer.length) {
      const grown = Buffer.alloc(
        Math.min(Math.max(this.#buffer.length * 2, end), this.limit)
      )
      this.#buffer.copy(grown, 0, 0, end - chunk.length)
      this.#buffer = grown
    }
    chunk.copy(this.#buffer, end - chunk.length)
    return true
  }

  text(): string {
    return this.#buffer.toString('utf8', 0, this.bytes)
  }
}
