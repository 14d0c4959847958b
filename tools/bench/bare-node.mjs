// The floor of the depth and link runs: the action's requests and nothing
// else, in bare Node (no inputs, checks, masking, outputs or retries), over
// http or https (trusting what NODE_EXTRA_CA_CERTS names). What it spends
// over the round trips is what any Node process spends on its first HTTP
// exchanges, so the action's depth is read against it. A rotation sends two
// requests side by side, so like the action it opens its second connection
// with its first.
//   node bare-node.mjs URL API_KEY USERNAME [PURPOSE [rotate]]
// Without PURPOSE it exits at once, as the action does when validation fails.
import http from 'node:http'
import https from 'node:https'

const [url, apiKey, username, purpose, rotate] = process.argv.slice(2)
if (purpose === undefined) {
  process.exitCode = 1
} else {
  await run()
}

async function run() {
  const client = url.startsWith('https:') ? https : http
  const agent = new client.Agent({ keepAlive: true })
  if (rotate === 'rotate') openSecondAhead(agent)
  const send = (method, path, body) =>
    new Promise((resolve, reject) => {
      const request = client.request(new URL(path, url), {
        agent,
        method,
        headers: {
          'X-Octopus-ApiKey': apiKey,
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
  // Who the credential is beside the lookup, then its keys: when it expires.
  const [users] = await Promise.all([
    send(
      'GET',
      `/api/users?filter=${encodeURIComponent(username)}&skip=0&take=100`
    ),
    send('GET', '/api/users/me').then((me) =>
      send('GET', `/api/users/${me.Id}/apikeys?skip=0&take=100`)
    )
  ])
  const user = users.Items.find((u) => u.Username === username)
  const keys = `/api/users/${user.Id}/apikeys`
  const expires = new Date(Date.now() + 86_400_000).toISOString()
  const [created, listing] = await Promise.all([
    send('POST', keys, JSON.stringify({ Purpose: purpose, Expires: expires })),
    rotate === 'rotate' ? send('GET', `${keys}?skip=0&take=100`) : undefined
  ])
  const older = (listing?.Items ?? []).filter(
    (k) => k.Purpose === purpose && k.Id !== created.Id
  )
  await Promise.all(older.map((k) => send('DELETE', `${keys}/${k.Id}`)))
  agent.destroy()
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
