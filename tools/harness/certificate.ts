// A throwaway self-signed certificate, made with the openssl command line,
// for serving the simulator over https: for the loopback names unless told
// otherwise, or already expired. The action
// trusts it through NODE_EXTRA_CA_CERTS, as it would a private CA.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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

/** What the certificate is made out for, and whether it is already expired. */
export interface CertificateOptions {
  /** DNS names and IP addresses; default localhost, 127.0.0.1 and ::1. */
  names?: readonly string[]
  /** Valid until a day before it was made (openssl x509 -days -1). */
  expired?: boolean
}

/** A P-256 key and a two-day certificate, by default for the loopback names. */
export function throwawayCertificate(
  options: CertificateOptions = {}
): Certificate {
  const names = options.names ?? ['localhost', '127.0.0.1', '::1']
  const dir = mkdtempSync(path.join(tmpdir(), 'octopus-cert-'))
  const file = (name: string) => path.join(dir, name)
  const [caFile, keyFile] = [file('cert.pem'), file('key.pem')]
  const san = `subjectAltName=${names.map(sanEntry).join(',')}`
  const key = [
    ...['-nodes', '-subj', `/CN=${names[0]}`, '-keyout', keyFile],
    ...['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1']
  ]
  const run = (args: string[]) =>
    execFileSync('openssl', args, { stdio: 'ignore' })
  if (options.expired) {
    // `req -x509` takes no negative -days; a request signed by its own key does.
    writeFileSync(file('san.cnf'), `${san}\n`)
    run(['req', '-new', ...key, '-out', file('request.csr')])
    run([
      ...['x509', '-req', '-in', file('request.csr'), '-signkey', keyFile],
      ...['-days', '-1', '-extfile', file('san.cnf'), '-out', caFile]
    ])
  } else
    run(['req', '-x509', '-days', '2', ...key, '-addext', san, '-out', caFile])
  return {
    key: readFileSync(keyFile, 'utf8'),
    cert: readFileSync(caFile, 'utf8'),
    caFile,
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}

/** `DNS:name` or `IP:address`, as openssl's subjectAltName takes them. */
function sanEntry(name: string): string {
  return /^[\d.]+$|:/.test(name) ? `IP:${name}` : `DNS:${name}`
}
