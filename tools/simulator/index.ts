// Public entry point of the Octopus Deploy server simulator. The CLI lives in
// cli.ts and is deliberately not re-exported (see the note there).
export { startSimulator, DEFAULT_VERSION } from './server.js'
export { defaultSeed, manyUsers } from './seed.js'
export { API_KEY_PATTERN, KEY_ID_PATTERN } from './ids.js'
export type {
  ApiKeyRecord,
  ConnectionRecord,
  DefaultSeed,
  Fault,
  FaultRule,
  RequestRecord,
  SeedCredential,
  SeedUser,
  Simulator,
  SimulatorOptions
} from './types.js'
