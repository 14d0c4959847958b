// Values that look like the real thing (docs/octopus-api.md: Timestamps and
// ids; the key format under Creating a key).
// Runtime values come from node:crypto, as a real server's would.
import { createHash, randomBytes, randomInt } from 'node:crypto'

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export const API_KEY_PATTERN = /^API-[A-Z2-7]{26}$/
export const KEY_ID_PATTERN = /^apikeys-[A-Za-z0-9]{26}$/

/** `API-` + 26 base32 characters, like the gitleaks sample. */
export function randomApiKey(): string {
  // 256 is a multiple of 32, so masking keeps the distribution uniform.
  const chars = Array.from(randomBytes(26), (b) => BASE32[b & 31])
  return `API-${chars.join('')}`
}

/** `apikeys-` + 26 mixed-case alphanumerics. */
export function randomKeyId(): string {
  let id = ''
  for (let i = 0; i < 26; i++) id += ALNUM[randomInt(ALNUM.length)]
  return `apikeys-${id}`
}

/** A JWT-shaped access token (header.payload.signature, base64url). */
export function jwtLike(claims: Record<string, unknown>, signature?: Buffer) {
  const part = (v: unknown) =>
    Buffer.from(JSON.stringify(v)).toString('base64url')
  const sig = (signature ?? randomBytes(32)).toString('base64url')
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${sig}`
}

export function randomBearer(subject: string, expires: Date | null): string {
  const now = Math.floor(Date.now() / 1000)
  return jwtLike({
    iss: 'octopus-simulator',
    sub: subject,
    iat: now,
    exp: expires ? Math.floor(expires.getTime() / 1000) : now + 3600,
    jti: randomBytes(12).toString('hex')
  })
}

/** Credentials are looked up by hash so plaintext is not kept around. */
export function credentialHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex')
}
