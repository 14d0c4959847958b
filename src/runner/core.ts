import * as core from '@actions/core'
import type { RunnerPort } from './port.js'

/** The runner port on `@actions/core`: the runner the action really has. */
export function coreRunner(): RunnerPort {
  return {
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
    writeSummary
  }
}

/** A heading and a Field/Value table in the job summary, when the runner offers one. */
async function writeSummary(
  heading: string,
  rows: [string, string][]
): Promise<void> {
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

/** Summary cells are HTML; usernames and purposes are not. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
