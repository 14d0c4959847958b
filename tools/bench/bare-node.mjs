// The floor of the depth runs: the action's requests for the same inputs and
// nothing else, in bare Node (no checks, masking, outputs or retries), over
// http or https (trusting what NODE_EXTRA_CA_CERTS names). What it spends
// over the round trips is what any Node process spends on its first HTTP
// exchanges, so the action's depth is read against it. As the action does:
// an API key's own keys are listed beside the lookup (when it expires), an
// access token is not looked at, and a rotation opens its second connection
// with its first.
//   node bare-node.mjs --server URL (--api_key K | --access_token T)
//     (--username U | --user_id ID) [--purpose P] [--revoke_previous true]
// Without a purpose it exits at once, as the action does when validation fails.
import http from 'node:http'
import https from 'node:https'
import { parseArgs } from 'node:util'

const text = { type: 'string', default: '' }
const { values: input } = parseArgs({
  options: {
    server: text,
    api_key: text,
    access_token: text,
    username: text,
    user_id: text,
    purpose: text,
    revoke_previous: text
  }
})
if (input.purpose === '') {
  process.exitCode = 1
} else {
  await run()
}

async function run() {
  const client = input.server.startsWith('https:') ? https : http
  const agent = new client.Agent({ keepAlive: true })
  const rotate = input.revoke_previous === 'true'
  if (rotate) openSecondAhead(agent)
  const credential =
    input.api_key !== ''
      ? { 'X-Octopus-ApiKey': input.api_key }
      : { Authorization: `Bearer ${input.access_token}` }
  const send = (method, path, body) =>
    new Promise((resolve, reject) => {
      const request = client.request(new URL(path, input.server), {
        agent,
        method,
        headers: {
          ...credential,
          Accept: 'application/json',
          ...(body && { 'Content-Type': 'application/json' })
        }
      })
      request.on('error', reject)
      request.on('response', (response) => {
        const chunks = []
        response.on('data', (chunk) => chunks.push(chunk))
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          if (response.statusCode >= 300)
            reject(new Error(`${method} ${path}: ${response.statusCode}`))
          else resolve(text === '' ? undefined : JSON.parse(text))
        })
      })
      request.end(body)
    })
  const [userId] = await Promise.all([
    input.user_id || findUser(send, input.username),
    input.api_key && creatorKeys(send)
  ])
  const keys = `/api/users/${userId}/apikeys`
  // An hour: within the life of every creating credential it is given.
  const expires = new Date(Date.now() + 3_600_000).toISOString()
  const [created, listing] = await Promise.all([
    send(
      'POST',
      keys,
      JSON.stringify({ Purpose: input.purpose, Expires: expires })
    ),
    rotate ? send('GET', `${keys}?skip=0&take=100`) : undefined
  ])
  const older = (listing?.Items ?? []).filter(
    (k) => k.Purpose === input.purpose && k.Id !== created.Id
  )
  await Promise.all(older.map((k) => send('DELETE', `${keys}/${k.Id}`)))
  agent.destroy()
}

/** The account's id, by its username. */
async function findUser(send, username) {
  const users = await send(
    'GET',
    `/api/users?filter=${encodeURIComponent(username)}&skip=0&take=100`
  )
  return users.Items.find((u) => u.Username === username).Id
}

/** Who the API key is, then its account's keys: where its expiry is. */
async function creatorKeys(send) {
  const me = await send('GET', '/api/users/me')
  return send('GET', `/api/users/${me.Id}/apikeys?skip=0&take=100`)
}

/** Opens a second connection beside the first, and hands it to the next request that needs one. */
function openSecondAhead(agent) {
  const open = agent.createConnection.bind(agent)
  let opened = 0
  let spare
  agent.createConnection = (options, callback) => {
    if (++opened === 1) {
      const first = open(options, callback)
      spare = open({ ...options })
      spare.on('error', () => {})
      return first
    }
    const ready = spare
    spare = undefined
    return ready ?? open(options, callback)
  }
}
