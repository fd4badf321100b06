#!/usr/bin/env node
// End-to-end proof of the shipped workflows in a real n8n (the pinned version of scripts/n8n.sh):
// install (cached), build and install this package as users do, start the API doubles, import
// credentials pointing at them and every file in workflows/ with n8n's own CLI, check node types
// and parameters against what n8n loaded, publish the trigger workflows, start n8n, run each
// scenario in test/e2e/scenarios/ and assert its effect in the doubles. Stops what it started.
//
//   node test/e2e/run.mjs [--only NAME[,NAME]] [--keep]   (NAME: part of a scenario file name)
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { startGumroadDouble } from '../doubles/gumroad/server.mjs';
import { startHighLevelDouble } from '../doubles/highlevel/server.mjs';
import { startSnapshotsDouble } from '../doubles/snapshots/server.mjs';
import { startSmtpCatcher } from './smtp-catcher.mjs';
import { CREDENTIALS, E2E } from './fixtures.mjs';

const run = promisify(execFile);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : undefined;
const keep = args.includes('--keep');
const started = Date.now();
const log = (message) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}`);

async function freePort() {
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

function assert(condition, message) {
	if (!condition) throw new Error(`Assertion failed: ${message}`);
}

async function main() {
	const cleanups = [];
	const stopAll = async () => {
		for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(`cleanup: ${error.message}`));
	};
	process.on('SIGINT', () => stopAll().then(() => process.exit(130)));
	try {
		const userFolder = mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
		if (!keep) cleanups.push(async () => rmSync(userFolder, { recursive: true, force: true }));
		const env = {
			...process.env,
			N8N_USER_FOLDER: userFolder,
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry,agents,instance-ai,insights,chat-hub,workflow-builder,data-table',
			N8N_LOG_LEVEL: 'warn',
			NO_PROXY: '127.0.0.1,localhost',
			no_proxy: '127.0.0.1,localhost',
		};

		log('installing n8n (cached), building and installing the package into a fresh user folder');
		await run('bash', [join(ROOT, 'scripts/n8n.sh'), 'prepare'], { env, cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
		const [nodeBin, n8nBin] = (await run('bash', [join(ROOT, 'scripts/n8n.sh'), 'path'], { env })).stdout.trim().split(' ');
		// The owner exists from the first start on, without the setup screen.
		const n8nCache = join(dirname(n8nBin), '..', '..', '..');
		env.N8N_INSTANCE_OWNER_MANAGED_BY_ENV = 'true';
		env.N8N_INSTANCE_OWNER_EMAIL = E2E.ownerEmail;
		env.N8N_INSTANCE_OWNER_PASSWORD_HASH = (
			await run(nodeBin, ['-e', 'console.log(require("bcryptjs").hashSync(process.argv[1], 10))', E2E.ownerPassword], { cwd: n8nCache })
		).stdout.trim();
		const cli = async (...cliArgs) => {
			const brokerPort = await freePort();
			return await run(nodeBin, [n8nBin, ...cliArgs], {
				env: { ...env, N8N_RUNNERS_BROKER_PORT: String(brokerPort) },
				maxBuffer: 64 * 1024 * 1024,
			});
		};

		log('starting the API doubles and the SMTP catcher');
		const highLevel = await startHighLevelDouble({ port: 0, tokens: { [E2E.highLevelToken]: { locationId: E2E.locationId } } });
		const gumroad = await startGumroadDouble({ port: 0, tokens: { [E2E.gumroadToken]: { scopes: ['view_sales'] } } });
		gumroad.allowLocalPostUrls(true);
		const snapshots = await startSnapshotsDouble({ port: 0, keys: { [E2E.snapshotsKey]: { scopes: ['saas/location.read'] } } });
		const smtp = await startSmtpCatcher();
		cleanups.push(() => highLevel.close(), () => gumroad.close(), () => snapshots.close(), () => smtp.close());
		const doubles = { highLevel, gumroad, snapshots, smtp };
		for (const field of E2E.customFields) highLevel.addCustomField(E2E.locationId, field);

		const credentialsFile = join(userFolder, 'credentials.json');
		writeFileSync(credentialsFile, JSON.stringify(CREDENTIALS(doubles), null, 2));
		await cli('import:credentials', `--input=${credentialsFile}`);

		const workflowsDir = join(ROOT, 'workflows');
		const workflows = readdirSync(workflowsDir)
			.filter((file) => file.endsWith('.json'))
			.map((file) => ({ file, data: JSON.parse(readFileSync(join(workflowsDir, file), 'utf8')) }));
		log(`importing ${workflows.length} workflows with n8n's CLI`);
		for (const { file, data } of workflows) {
			assert(typeof data.id === 'string' && data.id, `${file} has a fixed "id"`);
			await cli('import:workflow', `--input=${join(workflowsDir, file)}`);
		}
		const triggerTypes = ['n8n-nodes-gumroad-highlevel.gumroadTrigger', 'n8n-nodes-gumroad-highlevel.highLevelTrigger'];
		for (const { data } of workflows) {
			if (data.nodes.some((node) => triggerTypes.includes(node.type))) await cli('publish:workflow', `--id=${data.id}`);
		}

		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		log(`starting n8n on ${url}`);
		const server = spawn(nodeBin, [n8nBin, 'start'], {
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
		let serverLog = '';
		server.stdout.on('data', (chunk) => (serverLog += chunk));
		server.stderr.on('data', (chunk) => (serverLog += chunk));
		cleanups.push(async () => {
			server.kill('SIGTERM');
			await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', resolve)));
		});
		await waitFor(async () => (await fetch(`${url}/healthz/readiness`)).ok, { timeoutMs: 120_000, what: 'n8n to be ready' });

		const loginResponse = await fetch(`${url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: E2E.ownerEmail, password: E2E.ownerPassword }),
		});
		const cookie = loginResponse.headers.get('set-cookie')?.split(';')[0];
		const rest = async (path, init = {}) => {
			const response = await fetch(`${url}/rest${path}`, { ...init, headers: { 'content-type': 'application/json', cookie, ...init.headers } });
			const body = await response.json().catch(() => undefined);
			if (!response.ok) throw new Error(`${init.method ?? 'GET'} /rest${path}: ${response.status} ${JSON.stringify(body)}`);
			return body?.data ?? body;
		};
		log('checking every node type and parameter against what n8n loaded');
		const nodeTypes = await (await fetch(`${url}/types/nodes.json`, { headers: { cookie } })).json();
		assert(Array.isArray(nodeTypes), `n8n lists its node types (${JSON.stringify(nodeTypes).slice(0, 200)})`);
		const byType = new Map();
		for (const description of nodeTypes) {
			const versions = Array.isArray(description.version) ? description.version : [description.version];
			for (const version of versions) byType.set(`${description.name}@${version}`, description);
		}
		for (const { file, data } of workflows) {
			for (const node of data.nodes) {
				if (node.type === 'n8n-nodes-base.stickyNote') continue;
				const description = byType.get(`${node.type}@${node.typeVersion}`);
				assert(description, `${file}: node "${node.name}" has an unknown type ${node.type} v${node.typeVersion}`);
				const known = new Set(description.properties.map((property) => property.name));
				for (const name of Object.keys(node.parameters ?? {})) {
					assert(known.has(name), `${file}: node "${node.name}" has a parameter "${name}" that ${node.type} does not define`);
				}
			}
		}

		const executions = async (workflowId) =>
			(await rest(`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`)).results ?? [];

		const scenarioDir = join(ROOT, 'test/e2e/scenarios');
		const scenarios = readdirSync(scenarioDir)
			.filter((file) => file.endsWith('.mjs'))
			.filter((file) => !only || only.some((part) => file.includes(part)))
			.sort();
		assert(scenarios.length > 0, 'at least one scenario runs');
		const failures = [];
		for (const file of scenarios) {
			const scenario = (await import(pathToFileURL(join(scenarioDir, file)).href)).default;
			const workflow = workflows.find((w) => w.file === scenario.workflow);
			const scenarioStarted = Date.now();
			try {
				assert(workflow, `${file} names a workflow in workflows/ (${scenario.workflow})`);
				await scenario.run({
					url,
					workflow: workflow.data,
					doubles,
					E2E,
					assert,
					waitFor,
					rest,
					executions: () => executions(workflow.data.id),
					execute: async () => (await cli('execute', `--id=${workflow.data.id}`, '--rawOutput')).stdout,
					webhookUrl: (webhookId, path = 'webhook') => `${url}/webhook/${webhookId}/${path}`,
					log: (message) => log(`  ${file}: ${message}`),
				});
				log(`PASS ${file} (${((Date.now() - scenarioStarted) / 1000).toFixed(1)}s)`);
			} catch (error) {
				failures.push(file);
				log(`FAIL ${file}: ${error.stack ?? error.message}`);
			}
		}
		if (failures.length) {
			console.log(serverLog.split('\n').slice(-60).join('\n'));
			throw new Error(`${failures.length} of ${scenarios.length} scenarios failed: ${failures.join(', ')}`);
		}
		console.log(`e2e: ${scenarios.length} passed, 0 failed`);
	} finally {
		await stopAll();
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
