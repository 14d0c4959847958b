/**
 * `npm run docs`: regenerates the Inputs and Outputs tables of README.md
 * from action.yml. The docs test fails while the two disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { withActionTables } from './tables.js'

const readme = readFileSync('README.md', 'utf8')
const updated = withActionTables(readme, readFileSync('action.yml', 'utf8'))
if (updated === readme) {
  console.log('README.md: the Inputs and Outputs tables match action.yml.')
} else {
  writeFileSync('README.md', updated)
  console.log('README.md: regenerated the Inputs and Outputs tables.')
}
