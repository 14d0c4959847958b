import { messageOf } from './errors.js'
import type { ApiKeyCreated } from './octopus/resources.js'
import type { Logger } from './runner/logger.js'
import type { RunnerPort } from './runner/port.js'
import type { Settings } from './settings/settings.js'
import { accountOf, type Account } from './users/account.js'

/** What the run produced, for outputs, the environment and the summary. */
export interface Handover {
  account: Account
  key: ApiKeyCreated
  revoked: string[]
  /** Older keys that rotation left live (`keep_previous`). */
  kept: string[]
  /** When the credential that created the key expires, if it does and that is known. */
  creatorExpires?: Date
}

/**
 * Hands the (already masked) key on: step outputs, optionally the
 * environment, and a job summary that never holds the key.
 */
export async function publish(
  runner: RunnerPort,
  settings: Settings,
  handover: Handover,
  log: Logger
): Promise<void> {
  const { account, key, revoked } = handover
  runner.setOutput('api_key', key.ApiKey)
  runner.setOutput('api_key_id', key.Id)
  runner.setOutput('user_id', account.id)
  runner.setOutput('username', account.user?.Username ?? '')
  runner.setOutput('expires', key.Expires ?? '')
  runner.setOutput('revoked_ids', revoked.join(','))
  runner.setOutput(
    'credential_expires',
    handover.creatorExpires?.toISOString() ?? ''
  )
  if (settings.exportEnv) exportEnv(runner, settings, handover, log)
  if (settings.summary) {
    // The key is already handed on; a summary that cannot be written is not
    // worth revoking it for.
    try {
      await runner.writeSummary(
        'Octopus API key created',
        summaryRows(settings, handover)
      )
    } catch (error) {
      log.warning(`Could not write the job summary: ${messageOf(error)}`)
    }
  }
}

/**
 * The server and the new key for later steps. An access token from
 * OctopusDeploy/login is exported empty: tools that find both send both,
 * and which one Octopus honours is not documented.
 */
function exportEnv(
  runner: RunnerPort,
  settings: Settings,
  { account, key }: Handover,
  log: Logger
): void {
  runner.exportVariable('OCTOPUS_URL', settings.server)
  runner.exportVariable('OCTOPUS_API_KEY', key.ApiKey)
  if (!settings.clearAccessToken) return
  runner.exportVariable('OCTOPUS_ACCESS_TOKEN', '')
  log.info(
    `export_env: OCTOPUS_ACCESS_TOKEN was set, so it is exported empty beside OCTOPUS_API_KEY: later steps act as ${accountOf(account)}, the new key's account, not as the access token's.`
  )
}

/** The job summary's rows: metadata only, never a credential. */
export function summaryRows(
  settings: Settings,
  { account, key, revoked, kept, creatorExpires }: Handover
): [string, string][] {
  const keptRow: [string, string][] =
    settings.revokePrevious && settings.keepPrevious > 0
      ? [['Kept (keep_previous)', kept.length > 0 ? kept.join(', ') : 'none']]
      : []
  return [
    ['Server', new URL(settings.server).host],
    ['Account', accountRow(account)],
    ['Key id', key.Id],
    ['Purpose', key.Purpose || settings.purpose],
    ['Expires', key.Expires ?? 'never (the server ignored the expiry)'],
    ['Revoked', revoked.length > 0 ? revoked.join(', ') : 'none'],
    ...keptRow,
    ['Revoked when the job ends', settings.revokeAfterJob ? 'yes' : 'no'],
    ...creatorRow(creatorExpires),
    ['Exported to the environment', exportedRow(settings)]
  ]
}

function creatorRow(expires: Date | undefined): [string, string][] {
  return expires ? [['Creating credential expires', expires.toISOString()]] : []
}

function exportedRow(settings: Settings): string {
  if (!settings.exportEnv) return 'no'
  const exported = 'OCTOPUS_URL, OCTOPUS_API_KEY'
  return settings.clearAccessToken
    ? `${exported}; OCTOPUS_ACCESS_TOKEN emptied`
    : exported
}

/** The account as the summary shows it; by id alone when its record was not read. */
function accountRow({ id, user }: Account): string {
  if (user === undefined) return `${id} (named by user_id)`
  return `${user.Username} (${id}${user.IsService ? ', service account' : ''})`
}
