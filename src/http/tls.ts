import type { PeerCertificate, TLSSocket } from 'node:tls'
import { TransportError } from '../errors.js'
import { shownText } from '../text.js'

const SHOWN = Symbol('the certificate the server showed')

/** A TLS error as node raises it, with the certificate where known. */
type TlsError = NodeJS.ErrnoException & {
  /** Set by node on a name mismatch. */
  cert?: PeerCertificate
  host?: string
  [SHOWN]?: PeerCertificate
}

/**
 * Remembers the certificate the server showed before node checks it, and
 * adds it to the error when the check fails: node's error for an expired
 * certificate does not carry the certificate or its dates.
 */
export function noteCertificate(socket: TLSSocket): void {
  let shown: PeerCertificate | undefined
  // node checks the certificate in its own 'secure' listener; this one runs first.
  socket.prependListener('secure', () => {
    shown = socket.getPeerCertificate()
  })
  socket.prependListener('error', (error: TlsError) => {
    if (shown !== undefined) error[SHOWN] ??= shown
  })
}

/** Issuers the runner does not trust: a private CA or a self-signed certificate. */
const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED'
])

/**
 * A TLS failure as a final `TransportError` of its kind, saying what node
 * found (the names asked for and held, the dates); undefined when `error`
 * is no TLS failure.
 */
export function tlsFailure(error: TlsError): TransportError | undefined {
  const code = error.code ?? ''
  const cert = error.cert ?? error[SHOWN]
  const failed = (kind: Parameters<typeof tlsError>[0], what: string) =>
    tlsError(kind, `TLS failed: ${what} (${code})`)
  if (UNTRUSTED.has(code)) return tlsError('untrusted', `TLS failed (${code})`)
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return failed(
      'wrong-name',
      `the certificate is made out for ${namesIn(cert)}, not ${shownText(error.host ?? 'the name asked for')}`
    )
  if (code === 'CERT_HAS_EXPIRED')
    return failed('expired', `the certificate expired${on(cert?.valid_to)}`)
  if (code === 'CERT_NOT_YET_VALID')
    return failed(
      'expired',
      `the certificate is not valid yet${on(cert?.valid_from, 'valid from')}`
    )
  // What OpenSSL makes of an http answer where a TLS record was due.
  if (/wrong version number|packet length too long/i.test(error.message))
    return failed('not-tls', 'the port answers in plain http, not TLS')
  if (/certificate|SSL|TLS/i.test(`${code} ${error.message}`))
    return tlsError('tls', `TLS failed (${code || error.message})`)
  return undefined
}

function tlsError(
  kind: 'untrusted' | 'wrong-name' | 'expired' | 'not-tls' | 'tls',
  message: string
): TransportError {
  return new TransportError(kind, false, message)
}

const MAX_NAMES = 8

/** `localhost, 127.0.0.1`: the names a certificate holds (its CN without any). */
function namesIn(cert: PeerCertificate | undefined): string {
  const names = (cert?.subjectaltname ?? '')
    .split(', ')
    .map((n) => n.replace(/^(DNS|IP Address):/, ''))
    .filter((n) => n !== '')
  if (names.length === 0 && typeof cert?.subject?.CN === 'string')
    names.push(cert.subject.CN)
  if (names.length === 0) return 'other names'
  const more = names.length - MAX_NAMES
  const shown = names.slice(0, MAX_NAMES).join(', ')
  return shownText(more > 0 ? `${shown} and ${more} more` : shown)
}

/** ` on 2026-12-06T08:06:11.000Z` (or `, valid from …`); nothing when the date is unknown. */
function on(text: string | undefined, lead = 'on'): string {
  const date = new Date(text ?? '')
  if (Number.isNaN(date.getTime())) return ''
  return lead === 'on'
    ? ` on ${date.toISOString()}`
    : `, ${lead} ${date.toISOString()}`
}
