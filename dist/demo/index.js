import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 380:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _harness_run_action_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(398);
/* harmony import */ var _harness_runner_view_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(881);
/* harmony import */ var _simulator_index_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(213);
/**
 * `npm run demo`: the action against the built-in Octopus simulator, as a
 * user would see it in a workflow log. It runs the committed bundle
 * (dist/index.js) the way the runner does, then the post step, and checks
 * that the key it handed on really works. Needs no install step.
 */




const HELP = `Usage: npm run demo [-- --help]

Runs the committed action, dist/index.js, the way a workflow runner does,
against the built-in Octopus simulator on 127.0.0.1, with no install: the
main step creates an API key for svc-deploy (with revoke_after_job), then the
demo shows the step log, outputs and job summary as a workflow run shows
them, checks that the key is masked and works, and runs the post step, which
revokes it. It exits 1 if a check fails. It takes no options.`;
const options = { help: { type: 'boolean', short: 'h' } };
let args;
try {
    args = (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({ options }).values;
}
catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    process.exit(2);
}
if (args.help) {
    console.log(HELP);
    process.exit(0);
}
const seed = (0,_simulator_index_js__WEBPACK_IMPORTED_MODULE_2__/* .defaultSeed */ .pr)();
const sim = await (0,_simulator_index_js__WEBPACK_IMPORTED_MODULE_2__/* .startSimulator */ .rs)({
    users: seed.users,
    credentials: seed.credentials
});
let failed = false;
const check = (ok, what) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok)
        failed = true;
};
try {
    console.log(`Octopus simulator listening on ${sim.url}\n`);
    const inputs = {
        server: sim.url,
        api_key: seed.adminKey,
        username: 'svc-deploy',
        purpose: 'demo: deploy from GitHub Actions',
        expires: '30d',
        revoke_after_job: 'true'
    };
    console.log('Step "Create Octopus API key" (dist/index.js), with:');
    for (const [name, value] of Object.entries(inputs))
        console.log(`  ${name}: ${name === 'api_key' ? '***' : value}`);
    const main = await (0,_harness_run_action_js__WEBPACK_IMPORTED_MODULE_1__/* .runStep */ .eg)({ inputs });
    console.log('\n--- step log, as the runner shows it ---');
    for (const line of (0,_harness_runner_view_js__WEBPACK_IMPORTED_MODULE_3__/* .renderLog */ .N)(main.lines))
        console.log(`  ${line}`);
    console.log('\n--- step outputs ---');
    for (const [name, value] of Object.entries(main.outputs))
        console.log(`  ${name}: ${name === 'api_key' ? '*** (masked)' : value}`);
    console.log('\n--- job summary ---');
    for (const line of (0,_harness_runner_view_js__WEBPACK_IMPORTED_MODULE_3__/* .renderSummary */ .B)(main.summary))
        console.log(`  ${line}`);
    const key = main.outputs.api_key ?? '';
    console.log('\n--- checks ---');
    check(main.exitCode === 0, 'the step succeeded');
    check(/^API-[A-Z0-9]+$/.test(key), 'api_key output holds a key of the form API-…');
    check(main.lines.includes(`::add-mask::${key}`), 'the key was registered as a secret');
    check(!main.lines.some((l) => l.includes(key) && l !== `::add-mask::${key}`) &&
        !main.summary.includes(key), 'the key appears nowhere else in the log or summary');
    const me = await fetch(`${sim.url}/api/users/me`, {
        headers: { 'X-Octopus-ApiKey': key }
    });
    const owner = me.ok
        ? (await me.json()).Username
        : `HTTP ${me.status}`;
    check(owner === 'svc-deploy', `the new key authenticates as ${owner}`);
    console.log('\n--- post step (revoke_after_job: true) ---');
    const post = await (0,_harness_run_action_js__WEBPACK_IMPORTED_MODULE_1__/* .runStep */ .eg)({ inputs, state: main.state, env: main.env });
    for (const line of (0,_harness_runner_view_js__WEBPACK_IMPORTED_MODULE_3__/* .renderLog */ .N)(post.lines))
        console.log(`  ${line}`);
    const after = await fetch(`${sim.url}/api/users/me`, {
        headers: { 'X-Octopus-ApiKey': key }
    });
    check(post.exitCode === 0 && after.status === 401, 'the post step revoked the key');
}
finally {
    await sim.close();
}
if (failed) {
    console.error('\nThe demo found a problem (see FAIL above).');
    process.exit(1);
}
console.log('\nDone: the action found svc-deploy exactly, created a masked key, handed it on and revoked it at the end of the job.');

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 398:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  eg: () => (/* binding */ runStep)
});

// UNUSED EXPORTS: findLeaks, inputVariable, maskedFirst, parseFileCommands, postStepOptions

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./tools/harness/process.ts

/** Spawns with piped output, times spawn → close, and kills what outlives its deadline. */
function timeProcess(command, args, env, killAfterMs) {
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const child = (0,external_node_child_process_namespaceObject.spawn)(command, args, {
            env,
            stdio: ['ignore', 'pipe', 'pipe']
        });
        const out = [];
        const err = [];
        child.stdout.on('data', (chunk) => out.push(chunk));
        child.stderr.on('data', (chunk) => err.push(chunk));
        const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        child.on('error', (error) => {
            clearTimeout(timer);
            reject(error);
        });
        child.on('close', (code) => {
            clearTimeout(timer);
            resolve({
                ms: performance.now() - started,
                code: code ?? -1,
                stdout: Buffer.concat(out).toString('utf8'),
                stderr: Buffer.concat(err).toString('utf8')
            });
        });
    });
}

;// CONCATENATED MODULE: ./tools/harness/run-action.ts




/** The runner's spelling of an input variable: INPUT_ + upper case, spaces to underscores. */
function inputVariable(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
/**
 * Runs the bundled action once, as the runner does: a fresh `node` process,
 * inputs in INPUT_* variables, and the GITHUB_OUTPUT, GITHUB_STATE,
 * GITHUB_ENV and GITHUB_STEP_SUMMARY files, read back afterwards.
 */
async function runStep(options = {}) {
    const dir = await (0,promises_namespaceObject.mkdtemp)(external_node_path_default().join((0,external_node_os_namespaceObject.tmpdir)(), 'octopus-step-'));
    const files = {
        GITHUB_OUTPUT: external_node_path_default().join(dir, 'output'),
        GITHUB_STATE: external_node_path_default().join(dir, 'state'),
        GITHUB_ENV: external_node_path_default().join(dir, 'env'),
        GITHUB_STEP_SUMMARY: external_node_path_default().join(dir, 'summary'),
        GITHUB_PATH: external_node_path_default().join(dir, 'path')
    };
    await Promise.all(Object.values(files).map((f) => (0,promises_namespaceObject.writeFile)(f, '')));
    const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dir,
        RUNNER_TEMP: dir,
        GITHUB_ACTIONS: 'true',
        ...files,
        ...options.env
    };
    for (const [name, value] of Object.entries(options.inputs ?? {}))
        env[inputVariable(name)] = value;
    for (const [name, value] of Object.entries(options.state ?? {}))
        env[`STATE_${name}`] = value;
    const entry = options.entry ?? external_node_path_default().resolve('dist/index.js');
    const result = await timeProcess(options.node ?? process.execPath, [entry], env, options.killAfterMs ?? 120_000);
    const lines = `${result.stdout}\n${result.stderr}`
        .split('\n')
        .filter((l) => l !== '');
    const [outputs, state, exported, summary] = await Promise.all([
        (0,promises_namespaceObject.readFile)(files.GITHUB_OUTPUT, 'utf8').then(parseFileCommands),
        (0,promises_namespaceObject.readFile)(files.GITHUB_STATE, 'utf8').then(parseFileCommands),
        (0,promises_namespaceObject.readFile)(files.GITHUB_ENV, 'utf8').then(parseFileCommands),
        (0,promises_namespaceObject.readFile)(files.GITHUB_STEP_SUMMARY, 'utf8')
    ]);
    await (0,promises_namespaceObject.rm)(dir, { recursive: true, force: true });
    return {
        exitCode: result.code,
        stdout: result.stdout,
        stderr: result.stderr,
        lines,
        outputs,
        state,
        env: exported,
        summary,
        durationMs: result.ms
    };
}
/**
 * The post step of a job, as the runner starts it when the job ends: the
 * main step's saved state, and the env it exported on top of the job's.
 */
function postStepOptions(options, main) {
    return {
        ...options,
        env: { ...options.env, ...main.env },
        state: main.state
    };
}
/**
 * Parses the runner's file-command format: `name<<DELIMITER\nvalue\nDELIMITER`
 * blocks (what @actions/core writes) and plain `name=value` lines.
 */
function parseFileCommands(text) {
    const result = {};
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
        if (heredoc) {
            const [, name, delimiter] = heredoc;
            const value = [];
            for (i++; i < lines.length && lines[i] !== delimiter; i++)
                value.push(lines[i]);
            result[name] = value.join('\n');
        }
        else if (line.includes('=')) {
            const at = line.indexOf('=');
            result[line.slice(0, at)] = line.slice(at + 1);
        }
    }
    return result;
}
/**
 * Every place a secret shows where it must not: any output line other than
 * an `::add-mask::` registration, the summary, the state and the
 * exported environment (unless `allowEnv` names the variable).
 */
function findLeaks(run, secrets, allowEnv = []) {
    const leaks = [];
    for (const secret of secrets.filter((s) => s !== '')) {
        for (const line of run.lines) {
            if (line.includes(secret) && !line.startsWith('::add-mask::'))
                leaks.push(`log: ${line}`);
        }
        if (run.summary.includes(secret))
            leaks.push('summary');
        for (const [name, value] of Object.entries(run.state))
            if (value.includes(secret))
                leaks.push(`state ${name}`);
        for (const [name, value] of Object.entries(run.env))
            if (value.includes(secret) && !allowEnv.includes(name))
                leaks.push(`env ${name}`);
    }
    return leaks;
}
/** True when `::add-mask::secret` comes before any other line that holds the secret. */
function maskedFirst(run, secret) {
    const first = run.lines.findIndex((l) => l.includes(secret));
    return first !== -1 && run.lines[first] === `::add-mask::${secret}`;
}


/***/ }),

/***/ 881:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ renderSummary),
/* harmony export */   N: () => (/* binding */ renderLog)
/* harmony export */ });
/**
 * Renders a step's raw output the way the GitHub runner shows it in the log:
 * values registered with `::add-mask::` become ***, workflow commands become
 * their annotations, and the commands that only talk to the runner vanish
 * (debug lines too, unless step debug logging is on).
 */
function renderLog(lines, options = {}) {
    const masks = lines
        .filter((l) => l.startsWith('::add-mask::'))
        .map((l) => l.slice('::add-mask::'.length))
        .filter((m) => m !== '')
        .sort((a, b) => b.length - a.length);
    const mask = (text) => masks.reduce((out, secret) => out.split(secret).join('***'), text);
    const shown = [];
    for (const line of lines) {
        const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
        if (!command) {
            shown.push(mask(line));
            continue;
        }
        const [, name, message] = command;
        const text = mask(unescape(message));
        if (name === 'error')
            shown.push(`Error: ${text}`);
        else if (name === 'warning')
            shown.push(`Warning: ${text}`);
        else if (name === 'notice')
            shown.push(`Notice: ${text}`);
        else if (name === 'debug' && options.debug)
            shown.push(`##[debug]${text}`);
        // add-mask, save-state, set-output and the like are not shown.
    }
    return shown;
}
/** Undoes @actions/core's escaping of command data. */
function unescape(text) {
    return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
/** The job summary as plain text lines (it is HTML on the runner). */
function renderSummary(html) {
    return html
        .replace(/<\/(h\d|tr)>/g, '\n')
        .replace(/<\/t[hd]>/g, ' | ')
        .replace(/<[^>]+>/g, '')
        .replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))
        .replace(/&amp;/g, '&')
        .split('\n')
        .map((l) => l.trim().replace(/\s*\|\s*$/, ''))
        .filter((l) => l !== '');
}


/***/ }),

/***/ 213:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  pr: () => (/* reexport */ defaultSeed),
  rs: () => (/* reexport */ startSimulator)
});

// UNUSED EXPORTS: API_KEY_PATTERN, DEFAULT_VERSION, KEY_ID_PATTERN, manyUsers

;// CONCATENATED MODULE: ./tools/simulator/auth.ts
/** The query parameter name is matched case-insensitively (`ApiKey`, `apikey`). */
function isApiKeyParam(name) {
    return name.toLowerCase() === 'apikey';
}
/**
 * Header first, then `?apikey=`, then `Authorization: Bearer`. An empty
 * X-Octopus-ApiKey (which the TS client sends when it has nothing) counts as
 * no credential.
 */
function presentedCredential(headers, query) {
    const header = headers['x-octopus-apikey'];
    const headerValue = (Array.isArray(header) ? header[0] : header)?.trim();
    if (headerValue)
        return { kind: 'apikey', value: headerValue };
    for (const [name, value] of query) {
        if (isApiKeyParam(name) && value.trim()) {
            return { kind: 'apikey', value: value.trim() };
        }
    }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
    if (bearer?.[1])
        return { kind: 'bearer', value: bearer[1] };
    return undefined;
}

;// CONCATENATED MODULE: ./tools/simulator/errors.ts
// Octopus error bodies (docs/octopus-api.md, Error bodies). Handlers throw
// OctopusError and the server turns it into
// `{ ErrorMessage, Errors?, HelpText? }` with the status.
// None of these texts may ever contain a credential value.
class OctopusError extends Error {
    status;
    body;
    constructor(status, body) {
        super(body.ErrorMessage);
        this.name = 'OctopusError';
        this.status = status;
        this.body = body;
    }
}
const NOT_LOGGED_IN = 'You must be logged in to perform this action. Please provide a valid API key or log in again.';
const INVALID_API_KEY = 'The API key you provided was not valid. Please double-check your API key and try again. For instructions on finding your API key, please visit: https://oc.to/ApiKey';
// The real wording for a bad access token is not public (docs/octopus-api.md,
// Error bodies), and the API key text would mislead someone using a Bearer
// token: our wording.
const INVALID_ACCESS_TOKEN = 'The access token you provided was not valid or has expired. Please obtain a new access token and try again.';
const NO_PERMISSION = 'You do not have permission to perform this action. Please contact your Octopus administrator.';
const BAD_REQUEST = 'There was a problem with your request.';
const KEY_NOT_OWNED = 'This ApiKey does not belong to the specified user.';
function unauthorized(message) {
    return new OctopusError(401, { ErrorMessage: message });
}
function forbidden(missingPermission, helpText) {
    const message = missingPermission
        ? `${NO_PERMISSION} Missing permission: ${missingPermission}`
        : NO_PERMISSION;
    return new OctopusError(403, { ErrorMessage: message, HelpText: helpText });
}
/** 400 in the validation shape clients print as ErrorMessage + Errors[]. */
function badRequest(...errors) {
    return new OctopusError(400, { ErrorMessage: BAD_REQUEST, Errors: errors });
}
function notFound(resourceId) {
    return new OctopusError(404, {
        ErrorMessage: `The resource '${resourceId}' was not found.`
    });
}
function routeNotFound(path) {
    return new OctopusError(404, {
        ErrorMessage: `The resource you requested was not found: ${path}`
    });
}
function methodNotAllowed(method) {
    return new OctopusError(405, {
        ErrorMessage: `The requested resource does not support http method '${method}'.`
    });
}
/** Default error text for a status-only fault, per common status. */
function genericErrorBody(status) {
    const texts = {
        400: BAD_REQUEST,
        401: NOT_LOGGED_IN,
        403: NO_PERMISSION,
        404: 'The resource you requested was not found.',
        409: 'The request conflicts with the current state of the resource.',
        429: 'Too many requests. Please wait and try again.',
        500: 'An unexpected error occurred on the Octopus Server.',
        502: 'Bad gateway.',
        503: 'The Octopus Server is currently unavailable. Please try again later.',
        504: 'Gateway timeout.'
    };
    return {
        ErrorMessage: texts[status] ?? `The request failed with status ${status}.`
    };
}

;// CONCATENATED MODULE: ./tools/simulator/time.ts
// Octopus serialises DateTimeOffset with milliseconds and a colon offset
// ("2018-12-31T13:38:39.440+00:00"; docs/octopus-api.md, Timestamps and
// ids). We always answer in UTC.
const DAY_MS = 24 * 60 * 60 * 1000;
function octopusTime(date) {
    return date.toISOString().replace(/Z$/, '+00:00');
}
function addDays(date, days) {
    return new Date(date.getTime() + days * DAY_MS);
}

;// CONCATENATED MODULE: ./tools/simulator/expiry.ts
// API key expiry rules by server version (docs/octopus-api.md, Expiry by server
// version). The real 400 texts are not public, so the wording is our own.


/**
 * The expiry a key gets when the client does not choose one.
 * `explicitNull` distinguishes `"Expires": null` from an omitted field, which
 * only matters from 2025.4 (null = maximum, omitted = default).
 */
function defaultExpires(policy, from, explicitNull) {
    if (!policy.features.maxExpiry)
        return null;
    const days = explicitNull ? policy.maxExpiryDays : policy.defaultExpiryDays;
    return addDays(from, days);
}
/**
 * Validates the `Expires` of a create request and returns the key's expiry.
 * `body` is the parsed request body; `caller` is the credential in use.
 */
function resolveExpires(policy, body, caller, now) {
    // Before 2020.6 keys never expire and the field does not exist.
    if (!policy.features.expiry)
        return null;
    const raw = body.Expires;
    const uncapped = caller.kind === 'bearer' && policy.accessTokensCapKeys === false;
    const callerExpires = uncapped ? null : caller.expires;
    const outlives = (expires) => callerExpires !== null && (expires === null || expires > callerExpires);
    if (raw === undefined || raw === null) {
        // A defaulted expiry must fit the caller's credential too: the client
        // did not ask for it, but Octopus holds it to the same rule.
        const chosen = defaultExpires(policy, now, raw === null);
        if (outlives(chosen))
            throw outlivesCaller(caller);
        return chosen;
    }
    const expires = typeof raw === 'string' ? new Date(raw) : undefined;
    if (!expires || Number.isNaN(expires.getTime())) {
        throw badRequest('The expiry date must be a valid date and time, including a time zone offset.');
    }
    if (expires.getTime() <= now.getTime()) {
        throw badRequest('The expiry date cannot be in the past.');
    }
    if (outlives(expires))
        throw outlivesCaller(caller);
    if (policy.features.maxExpiry &&
        expires > addDays(now, policy.maxExpiryDays)) {
        throw badRequest(`The expiry date cannot be more than ${policy.maxExpiryDays} days in the future.`);
    }
    return expires;
}
/** The 400 for a key that would outlive the credential creating it (our wording; the real text is not public). */
function outlivesCaller(caller) {
    const what = caller.kind === 'bearer' ? 'access token' : 'API key';
    return badRequest(`The expiry date cannot be after the expiry date of the ${what} being used to create it.`);
}

;// CONCATENATED MODULE: ./tools/simulator/paging.ts
// ResourceCollection<T> (docs/octopus-api.md, Paging): ItemsPerPage = take,
// zero-based LastPageNumber, and Page.Next only while there is a next page.

const DEFAULT_TAKE = 30;
/** Page.All uses int.MaxValue as take. */
const TAKE_ALL = 2147483647;
function parsePaging(query) {
    return {
        skip: parseCount(query, 'skip', 0),
        take: parseCount(query, 'take', DEFAULT_TAKE)
    };
}
function parseCount(query, name, fallback) {
    const raw = query.get(name);
    if (raw === null || raw === '')
        return fallback;
    if (!/^\d+$/.test(raw)) {
        throw badRequest(`The value of '${name}' must be a whole number of 0 or more.`);
    }
    return Math.min(Number(raw), TAKE_ALL);
}
function resourceCollection(opts) {
    const { skip, take } = opts.page;
    const total = opts.all.length;
    // An empty collection still has one (empty) page; take=0 is one page too.
    const pages = take > 0 ? Math.max(1, Math.ceil(total / take)) : 1;
    const link = (s, t) => {
        const params = [`skip=${s}`, `take=${t}`];
        for (const [name, value] of opts.carry ?? []) {
            params.push(`${name}=${value}`);
        }
        return `${opts.path}?${params.join('&')}`;
    };
    const links = {
        Self: link(skip, take),
        Template: opts.template,
        'Page.All': link(0, TAKE_ALL),
        'Page.Current': link(skip, take)
    };
    if (take > 0 && skip + take < total)
        links['Page.Next'] = link(skip + take, take);
    links['Page.Last'] = link((pages - 1) * take, take);
    return {
        ItemType: opts.itemType,
        TotalResults: total,
        ItemsPerPage: take,
        NumberOfPages: pages,
        LastPageNumber: pages - 1,
        Items: opts.all.slice(skip, skip + take),
        Links: links
    };
}

;// CONCATENATED MODULE: ./tools/simulator/permissions.ts
// Who may see users and manage whose keys (docs/octopus-api.md,
// Permissions). Users are system-level, so there are no space or team scopes
// to consider.

function assertCanViewUsers(caller) {
    if (!caller.canViewUsers) {
        throw forbidden('UserView', 'This action requires permission to view users.');
    }
}
/** Your own user is always visible; anyone else needs UserView. */
function assertCanViewUser(caller, targetId) {
    if (caller.id.toLowerCase() !== targetId.toLowerCase()) {
        assertCanViewUsers(caller);
    }
}
const verbs = {
    create: 'created',
    view: 'viewed',
    revoke: 'revoked'
};
/**
 * Anyone may manage their own keys. Another user's keys may be listed with
 * UserView ("if you can see users, you can see their API keys"), and
 * created or revoked only when that user is a service account and the
 * caller has UserEdit: even an administrator cannot create a key for a
 * normal user.
 */
function assertCanManageKeys(caller, target, action) {
    if (caller.id === target.id)
        return;
    if (action === 'view')
        return assertCanViewUsers(caller);
    if (!target.isService) {
        throw forbidden(undefined, `API keys for other users can only be ${verbs[action]} for service accounts. ` +
            `You can only ${action} API keys for your own user account, ` +
            'or for a service account if you have the UserEdit permission.');
    }
    if (!caller.canEditUsers) {
        throw forbidden('UserEdit', 'This action requires permission to edit users, which is needed to manage the API keys of service accounts.');
    }
}
/** The 2023.2+ switch that turns off API keys for regular user accounts. */
function userApiKeysDisabled() {
    return new OctopusError(403, {
        ErrorMessage: 'API keys for user accounts have been disabled on this Octopus Server. Please contact your Octopus administrator.',
        HelpText: 'An administrator has turned off API key creation for user accounts (UserApiKeysEnabled = false). API keys can still be created for service accounts.'
    });
}

;// CONCATENATED MODULE: ./tools/simulator/resources.ts

const API_VERSION = '3.0.0';
const USERS_TEMPLATE = '/api/users{/id}{?skip,take,ids,filter}';
/** Encodes an id for use as one path segment of a link. */
function seg(id) {
    return encodeURIComponent(id);
}
function rootResource(prefix, version, installationId) {
    return {
        Application: 'Octopus Deploy',
        Version: version,
        ApiVersion: API_VERSION,
        InstallationId: installationId,
        HasLongTermSupport: false,
        IsEarlyAccessProgram: false,
        Links: {
            Self: `${prefix}/api`,
            CurrentUser: `${prefix}/api/users/me`,
            Users: `${prefix}${USERS_TEMPLATE}`
        }
    };
}
function userResource(user, prefix, callerId) {
    const self = `${prefix}/api/users/${seg(user.id)}`;
    return {
        Id: user.id,
        Username: user.username,
        DisplayName: user.displayName,
        IsActive: user.isActive,
        IsService: user.isService,
        EmailAddress: user.email,
        CanPasswordBeEdited: !user.isService,
        // "Represents the user who requested it".
        IsRequestor: user.id === callerId,
        Identities: [],
        Links: {
            Self: self,
            Permissions: `${self}/permissions`,
            PermissionsConfiguration: `${self}/permissions/configuration`,
            Spaces: `${self}/spaces`,
            Teams: `${self}/teams{?spaces,includeSystem}`,
            ApiKeys: `${self}/apikeys{/id}{?skip,take}`
        }
    };
}
function apiKeysPath(prefix, userId) {
    return `${prefix}/api/users/${seg(userId)}/apikeys`;
}
function keySelf(prefix, key) {
    return `${apiKeysPath(prefix, key.userId)}/${seg(key.id)}`;
}
/**
 * Servers before 2020.6 have no Expires field at all (docs/octopus-api.md,
 * Expiry by server version).
 */
function expiresField(key, hasExpiry) {
    if (!hasExpiry)
        return {};
    return { Expires: key.expires ? octopusTime(key.expires) : null };
}
/** List/get shape: the secret is never returned, only its hint. */
function apiKeyResource(key, prefix, hasExpiry) {
    return {
        Id: key.id,
        Purpose: key.purpose,
        UserId: key.userId,
        ApiKey: { HasValue: true, NewValue: null, Hint: key.hint },
        Created: octopusTime(key.created),
        ...expiresField(key, hasExpiry),
        Links: { Self: keySelf(prefix, key) }
    };
}
/** Create shape: the only time the plaintext key is sent. */
function apiKeyCreatedResource(key, apiKey, prefix, hasExpiry) {
    return {
        Id: key.id,
        Purpose: key.purpose,
        UserId: key.userId,
        ApiKey: apiKey,
        Created: octopusTime(key.created),
        ...expiresField(key, hasExpiry),
        Links: { Self: keySelf(prefix, key) }
    };
}

;// CONCATENATED MODULE: ./tools/simulator/handlers.ts
// The API endpoints. Each handler validates, applies the permission rules and
// returns a JSON result; errors are thrown as OctopusError.





const ok = (body) => ({ status: 200, body });
function callerOf(ctx) {
    if (!ctx.caller)
        throw new Error('Handler needs an authenticated caller');
    return ctx.caller;
}
function param(ctx, index) {
    const value = ctx.params[index];
    if (value === undefined)
        throw new Error(`Missing route parameter ${index}`);
    return value;
}
const getRoot = (ctx) => ok(rootResource(ctx.config.prefix, ctx.config.version, ctx.config.installationId));
const getMe = (ctx) => {
    const { user } = callerOf(ctx);
    return ok(userResource(user, ctx.config.prefix, user.id));
};
const listAllUsers = (ctx) => {
    const { user } = callerOf(ctx);
    assertCanViewUsers(user);
    return ok(ctx.state
        .usersSorted()
        .map((u) => userResource(u, ctx.config.prefix, user.id)));
};
const listUsers = (ctx) => {
    const { user } = callerOf(ctx);
    assertCanViewUsers(user);
    const page = parsePaging(ctx.query);
    const carry = [];
    let users = ctx.state.usersSorted();
    const ids = ctx.query
        .getAll('ids')
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean);
    if (ids.length > 0) {
        const wanted = new Set(ids.map((id) => id.toLowerCase()));
        users = users.filter((u) => wanted.has(u.id.toLowerCase()));
        carry.push(['ids', ids.map(encodeURIComponent).join(',')]);
    }
    const filter = ctx.query.get('filter');
    if (filter) {
        // "Fragment" match over Username/DisplayName/EmailAddress
        // (docs/octopus-api.md, Users); case-insensitive is our reading of an
        // undocumented detail.
        const needle = filter.toLowerCase();
        users = users.filter((u) => [u.username, u.displayName, u.email ?? ''].some((field) => field.toLowerCase().includes(needle)));
        carry.push(['filter', encodeURIComponent(filter)]);
    }
    for (const [name, pick] of [
        ['isActive', (u) => u.isActive],
        ['isServiceAccount', (u) => u.isService]
    ]) {
        const raw = ctx.query.get(name)?.toLowerCase();
        if (raw === 'true' || raw === 'false') {
            users = users.filter((u) => pick(u) === (raw === 'true'));
            carry.push([name, raw]);
        }
    }
    const prefix = ctx.config.prefix;
    const collection = resourceCollection({
        itemType: 'User',
        all: users,
        page,
        path: `${prefix}/api/users`,
        template: `${prefix}${USERS_TEMPLATE}`,
        carry
    });
    return ok({
        ...collection,
        Items: collection.Items.map((u) => userResource(u, prefix, user.id))
    });
};
const getUser = (ctx) => {
    const { user } = callerOf(ctx);
    const id = param(ctx, 0);
    assertCanViewUser(user, id);
    const target = ctx.state.getUser(id);
    if (!target)
        throw notFound(id);
    return ok(userResource(target, ctx.config.prefix, user.id));
};
/** The route's user, after the permission rule for `action` on its keys. */
function keyOwner(ctx, action) {
    const id = param(ctx, 0);
    const target = ctx.state.getUser(id);
    if (!target)
        throw notFound(id);
    assertCanManageKeys(callerOf(ctx).user, target, action);
    return target;
}
function parseBody(body) {
    if (body.trim() === '')
        return {};
    let parsed;
    try {
        parsed = JSON.parse(body);
    }
    catch {
        throw badRequest('The request body could not be parsed as JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw badRequest('The request body must be a JSON object.');
    }
    return parsed;
}
const createApiKey = (ctx) => {
    const caller = callerOf(ctx);
    const target = keyOwner(ctx, 'create');
    const { config } = ctx;
    if (config.expiry.features.userApiKeySetting &&
        !config.userApiKeysEnabled &&
        !target.isService) {
        throw userApiKeysDisabled();
    }
    const body = parseBody(ctx.body);
    const purpose = body.Purpose;
    if (typeof purpose !== 'string' || purpose.trim() === '') {
        throw badRequest('Please provide a purpose for the API key.');
    }
    const bodyUserId = body.UserId;
    if (typeof bodyUserId === 'string' &&
        bodyUserId !== '' &&
        bodyUserId.toLowerCase() !== target.id.toLowerCase()) {
        throw badRequest('The UserId in the request body does not match the user in the URL.');
    }
    const expires = resolveExpires(config.expiry, body, caller.credential, ctx.now);
    const { key, apiKey } = ctx.state.createKey(target.id, purpose, ctx.now, expires);
    return ok(apiKeyCreatedResource(key, apiKey, config.prefix, config.expiry.features.expiry));
};
const listApiKeys = (ctx) => {
    const target = keyOwner(ctx, 'view');
    const { prefix, expiry } = ctx.config;
    const path = apiKeysPath(prefix, target.id);
    const collection = resourceCollection({
        itemType: 'ApiKey',
        all: ctx.state.keysOf(target.id),
        page: parsePaging(ctx.query),
        path,
        template: `${path}{/id}{?skip,take}`
    });
    return ok({
        ...collection,
        Items: collection.Items.map((k) => apiKeyResource(k, prefix, expiry.features.expiry))
    });
};
/** A live key of the route's user; revoked keys are gone, like deleted ones. */
function ownedKey(ctx, target) {
    const keyId = param(ctx, 1);
    const key = ctx.state.getKey(keyId);
    if (!key || key.revoked)
        throw notFound(keyId);
    if (key.userId !== target.id) {
        throw new OctopusError(400, {
            ErrorMessage: KEY_NOT_OWNED,
            Errors: [KEY_NOT_OWNED]
        });
    }
    return key;
}
const getApiKey = (ctx) => {
    const key = ownedKey(ctx, keyOwner(ctx, 'view'));
    const { prefix, expiry } = ctx.config;
    return ok(apiKeyResource(key, prefix, expiry.features.expiry));
};
const revokeApiKey = (ctx) => {
    const key = ownedKey(ctx, keyOwner(ctx, 'revoke'));
    ctx.state.revokeKey(key.id);
    return ok({});
};
/**
 * `GET /api/spaces`: one Default space. Users and keys are system-level and
 * never need it; the Octopus sample scripts look the space up first.
 */
const listSpaces = (ctx) => {
    callerOf(ctx);
    const path = `${ctx.config.prefix}/api/spaces`;
    const space = {
        Id: 'Spaces-1',
        Name: 'Default',
        Slug: 'default',
        IsDefault: true,
        TaskQueueStopped: false,
        Links: { Self: `${path}/Spaces-1` }
    };
    return ok(resourceCollection({
        itemType: 'Space',
        all: [space],
        page: parsePaging(ctx.query),
        path,
        template: `${path}{/id}{?skip,ids,take,partialName}`
    }));
};

;// CONCATENATED MODULE: ./tools/simulator/router.ts
// Route table. Paths are matched case-insensitively (as ASP.NET does) and a
// single trailing slash is tolerated.


const ROUTES = [
    { pattern: /^\/api\/?$/i, methods: { GET: getRoot }, anonymous: true },
    { pattern: /^\/api\/spaces\/?$/i, methods: { GET: listSpaces } },
    { pattern: /^\/api\/users\/?$/i, methods: { GET: listUsers } },
    { pattern: /^\/api\/users\/all\/?$/i, methods: { GET: listAllUsers } },
    { pattern: /^\/api\/users\/me\/?$/i, methods: { GET: getMe } },
    { pattern: /^\/api\/users\/([^/]+)\/?$/i, methods: { GET: getUser } },
    {
        pattern: /^\/api\/users\/([^/]+)\/apikeys\/?$/i,
        methods: { GET: listApiKeys, POST: createApiKey }
    },
    {
        pattern: /^\/api\/users\/([^/]+)\/apikeys\/([^/]+)\/?$/i,
        methods: { GET: getApiKey, DELETE: revokeApiKey }
    }
];
/** Finds the handler, or throws the 404/405 the server should answer. */
function matchRoute(method, path) {
    for (const route of ROUTES) {
        const m = route.pattern.exec(path);
        if (!m)
            continue;
        const handler = route.methods[method];
        if (!handler)
            throw methodNotAllowed(method);
        let params;
        try {
            params = m.slice(1).map((p) => decodeURIComponent(p));
        }
        catch {
            throw routeNotFound(path);
        }
        return { handler, params, anonymous: route.anonymous ?? false };
    }
    throw routeNotFound(path);
}

;// CONCATENATED MODULE: ./tools/simulator/dispatch.ts
// Runs a request against the state: its route, the credential it presents
// and the route's handler. Octopus's errors become their answers, anything
// else a 500.



function dispatcher(state, config) {
    return (inc) => {
        try {
            if (inc.path === undefined)
                throw routeNotFound(inc.rawPath);
            const route = matchRoute(inc.method, inc.path);
            return route.handler({
                state,
                config,
                caller: route.anonymous ? undefined : caller(state, inc),
                params: route.params,
                query: inc.query,
                body: inc.body,
                now: new Date()
            });
        }
        catch (e) {
            return answerTo(e);
        }
    };
}
function caller(state, inc) {
    const presented = presentedCredential(inc.req.headers, inc.query);
    if (!presented)
        throw unauthorized(NOT_LOGGED_IN);
    const outcome = state.authenticate(presented.kind, presented.value, new Date());
    if (!outcome.ok) {
        throw unauthorized(presented.kind === 'bearer' ? INVALID_ACCESS_TOKEN : INVALID_API_KEY);
    }
    return { user: outcome.user, credential: outcome.credential };
}
function answerTo(e) {
    if (e instanceof OctopusError)
        return { status: e.status, body: e.body };
    return {
        status: 500,
        body: {
            ErrorMessage: 'An unexpected error occurred in the Octopus simulator.',
            FullException: e instanceof Error ? e.message : String(e)
        }
    };
}

;// CONCATENATED MODULE: ./tools/simulator/faults.ts
class FaultQueue {
    rules = [];
    add(rule) {
        const times = rule.times ?? 1;
        if (!(times >= 0))
            throw new Error('FaultRule.times must be 0 or more');
        this.rules.push({
            method: rule.method?.toUpperCase(),
            path: rule.path,
            remaining: times,
            fault: rule.fault
        });
    }
    clear() {
        this.rules = [];
    }
    /** The fault for this request, if any (and consumes one use of it). */
    take(method, path) {
        const rule = this.rules.find((r) => r.remaining > 0 && matches(r, method, path));
        if (!rule)
            return undefined;
        rule.remaining--; // Infinity stays Infinity.
        return rule.fault;
    }
}
function matches(rule, method, path) {
    if (rule.method && rule.method !== method)
        return false;
    if (rule.path === undefined)
        return true;
    if (typeof rule.path === 'string')
        return rule.path === path;
    rule.path.lastIndex = 0; // a /g or /y RegExp would otherwise remember state
    return rule.path.test(path);
}
const REASONS = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    501: 'Not Implemented',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout'
};
/** What a reverse proxy or load balancer in front of Octopus would send. */
function proxyHtmlPage(status) {
    const title = `${status} ${REASONS[status] ?? 'Error'}`;
    return (`<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
        `<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n` +
        '</body>\r\n</html>\r\n');
}
/** A prefix of valid JSON that no parser accepts (an unclosed object). */
function truncateJson(json) {
    return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
}
/** A JSON object answer with some top-level fields left out or replaced; anything else as it was. */
function editJson(body, edit) {
    if (body === null || typeof body !== 'object' || Array.isArray(body))
        return body;
    const kept = Object.entries(body).filter(([name]) => !edit.omit?.includes(name));
    return { ...Object.fromEntries(kept), ...edit.set };
}
/** `body` as JSON followed by spaces up to `bytes` bytes in all: still valid JSON. */
function paddedJson(body, bytes) {
    const json = JSON.stringify(body);
    return json + ' '.repeat(Math.max(0, bytes - Buffer.byteLength(json)));
}

;// CONCATENATED MODULE: ./tools/simulator/reply.ts

const JSON_TYPE = 'application/json; charset=utf-8';
class Reply {
    res;
    record;
    constructor(res, record) {
        this.res = res;
        this.record = record;
    }
    /** A whole answer, unless the client has gone (e.g. it timed out during a delay). */
    send(status, headers, body) {
        const { res } = this;
        if (!res.socket || res.socket.destroyed || res.headersSent)
            return;
        res.writeHead(status, {
            ...headers,
            'Content-Length': Buffer.byteLength(body)
        });
        res.end(body);
        this.record.status = status;
    }
    json(result) {
        const body = JSON.stringify(result.body);
        this.send(result.status, { 'Content-Type': JSON_TYPE }, body);
    }
    /** The page a proxy in front of Octopus would send. */
    proxyPage(status) {
        this.send(status, { 'Content-Type': 'text/html' }, proxyHtmlPage(status));
    }
    /** Status and headers now, without a Content-Length; the caller writes the body. */
    start(status, headers) {
        this.res.writeHead(status, headers);
        this.record.status = status;
        return this.res;
    }
}

;// CONCATENATED MODULE: ./tools/simulator/apply-fault.ts



const ANSWERS = {
    status: (fault, { reply }) => {
        const body = fault.body ?? JSON.stringify(genericErrorBody(fault.status));
        const type = looksLikeJson(body) ? JSON_TYPE : 'text/plain; charset=utf-8';
        reply.send(fault.status, { 'Content-Type': type, ...fault.headers }, body);
    },
    html: (fault, { reply }) => reply.proxyPage(fault.status),
    'malformed-json': (fault, { inc, reply, execute }) => {
        const json = JSON.stringify(execute(inc).body);
        const headers = { 'Content-Type': JSON_TYPE };
        reply.send(fault.status ?? 200, headers, truncateJson(json));
    },
    delay: async (fault, { inc, reply, execute, lifetime }) => {
        if (await lifetime.pause(fault.ms))
            reply.json(execute(inc));
    },
    // Nothing is sent; close() destroys the socket.
    hang: () => { },
    drop: (_, { inc }) => inc.req.socket.destroy(),
    'process-then-drop': (_, { inc, execute }) => {
        execute(inc);
        inc.req.socket.destroy();
    },
    'process-then-status': (fault, { inc, reply, execute }) => {
        execute(inc);
        const { status } = fault;
        if (fault.html)
            reply.proxyPage(status);
        else
            reply.json({ status, body: genericErrorBody(status) });
    },
    redirect: (fault, { reply }) => reply.send(fault.status ?? 302, { Location: fault.location }, ''),
    'edit-json': (fault, { inc, reply, execute }) => {
        const result = execute(inc);
        reply.json({ ...result, body: editJson(result.body, fault) });
    },
    interleave: (fault, { inc, reply, execute }) => {
        fault.run();
        reply.json(execute(inc));
    },
    'ignore-skip': (_, { inc, reply, execute }) => {
        const query = new URLSearchParams(inc.query);
        query.delete('skip');
        reply.json(execute({ ...inc, query }));
    },
    trickle: (fault, { reply, lifetime }) => trickle(reply, lifetime, fault.everyMs ?? 100),
    oversized: (fault, { inc, reply, execute }) => {
        const result = execute(inc);
        const body = paddedJson(result.body, fault.bytes ?? 5 * 1024 * 1024);
        const headers = { 'Content-Type': JSON_TYPE };
        if (fault.chunked)
            reply.start(result.status, headers).end(body);
        else
            reply.send(result.status, headers, body);
    }
};
/** Settles once the answer is sent (or, for `delay`, given up at close). */
async function applyFault(fault, at) {
    // Each entry takes its own kind; TypeScript cannot pair them up by itself.
    const answer = ANSWERS[fault.kind];
    await answer(fault, at);
}
/** A 200 whose body never ends: a byte every `everyMs` until the client or close() stops it. */
function trickle(reply, lifetime, everyMs) {
    const res = reply.start(200, { 'Content-Type': JSON_TYPE });
    const timer = setInterval(() => res.write(' '), everyMs);
    const stop = () => {
        clearInterval(timer);
        forget();
        res.destroy();
    };
    const forget = lifetime.onClose(stop);
    res.on('close', stop);
}
function looksLikeJson(body) {
    try {
        JSON.parse(body);
        return true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./tools/simulator/request.ts
const MAX_BODY_BYTES = 1024 * 1024;
class BodyTooLarge extends Error {
}
function headOf(req, prefix) {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
    return {
        method: effectiveMethod(req),
        wire: (req.method ?? 'GET').toUpperCase(),
        path: stripPrefix(prefix, rawPath),
        rawPath,
        query: new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1))
    };
}
/** The body as text; rejects with BodyTooLarge past MAX_BODY_BYTES. */
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        req.on('data', (chunk) => {
            size += chunk.length;
            if (size <= MAX_BODY_BYTES)
                chunks.push(chunk);
        });
        req.on('end', () => {
            if (size > MAX_BODY_BYTES)
                reject(new BodyTooLarge());
            else
                resolve(Buffer.concat(chunks).toString('utf8'));
        });
        req.on('error', reject);
        // A client that goes away mid-body never sends 'end'.
        req.on('close', () => {
            if (!req.complete)
                reject(new Error('request aborted'));
        });
    });
}
/**
 * The .NET client sends DELETE and PUT as POST + override
 * (docs/octopus-api.md, X-HTTP-Method-Override).
 */
function effectiveMethod(req) {
    const method = (req.method ?? 'GET').toUpperCase();
    const override = req.headers['x-http-method-override'];
    const value = (Array.isArray(override) ? override[0] : override)?.trim();
    return method === 'POST' && value ? value.toUpperCase() : method;
}
function stripPrefix(prefix, rawPath) {
    if (prefix === '')
        return rawPath;
    const lower = rawPath.toLowerCase();
    const p = prefix.toLowerCase();
    if (lower === p)
        return '/';
    return lower.startsWith(`${p}/`) ? rawPath.slice(prefix.length) : undefined;
}

;// CONCATENATED MODULE: ./tools/simulator/handle-request.ts



function requestListener(parts) {
    return (req, res) => {
        handle(parts, req, res).catch(() => {
            // handle() does not throw by design; never let a bug kill the process.
            res.destroy();
        });
    };
}
async function handle(parts, req, res) {
    const head = headOf(req, parts.settings.config.prefix);
    const reply = new Reply(res, parts.recorder.received(req, res, head));
    stampDate(res, parts.dateHeader);
    let body;
    try {
        body = await readBody(req);
    }
    catch (e) {
        if (e instanceof BodyTooLarge) {
            const headers = { 'Content-Type': JSON_TYPE, Connection: 'close' };
            const tooLarge = { ErrorMessage: 'The request body is too large.' };
            reply.send(413, headers, JSON.stringify(tooLarge));
        }
        return;
    }
    if (!(await parts.lifetime.pause(parts.settings.latencyMs)))
        return;
    const refusal = parts.settings.refused.get(head.wire);
    if (refusal !== undefined) {
        reply.proxyPage(refusal);
        return;
    }
    const inc = { ...head, req, body };
    const fault = parts.faults.take(head.method, head.path ?? head.rawPath);
    const { execute, lifetime } = parts;
    if (fault)
        await applyFault(fault, { inc, reply, execute, lifetime });
    else
        reply.json(execute(inc));
}
/** The `Date` header as `dateHeader` asks: skewed, left out, or Node's own. */
function stampDate(res, dateHeader) {
    if (dateHeader === undefined)
        return;
    res.sendDate = false;
    if (dateHeader !== 'none')
        res.setHeader('Date', new Date(Date.now() + dateHeader.skewMs).toUTCString());
}

;// CONCATENATED MODULE: ./tools/simulator/lifetime.ts
// What close() must stop before the server can: pauses (latency, `delay`
// faults) and answers still under way (`trickle` faults).
class Lifetime {
    closed = false;
    stops = new Set();
    /** Resolves true after `ms`, or false at once if the simulator closes. */
    pause(ms) {
        if (this.closed)
            return Promise.resolve(false);
        if (ms <= 0)
            return Promise.resolve(true);
        return new Promise((resolve) => {
            const finish = (alive) => {
                clearTimeout(timer);
                forget();
                resolve(alive);
            };
            const timer = setTimeout(() => finish(true), ms);
            const forget = this.onClose(() => finish(false));
        });
    }
    /** Calls `stop` when the simulator closes; returns what forgets it. */
    onClose(stop) {
        this.stops.add(stop);
        return () => this.stops.delete(stop);
    }
    close() {
        this.closed = true;
        for (const stop of [...this.stops])
            stop();
    }
}

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
;// CONCATENATED MODULE: ./tools/simulator/listener.ts
// The HTTP or HTTPS listener on a loopback address: it serves the requests,
// reports each connection, and on close destroys the sockets still open
// (hung and keep-alive ones would otherwise hold close() open).


async function listen(options, onRequest) {
    const { port, host, tls } = options;
    const server = tls ? (0,external_node_https_namespaceObject.createServer)(tls, onRequest) : (0,external_node_http_namespaceObject.createServer)(onRequest);
    const sockets = new Set();
    server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
    });
    server.on(tls ? 'secureConnection' : 'connection', options.onConnection);
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host }, () => {
            server.off('error', reject);
            resolve();
        });
    });
    const actualPort = server.address().port;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return {
        port: actualPort,
        origin: `${tls ? 'https' : 'http'}://${shownHost}:${actualPort}`,
        close: () => new Promise((resolve) => {
            for (const socket of sockets)
                socket.destroy();
            server.close(() => resolve());
        })
    };
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./tools/simulator/version.ts
// Server version parsing and the feature gates of docs/octopus-api.md,
// Expiry by server version.
/** '2026.3.1000' or '2020.5.0-rc.4' -> [2026, 3, 1000]; missing parts are 0. */
function parseVersion(version) {
    const core = version.trim().split(/[-+]/)[0] ?? '';
    const parts = core.split('.').map((p) => Number.parseInt(p, 10));
    if (parts.length === 0 || parts.some((p) => !Number.isFinite(p) || p < 0)) {
        throw new Error(`Invalid server version '${version}'`);
    }
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}
function atLeast(v, major, minor) {
    return v[0] > major || (v[0] === major && v[1] >= minor);
}
function featuresOf(version) {
    const v = parseVersion(version);
    return {
        expiry: atLeast(v, 2020, 6),
        userApiKeySetting: atLeast(v, 2023, 2),
        maxExpiry: atLeast(v, 2025, 4)
    };
}

;// CONCATENATED MODULE: ./tools/simulator/options.ts
// The simulator's options checked and filled in with their defaults, once,
// before anything starts.


const DEFAULT_VERSION = '2026.3.1000';
const HOSTS = ['127.0.0.1', '::1'];
function settingsOf(options) {
    const version = options.version ?? DEFAULT_VERSION;
    const config = {
        prefix: normalizePrefix(options.pathPrefix),
        version,
        installationId: (0,external_node_crypto_namespaceObject.randomUUID)(),
        expiry: expiryPolicy(version, options),
        userApiKeysEnabled: options.userApiKeysEnabled ?? true
    };
    const latencyMs = nonNegative('latencyMs', options.latencyMs, 0);
    const port = options.port ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`Invalid port ${port}`);
    }
    const host = options.host ?? '127.0.0.1';
    if (!HOSTS.includes(host))
        throw new Error(`host must be one of ${HOSTS.join(', ')}`);
    const refused = new Map(Object.entries(options.refusedMethods ?? {}).map(([m, status]) => [
        m.toUpperCase(),
        status
    ]));
    return { config, latencyMs, port, host, refused };
}
function expiryPolicy(version, options) {
    return {
        features: featuresOf(version),
        defaultExpiryDays: nonNegative('defaultExpiryDays', options.defaultExpiryDays, 180),
        maxExpiryDays: nonNegative('maxExpiryDays', options.maxExpiryDays, 366),
        accessTokensCapKeys: options.accessTokensCapKeys ?? true
    };
}
/** '/octopus/' -> '/octopus', '' or '/' -> ''. */
function normalizePrefix(prefix) {
    const trimmed = (prefix ?? '').trim().replace(/\/+$/, '');
    if (trimmed === '')
        return '';
    return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
function nonNegative(name, value, fallback) {
    const v = value ?? fallback;
    if (!Number.isFinite(v) || v < 0) {
        throw new Error(`${name} must be a finite number of 0 or more`);
    }
    return v;
}

;// CONCATENATED MODULE: ./tools/simulator/recorder.ts

class Recorder {
    /** The same arrays for the simulator's life: callers hold on to them. */
    requests = [];
    connections = [];
    answers = 0;
    connectionOf = new WeakMap();
    /** A connection opened on `socket`; its record closes with the socket. */
    opened(socket) {
        const record = {
            id: this.connections.length + 1,
            opened: this.progress()
        };
        this.connections.push(record);
        this.connectionOf.set(socket, record);
        socket.on('close', () => (record.closed = this.progress()));
    }
    /** A request arrived; its answer counts as complete when `res` finishes. */
    received(req, res, head) {
        const record = {
            method: head.method,
            ...(head.wire !== head.method && { sentAs: head.wire }),
            connection: this.connectionOf.get(req.socket)?.id ?? 0,
            path: head.path ?? head.rawPath,
            query: recordedQuery(head.query),
            status: 0,
            auth: presentedCredential(req.headers, head.query)?.kind ?? 'none',
            started: Date.now(),
            answersBefore: this.answers
        };
        this.requests.push(record);
        res.on('finish', () => this.answers++);
        return record;
    }
    reset() {
        this.requests.length = 0;
        this.connections.length = 0;
    }
    progress() {
        return { requests: this.requests.length, answers: this.answers };
    }
}
/** Query as recorded: first value per name, any API key value redacted. */
function recordedQuery(query) {
    const entries = [];
    const seen = new Set();
    for (const [name, value] of query) {
        if (seen.has(name))
            continue;
        seen.add(name);
        entries.push([name, isApiKeyParam(name) ? '[redacted]' : value]);
    }
    return Object.fromEntries(entries);
}

;// CONCATENATED MODULE: ./tools/simulator/ids.ts
// Values that look like the real thing (docs/octopus-api.md: Timestamps and
// ids; the key format under Creating a key).
// Runtime values come from node:crypto, as a real server's would.

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const API_KEY_PATTERN = /^API-[A-Z2-7]{26}$/;
const KEY_ID_PATTERN = /^apikeys-[A-Za-z0-9]{26}$/;
/** `API-` + 26 base32 characters, like the gitleaks sample. */
function randomApiKey() {
    // 256 is a multiple of 32, so masking keeps the distribution uniform.
    const chars = Array.from((0,external_node_crypto_namespaceObject.randomBytes)(26), (b) => BASE32[b & 31]);
    return `API-${chars.join('')}`;
}
/** `apikeys-` + 26 mixed-case alphanumerics. */
function randomKeyId() {
    let id = '';
    for (let i = 0; i < 26; i++)
        id += ALNUM[(0,external_node_crypto_namespaceObject.randomInt)(ALNUM.length)];
    return `apikeys-${id}`;
}
/** A JWT-shaped access token (header.payload.signature, base64url). */
function jwtLike(claims, signature) {
    const part = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const sig = (signature ?? (0,external_node_crypto_namespaceObject.randomBytes)(32)).toString('base64url');
    return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${sig}`;
}
function randomBearer(subject, expires) {
    const now = Math.floor(Date.now() / 1000);
    return jwtLike({
        iss: 'octopus-simulator',
        sub: subject,
        iat: now,
        exp: expires ? Math.floor(expires.getTime() / 1000) : now + 3600,
        jti: (0,external_node_crypto_namespaceObject.randomBytes)(12).toString('hex')
    });
}
/** Credentials are looked up by hash so plaintext is not kept around. */
function credentialHash(value) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(value, 'utf8').digest('hex');
}

;// CONCATENATED MODULE: ./tools/simulator/state.ts


/** Purpose given to keys that come from seeded `apikey` credentials. */
const SEED_KEY_PURPOSE = 'Simulator seed key';
/**
 * Case-insensitive ordinal order: "sorted alphabetically by username"
 * (docs/octopus-api.md, Users) in a way that does not depend on the host's
 * ICU data.
 */
function state_compareUsernames(a, b) {
    const la = a.toLowerCase();
    const lb = b.toLowerCase();
    if (la !== lb)
        return la < lb ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
}
class SimulatorState {
    // Ids are matched case-insensitively, like the server's SQL collation.
    users = new Map();
    keys = new Map();
    credentials = new Map();
    sortedUsers;
    nextUserNumber = 1;
    keySeq = 0;
    addUser(seed) {
        const username = seed.username?.trim();
        if (!username)
            throw new Error('A seeded user needs a username');
        const id = seed.id ?? this.nextFreeUserId();
        if (this.users.has(id.toLowerCase())) {
            throw new Error(`A user with id '${id}' already exists`);
        }
        const canEditUsers = seed.canEditUsers ?? false;
        const user = {
            id,
            username,
            displayName: seed.displayName ?? username,
            email: seed.email ?? null,
            isService: seed.isService ?? false,
            isActive: seed.isActive ?? true,
            canEditUsers,
            canViewUsers: seed.canViewUsers ?? canEditUsers
        };
        this.users.set(id.toLowerCase(), user);
        const n = /^Users-(\d+)$/i.exec(id);
        if (n)
            this.nextUserNumber = Math.max(this.nextUserNumber, Number(n[1]) + 1);
        this.sortedUsers = undefined;
        return user;
    }
    getUser(id) {
        return this.users.get(id.toLowerCase());
    }
    /** All users, sorted by username (cached: listing is the hot path). */
    usersSorted() {
        this.sortedUsers ??= [...this.users.values()].sort((a, b) => state_compareUsernames(a.username, b.username) || (a.id < b.id ? -1 : 1));
        return this.sortedUsers;
    }
    /** Registers a credential; `apikey` ones also become listable keys. */
    addCredential(cred, now = new Date()) {
        const user = this.requireUser(cred.userId);
        const expires = cred.expires ? parseIso(cred.expires) : null;
        if (cred.kind === 'apikey') {
            return this.createKey(user.id, SEED_KEY_PURPOSE, now, expires, cred.value)
                .apiKey;
        }
        if (cred.kind !== 'bearer') {
            throw new Error(`Unknown credential kind '${String(cred.kind)}'`);
        }
        const value = cred.value ?? randomBearer(user.id, expires);
        this.storeCredential(value, { kind: 'bearer', userId: user.id, expires });
        return value;
    }
    authenticate(kind, value, now) {
        const cred = this.credentials.get(credentialHash(value));
        if (!cred || cred.kind !== kind)
            return { ok: false };
        if (cred.expires && cred.expires.getTime() <= now.getTime()) {
            return { ok: false };
        }
        if (cred.keyId && this.keys.get(cred.keyId.toLowerCase())?.revoked) {
            return { ok: false };
        }
        const user = this.getUser(cred.userId);
        // A disabled user's keys "will not function" (docs/octopus-api.md,
        // Credentials).
        if (!user || !user.isActive)
            return { ok: false };
        return { ok: true, user, credential: cred };
    }
    createKey(userId, purpose, created, expires, value) {
        const user = this.requireUser(userId);
        const apiKey = value ?? randomApiKey();
        let id = randomKeyId();
        while (this.keys.has(id.toLowerCase()))
            id = randomKeyId();
        this.storeCredential(apiKey, {
            kind: 'apikey',
            userId: user.id,
            expires,
            keyId: id
        });
        const key = {
            id,
            userId: user.id,
            purpose,
            created,
            expires,
            // Hint = the first 8 characters, e.g. "API-ABCD" (docs/octopus-api.md,
            // Listing, getting and revoking keys).
            hint: apiKey.slice(0, 8),
            revoked: false,
            seq: this.keySeq++
        };
        this.keys.set(id.toLowerCase(), key);
        return { key, apiKey };
    }
    getKey(id) {
        return this.keys.get(id.toLowerCase());
    }
    /** Revoked keys behave as deleted: they no longer authenticate. */
    revokeKey(id) {
        const key = this.getKey(id);
        if (key)
            key.revoked = true;
    }
    /** Newest first (docs/octopus-api.md, Listing, getting and revoking keys). */
    keysOf(userId, includeRevoked = false) {
        const wanted = userId.toLowerCase();
        return [...this.keys.values()]
            .filter((k) => k.userId.toLowerCase() === wanted && (includeRevoked || !k.revoked))
            .sort((a, b) => b.created.getTime() - a.created.getTime() || b.seq - a.seq);
    }
    liveKeyCount(userId) {
        const wanted = userId?.toLowerCase();
        let count = 0;
        for (const k of this.keys.values()) {
            if (!k.revoked && (!wanted || k.userId.toLowerCase() === wanted))
                count++;
        }
        return count;
    }
    requireUser(id) {
        const user = this.getUser(id);
        if (!user)
            throw new Error(`Unknown user '${id}'`);
        return user;
    }
    nextFreeUserId() {
        while (this.users.has(`users-${this.nextUserNumber}`))
            this.nextUserNumber++;
        return `Users-${this.nextUserNumber}`;
    }
    storeCredential(value, entry) {
        if (!value)
            throw new Error('A credential value cannot be empty');
        const hash = credentialHash(value);
        if (this.credentials.has(hash)) {
            throw new Error('That credential value is already registered');
        }
        this.credentials.set(hash, entry);
    }
}
function toApiKeyRecord(key) {
    return {
        id: key.id,
        userId: key.userId,
        purpose: key.purpose,
        created: octopusTime(key.created),
        expires: key.expires ? octopusTime(key.expires) : null,
        hint: key.hint,
        revoked: key.revoked
    };
}
function parseIso(value) {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
        throw new Error(`Invalid credential expiry '${value}'`);
    }
    return date;
}

;// CONCATENATED MODULE: ./tools/simulator/seed.ts
// Seed data. Default credential values are fixed so demo output is stable;
// they are obviously fake and only ever valid against this simulator.



const ADMIN_KEY = 'API-ADMINSIMKEY234567ABCDEFGHI';
const REGULAR_KEY = 'API-JANEDOESIMKEY234567ABCDEFG';
const AUDITOR_KEY = 'API-AUDITORSIMKEY234567ABCDEFG';
const OIDC_USER_ID = 'Users-11';
/**
 * How long the seeded API keys live: every key on a current Octopus server
 * expires (366 days is the default maximum since 2025.4), and Octopus
 * refuses a key that would outlive the key creating it.
 */
const SEED_KEY_DAYS = 366;
// A fixed JWT-shaped access token for the OIDC service account.
const SERVICE_BEARER = jwtLike({
    iss: 'https://octopus-simulator.invalid',
    sub: OIDC_USER_ID,
    aud: 'octopus-simulator',
    iat: 1767225600, // 2026-01-01
    exp: 4102444800 // 2100-01-01
}, Buffer.from('octopus-simulator-fixed-signature'));
/**
 * A small population covering the lookup edge cases: fragment matches in
 * username, display name and email, mixed case, an inactive service
 * account, and `+`, `@`, a space and non-ASCII characters in usernames.
 * No two usernames differ only by case. The API keys expire
 * `SEED_KEY_DAYS` after `now`.
 */
function defaultSeed(now = new Date()) {
    const expires = addDays(now, SEED_KEY_DAYS).toISOString();
    const users = [
        {
            id: 'Users-1',
            username: 'admin',
            displayName: 'Administrator',
            email: 'admin@example.com',
            canEditUsers: true
        },
        {
            id: 'Users-2',
            username: 'jane.doe',
            displayName: 'Jane Doe',
            email: 'jane.doe@example.com'
        },
        {
            id: 'Users-3',
            username: 'svc-deploy',
            displayName: 'Deployment service account',
            isService: true
        },
        {
            id: 'Users-4',
            username: 'svc-deploy-staging',
            displayName: 'Staging deployments',
            isService: true
        },
        {
            id: 'Users-5',
            username: 'deploy-bot',
            displayName: 'Helper for svc-deploy',
            isService: true
        },
        {
            id: 'Users-6',
            username: 'ops.team',
            displayName: 'Operations Team',
            email: 'svc-deploy-alerts@example.com'
        },
        {
            id: 'Users-7',
            username: 'svc-retired',
            displayName: 'Retired service account',
            isService: true,
            isActive: false
        },
        {
            id: 'Users-8',
            username: 'ci+build@example.com',
            displayName: 'CI build',
            email: 'ci+build@example.com',
            isService: true
        },
        {
            id: 'Users-9',
            username: 'build agent',
            displayName: 'Build Agent',
            isService: true
        },
        {
            id: 'Users-10',
            username: 'dépl-øy',
            displayName: 'Déploiement Øy',
            isService: true
        },
        {
            id: OIDC_USER_ID,
            username: 'svc-oidc',
            displayName: 'GitHub OIDC service account',
            isService: true
        },
        {
            id: 'Users-12',
            username: 'Svc-Deploy-Old',
            displayName: 'Old deployment account',
            isService: true
        },
        {
            id: 'Users-13',
            username: 'auditor',
            displayName: 'Auditor (read-only)',
            email: 'auditor@example.com',
            canViewUsers: true
        }
    ];
    return {
        users,
        credentials: [
            { userId: 'Users-1', kind: 'apikey', value: ADMIN_KEY, expires },
            { userId: 'Users-2', kind: 'apikey', value: REGULAR_KEY, expires },
            { userId: 'Users-13', kind: 'apikey', value: AUDITOR_KEY, expires },
            {
                userId: OIDC_USER_ID,
                kind: 'bearer',
                value: SERVICE_BEARER,
                expires: null
            }
        ],
        adminKey: ADMIN_KEY,
        regularKey: REGULAR_KEY,
        serviceBearer: SERVICE_BEARER
    };
}
/**
 * `count` users (the target included) for paging benchmarks. Every other
 * name shares a fragment with the target (in username, display name or
 * email), so `?filter=<target>` matches them all, and every username sorts
 * before the target, so the target is on the last page: the worst case for
 * a client that pages until it finds an exact match. Names that merely extend
 * the target (e.g. 'svc-target-1') are avoided because they would sort after it.
 */
function manyUsers(count, target = 'svc-target') {
    if (!Number.isInteger(count) || count < 0) {
        throw new Error('manyUsers: count must be a whole number of 0 or more');
    }
    if (count === 0)
        return [];
    const fillers = [];
    for (let i = 1; i < count; i++)
        fillers.push(filler(i, target));
    return [
        ...fillers,
        { username: target, displayName: target, isService: true, email: null }
    ];
}
function filler(i, target) {
    const isService = i % 2 === 0;
    const candidates = [
        { username: `my-${target}-${i}` },
        {
            username: `${target.slice(0, -1)}-${i}`,
            displayName: `Not quite ${target} ${i}`
        },
        { username: `bot-${i}`, displayName: `${target} helper ${i}` },
        { username: `agent-${i}`, email: `${target}.${i}@example.com` },
        { username: `OLD-${target.toUpperCase()}-${i}` }
    ];
    const first = candidates[i % candidates.length];
    // Fall back if an unusual target makes the pattern sort after it.
    const chosen = [first, ...candidates].find((c) => c && compareUsernames(c.username, target) < 0) ?? { username: `-${i}`, displayName: `${target} ${i}` };
    return { ...chosen, isService };
}

;// CONCATENATED MODULE: ./tools/simulator/server.ts
// startSimulator: the simulator put together from its parts (options, state,
// recorder, dispatch, faults, listener) behind the `Simulator` interface.
// It binds to loopback only.











async function startSimulator(options = {}) {
    const settings = settingsOf(options);
    const state = new SimulatorState();
    seedState(state, options);
    const recorder = new Recorder();
    const parts = {
        settings,
        dateHeader: options.dateHeader,
        recorder,
        faults: new FaultQueue(),
        execute: dispatcher(state, settings.config),
        lifetime: new Lifetime()
    };
    const listener = await listen({ ...settings, tls: options.tls, onConnection: (s) => recorder.opened(s) }, requestListener(parts));
    return simulator(parts, state, listener);
}
function simulator({ settings, recorder, faults, lifetime }, state, listener) {
    let closing;
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
        keysOf: (userId, opts) => state.keysOf(userId, opts?.includeRevoked ?? false).map(toApiKeyRecord),
        liveKeyCount: (userId) => state.liveKeyCount(userId),
        createKeyDirectly: (userId, purpose, opts) => {
            const created = opts?.created ?? new Date();
            const expires = opts?.expires !== undefined
                ? opts.expires
                : defaultExpires(settings.config.expiry, created, false);
            const { key, apiKey } = state.createKey(userId, purpose, created, expires);
            return { id: key.id, apiKey };
        },
        close: () => {
            lifetime.close();
            closing ??= listener.close();
            return closing;
        }
    };
}
/**
 * Users from the options (default seed otherwise). Without explicit
 * credentials, the default seed's credentials are kept for those of its users
 * that are present unchanged (same id and username).
 */
function seedState(state, options) {
    const defaults = defaultSeed();
    for (const user of options.users ?? defaults.users)
        state.addUser(user);
    const credentials = options.credentials ??
        defaults.credentials.filter((cred) => {
            const present = state.getUser(cred.userId);
            const original = defaults.users.find((u) => u.id === cred.userId);
            return present && original && present.username === original.username;
        });
    for (const cred of credentials)
        state.addCredential(cred);
}

;// CONCATENATED MODULE: ./tools/simulator/index.ts
// Public entry point of the Octopus Deploy server simulator. The CLI lives in
// cli.ts and is deliberately not re-exported (see the note there).





/***/ }),

/***/ 975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(380);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
