import { messageOf } from './errors.js'
import { isUnread } from './lookup.js'
import type { ApiKeyCreated, User } from './octopus/resources.js'
import type { Logger, RunnerPort } from './runner/port.js'
import type { Settings } from './settings/settings.js'

/** What the run produced, for outputs, the environment and the summary. */
export interface Outcome {
  user: User
  key: ApiKeyCreated
  revoked: string[]
  /** Older keys that rotation left live (`keep_previous`). */
  kept: string[]
}

/**
 * Hands the (already masked) key on: step outputs, optionally the
 * environment, and a job summary that never holds the key.
 */
export async function publish(
  runner: RunnerPort,
  settings: Settings,
  outcome: Outcome,
  log: Logger
): Promise<void> {
  const { user, key, revoked } = outcome
  runner.setOutput('api_key', key.ApiKey)
  runner.setOutput('api_key_id', key.Id)
  runner.setOutput('user_id', user.Id)
  runner.setOutput('username', user.Username)
  runner.setOutput('expires', key.Expires ?? '')
  runner.setOutput('revoked_ids', revoked.join(','))
  if (settings.exportEnv) {
    runner.exportVariable('OCTOPUS_URL', settings.server)
    runner.exportVariable('OCTOPUS_API_KEY', key.ApiKey)
  }
  if (settings.summary) {
    // The key is already handed on; a summary that cannot be written is not
    // worth revoking it for.
    try {
      await runner.writeSummary(
        'Octopus API key created',
        summaryRows(settings, outcome)
      )
    } catch (error) {
      log.warning(`Could not write the job summary: ${messageOf(error)}`)
    }
  }
}

/** The job summary's rows: metadata only, never a credential. */
export function summaryRows(
  settings: Settings,
  { user, key, revoked, kept }: Outcome
): [string, string][] {
  const keptRow: [string, string][] =
    settings.revokePrevious && settings.keepPrevious > 0
      ? [['Kept (keep_previous)', kept.length > 0 ? kept.join(', ') : 'none']]
      : []
  return [
    ['Server', new URL(settings.server).host],
    ['Account', accountRow(user)],
    ['Key id', key.Id],
    ['Purpose', key.Purpose || settings.purpose],
    ['Expires', key.Expires ?? 'never'],
    ['Revoked', revoked.length > 0 ? revoked.join(', ') : 'none'],
    ...keptRow,
    ['Revoked when the job ends', settings.revokeAfterJob ? 'yes' : 'no'],
    [
      'Exported to the environment',
      settings.exportEnv ? 'OCTOPUS_URL, OCTOPUS_API_KEY' : 'no'
    ]
  ]
}

/** The account as the summary shows it; by id alone when its record was not read. */
function accountRow(user: User): string {
  if (isUnread(user)) return `${user.Id} (named by user_id)`
  return `${user.Username} (${user.Id}${user.IsService ? ', service account' : ''})`
}
