import type { Secrets } from '../secrets.js'
import { inertMessage } from '../text.js'

/** Where the action writes its log lines. */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
}

/**
 * Where lines go, and how an error reads in them: `describe` says it with
 * what the run knows (see describe.ts), the same words as when it ends the
 * step.
 */
export interface Speech {
  log: Logger
  describe: (error: unknown) => string
}

/**
 * A logger whose every line passes through the secret redactor, then is
 * made inert (see `inertMessage`): the last line of defence against text
 * that would steer the runner. Info lines are written as they are, so they
 * lose their line breaks; @actions/core escapes those of the others.
 */
export function redactingLogger(runner: Logger, secrets: Secrets): Logger {
  const shown = (m: string, keepLineBreaks: boolean) =>
    inertMessage(secrets.redact(m), keepLineBreaks)
  return {
    debug: (m) => runner.debug(shown(m, true)),
    info: (m) => runner.info(shown(m, false)),
    warning: (m) => runner.warning(shown(m, true))
  }
}
