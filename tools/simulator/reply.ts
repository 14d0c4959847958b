// Writing the answer to one request, and its status into the request's record.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { proxyHtmlPage } from './faults.js'
import type { ApiResult } from './handlers.js'
import type { RequestRecord } from './types.js'

export const JSON_TYPE = 'application/json; charset=utf-8'

export class Reply {
  constructor(
    readonly res: ServerResponse,
    private readonly record: RequestRecord
  ) {}

  /** A whole answer, unless the client has gone (e.g. it timed out during a delay). */
  send(status: number, headers: OutgoingHttpHeaders, body: string): void {
    const { res } = this
    if (!res.socket || res.socket.destroyed || res.headersSent) return
    res.writeHead(status, {
      ...headers,
      'Content-Length': Buffer.byteLength(body)
    })
    res.end(body)
    this.record.status = status
  }

  json(result: ApiResult): void {
    const body = JSON.stringify(result.body)
    this.send(result.status, { 'Content-Type': JSON_TYPE }, body)
  }

  /** The page a proxy in front of Octopus would send. */
  proxyPage(status: number): void {
    this.send(status, { 'Content-Type': 'text/html' }, proxyHtmlPage(status))
  }

  /** Status and headers now, without a Content-Length; the caller writes the body. */
  start(status: number, headers: OutgoingHttpHeaders): ServerResponse {
    this.res.writeHead(status, headers)
    this.record.status = status
    return this.res
  }
}
