import * as core from '@actions/core'
import { createHttpTransport } from './http/transport.js'
import { run } from './main.js'
import { ActionError, messageOf } from './octopus/errors.js'
import { post } from './post.js'
import type { Deps, Runner } from './runner.js'
import { Secrets } from './secrets.js'

const USER_AGENT = 'octopus-create-api-key-action/0.1'

const runner: Runner = {
  getInput: (name) => core.getInput(name),
  getState: (name) => core.getState(name),
  saveState: (name, value) => core.saveState(name, value),
  setSecret: (value) => core.setSecret(value),
  setOutput: (name, value) => core.setOutput(name, value),
  exportVariable: (name, value) => core.exportVariable(name, value),
  debug: (m) => core.debug(m),
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  setFailed: (m) => core.setFailed(m),
  async writeSummary(heading, rows) {
    // core.summary throws when the runner offers no summary file.
    if (!process.env.GITHUB_STEP_SUMMARY) return
    await core.summary
      .addHeading(heading, 3)
      .addTable([
        [
          { data: 'Field', header: true },
          { data: 'Value', header: true }
        ],
        ...rows.map(([field, value]) => [field, escapeHtml(value)])
      ])
      .write()
  }
}

const secrets = new Secrets((value) => core.setSecret(value))
const deps: Deps = {
  runner,
  env: process.env,
  secrets,
  transport: (timeoutSeconds) =>
    createHttpTransport(USER_AGENT, timeoutSeconds * 1000),
  clock: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random
}

// One bundle serves both phases; the main phase leaves a marker for the post.
const isPost = core.getState('isPost') === 'true'
if (!isPost) core.saveState('isPost', 'true')
try {
  await (isPost ? post(deps) : run(deps))
} catch (error) {
  // Our own errors are written for the user; anything else is a bug to report.
  const message =
    error instanceof ActionError
      ? error.message
      : `Unexpected error, please report it: ${messageOf(error)}`
  if (error instanceof Error && !(error instanceof ActionError))
    core.debug(secrets.redact(error.stack ?? ''))
  core.setFailed(secrets.redact(message))
}

/** Summary cells are HTML; usernames and purposes are not. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
