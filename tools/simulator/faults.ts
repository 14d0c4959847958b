// Fault rules: matched in injection order, the first live match applies and
// uses up one of its `times`.
import type { Fault, FaultRule } from './types.js'

interface LiveRule {
  method?: string
  path?: string | RegExp
  remaining: number
  fault: Fault
}

export class FaultQueue {
  private rules: LiveRule[] = []

  add(rule: FaultRule): void {
    const times = rule.times ?? 1
    if (!(times >= 0)) throw new Error('FaultRule.times must be 0 or more')
    this.rules.push({
      method: rule.method?.toUpperCase(),
      path: rule.path,
      remaining: times,
      fault: rule.fault
    })
  }

  clear(): void {
    this.rules = []
  }

  /** The fault for this request, if any (and consumes one use of it). */
  take(method: string, path: string): Fault | undefined {
    const rule = this.rules.find(
      (r) => r.remaining > 0 && matches(r, method, path)
    )
    if (!rule) return undefined
    rule.remaining-- // Infinity stays Infinity.
    return rule.fault
  }
}

function matches(rule: LiveRule, method: string, path: string): boolean {
  if (rule.method && rule.method !== method) return false
  if (rule.path === undefined) return true
  if (typeof rule.path === 'string') return rule.path === path
  rule.path.lastIndex = 0 // a /g or /y RegExp would otherwise remember state
  return rule.path.test(path)
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout'
}

/** What a reverse proxy or load balancer in front of Octopus would send. */
export function proxyHtmlPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? 'Error'}`
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
    `<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n` +
    '</body>\r\n</html>\r\n'
  )
}

/** A prefix of valid JSON that no parser accepts (an unclosed object). */
export function truncateJson(json: string): string {
  return json.slice(0, Math.max(1, Math.floor(json.length / 2)))
}

/** A JSON object answer with some top-level fields left out or replaced; anything else as it was. */
export function editJson(
  body: unknown,
  edit: { omit?: string[]; set?: Record<string, unknown> }
): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return body
  const kept = Object.entries(body).filter(
    ([name]) => !edit.omit?.includes(name)
  )
  return { ...Object.fromEntries(kept), ...edit.set }
}

/** `body` as JSON followed by spaces up to `bytes` bytes in all: still valid JSON. */
export function paddedJson(body: unknown, bytes: number): string {
  const json = JSON.stringify(body)
  return json + ' '.repeat(Math.max(0, bytes - Buffer.byteLength(json)))
}
