/**
 * `npm run demo`: the action against the built-in Octopus simulator, as a
 * user would see it in a workflow log. It runs the committed bundle
 * (dist/index.js) the way the runner does, then the post step, and checks
 * that the key it handed on really works. Needs no install step.
 */
import { parseArgs } from 'node:util'
import { runStep } from '../harness/run-action.js'
import { renderLog, renderSummary } from '../harness/runner-view.js'
import { defaultSeed, startSimulator } from '../simulator/index.js'

const HELP = `Usage: npm run demo [-- --help]

Runs the committed action, dist/index.js, the way a workflow runner does,
against the built-in Octopus simulator on 127.0.0.1, with no install: the
main step creates an API key for svc-deploy (with revoke_after_job), then the
demo shows the step log, outputs and job summary as a workflow run shows
them, checks that the key is masked and works, and runs the post step, which
revokes it. It exits 1 if a check fails. It takes no options.`

const options = { help: { type: 'boolean', short: 'h' } } as const
let args
try {
  args = parseArgs({ options }).values
} catch (e) {
  console.error(`${e instanceof Error ? e.message : String(e)}\n\n${HELP}`)
  process.exit(2)
}
if (args.help) {
  console.log(HELP)
  process.exit(0)
}

const seed = defaultSeed()
const sim = await startSimulator({
  users: seed.users,
  credentials: seed.credentials
})
let failed = false
const check = (ok: boolean, what: string): void => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`)
  if (!ok) failed = true
}

try {
  console.log(`Octopus simulator listening on ${sim.url}\n`)
  const inputs = {
    server: sim.url,
    api_key: seed.adminKey,
    username: 'svc-deploy',
    purpose: 'demo: deploy from GitHub Actions',
    expires: '30d',
    revoke_after_job: 'true'
  }
  console.log('Step "Create Octopus API key" (dist/index.js), with:')
  for (const [name, value] of Object.entries(inputs))
    console.log(`  ${name}: ${name === 'api_key' ? '***' : value}`)

  const main = await runStep({ inputs })
  console.log('\n--- step log, as the runner shows it ---')
  for (const line of renderLog(main.lines)) console.log(`  ${line}`)
  console.log('\n--- step outputs ---')
  for (const [name, value] of Object.entries(main.outputs))
    console.log(`  ${name}: ${name === 'api_key' ? '*** (masked)' : value}`)
  console.log('\n--- job summary ---')
  for (const line of renderSummary(main.summary)) console.log(`  ${line}`)

  const key = main.outputs.api_key ?? ''
  console.log('\n--- checks ---')
  check(main.exitCode === 0, 'the step succeeded')
  check(
    /^API-[A-Z0-9]+$/.test(key),
    'api_key output holds a key of the form API-…'
  )
  check(
    main.lines.includes(`::add-mask::${key}`),
    'the key was registered as a secret'
  )
  check(
    !main.lines.some((l) => l.includes(key) && l !== `::add-mask::${key}`) &&
      !main.summary.includes(key),
    'the key appears nowhere else in the log or summary'
  )
  const me = await fetch(`${sim.url}/api/users/me`, {
    headers: { 'X-Octopus-ApiKey': key }
  })
  const owner = me.ok
    ? ((await me.json()) as { Username: string }).Username
    : `HTTP ${me.status}`
  check(owner === 'svc-deploy', `the new key authenticates as ${owner}`)

  console.log('\n--- post step (revoke_after_job: true) ---')
  const post = await runStep({ inputs, state: main.state, env: main.env })
  for (const line of renderLog(post.lines)) console.log(`  ${line}`)
  const after = await fetch(`${sim.url}/api/users/me`, {
    headers: { 'X-Octopus-ApiKey': key }
  })
  check(
    post.exitCode === 0 && after.status === 401,
    'the post step revoked the key'
  )
} finally {
  await sim.close()
}
if (failed) {
  console.error('\nThe demo found a problem (see FAIL above).')
  process.exit(1)
}
console.log(
  '\nDone: the action found svc-deploy exactly, created a masked key, handed it on and revoked it at the end of the job.'
)
