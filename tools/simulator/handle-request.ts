// One request, start to end: recorded, then its body read, the latency
// waited, and the answer sent: a proxy's refusal, an injected fault, or what
// the state says.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { applyFault } from './apply-fault.js'
import type { Execute } from './dispatch.js'
import type { FaultQueue } from './faults.js'
import type { Lifetime } from './lifetime.js'
import type { Settings } from './options.js'
import type { Recorder } from './recorder.js'
import { JSON_TYPE, Reply } from './reply.js'
import { BodyTooLarge, headOf, readBody } from './request.js'
import type { SimulatorOptions } from './types.js'

/** What handling a request uses. */
export interface Parts {
  settings: Settings
  dateHeader: SimulatorOptions['dateHeader']
  recorder: Recorder
  faults: FaultQueue
  execute: Execute
  lifetime: Lifetime
}

export type RequestListener = (
  req: IncomingMessage,
  res: ServerResponse
) => void

export function requestListener(parts: Parts): RequestListener {
  return (req, res) => {
    handle(parts, req, res).catch(() => {
      // handle() does not throw by design; never let a bug kill the process.
      res.destroy()
    })
  }
}

async function handle(
  parts: Parts,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  const head = headOf(req, parts.settings.config.prefix)
  const reply = new Reply(res, parts.recorder.received(req, res, head))
  stampDate(res, parts.dateHeader)

  let body: string
  try {
    body = await readBody(req)
  } catch (e) {
    if (e instanceof BodyTooLarge) {
      const headers = { 'Content-Type': JSON_TYPE, Connection: 'close' }
      const tooLarge = { ErrorMessage: 'The request body is too large.' }
      reply.send(413, headers, JSON.stringify(tooLarge))
    }
    return
  }
  if (!(await parts.lifetime.pause(parts.settings.latencyMs))) return

  const refusal = parts.settings.refused.get(head.wire)
  if (refusal !== undefined) {
    reply.proxyPage(refusal)
    return
  }
  const inc = { ...head, req, body }
  const fault = parts.faults.take(head.method, head.path ?? head.rawPath)
  const { execute, lifetime } = parts
  if (fault) await applyFault(fault, { inc, reply, execute, lifetime })
  else reply.json(execute(inc))
}

/** The `Date` header as `dateHeader` asks: skewed, left out, or Node's own. */
function stampDate(
  res: ServerResponse,
  dateHeader: SimulatorOptions['dateHeader']
): void {
  if (dateHeader === undefined) return
  res.sendDate = false
  if (dateHeader !== 'none')
    res.setHeader(
      'Date',
      new Date(Date.now() + dateHeader.skewMs).toUTCString()
    )
}
