// What the simulator saw: every request and connection in order, each with
// how far the simulator had got (requests received, answers completed).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { isApiKeyParam, presentedCredential } from './auth.js'
import type { RequestHead } from './request.js'
import type { ConnectionRecord, Progress, RequestRecord } from './types.js'

export class Recorder {
  /** The same arrays for the simulator's life: callers hold on to them. */
  readonly requests: RequestRecord[] = []
  readonly connections: ConnectionRecord[] = []
  private answers = 0
  private readonly connectionOf = new WeakMap<Socket, ConnectionRecord>()

  /** A connection opened on `socket`; its record closes with the socket. */
  opened(socket: Socket): void {
    const record: ConnectionRecord = {
      id: this.connections.length + 1,
      opened: this.progress()
    }
    this.connections.push(record)
    this.connectionOf.set(socket, record)
    socket.on('close', () => (record.closed = this.progress()))
  }

  /** A request arrived; its answer counts as complete when `res` finishes. */
  received(
    req: IncomingMessage,
    res: ServerResponse,
    head: RequestHead
  ): RequestRecord {
    const record: RequestRecord = {
      method: head.method,
      ...(head.wire !== head.method && { sentAs: head.wire }),
      connection: this.connectionOf.get(req.socket)?.id ?? 0,
      path: head.path ?? head.rawPath,
      query: recordedQuery(head.query),
      status: 0,
      auth: presentedCredential(req.headers, head.query)?.kind ?? 'none',
      started: Date.now(),
      answersBefore: this.answers
    }
    this.requests.push(record)
    res.on('finish', () => this.answers++)
    return record
  }

  reset(): void {
    this.requests.length = 0
    this.connections.length = 0
  }

  private progress(): Progress {
    return { requests: this.requests.length, answers: this.answers }
  }
}

/** Query as recorded: first value per name, any API key value redacted. */
function recordedQuery(query: URLSearchParams): Record<string, string> {
  const entries: Array<[string, string]> = []
  const seen = new Set<string>()
  for (const [name, value] of query) {
    if (seen.has(name)) continue
    seen.add(name)
    entries.push([name, isApiKeyParam(name) ? '[redacted]' : value])
  }
  return Object.fromEntries(entries)
}
