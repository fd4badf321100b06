// A real n8n (the version pinned in scripts/n8n.sh) with this package installed as users install
// it, the API doubles, credentials pointing at them and every workflow of workflows/ imported.
// Used by the end-to-end suite (test/e2e/run.mjs) and by `npm start` (scripts/start.mjs).
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { startGumroadDouble } from '../doubles/gumroad/server.mjs';
import { startHighLevelDouble } from '../doubles/highlevel/server.mjs';
import { startSnapshotsDouble } from '../doubles/snapshots/server.mjs';
import { unflattenExecutionData } from './execution-data.mjs';
import { CREDENTIALS, E2E } from './fixtures.mjs';
import { startSmtpCatcher } from './smtp-catcher.mjs';

const run = promisify(execFile);
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

export async function waitFor(check, { timeoutMs = 20_000, intervalMs = 200, what = 'condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last;
	for (;;) {
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			last = error;
		}
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/** Stops an n8n process and waits for it to exit. */
async function stopProcess(child) {
	if (child.exitCode !== null) return;
	child.kill('SIGTERM');
	await new Promise((resolve) => child.once('exit', resolve));
}

/** Runs a command, handing each line it prints to `log` as it comes (a first install takes minutes). */
async function runSaying(log, command, args, options) {
	const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
	let tail = '';
	let pending = '';
	const onOutput = (chunk) => {
		tail = (tail + chunk).slice(-4000);
		const lines = (pending + chunk).split('\n');
		pending = lines.pop();
		for (const line of lines) if (line.trim()) log(line.trimEnd());
	};
	child.stdout.on('data', onOutput);
	child.stderr.on('data', onOutput);
	const code = await new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', resolve);
	});
	if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}: ${tail.slice(-1000)}`);
}

export function assert(condition, message) {
	if (!condition) throw new Error(`Assertion failed: ${message}`);
}

export function readWorkflows() {
	const dir = join(ROOT, 'workflows');
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, path: join(dir, file), data: JSON.parse(readFileSync(join(dir, file), 'utf8')) }));
}

function isTriggerWorkflow(data) {
	return data.nodes.some((node) => node.type in REGISTERED);
}

/** Whether a trigger node's activation has registered it (its `create()` writes the node's static data). */
const REGISTERED = {
	'n8n-nodes-gumroad-highlevel.gumroadTrigger': (state) => Boolean(state?.subscriptionIds),
	'n8n-nodes-gumroad-highlevel.highLevelTrigger': (state) => state?.listening === true,
};
/** Polling triggers, which keep a cursor once their first check has run; their workflows stay off until a scenario turns them on. */
export const POLLED = {
	'n8n-nodes-gumroad-highlevel.gumroadPollingTrigger': (state) => Boolean(state?.cursors),
	'n8n-nodes-gumroad-highlevel.highLevelPollingTrigger': (state) => Boolean(state?.cursors),
};

/** Activates a version of a workflow (by default its current one) and waits until its triggers are registered. */
export async function activateWorkflow(rest, id, versionId) {
	versionId ??= (await rest(`/workflows/${id}`)).versionId;
	await rest(`/workflows/${id}/activate`, { method: 'POST', body: JSON.stringify({ versionId }) });
	// n8n answers just before the triggers' `create()` has finished.
	await waitFor(
		async () => {
			const { nodes, staticData } = await rest(`/workflows/${id}`);
			const ready = { ...REGISTERED, ...POLLED };
			return nodes.every((node) => node.disabled || !ready[node.type] || ready[node.type](staticData?.[`node:${node.name}`]));
		},
		// A polling trigger's first check runs at activation, or at the next Poll Time.
		{ what: `the triggers of workflow ${id} to register`, timeoutMs: 90_000 },
	);
}

/**
 * @param {{ userFolder: string, port?: number, doublePorts?: {highLevel?: number, gumroad?: number, snapshots?: number},
 *   freshUserFolder?: boolean, keepImported?: boolean, log?: (message: string) => void, seed?: (doubles: any) => void,
 *   highLevelTls?: {key: string, cert: string, hostname: string}, extraCredentials?: (doubles: any) => any[],
 *   prepared?: boolean, env?: Record<string, string>, workers?: number, extraWorkflows?: any[],
 *   editWorkflow?: (data: any) => void }} options  (keepImported: a later start with the same
 *   user folder keeps the credentials and workflows an earlier start imported; prepared: the user folder already holds the package;
 *   npm cannot reach the registry from a network namespace. env: extra settings of every n8n process, e.g. queue mode;
 *   workers: how many `n8n worker` processes to start, one execution at a time each; extraWorkflows: imported and published too;
 *   templateTriggers: false leaves the shipped trigger workflows off)
 */
export async function startStack(options) {
	const log = options.log ?? (() => {});
	const cleanups = [];
	const stop = async () => {
		for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error) => console.error(`stop: ${error.message}`));
	};
	try {
		const { userFolder } = options;
		if (options.freshUserFolder) rmSync(userFolder, { recursive: true, force: true });
		mkdirSync(userFolder, { recursive: true });
		const env = {
			...process.env,
			N8N_USER_FOLDER: userFolder,
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry,agents,instance-ai,insights,chat-hub,workflow-builder,data-table',
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn',
			NO_PROXY: '127.0.0.1,localhost',
			no_proxy: '127.0.0.1,localhost',
			...options.env,
		};

		if (!options.prepared) {
			log('n8n (installed once, then cached), then this package built, packed and installed into the user folder');
			await runSaying(log, 'bash', [join(ROOT, 'scripts/n8n.sh'), 'prepare'], { env, cwd: ROOT });
		}
		const [nodeBin, n8nBin] = (await run('bash', [join(ROOT, 'scripts/n8n.sh'), 'path'], { env })).stdout.trim().split(' ');
		// The owner exists from the first start on, without the setup screen.
		env.N8N_INSTANCE_OWNER_MANAGED_BY_ENV = 'true';
		env.N8N_INSTANCE_OWNER_EMAIL = E2E.ownerEmail;
		env.N8N_INSTANCE_OWNER_PASSWORD_HASH = (
			await run(nodeBin, ['-e', 'console.log(require("bcryptjs").hashSync(process.argv[1], 10))', E2E.ownerPassword], {
				cwd: join(dirname(n8nBin), '..', '..', '..'),
			})
		).stdout.trim();
		/** n8n's CLI; `execute` prints the run data at log level info only. */
		const cli = async (...cliArgs) =>
			await run(nodeBin, [n8nBin, ...cliArgs], {
				env: {
					...env,
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
					...(cliArgs[0] === 'execute' ? { N8N_LOG_LEVEL: 'info' } : {}),
				},
				maxBuffer: 256 * 1024 * 1024,
			});

		log('starting the API doubles and the SMTP catcher');
		const ports = options.doublePorts ?? {};
		const highLevel = await startHighLevelDouble({
			port: ports.highLevel ?? 0,
			tokens: { [E2E.highLevelToken]: { locationId: E2E.locationId } },
			oauthClients: {
				[E2E.agency.clientId]: {
					secret: E2E.agency.clientSecret,
					userType: 'Company',
					companyId: E2E.agency.companyId,
					scope: E2E.agency.scope,
					installedLocations: E2E.agency.subAccounts.map(({ id }) => id),
				},
			},
			...(options.highLevelTls ? { tls: options.highLevelTls } : {}),
		});
		cleanups.push(() => highLevel.close());
		const gumroad = await startGumroadDouble({ port: ports.gumroad ?? 0, tokens: { [E2E.gumroadToken]: { scopes: ['view_sales'] } } });
		cleanups.push(() => gumroad.close());
		gumroad.allowLocalPostUrls(true);
		const snapshots = await startSnapshotsDouble({ port: ports.snapshots ?? 0, keys: { [E2E.snapshotsKey]: { scopes: ['saas/location.read'] } } });
		cleanups.push(() => snapshots.close());
		const smtp = await startSmtpCatcher(ports.smtp ?? 0);
		cleanups.push(() => smtp.close());
		const doubles = { highLevel, gumroad, snapshots, smtp };
		for (const field of E2E.customFields) highLevel.addCustomField(E2E.locationId, field);
		for (const user of E2E.users) highLevel.addUser(E2E.locationId, user);
		// The agency app's grant, and its client sub-accounts with the same fields.
		highLevel.issueOAuthTokens(E2E.agency.clientId, { access_token: E2E.agency.accessToken, refresh_token: E2E.agency.refreshToken });
		for (const { id, name } of E2E.agency.subAccounts) {
			highLevel.addLocation(E2E.agency.companyId, { id, name });
			for (const field of E2E.customFields) highLevel.addCustomField(id, field);
		}
		options.seed?.(doubles);

		// With keepImported (npm start, whose doubles listen on fixed ports) a restart keeps what an
		// earlier start imported, the user's edits included, and imports only what is new.
		const importedFile = join(userFolder, 'imported-by-start.json');
		const imported =
			options.keepImported && existsSync(importedFile) ? JSON.parse(readFileSync(importedFile, 'utf8')) : { credentials: [], workflows: [] };
		const restarted = imported.workflows.length > 0;

		const credentials = [...CREDENTIALS(doubles), ...(options.extraCredentials?.(doubles) ?? [])].filter(
			(credential) => !imported.credentials.includes(credential.id),
		);
		if (credentials.length > 0) {
			const credentialsFile = join(userFolder, 'credentials.json');
			writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2));
			await cli('import:credentials', `--input=${credentialsFile}`);
			rmSync(credentialsFile);
		}

		const workflows = readWorkflows();
		for (const { data } of workflows) options.editWorkflow?.(data);
		for (const data of options.extraWorkflows ?? []) workflows.push({ file: `${data.id}.json`, data, publish: true });
		const newWorkflows = workflows.filter(({ data }) => !imported.workflows.includes(data.id));
		log(
			restarted
				? `keeping the ${imported.workflows.length} workflows imported before (\`npm start -- --fresh\` starts over); ${newWorkflows.length} new`
				: `importing ${workflows.length} workflows with n8n's CLI`,
		);
		if (newWorkflows.length > 0) {
			for (const { file, data } of newWorkflows) assert(typeof data.id === 'string' && data.id, `${file} has a fixed "id"`);
			// One CLI call for all of them: each call boots n8n's CLI for seconds.
			const workflowsFile = join(userFolder, 'workflows.json');
			writeFileSync(workflowsFile, JSON.stringify(newWorkflows.map(({ data }) => data)));
			await cli('import:workflow', `--input=${workflowsFile}`);
			rmSync(workflowsFile);
		}
		for (const { data, publish } of newWorkflows) if (publish) await cli('publish:workflow', `--id=${data.id}`);
		if (options.keepImported) {
			const ids = (list) => list.map(({ id, data }) => id ?? data.id);
			writeFileSync(
				importedFile,
				JSON.stringify({
					credentials: [...new Set([...imported.credentials, ...ids(credentials)])],
					workflows: [...new Set([...imported.workflows, ...ids(newWorkflows)])],
				}),
			);
		}

		const port = options.port || (await freePort());
		const url = `http://127.0.0.1:${port}`;
		let server;
		let serverLog = '';
		const startServer = async () => {
			log(`starting n8n on ${url}`);
			server = spawn(nodeBin, [n8nBin, 'start'], {
				env: {
					...env,
					N8N_HOST: '127.0.0.1',
					N8N_LISTEN_ADDRESS: '127.0.0.1',
					N8N_PORT: String(port),
					N8N_PROTOCOL: 'http',
					WEBHOOK_URL: `${url}/`,
					N8N_SECURE_COOKIE: 'false',
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				},
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			server.stdout.on('data', (chunk) => (serverLog += chunk));
			server.stderr.on('data', (chunk) => (serverLog += chunk));
			await waitFor(async () => (await fetch(`${url}/healthz/readiness`).catch(() => ({ ok: false }))).ok, { timeoutMs: 120_000, what: 'n8n to be ready' });
		};
		await startServer();
		cleanups.push(() => stopProcess(server));

		const workers = [];
		for (let i = 0; i < (options.workers ?? 0); i++) {
			log(`starting n8n worker ${i + 1}`);
			const worker = spawn(nodeBin, [n8nBin, 'worker', '--concurrency=1'], {
				env: { ...env, N8N_LOG_LEVEL: 'info', N8N_RUNNERS_BROKER_PORT: String(await freePort()), QUEUE_HEALTH_CHECK_PORT: String(await freePort()) },
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let workerLog = '';
			const ready = new Promise((resolve, reject) => {
				const onOutput = (chunk) => {
					workerLog += chunk;
					if (/worker is now ready/i.test(workerLog)) resolve(undefined);
				};
				worker.stdout.on('data', onOutput);
				worker.stderr.on('data', onOutput);
				worker.once('exit', (code) => reject(new Error(`n8n worker ${i + 1} exited (${code}): ${workerLog.slice(-2000)}`)));
			});
			cleanups.push(() => stopProcess(worker));
			await ready;
			workers.push({ process: worker, log: () => workerLog });
		}

		const logIn = async () => {
			const login = await fetch(`${url}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: E2E.ownerEmail, password: E2E.ownerPassword }),
			});
			return login.headers.get('set-cookie')?.split(';')[0];
		};
		let cookie = await logIn();
		const rest = async (path, init = {}) => {
			const response = await fetch(`${url}/rest${path}`, { ...init, headers: { 'content-type': 'application/json', cookie, ...init.headers } });
			const body = await response.json().catch(() => undefined);
			if (!response.ok) throw new Error(`${init.method ?? 'GET'} /rest${path}: ${response.status} ${JSON.stringify(body)}`);
			return body?.data ?? body;
		};
		// n8n runs no trigger's `create()` when it restarts (the registration stays in its database),
		// but the doubles restart empty: switch each active trigger workflow off and on again, so
		// the Gumroad Trigger subscribes at this start's Gumroad double.
		if (restarted) {
			for (const { id, active } of await rest('/workflows')) {
				if (!active) continue;
				const { name, nodes, activeVersionId } = await rest(`/workflows/${id}`);
				if (!isTriggerWorkflow({ nodes })) continue;
				log(`re-subscribing "${name}" at the fresh API doubles`);
				await rest(`/workflows/${id}/deactivate`, { method: 'POST' });
				// The version that was live, not an unpublished draft the user may have saved since.
				await activateWorkflow(rest, id, activeVersionId);
			}
		}
		// The new trigger workflows go live through the REST API (as the editor's switch does): one
		// CLI `publish:workflow` per workflow would boot n8n's CLI for seconds each.
		// A benchmark leaves the templates off: a polling trigger would send requests of its own while it measures.
		const newTriggerWorkflows = options.templateTriggers === false ? [] : newWorkflows.filter(({ data, publish }) => !publish && isTriggerWorkflow(data));
		if (newTriggerWorkflows.length > 0) log(`activating ${newTriggerWorkflows.length} trigger workflows`);
		for (const { data } of newTriggerWorkflows) await activateWorkflow(rest, data.id);

		const executions = async (workflowId) =>
			// n8n lists executions in pages (of 10 by default): its largest page, 100, holds every scenario's runs.
			(await rest(`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`)).results ?? [];
		/** The run data (`resultData`) of one saved execution. */
		const runData = async (executionId) => {
			const { data } = await rest(`/executions/${executionId}`);
			return (typeof data === 'string' ? unflattenExecutionData(data) : data).resultData;
		};
		/** The run data of the workflow's latest saved execution. */
		const lastRunData = async (workflowId) => {
			const [latest] = (await executions(workflowId)).sort((a, b) => Number(b.id) - Number(a.id));
			return latest ? await runData(latest.id) : undefined;
		};

		/**
		 * Stops n8n (not the doubles), runs `whileStopped` (sales made during an upgrade, say), and
		 * starts n8n again on the same database: what it missed is then up to the package.
		 */
		const restartN8n = async (whileStopped = async () => {}) => {
			log('stopping n8n; the API doubles keep running');
			await stopProcess(server);
			await whileStopped();
			await startServer();
			cookie = await logIn();
		};

		return { url, port, get cookie() { return cookie; }, doubles, workflows, cli, rest, executions, runData, lastRunData, stop, restartN8n, serverLog: () => serverLog, get server() { return server; }, workers, env, binaries: [nodeBin, n8nBin] };
	} catch (error) {
		await stop();
		throw error;
	}
}
