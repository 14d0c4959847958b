// Server version parsing and the feature gates of docs/octopus-api.md,
// Expiry by server version.

export type VersionTuple = readonly [number, number, number]

/** '2026.3.1000' or '2020.5.0-rc.4' -> [2026, 3, 1000]; missing parts are 0. */
export function parseVersion(version: string): VersionTuple {
  const core = version.trim().split(/[-+]/)[0] ?? ''
  const parts = core.split('.').map((p) => Number.parseInt(p, 10))
  if (parts.length === 0 || parts.some((p) => !Number.isFinite(p) || p < 0)) {
    throw new Error(`Invalid server version '${version}'`)
  }
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0]
}

export function atLeast(v: VersionTuple, major: number, minor: number) {
  return v[0] > major || (v[0] === major && v[1] >= minor)
}

export interface Features {
  /** 2020.6+: keys carry Expires, validated against past and caller expiry. */
  expiry: boolean
  /** 2023.2+: the UserApiKeysEnabled setting exists. */
  userApiKeySetting: boolean
  /** 2025.4+: default/maximum expiry; "never" no longer possible. */
  maxExpiry: boolean
}

export function featuresOf(version: string): Features {
  const v = parseVersion(version)
  return {
    expiry: atLeast(v, 2020, 6),
    userApiKeySetting: atLeast(v, 2023, 2),
    maxExpiry: atLeast(v, 2025, 4)
  }
}
