// What the command line prints when the simulator starts: enough to use it
// without reading seed.ts, and a .env block for `npm run local-action`.
import type { DefaultSeed, SeedCredential, SeedUser } from './types.js'

/**
 * The `INPUT_*` lines `npm run local-action` reads from .env: the admin key
 * creates a key for svc-deploy, and the post step revokes it.
 */
export function envBlock(url: string, seed: DefaultSeed): string[] {
  return [
    `INPUT_SERVER=${url}`,
    `INPUT_API_KEY=${seed.adminKey}`,
    'INPUT_USERNAME=svc-deploy',
    'INPUT_PURPOSE=npm run local-action',
    'INPUT_REVOKE_AFTER_JOB=true'
  ]
}

/** The lines printed once the simulator listens on `url`. */
export function startBanner(
  url: string,
  seed: DefaultSeed,
  extraUsers: number
): string[] {
  const more = extraUsers > 0 ? [`  and ${extraUsers} more (--users)`] : []
  return [
    `Octopus simulator listening on ${url}`,
    '',
    'Credentials (fixed and fake: valid against this simulator only):',
    ...seed.credentials.flatMap((c) => credentialLines(c, seed.users)),
    '',
    'Users:',
    ...seed.users.map(userLine),
    ...more,
    '',
    'For `npm run local-action` (the action from src/, with its post step),',
    'put these lines in .env (.env.example holds them for port 8065):',
    '',
    ...envBlock(url, seed),
    '',
    'Ctrl+C stops it.'
  ]
}

function credentialLines(
  credential: Required<SeedCredential>,
  users: SeedUser[]
): string[] {
  const user = users.find((u) => u.id === credential.userId)
  const owner = `${user?.username ?? '?'} (${credential.userId})`
  const what =
    credential.kind === 'apikey'
      ? `API key of ${owner}: ${powersOf(user)}`
      : `access token of ${owner}, as OctopusDeploy/login gets one`
  return [`  ${what}`, `    ${credential.value}`]
}

function powersOf(user: SeedUser | undefined): string {
  if (user?.canEditUsers) return 'views users, makes keys for service accounts'
  if (user?.canViewUsers) return 'views users'
  return 'its own keys only'
}

function userLine(user: SeedUser): string {
  const kind = [
    user.isService ? 'service account' : 'user',
    ...(user.isActive === false ? ['inactive'] : [])
  ].join(', ')
  const name = JSON.stringify(user.username)
  return `  ${(user.id ?? '').padEnd(9)} ${name.padEnd(24)} ${kind}`
}
