// A throwaway self-signed certificate for the loopback names, made with the
// openssl command line, for serving the simulator over https. The action
// trusts it through NODE_EXTRA_CA_CERTS, as it would a private CA.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export interface Certificate {
  key: string
  cert: string
  /** A PEM file holding `cert`, for NODE_EXTRA_CA_CERTS. */
  caFile: string
  /** Deletes the files. */
  remove(): void
}

/** A P-256 key and a two-day certificate for localhost, 127.0.0.1 and ::1. */
export function throwawayCertificate(): Certificate {
  const dir = mkdtempSync(path.join(tmpdir(), 'octopus-cert-'))
  const [caFile, keyFile] = [
    path.join(dir, 'cert.pem'),
    path.join(dir, 'key.pem')
  ]
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-nodes', '-days', '2', '-subj', '/CN=localhost'],
      ...['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'],
      ...['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1'],
      ...['-keyout', keyFile, '-out', caFile]
    ],
    { stdio: 'ignore' }
  )
  return {
    key: readFileSync(keyFile, 'utf8'),
    cert: readFileSync(caFile, 'utf8'),
    caFile,
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}
