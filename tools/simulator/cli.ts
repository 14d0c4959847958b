// Command line: `npm run simulator` runs its committed bundle,
// dist/simulator/index.js, with no install. A CI workflow can run it in the
// background and read its URL and credentials from a state file.
//
// Not re-exported from index.ts on purpose: the auto-run check below compares
// import.meta.url with the entry script, which would also match if this file
// were bundled into some other program's entry.
import { realpathSync, renameSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { startBanner } from './banner.js'
import { manyUsers, defaultSeed } from './seed.js'
import { DEFAULT_VERSION, startSimulator } from './server.js'
import type { Simulator, SimulatorOptions } from './types.js'

/** The port .env.example names; `--port 0` takes any free one. */
export const DEFAULT_PORT = 8065

export const USAGE =
  'Usage: npm run simulator -- [--port N] [--users N] [--prefix /octopus] ' +
  '[--latency-ms N] [--state-file path] [--server-version V] [--help]'

export const HELP = `${USAGE}

A stand-in for an Octopus Deploy server, listening on 127.0.0.1 only: users,
API keys, paging, expiry rules and permissions as this action meets them,
with fixed, fake credentials. It runs from the committed bundle
(dist/simulator/), with no install, until Ctrl+C or SIGTERM.

Options:
  --port N             port to listen on (default ${DEFAULT_PORT}; 0 takes a free one)
  --prefix /octopus    serve under a path prefix, as behind a reverse proxy
  --users N            add N users for paging, all matching "svc-target"
  --latency-ms N       wait N ms before each answer
  --server-version V   act as this Octopus version (default ${DEFAULT_VERSION});
                       the expiry rules differ by version
  --state-file PATH    once listening, write {url, adminKey, regularKey,
                       serviceBearer} to PATH as JSON (mode 0600), for scripts
  -h, --help           print this help and start nothing

On start it prints its URL, the credentials and users, and the lines of .env
that \`npm run local-action\` reads.

Examples:
  npm run simulator
  npm run simulator -- --port 0 --state-file /tmp/simulator.json
  npm run simulator -- --prefix /octopus --users 500 --latency-ms 50`

export interface StateFile {
  url: string
  adminKey: string
  regularKey: string
  serviceBearer: string
}

function count(name: string, raw: string | undefined, max = Infinity) {
  if (raw === undefined) return undefined
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (!(n <= max)) {
    throw new Error(`--${name} must be a whole number up to ${max}\n${USAGE}`)
  }
  return n
}

/** Parses argv (without node and script) into simulator options. */
export function parseCli(argv: string[]): {
  options: SimulatorOptions
  stateFile?: string
  extraUsers: number
  help: boolean
} {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        users: { type: 'string' },
        prefix: { type: 'string' },
        'latency-ms': { type: 'string' },
        'state-file': { type: 'string' },
        'server-version': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    }))
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    throw new Error(`${message}\n${USAGE}`, { cause: e })
  }
  const seed = defaultSeed()
  const extra = count('users', values.users) ?? 0
  return {
    options: {
      port: count('port', values.port, 65535) ?? DEFAULT_PORT,
      pathPrefix: values.prefix,
      latencyMs: count('latency-ms', values['latency-ms']),
      version: values['server-version'],
      users: [...seed.users, ...manyUsers(extra)],
      credentials: seed.credentials
    },
    stateFile: values['state-file'],
    extraUsers: extra,
    help: values.help ?? false
  }
}

/** Written via a temp file + rename so a poller never sees half a file. */
function writeStateFile(path: string, content: StateFile): void {
  const temp = `${path}.${process.pid}.tmp`
  writeFileSync(temp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 })
  renameSync(temp, path)
}

/**
 * Starts the simulator as the command line describes, prints its URL,
 * credentials, users and a .env block, and stops on SIGINT/SIGTERM.
 * With `--help`, prints the help and starts nothing.
 */
export async function main(
  argv: string[],
  log: (line: string) => void = (line) => console.log(line)
): Promise<Simulator | undefined> {
  const { options, stateFile, extraUsers, help } = parseCli(argv)
  if (help) {
    log(HELP)
    return undefined
  }
  const sim = stopOnSignals(await listen(options))
  const seed = defaultSeed()
  if (stateFile) {
    writeStateFile(stateFile, {
      url: sim.url,
      adminKey: seed.adminKey,
      regularKey: seed.regularKey,
      serviceBearer: seed.serviceBearer
    })
  }
  startBanner(sim.url, seed, extraUsers).forEach((line) => log(line))
  return sim
}

/** Starts the simulator; a port in use is an error that says what to do. */
async function listen(options: SimulatorOptions): Promise<Simulator> {
  try {
    return await startSimulator(options)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e
    throw new Error(
      `Port ${options.port} is in use, perhaps by a simulator already running. ` +
        'Stop that one, or pass --port N (0 takes a free port) and use the URL it prints.',
      { cause: e }
    )
  }
}

/** Closes the simulator on SIGINT/SIGTERM; closing it removes the handlers. */
function stopOnSignals(sim: Simulator): Simulator {
  const stop = () => void sim.close()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  const close = sim.close.bind(sim)
  sim.close = () => {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    return close()
  }
  return sim
}

function invokedDirectly(): boolean {
  const entry = process.argv[1]
  if (!entry) return false
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href
  } catch {
    return false
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e))
    process.exitCode = 1
  })
}
