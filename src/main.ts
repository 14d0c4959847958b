import { isCredentialKey } from './credential/credential.js'
import { contextOf, describe } from './describe.js'
import { FailedAfterKey, FailedWith, type RunContext } from './errors.js'
import { createKey, type CreateIo, type Made } from './keys/create.js'
import { checkCreator, expiryFor, type Creator } from './keys/creator.js'
import { listKeys } from './keys/list.js'
import { revokeAll } from './keys/revoke.js'
import { rotate } from './keys/rotate.js'
import type { OctopusClient } from './octopus/client.js'
import { createClient } from './octopus/create-client.js'
import type { ApiKey } from './octopus/resources.js'
import { publish } from './report.js'
import { redactingLogger, type Logger, type Speech } from './runner/logger.js'
import { inputsOf, type Deps } from './runner/port.js'
import { saveKeyToRevoke } from './runner/state.js'
import { readSettings, type Settings } from './settings/settings.js'
import { accountOf, type Account } from './users/account.js'
import { findTarget } from './users/lookup.js'

/** One run of the main step: its settings, its outside world, how it speaks. */
interface Run {
  settings: Settings
  deps: Deps
  speech: Speech
  /** What messages may name; the expiry is added once it is chosen. */
  context: RunContext
}

/**
 * The main step: find the account, create the key, mask it, hand it on. A
 * failure leaves with what the run knew, for the edge to say (see
 * describe.ts).
 */
export async function run(deps: Deps): Promise<void> {
  const log = redactingLogger(deps.runner, deps.secrets)
  const settings = readSettings(inputsOf(deps), deps.secrets, deps.clock())
  settings.warnings.forEach((w) => log.warning(w))
  log.debug(
    `server=${settings.server} target=${JSON.stringify(settings.target)} expires=${settings.expires?.date.toISOString() ?? '(default)'}`
  )
  const startedAt = deps.clock()
  const context = contextOf(settings, { token: settings.token, startedAt })
  const speech = { log, describe: (e: unknown) => describe(e, context) }
  const { client, close } = createClient(settings, deps, (m) => log.info(m))
  // Rotation sends requests side by side: open their second connection early.
  if (settings.revokePrevious) client.preconnect(2)
  try {
    await makeKey(client, { settings, deps, speech, context })
  } catch (error) {
    throw new FailedWith(error, context)
  } finally {
    close()
  }
}

/** The flow: the account and the creating credential's expiry, the key, then rotation and hand-over. */
async function makeKey(client: OctopusClient, run: Run): Promise<void> {
  const { settings, deps, speech } = run
  // Time spent from here on is what turns the new key's Created into the
  // server's clock when this run started.
  const firstRequest = deps.monotonic()
  const io = {
    random: deps.random,
    sleep: deps.sleep,
    sinceStart: () => deps.monotonic() - firstRequest
  }
  const { account, creator } = await findAccounts(client, settings)
  const expiry = expiryFor(settings, creator, deps.clock(), speech)
  run.context.expires = expiry.date
  const { made, listing } = await createAndList(
    client,
    { settings, account, expiry, creator },
    { io, secrets: deps.secrets, ...speech }
  )
  await publishOrRevoke(client, { account, made, listing, creator }, run)
}

/**
 * The account the key is for, and the creating credential's expiry: looked
 * up side by side, sharing one look at who the credential is.
 */
async function findAccounts(
  client: OctopusClient,
  settings: Settings
): Promise<{ account: Account; creator: Creator }> {
  const me = once(() => client.me())
  const directory = {
    me,
    usersPage: (filter: string, skip: number) => client.usersPage(filter, skip),
    keysPage: (userId: string, skip: number) => client.keysPage(userId, skip)
  }
  const [found, creator] = await Promise.allSettled([
    findTarget(directory, settings.target),
    checkCreator(directory, settings)
  ])
  if (found.status === 'rejected') throw found.reason
  if (creator.status === 'rejected') throw creator.reason
  return { account: found.value, creator: creator.value }
}

/** A call made once, its promise shared by every caller. */
function once<T>(call: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined
  return () => (promise ??= call())
}

/** What the key is made of: the settings, whose it is, its expiry, and what the creator check listed. */
interface KeyPlan {
  settings: Settings
  account: Account
  expiry: { date: Date; why: string }
  creator: Creator
}

/**
 * Creates the key; with rotation, lists the account's keys meanwhile (or
 * takes them from the creator check, when the account is the credential's
 * own), so that rotation costs one round trip more (the revocations), not
 * two. A failed create still waits for the listing: nothing is left in
 * flight.
 */
async function createAndList(
  client: OctopusClient,
  { settings, account, expiry, creator }: KeyPlan,
  speech: Speech & Pick<Deps, 'secrets'> & { io: CreateIo }
): Promise<{ made: Made; listing: Promise<ApiKey[]> | undefined }> {
  const { io, ...says } = speech
  says.log.info(`Creating an API key for ${accountOf(account)}${expiry.why}.`)
  const request = { account, purpose: settings.purpose, expires: expiry.date }
  const creating = createKey(client, request, io, says)
  const listing = settings.revokePrevious
    ? (listedAlready(creator, account) ?? listKeys(client, account))
    : undefined
  listing?.catch(() => undefined) // awaited once the key exists
  try {
    return { made: await creating, listing }
  } catch (error) {
    await listing?.catch(() => undefined)
    throw error
  }
}

/** The keys the creator check listed, when they are this account's. */
function listedAlready(
  creator: Creator,
  account: Account
): Promise<ApiKey[]> | undefined {
  const listing = creator.listing
  return listing?.user.Id === account.id
    ? Promise.resolve(listing.keys)
    : undefined
}

/** The new key, whose it is, and the rotation listing made alongside it. */
interface NewKey {
  account: Account
  made: Made
  listing: Promise<ApiKey[]> | undefined
  creator: Creator
}

/**
 * Everything after the key exists: rotate, publish, or, if any of that
 * fails, revoke the new key before the error surfaces, so a failed run
 * leaves no live key.
 */
async function publishOrRevoke(
  client: OctopusClient,
  { account, made, listing, creator }: NewKey,
  { settings, deps, speech }: Run
): Promise<void> {
  const { key } = made
  try {
    if (settings.revokeAfterJob)
      saveKeyToRevoke(deps.runner, { keyId: key.Id, userId: account.id })
    if (key.Expires == null) warnNeverExpires(key.Id, settings, speech.log)
    const rotation = {
      account,
      purpose: settings.purpose,
      keep: key.Id,
      runStart: made.runStart,
      keepPrevious: settings.keepPrevious,
      isCredentialKey: isCredentialKey(settings.credential)
    }
    const rotated = listing
      ? await rotate(client, listing, rotation, speech)
      : { revoked: [], kept: [] }
    const creatorExpires = creator.life?.expires
    const outcome = { account, key, ...rotated, creatorExpires }
    await publish(deps.runner, settings, outcome, speech.log)
  } catch (error) {
    const cleanup = await revokeAll(client, account.id, [key.Id])
    throw new FailedAfterKey(error, key.Id, cleanup.failed.length === 0)
  }
}

/** A server before 2020.6 ignores `Expires`: say so, so that nobody relies on it. */
function warnNeverExpires(
  keyId: string,
  settings: Settings,
  log: Logger
): void {
  const bound = settings.revokeAfterJob
    ? " The post step's revoke at the end of the job is then its only bound."
    : ' Revoke it in Octopus when it is no longer needed.'
  log.warning(
    `Octopus stored no expiry for API key ${keyId}: this server ignores 'expires' (servers before 2020.6 do), so the key never expires.${bound}`
  )
}
