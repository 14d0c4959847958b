// Nothing to do yet: the key does not exist. The check is in post.mjs.
console.log('Will check at the end of the job that the new key was revoked.')
