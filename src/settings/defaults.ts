/**
 * The default of every input that has one, as `action.yml` declares it. The
 * runner fills these in itself; the action falls back to them when an input
 * comes through empty. A unit test holds this table to `action.yml`.
 */
export const DEFAULTS = {
  expires: '180d',
  summary: 'true',
  revoke_previous: 'false',
  revoke_after_job: 'false',
  export_env: 'false',
  timeout_seconds: '30',
  max_attempts: '3',
  allow_insecure_http: 'false'
} as const

export type InputWithDefault = keyof typeof DEFAULTS
