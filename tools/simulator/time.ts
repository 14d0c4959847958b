// Octopus serialises DateTimeOffset with milliseconds and a colon offset
// ("2018-12-31T13:38:39.440+00:00"; docs/octopus-api.md, Timestamps and
// ids). We always answer in UTC.

export const DAY_MS = 24 * 60 * 60 * 1000

export function octopusTime(date: Date): string {
  return date.toISOString().replace(/Z$/, '+00:00')
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS)
}
