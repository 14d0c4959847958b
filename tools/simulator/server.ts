// startSimulator: the simulator put together from its parts (options, state,
// recorder, dispatch, faults, listener) behind the `Simulator` interface.
// It binds to loopback only.
import { dispatcher } from './dispatch.js'
import { defaultExpires } from './expiry.js'
import { FaultQueue } from './faults.js'
import { requestListener, type Parts } from './handle-request.js'
import { Lifetime } from './lifetime.js'
import { listen, type Listener } from './listener.js'
import { settingsOf } from './options.js'
import { Recorder } from './recorder.js'
import { defaultSeed } from './seed.js'
import { SimulatorState, toApiKeyRecord } from './state.js'
import type { SeedCredential, Simulator, SimulatorOptions } from './types.js'

export { DEFAULT_VERSION } from './options.js'

export async function startSimulator(
  options: SimulatorOptions = {}
): Promise<Simulator> {
  const settings = settingsOf(options)
  const state = new SimulatorState()
  seedState(state, options)
  const recorder = new Recorder()
  const parts: Parts = {
    settings,
    dateHeader: options.dateHeader,
    recorder,
    faults: new FaultQueue(),
    execute: dispatcher(state, settings.config),
    lifetime: new Lifetime()
  }
  const listener = await listen(
    { ...settings, tls: options.tls, onConnection: (s) => recorder.opened(s) },
    requestListener(parts)
  )
  return simulator(parts, state, listener)
}

function simulator(
  { settings, recorder, faults, lifetime }: Parts,
  state: SimulatorState,
  listener: Listener
): Simulator {
  let closing: Promise<void> | undefined
  return {
    url: `${listener.origin}${settings.config.prefix}`,
    port: listener.port,
    origin: listener.origin,
    requests: recorder.requests,
    connections: recorder.connections,
    inject: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    resetRequests: () => recorder.reset(),
    addUser: (user) => state.addUser(user).id,
    addCredential: (cred) => state.addCredential(cred),
    keysOf: (userId, opts) =>
      state.keysOf(userId, opts?.includeRevoked ?? false).map(toApiKeyRecord),
    liveKeyCount: (userId) => state.liveKeyCount(userId),
    createKeyDirectly: (userId, purpose, opts) => {
      const created = opts?.created ?? new Date()
      const expires =
        opts?.expires !== undefined
          ? opts.expires
          : defaultExpires(settings.config.expiry, created, false)
      const { key, apiKey } = state.createKey(userId, purpose, created, expires)
      return { id: key.id, apiKey }
    },
    close: () => {
      lifetime.close()
      closing ??= listener.close()
      return closing
    }
  }
}

/**
 * Users from the options (default seed otherwise). Without explicit
 * credentials, the default seed's credentials are kept for those of its users
 * that are present unchanged (same id and username).
 */
function seedState(state: SimulatorState, options: SimulatorOptions): void {
  const defaults = defaultSeed()
  for (const user of options.users ?? defaults.users) state.addUser(user)
  const credentials: SeedCredential[] =
    options.credentials ??
    defaults.credentials.filter((cred) => {
      const present = state.getUser(cred.userId)
      const original = defaults.users.find((u) => u.id === cred.userId)
      return present && original && present.username === original.username
    })
  for (const cred of credentials) state.addCredential(cred)
}
