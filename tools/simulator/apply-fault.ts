// Answers a request the way an injected fault says (see `Fault` in types.ts):
// one small function per kind of fault.
import type { Execute } from './dispatch.js'
import { genericErrorBody } from './errors.js'
import { editJson, paddedJson, truncateJson } from './faults.js'
import type { Lifetime } from './lifetime.js'
import { JSON_TYPE, type Reply } from './reply.js'
import type { Incoming } from './request.js'
import type { Fault } from './types.js'

/** The request, its reply, and what a fault may do with them. */
export interface FaultScene {
  inc: Incoming
  reply: Reply
  execute: Execute
  lifetime: Lifetime
}

type Answer<F extends Fault> = (fault: F, at: FaultScene) => unknown

const ANSWERS: { [K in Fault['kind']]: Answer<Extract<Fault, { kind: K }>> } = {
  status: (fault, { reply }) => {
    const body = fault.body ?? JSON.stringify(genericErrorBody(fault.status))
    const type = looksLikeJson(body) ? JSON_TYPE : 'text/plain; charset=utf-8'
    reply.send(fault.status, { 'Content-Type': type, ...fault.headers }, body)
  },
  html: (fault, { reply }) => reply.proxyPage(fault.status),
  'malformed-json': (fault, { inc, reply, execute }) => {
    const json = JSON.stringify(execute(inc).body)
    const headers = { 'Content-Type': JSON_TYPE }
    reply.send(fault.status ?? 200, headers, truncateJson(json))
  },
  delay: async (fault, { inc, reply, execute, lifetime }) => {
    if (await lifetime.pause(fault.ms)) reply.json(execute(inc))
  },
  // Nothing is sent; close() destroys the socket.
  hang: () => {},
  drop: (_, { inc }) => inc.req.socket.destroy(),
  'process-then-drop': (_, { inc, execute }) => {
    execute(inc)
    inc.req.socket.destroy()
  },
  'process-then-status': (fault, { inc, reply, execute }) => {
    execute(inc)
    const { status } = fault
    if (fault.html) reply.proxyPage(status)
    else reply.json({ status, body: genericErrorBody(status) })
  },
  redirect: (fault, { reply }) =>
    reply.send(fault.status ?? 302, { Location: fault.location }, ''),
  'edit-json': (fault, { inc, reply, execute }) => {
    const result = execute(inc)
    reply.json({ ...result, body: editJson(result.body, fault) })
  },
  interleave: (fault, { inc, reply, execute }) => {
    fault.run()
    reply.json(execute(inc))
  },
  'ignore-skip': (_, { inc, reply, execute }) => {
    const query = new URLSearchParams(inc.query)
    query.delete('skip')
    reply.json(execute({ ...inc, query }))
  },
  trickle: (fault, { reply, lifetime }) =>
    trickle(reply, lifetime, fault.everyMs ?? 100),
  oversized: (fault, { inc, reply, execute }) => {
    const result = execute(inc)
    const body = paddedJson(result.body, fault.bytes ?? 5 * 1024 * 1024)
    const headers = { 'Content-Type': JSON_TYPE }
    if (fault.chunked) reply.start(result.status, headers).end(body)
    else reply.send(result.status, headers, body)
  }
}

/** Settles once the answer is sent (or, for `delay`, given up at close). */
export async function applyFault(fault: Fault, at: FaultScene): Promise<void> {
  // Each entry takes its own kind; TypeScript cannot pair them up by itself.
  const answer = ANSWERS[fault.kind] as Answer<Fault>
  await answer(fault, at)
}

/** A 200 whose body never ends: a byte every `everyMs` until the client or close() stops it. */
function trickle(reply: Reply, lifetime: Lifetime, everyMs: number): void {
  const res = reply.start(200, { 'Content-Type': JSON_TYPE })
  const timer = setInterval(() => res.write(' '), everyMs)
  const stop = () => {
    clearInterval(timer)
    forget()
    res.destroy()
  }
  const forget = lifetime.onClose(stop)
  res.on('close', stop)
}

function looksLikeJson(body: string): boolean {
  try {
    JSON.parse(body)
    return true
  } catch {
    return false
  }
}
