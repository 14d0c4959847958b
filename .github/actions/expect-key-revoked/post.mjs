// Runs after the action's own post step (see action.yml). The key is the one
// the action exported; a 401 with it means the post step revoked it.
const url = process.env.OCTOPUS_URL
const key = process.env.OCTOPUS_API_KEY
if (!url || !key) {
  console.log(
    '::error::OCTOPUS_URL or OCTOPUS_API_KEY is not set: did the action run with export_env: true?'
  )
  process.exit(1)
}
const response = await fetch(`${url}/api/users/me`, {
  headers: { 'X-Octopus-ApiKey': key }
})
if (response.status !== 401) {
  console.log(
    `::error::GET /api/users/me with the new key answered ${response.status}, not 401: the post step did not revoke it.`
  )
  process.exit(1)
}
console.log(
  'GET /api/users/me with the new key answered 401: the post step revoked it.'
)
