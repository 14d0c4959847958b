import { CREDENTIAL_SHAPES, echoesOf } from './credential/credential.js'

/**
 * The one place that masks. Every credential (the admin key, the access
 * token, the new key) is registered here the moment it is known: the runner is
 * told to mask it, and every message the action builds is passed through
 * `redact` so a secret cannot leak even where the runner would not mask it
 * (a value echoed back by the server inside an error body, for instance).
 */
export class Secrets {
  readonly #values = new Set<string>()
  readonly #mask: (value: string) => void

  constructor(mask: (value: string) => void) {
    this.#mask = mask
  }

  /**
   * Registers a secret, and the other forms it may be echoed in (see
   * `echoesOf`), with the runner (`::add-mask::`) and for redaction.
   */
  register(value: string): void {
    for (const form of [value, ...echoesOf(value)]) {
      if (form === '' || this.#values.has(form)) continue
      this.#values.add(form)
      this.#mask(form)
    }
  }

  /** Replaces known secrets, and anything shaped like a key or a token, with ***. */
  redact(text: string): string {
    let out = text
    // Longest first, so a secret that contains another is masked whole.
    const values = [...this.#values].sort((a, b) => b.length - a.length)
    for (const value of values) out = out.split(value).join('***')
    // A server may echo part of a credential back; mask the shapes too.
    for (const [shape, shown] of CREDENTIAL_SHAPES)
      out = out.replace(shape, shown)
    return out
  }
}
