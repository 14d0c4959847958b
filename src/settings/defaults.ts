/**
 * The default of every input that has one, as `action.yml` declares it. The
 * runner fills these in itself; the action falls back to them when an input
 * comes through empty. A unit test holds this table to `action.yml`.
 * `expires` has none there: its default depends on other inputs (see
 * `defaultExpiry`), so an empty `expires` must reach the action as empty.
 */
export const DEFAULTS = {
  summary: 'true',
  revoke_previous: 'false',
  keep_previous: '0',
  revoke_after_job: 'false',
  export_env: 'false',
  timeout_seconds: '30',
  max_attempts: '3',
  allow_insecure_http: 'false'
} as const

export type InputWithDefault = keyof typeof DEFAULTS
