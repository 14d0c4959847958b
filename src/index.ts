// The bundle the runner runs, dist/index.js, for both steps of the action.
// The main step leaves a marker in the runner's state, so the bundle knows
// it is the post step when the runner starts it again.
import { run as runMain } from './entry/main.js'
import { run as runPost } from './entry/post.js'
import { coreRunner } from './runner/core.js'
import { enterPhase } from './runner/state.js'

await (enterPhase(coreRunner()) === 'post' ? runPost() : runMain())
