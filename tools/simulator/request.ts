// Reading a request: its method (after X-HTTP-Method-Override), its path
// inside the virtual directory, its query and its body (1 MiB at most).
import type { IncomingMessage } from 'node:http'

const MAX_BODY_BYTES = 1024 * 1024

/** A request as far as its headers. */
export interface RequestHead {
  /** Effective method (after X-HTTP-Method-Override). */
  method: string
  /** The method on the wire. */
  wire: string
  /** Path without the prefix, or undefined when outside the prefix. */
  path: string | undefined
  rawPath: string
  query: URLSearchParams
}

/** A request read in full. */
export interface Incoming extends RequestHead {
  req: IncomingMessage
  body: string
}

export class BodyTooLarge extends Error {}

export function headOf(req: IncomingMessage, prefix: string): RequestHead {
  const rawUrl = req.url ?? '/'
  const q = rawUrl.indexOf('?')
  const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q)
  return {
    method: effectiveMethod(req),
    wire: (req.method ?? 'GET').toUpperCase(),
    path: stripPrefix(prefix, rawPath),
    rawPath,
    query: new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1))
  }
}

/** The body as text; rejects with BodyTooLarge past MAX_BODY_BYTES. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(new BodyTooLarge())
      else resolve(Buffer.concat(chunks).toString('utf8'))
    })
    req.on('error', reject)
    // A client that goes away mid-body never sends 'end'.
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'))
    })
  })
}

/**
 * The .NET client sends DELETE and PUT as POST + override
 * (docs/octopus-api.md, X-HTTP-Method-Override).
 */
function effectiveMethod(req: IncomingMessage): string {
  const method = (req.method ?? 'GET').toUpperCase()
  const override = req.headers['x-http-method-override']
  const value = (Array.isArray(override) ? override[0] : override)?.trim()
  return method === 'POST' && value ? value.toUpperCase() : method
}

function stripPrefix(prefix: string, rawPath: string): string | undefined {
  if (prefix === '') return rawPath
  const lower = rawPath.toLowerCase()
  const p = prefix.toLowerCase()
  if (lower === p) return '/'
  return lower.startsWith(`${p}/`) ? rawPath.slice(prefix.length) : undefined
}
