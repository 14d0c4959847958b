// Command-line start, so a CI workflow can run the simulator in the
// background and read its URL and credentials from a state file.
//
// Not re-exported from index.ts on purpose: the auto-run check below compares
// import.meta.url with the entry script, which would also match if this file
// were bundled into some other program's entry.
import { realpathSync, renameSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { manyUsers, defaultSeed } from './seed.js'
import { startSimulator } from './server.js'
import type { Simulator, SimulatorOptions } from './types.js'

export const USAGE =
  'Usage: npm run simulator -- [--port N] [--users N] [--prefix /octopus] ' +
  '[--latency-ms N] [--state-file path] [--server-version 2026.3.1000] [--help]'

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
      port: count('port', values.port, 65535),
      pathPrefix: values.prefix,
      latencyMs: count('latency-ms', values['latency-ms']),
      version: values['server-version'],
      users: [...seed.users, ...manyUsers(extra)],
      credentials: seed.credentials
    },
    stateFile: values['state-file'],
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
 * Starts the simulator as the command line describes, prints
 * `Octopus simulator listening on <url>` and stops on SIGINT/SIGTERM.
 * With `--help`, prints the usage and starts nothing.
 */
export async function main(
  argv: string[],
  log: (line: string) => void = (line) => console.log(line)
): Promise<Simulator | undefined> {
  const { options, stateFile, help } = parseCli(argv)
  if (help) {
    log(USAGE)
    return undefined
  }
  const sim = await startSimulator(options)
  const seed = defaultSeed()
  if (stateFile) {
    writeStateFile(stateFile, {
      url: sim.url,
      adminKey: seed.adminKey,
      regularKey: seed.regularKey,
      serviceBearer: seed.serviceBearer
    })
  }

  const stop = () => void sim.close()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  const close = sim.close.bind(sim)
  sim.close = () => {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    return close()
  }

  log(`Octopus simulator listening on ${sim.url}`)
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
