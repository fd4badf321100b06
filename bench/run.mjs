#!/usr/bin/env node
// `npm run bench`: how fast and how safely this package's HighLevel Contacts node moves Gumroad
// customers into HighLevel, in the real n8n of the e2e suite, against the HighLevel double with
// its rate limit on (scaled to 100 requests per 1 s so a run stays short; what counts is the
// ratio to the floor = requests ÷ allowed rate). Prints a table and writes bench/RESULTS.md.
//
//   node bench/run.mjs [--sizes 1000,10000] [--concurrency 0,4] [--latencies 0,150,500] [--return-all 100000]
//                      [--routes search,legacy] [--builtin] [--queue] [--no-stop]
//                      [--overhead-items 10000 | --no-overhead] [--cpu-prof DIR]
//                      [--backfill 2000,20000 | --backfill 0] [--backfill-latencies 0,150,500]
//
// --backfill runs template 11 as shipped (Gumroad sales → one HighLevel contact per buyer) with
// that many sales, both doubles answering after each latency, HighLevel limited to 20 per 1 s.
// Concurrency 0 is the node's default (automatic); --latencies delays every answer of the double;
// --routes are Get Many's List Through values for Return All. Unless --no-stop, it also measures
// how soon a stopped execution sends its last request, in each waiting state.
//
// --queue also runs the upsert sync in n8n's queue mode as it is deployed: PostgreSQL and Redis (Debian's
// packages, installed when missing, started for the run) and two workers, the sync split in two executions that run at the same time.
//
// --builtin also runs n8n's built-in HighLevel node (v2) on the same double, without patching
// n8n: the run moves into a network namespace whose /etc/hosts resolves
// services.leadconnectorhq.com to 127.0.0.1, where the double serves HTTPS with a certificate of
// a throw-away CA that n8n trusts through NODE_EXTRA_CA_CERTS (needs root, ip and openssl).
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';

import { CREDENTIAL_IDS, E2E } from '../test/e2e/fixtures.mjs';
import { activateWorkflow, freePort, ROOT, startStack, waitFor } from '../test/e2e/stack.mjs';
import { measureNodeOverhead, overheadTable } from './overhead.mjs';
import { installQueueServices, startPostgres, startRedis } from './services.mjs';
import { windowTiming } from './timing.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = option('--sizes', '1000,10000').split(',').map(Number).filter(Boolean);
const returnAllSize = Number(option('--return-all', '100000'));
const RATE = { max: 100, intervalMs: 1000 };
/**
 * HighLevel's own limit, for Return All: its ~200 requests are few enough to run at the real pace,
 * and the scaled limit would compress the rate tenfold but not n8n's own cost of 100,000 items
 * (about 3.7 s of CPU), so it would time n8n, not the paging.
 */
const HIGHLEVEL_RATE = { max: 100, intervalMs: 10_000 };
/** 0: default options (the node picks its concurrency from the latency); a number: the user-set Concurrency. */
const CONCURRENCY = option('--concurrency', '0,4').split(',').map(Number).filter((n) => n >= 0);
/** How long the double takes to answer each request (HighLevel's answers take a few hundred ms). */
const LATENCIES = option('--latencies', '0,150,500').split(',').map(Number).filter((n) => n >= 0);
const ROUTES = option('--routes', 'search,legacy').split(',').filter(Boolean);
const measureStop = !args.includes('--no-stop');
const builtin = args.includes('--builtin');
const queue = args.includes('--queue');
const overheadItems = Number(option('--overhead-items', '10000'));
const skipOverhead = args.includes('--no-overhead');
const backfillSizes = option('--backfill', '2000,20000').split(',').map(Number).filter(Boolean);
const backfillLatencies = option('--backfill-latencies', option('--latencies', '0,150,500')).split(',').map(Number).filter((n) => n >= 0);
/** The backfill's limit: 20 per 1 s (the issue's scale: 150 ms against it is 300 ms against HighLevel's 100 per 10 s). */
const BACKFILL_RATE = { max: 20, intervalMs: 1000 };
/** Where `n8n execute` writes V8 CPU profiles (`--cpu-prof DIR`), to see where a run's time goes. */
const cpuProfileDir = option('--cpu-prof', undefined);
const HIGHLEVEL_HOST = 'services.leadconnectorhq.com';

if (queue && !process.env.BENCH_NETNS) installQueueServices((message) => console.log(`[bench] ${message}`));

/** Outside the namespace: make the CA and certificate, the namespace and its hosts file, and run this script again inside. */
if (builtin && !process.env.BENCH_NETNS) {
	const namespace = `ghlbench${process.pid}`;
	// npm needs the registry, which the namespace cannot reach: install n8n and the package first.
	const userFolder = join(tmpdir(), `n8n-bench-${process.pid}`);
	rmSync(userFolder, { recursive: true, force: true });
	console.log('[bench] installing n8n (cached), building and installing the package');
	execFileSync('bash', [join(ROOT, 'scripts/n8n.sh'), 'prepare'], { env: { ...process.env, N8N_USER_FOLDER: userFolder }, stdio: 'ignore' });
	const tlsDir = mkdtempSync(join(tmpdir(), 'bench-tls-'));
	const openssl = (...opensslArgs) => execFileSync('openssl', opensslArgs, { cwd: tlsDir, stdio: 'ignore' });
	openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=bench test CA');
	openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${HIGHLEVEL_HOST}`);
	writeFileSync(join(tlsDir, 'san.ext'), `subjectAltName=DNS:${HIGHLEVEL_HOST}\n`);
	openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext');
	mkdirSync(`/etc/netns/${namespace}`, { recursive: true });
	writeFileSync(`/etc/netns/${namespace}/hosts`, `127.0.0.1 localhost\n127.0.0.1 ${HIGHLEVEL_HOST}\n`);
	execFileSync('ip', ['netns', 'add', namespace]);
	let code = 1;
	try {
		execFileSync('ip', ['netns', 'exec', namespace, 'ip', 'link', 'set', 'lo', 'up']);
		const child = spawn('ip', ['netns', 'exec', namespace, process.execPath, ...process.argv.slice(1)], {
			stdio: 'inherit',
			env: { ...process.env, BENCH_NETNS: namespace, BENCH_TLS_DIR: tlsDir, BENCH_USER_FOLDER: userFolder, NODE_EXTRA_CA_CERTS: join(tlsDir, 'ca.pem') },
		});
		code = await new Promise((resolve) => child.on('exit', resolve));
	} finally {
		execFileSync('ip', ['netns', 'del', namespace]);
		rmSync(`/etc/netns/${namespace}`, { recursive: true, force: true });
		rmSync(tlsDir, { recursive: true, force: true });
		rmSync(userFolder, { recursive: true, force: true });
	}
	process.exit(code ?? 1);
}
const started = Date.now();
const log = (message) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}`);

const credentials = { goHighLevelPrivateTokenApi: { id: CREDENTIAL_IDS.highLevel, name: 'HighLevel (Private Integration Token)' } };
const BUILTIN_CREDENTIAL = { id: 'builtinHighLevel', name: "n8n's HighLevel OAuth2" };
const builtinCredentials = { highLevelOAuth2Api: BUILTIN_CREDENTIAL };

/** n8n's built-in HighLevel node v2 in place of ours: "Create or Update", optionally with Retry On Fail. */
function builtinNode(parameters, retryOnFail) {
	return {
		parameters,
		id: 'b0000000-0000-4000-8000-000000000003',
		name: 'Upsert',
		type: 'n8n-nodes-base.highLevel',
		typeVersion: 2,
		position: [400, 0],
		credentials: builtinCredentials,
		...(retryOnFail ? { retryOnFail: true, maxTries: 5, waitBetweenTries: 1000 } : {}),
	};
}
const manual = { parameters: {}, id: 'b0000000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] };

/** N Gumroad-like customers, one in ten a repeat buyer (the same e-mail again). */
function upsertWorkflow(id, size, concurrency, variant = 'ours') {
	const distinct = Math.ceil(size * 0.9);
	const workflow = {
		id,
		name: `bench upsert ${size} ${variant} ${concurrency ? `x${concurrency}` : 'default'}`,
		nodes: [
			manual,
			{
				parameters: {
					jsCode: `return Array.from({ length: ${size} }, (_, i) => ({ json: { email: 'buyer' + (i % ${distinct}) + '@example.com', name: 'Buyer ' + i } }));`,
				},
				id: 'b0000000-0000-4000-8000-000000000002',
				name: 'Customers',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
			},
			{
				parameters: {
					authentication: 'goHighLevelPrivateTokenApi',
					resource: 'contact',
					operation: 'upsert',
					email: '={{ $json.email }}',
					contactFields: { firstName: '={{ $json.name }}' },
					requestOptions: { maxRetries: 10, ...(concurrency ? { concurrency } : {}) },
				},
				id: 'b0000000-0000-4000-8000-000000000003',
				name: 'Upsert',
				type: 'n8n-nodes-gumroad-highlevel.highLevelContacts',
				typeVersion: 1,
				position: [400, 0],
				credentials,
			},
			countNode(600),
		],
		connections: { Start: link('Customers'), Customers: link('Upsert'), Upsert: link('Count') },
		settings: { executionOrder: 'v1' },
	};
	if (variant !== 'ours') {
		workflow.nodes[2] = builtinNode(
			{ resource: 'contact', operation: 'create', email: '={{ $json.email }}', additionalFields: { firstName: '={{ $json.name }}' } },
			variant === 'builtin-retry',
		);
	}
	return workflow;
}

/** The upsert sync started by a webhook (`POST /webhook/<path>`), its customers made by `jsCode` from the posted body. */
function webhookUpsertWorkflow(id, path, webhookId, jsCode) {
	const workflow = upsertWorkflow(id, 0, 0);
	workflow.nodes[0] = {
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		id: 'b0000000-0000-4000-8000-000000000001',
		name: 'Start',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId,
	};
	workflow.nodes[1].parameters.jsCode = jsCode;
	return workflow;
}

function returnAllWorkflow(id, variant = 'ours', listThrough = 'search') {
	const workflow = {
		id,
		name: `bench return all ${listThrough}`,
		nodes: [
			manual,
			{
				parameters: { authentication: 'goHighLevelPrivateTokenApi', resource: 'contact', operation: 'getAll', returnAll: true, listThrough },
				id: 'b0000000-0000-4000-8000-000000000004',
				name: 'Get All',
				type: 'n8n-nodes-gumroad-highlevel.highLevelContacts',
				typeVersion: 1,
				position: [200, 0],
				credentials,
			},
			countNode(400),
		],
		connections: { Start: link('Get All'), 'Get All': link('Count') },
		settings: { executionOrder: 'v1' },
	};
	if (variant !== 'ours') {
		workflow.name = 'bench return all builtin';
		workflow.nodes[1] = { ...builtinNode({ resource: 'contact', operation: 'getAll', returnAll: true }, false), name: 'Get All', position: [200, 0] };
	}
	return workflow;
}

function countNode(x) {
	return {
		parameters: { jsCode: "const items = $input.all(); return [{ json: { items: items.length, failed: items.filter((i) => i.json.error).length } }];" },
		id: 'b0000000-0000-4000-8000-000000000005',
		name: 'Count',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [x, 0],
	};
}

function link(node) {
	return { main: [[{ node, type: 'main', index: 0 }]] };
}

/** Runs `n8n execute` and samples its resident memory until it exits. */
async function execute(stack, workflowId) {
	const [nodeBin, n8nBin] = stack.binaries;
	// A file, not a pipe: n8n exits right after printing, and a pipe would lose the tail.
	const outputFile = join(tmpdir(), `bench-${workflowId}.out`);
	const fd = openSync(outputFile, 'w');
	const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
	const child = spawn(nodeBin, [...profile, n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
		env: { ...stack.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
		stdio: ['ignore', fd, fd],
	});
	const rss = sampleRss([child.pid]);
	const t0 = Date.now();
	const code = await new Promise((resolve) => child.on('exit', resolve));
	const peakRssMb = rss.stop();
	closeSync(fd);
	rmSync(outputFile);
	const resultData = await stack.lastRunData(workflowId);
	return { code, t0, wallMs: Date.now() - t0, peakRssMb, resultData, ...countsOf(resultData) };
}

/** Samples the resident memory of processes every 100 ms; `stop` gives the peak (MB) of each one's peak summed. */
function sampleRss(pids) {
	const peaks = pids.map(() => 0);
	const sampler = setInterval(() => {
		pids.forEach((pid, i) => {
			try {
				const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
				peaks[i] = Math.max(peaks[i], kb);
			} catch {
				// The process has just exited.
			}
		});
	}, 100);
	return {
		stop: () => {
			clearInterval(sampler);
			return Math.round(peaks.reduce((sum, kb) => sum + kb, 0) / 1024);
		},
	};
}

/** The Count node's item of an execution, as n8n saved it. */
function countsOf(resultData) {
	return resultData?.runData?.Count?.[0]?.data?.main?.[0]?.[0]?.json ?? { items: 0, failed: 0 };
}

/** One table row from the double's record of a scenario (shared by `n8n execute` and queue-mode runs). */
function rowOf(scenario, highLevel, { wallMs, items, failed, expected, peakRssMb }, rate = RATE) {
	const stats = highLevel.stats();
	// From the first request to the last, against the shortest span the limit allows: with
	// at most max requests in any interval, request k cannot go out before ⌊(k−1)/max⌋ intervals.
	const sent = highLevel.requests.filter((request) => request.path.startsWith('/contacts'));
	const spanMs = sent.length ? sent[sent.length - 1].at - sent[0].at : 0;
	const acceptedAt = sent.filter((request) => request.status !== 429).map((request) => request.at);
	const accepted = acceptedAt.length;
	const floorMs = Math.floor((accepted - 1) / rate.max) * rate.intervalMs;
	return {
		scenario,
		wallS: (wallMs / 1000).toFixed(1),
		requests: stats.requests,
		rateLimited: stats.rateLimited,
		maxInWindow: stats.maxInWindow,
		itemsOut: items,
		lost: expected - items,
		failed,
		spanS: (spanMs / 1000).toFixed(1),
		floorS: (floorMs / 1000).toFixed(1),
		// Only a sync that delivered everything has a duration worth comparing with the floor.
		ratio: floorMs > 0 && items === expected ? (spanMs / floorMs).toFixed(3) : 'n/a',
		accepted,
		peakRssMb,
		rate,
		// Logged, not tabled: where the time went.
		...windowTiming(acceptedAt, rate.max),
	};
}

const rows = [];
const stopRows = [];
const backfillRows = [];
/** Facts about the runs that the table cannot show, from the double's record. */
const notes = [];
const tlsDir = process.env.BENCH_TLS_DIR;
const stack = await startStack({
	templateTriggers: false,
	userFolder: process.env.BENCH_USER_FOLDER ?? join(tmpdir(), `n8n-bench-${process.pid}`),
	freshUserFolder: !process.env.BENCH_USER_FOLDER,
	prepared: Boolean(process.env.BENCH_USER_FOLDER),
	log,
	...(tlsDir
		? {
				doublePorts: { highLevel: 443 },
				highLevelTls: { key: readFileSync(join(tlsDir, 'server.key'), 'utf8'), cert: readFileSync(join(tlsDir, 'server.pem'), 'utf8'), hostname: HIGHLEVEL_HOST },
				extraCredentials: () => [
					{
						...BUILTIN_CREDENTIAL,
						type: 'highLevelOAuth2Api',
						data: {
							clientId: 'bench',
							clientSecret: 'bench',
							oauthTokenData: { access_token: E2E.highLevelToken, token_type: 'Bearer', locationId: E2E.locationId },
						},
					},
				],
			}
		: {}),
});
try {
	const { highLevel } = stack.doubles;
	const concurrencyLabel = (concurrency) => (concurrency ? `Concurrency ${concurrency}` : 'default options');
	const definitions = [
		...sizes.flatMap((size, i) => [
			...LATENCIES.flatMap((latencyMs) =>
				// A user-set Concurrency is bound by latency (4 at 500 ms: 8 per s), so it runs on the smallest size only.
				CONCURRENCY.filter((concurrency) => concurrency === 0 || i === 0).map((concurrency) => ({
					kind: 'upsert',
					size,
					latencyMs,
					label: `this package, ${concurrencyLabel(concurrency)}`,
					workflow: upsertWorkflow(`benchUpsert${i}x${concurrency}0000`.slice(0, 16), size, concurrency),
				})),
			),
			...(builtin
				? [
						{ kind: 'upsert', size, latencyMs: 0, label: "n8n's HighLevel node", workflow: upsertWorkflow(`benchBuiltin${i}00000`.slice(0, 16), size, 1, 'builtin') },
						{ kind: 'upsert', size, latencyMs: 0, label: "n8n's HighLevel node, Retry On Fail (5 tries, 1 s)", workflow: upsertWorkflow(`benchBuiltinR${i}0000`.slice(0, 16), size, 1, 'builtin-retry') },
					]
				: []),
		]),
		...(returnAllSize
			? LATENCIES.flatMap((latencyMs) =>
					// GET /contacts/ pages one after the other: 1,000 of them at 500 ms are 8 minutes of waiting.
					ROUTES.filter((route) => route === 'search' || latencyMs <= 150).map((route) => ({
						kind: 'returnAll',
						size: returnAllSize,
						latencyMs,
						rate: HIGHLEVEL_RATE,
						label: `this package, ${route === 'search' ? 'through Search (default)' : 'through GET /contacts/'}`,
						workflow: returnAllWorkflow(`benchReturnAll${route === 'search' ? 'S' : 'L'}1`, 'ours', route),
					})),
				)
			: []),
		...(builtin && returnAllSize ? [{ kind: 'returnAll', size: returnAllSize, latencyMs: 0, label: "n8n's HighLevel node", workflow: returnAllWorkflow('benchReturnAllB1', 'builtin') }] : []),
	];
	const imported = new Set();
	for (const { workflow } of definitions) {
		if (imported.has(workflow.id)) continue;
		imported.add(workflow.id);
		const file = join(tmpdir(), `${workflow.id}.json`);
		writeFileSync(file, JSON.stringify(workflow));
		await stack.cli('import:workflow', `--input=${file}`);
	}
	for (const { kind, size, label, workflow, latencyMs, rate = RATE } of definitions) {
		highLevel.reset();
		if (kind === 'returnAll') {
			log(`seeding ${size} contacts`);
			highLevel.seedContacts(E2E.locationId, size);
		}
		highLevel.setRateLimit({ ...rate, daily: 10_000_000 });
		highLevel.setLatency(latencyMs);
		log(`${workflow.name}, latency ${latencyMs} ms: running`);
		const result = await execute(stack, workflow.id);
		highLevel.setLatency(0);
		const what = kind === 'upsert' ? `Upsert sync, ${size} customers` : `Return All, ${size} contacts`;
		const limit = rate === RATE ? '' : ` (HighLevel's limit, ${rate.max} per ${rate.intervalMs / 1000} s)`;
		const scenario = `${what}, latency ${latencyMs} ms${limit}: ${label}`;
		const row = { ...rowOf(scenario, highLevel, { ...result, expected: size }, rate), exit: result.code };
		rows.push(row);
		log(JSON.stringify(row));
		if (kind === 'returnAll' && label.startsWith("n8n's")) {
			// Say what stopped the built-in node's paging, from what the double received.
			const pages = highLevel.requests.filter((request) => request.path === '/contacts/');
			notes.push(
				`n8n's HighLevel node, Return All: ${pages.length} requests; ${pages
					.map((page, i) => `page ${i + 1} was \`GET /contacts/?${new URLSearchParams(page.query)}\` → ${page.status}`)
					.join('; ')}.`,
			);
		}
	}
	for (const sales of backfillSizes) for (const latencyMs of backfillLatencies) backfillRows.push(await measureBackfill(stack, sales, latencyMs));
	if (measureStop) await measureStopTimes(stack);
} finally {
	await stack.stop();
}

/**
 * Template 11 as shipped, imported under a new ID (so it starts with no resume point), against
 * `sales` sales of 84 % as many buyers spread over two years, both doubles answering after
 * `latencyMs`. Floor: HighLevel requests ÷ the limit's rate, as `n8n execute` wall time is
 * compared with it (n8n's own start included).
 */
async function measureBackfill(stack, sales, latencyMs) {
	const { gumroad, highLevel } = stack.doubles;
	const template = JSON.parse(readFileSync(join(ROOT, 'workflows', '11-backfill-gumroad-customers-to-highlevel.json'), 'utf8'));
	const workflow = { ...template, id: `bf${sales}l${latencyMs}x`.padEnd(16, '0'), name: `Backfill ${sales} sales, ${latencyMs} ms` };
	const file = join(tmpdir(), `${workflow.id}.json`);
	writeFileSync(file, JSON.stringify(workflow));
	await stack.cli('import:workflow', `--input=${file}`);
	gumroad.reset();
	highLevel.reset();
	for (const field of E2E.customFields) highLevel.addCustomField(E2E.locationId, field);
	const buyers = Math.round(sales * 0.84);
	const span = 2 * 365 * 86_400_000;
	const now = Date.now();
	gumroad.seedSales(sales, (i) => ({ email: `buyer${i % buyers}@example.com`, full_name: `Buyer ${i}`, created_at: new Date(now - 60_000 - Math.floor((i * span) / sales)).toISOString() }));
	highLevel.setRateLimit({ ...BACKFILL_RATE, daily: 10_000_000 });
	highLevel.setLatency(latencyMs);
	gumroad.setLatency(latencyMs);
	log(`backfill of ${sales} sales (${buyers} buyers), latency ${latencyMs} ms: running`);
	const t0 = Date.now();
	const result = await execute(stack, workflow.id);
	highLevel.setLatency(0);
	gumroad.setLatency(0);
	// The node's own run (the shipped triggers are off here, so no other workflow reads or writes).
	const reading = result.resultData?.runData?.['Get All Sales']?.[0];
	const readFrom = reading?.startTime ?? 0;
	const readTo = readFrom + (reading?.executionTime ?? 0);
	const pages = gumroad.requests.filter((request) => request.path === '/v2/sales' && request.at >= readFrom && request.at <= readTo);
	const readS = (reading?.executionTime ?? 0) / 1000;
	// The backfill's own upserts: what its Create or Update node sent while it ran.
	const writing = result.resultData?.runData?.['Create or Update Contact']?.[0];
	const writeFrom = writing?.startTime ?? 0;
	const writeTo = writeFrom + (writing?.executionTime ?? 0);
	const upserts = highLevel.requests.filter((request) => request.path === '/contacts/upsert' && request.at >= writeFrom && request.at <= writeTo);
	const written = new Set([...highLevel.store.contacts.values()].map((contact) => contact.email));
	const stats = highLevel.stats();
	const floorS = stats.requests / (BACKFILL_RATE.max / (BACKFILL_RATE.intervalMs / 1000));
	const row = {
		scenario: `Backfill, ${sales} sales, latency ${latencyMs} ms: template 11 as shipped`,
		buyers,
		pages: pages.length,
		readS: readS.toFixed(1),
		firstReadS: pages.length ? ((pages[0].at - t0) / 1000).toFixed(1) : 'n/a',
		firstHighLevelS: highLevel.requests.length ? ((highLevel.requests[0].at - t0) / 1000).toFixed(1) : 'n/a',
		requests: stats.requests,
		upserts: upserts.length,
		rateLimited: stats.rateLimited,
		maxInWindow: stats.maxInWindow,
		firstUpsertS: upserts.length ? ((upserts[0].at - t0) / 1000).toFixed(1) : 'n/a',
		upsertSpanS: upserts.length ? ((upserts.at(-1).at - upserts[0].at) / 1000).toFixed(1) : 'n/a',
		written: written.size,
		lost: buyers - written.size,
		wallS: (result.wallMs / 1000).toFixed(1),
		floorS: floorS.toFixed(1),
		ratio: (result.wallMs / 1000 / floorS).toFixed(3),
		exit: result.code,
	};
	log(JSON.stringify(row));
	// Where the time went: each node's start (s from the start of `n8n execute`) and duration.
	const timings = Object.entries(result.resultData?.runData ?? {}).map(([name, [run]]) => `${name} ${((run.startTime - result.t0) / 1000).toFixed(1)}+${(run.executionTime / 1000).toFixed(1)} s`);
	log(`  nodes: ${timings.join(', ')}`);
	return row;
}

/**
 * The Stop button, in each state a sync can wait in: an execution of 1,000 upserts started by a
 * webhook in the running n8n, stopped through n8n's REST API (as the editor does) after a few
 * seconds; then the double's record says when the last request arrived.
 */
async function measureStopTimes(stack) {
	const { highLevel } = stack.doubles;
	const workflow = webhookUpsertWorkflow(
		'benchStopUpsert1',
		'bench-stop',
		'b0000000-0000-4000-8000-0000000000bb',
		"return Array.from({ length: $json.body.size }, (_, i) => ({ json: { email: 'stop' + i + '@example.com', name: 'Stop ' + i } }));",
	);
	workflow.name = 'bench stop';
	const file = join(tmpdir(), `${workflow.id}.json`);
	writeFileSync(file, JSON.stringify(workflow));
	await stack.cli('import:workflow', `--input=${file}`);
	await activateWorkflow(stack.rest, workflow.id);

	const states = [
		{ state: 'waiting for its turn in a full window', stopAfterMs: 1500, setUp: () => {} },
		{ state: 'waiting out 429s of a window someone else fills', stopAfterMs: 2500, setUp: () => highLevel.failNext(1_000_000, 429) },
		{ state: 'backing off after 503s', stopAfterMs: 4000, setUp: () => highLevel.failNext(1_000_000, 503) },
		{ state: 'a request in flight (answers take 10 s)', stopAfterMs: 2500, setUp: () => highLevel.setLatency(10_000) },
	];
	for (const { state, stopAfterMs, setUp } of states) {
		highLevel.reset();
		highLevel.setRateLimit({ ...RATE, daily: 10_000_000 });
		setUp();
		const before = new Set((await stack.executions(workflow.id)).map((execution) => execution.id));
		log(`stop while ${state}: running`);
		// n8n registers a Webhook node's route a moment after activation answers; a 404 ran nothing.
		await waitFor(
			async () => {
				const response = await fetch(`${stack.url}/webhook/bench-stop`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ size: 1000 }) });
				if (response.status === 404) return false;
				if (!response.ok) throw new Error(`stop webhook: ${response.status} ${await response.text()}`);
				return true;
			},
			{ what: 'the stop workflow\'s webhook' },
		);
		const execution = await waitFor(async () => (await stack.executions(workflow.id)).find((run) => !before.has(run.id)), { what: 'the execution to start' });
		// From the node's first request: the Code node before it takes a while on a cold task runner.
		await waitFor(() => highLevel.requests.length > 0, { timeoutMs: 60_000, intervalMs: 10, what: 'the first request' });
		const started = Date.now();
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, stopAfterMs - (Date.now() - started))));
		const stoppedAt = Date.now();
		await stack.rest(`/executions/${execution.id}/stop`, { method: 'POST' });
		const ended = await waitFor(
			async () => {
				const run = (await stack.executions(workflow.id)).find((r) => r.id === execution.id);
				return run && run.status !== 'running' && run.status !== 'new' && run;
			},
			{ timeoutMs: 120_000, intervalMs: 20, what: 'the stopped execution to end' },
		);
		const endedAt = Date.now();
		// Anything still coming would arrive within this.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		highLevel.setLatency(0);
		const requests = highLevel.requests.filter((request) => request.path.startsWith('/contacts'));
		const after = requests.filter((request) => request.at > stoppedAt);
		const last = requests.at(-1);
		const row = {
			state,
			requestsBeforeStop: requests.length - after.length,
			requestsAfterStop: after.length,
			lastRequestAfterStopMs: last ? last.at - stoppedAt : null,
			stopToEndMs: endedAt - stoppedAt,
			status: ended.status,
		};
		stopRows.push(row);
		log(JSON.stringify(row));
	}
}

/**
 * n8n's queue mode: a main instance that takes the webhook calls and queues the executions in
 * Redis, and two workers that run them, one at a time each. Each sync is split in two halves
 * posted at once, so both workers upsert into the same location at the same time; duplicates
 * cross the halves (a repeat buyer's first purchase is in the other half).
 */
const queueRows = [];
if (queue) {
	const redis = await startRedis(log);
	const postgres = await startPostgres(log);
	const queueWorkflow = webhookUpsertWorkflow(
		'benchQueueUpsert',
		'bench-queue',
		'b0000000-0000-4000-8000-0000000000aa',
		"const { from, to, distinct } = $json.body; return Array.from({ length: to - from }, (_, k) => ({ json: { email: 'buyer' + ((from + k) % distinct) + '@example.com', name: 'Buyer ' + (from + k) } }));",
	);
	const queueStack = await startStack({
		templateTriggers: false,
		// Inside the network namespace npm cannot install the package again: reuse the prepared folder.
		userFolder: process.env.BENCH_USER_FOLDER ?? join(tmpdir(), `n8n-bench-queue-${process.pid}`),
		freshUserFolder: !process.env.BENCH_USER_FOLDER,
		prepared: Boolean(process.env.BENCH_USER_FOLDER),
		log,
		env: { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(redis.port), ...postgres.env },
		workers: 2,
		extraWorkflows: [queueWorkflow],
	});
	try {
		const { highLevel } = queueStack.doubles;
		for (const [size, latencyMs] of sizes.flatMap((size) => LATENCIES.map((latencyMs) => [size, latencyMs]))) {
			highLevel.reset();
			highLevel.setRateLimit({ ...RATE, daily: 10_000_000 });
			highLevel.setLatency(latencyMs);
			const before = new Set((await queueStack.executions(queueWorkflow.id)).map((execution) => execution.id));
			log(`queue mode, ${size} customers over two workers, latency ${latencyMs} ms: running`);
			const rss = sampleRss(queueStack.workers.map((worker) => worker.process.pid));
			const t0 = Date.now();
			const distinct = Math.ceil(size * 0.9);
			const halves = [
				{ from: 0, to: Math.floor(size / 2), distinct },
				{ from: Math.floor(size / 2), to: size, distinct },
			];
			await Promise.all(
				halves.map(async (half) => {
					const response = await fetch(`${queueStack.url}/webhook/bench-queue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(half) });
					if (!response.ok) throw new Error(`webhook: ${response.status} ${await response.text()}`);
				}),
			);
			const finished = await waitFor(
				async () => {
					const runs = (await queueStack.executions(queueWorkflow.id)).filter((execution) => !before.has(execution.id));
					return runs.length === 2 && runs.every((execution) => execution.stoppedAt) && runs;
				},
				{ timeoutMs: 30 * 60_000, intervalMs: 100, what: 'both executions to finish' },
			);
			const wallMs = Date.now() - t0;
			const peakRssMb = rss.stop();
			const counts = await Promise.all(finished.map(async (execution) => countsOf(await queueStack.runData(execution.id))));
			// Which worker ran which execution, from the workers' own logs.
			const ranBy = finished.map((execution) => queueStack.workers.findIndex((worker) => new RegExp(`execution ${execution.id}\\b`).test(worker.log())) + 1);
			highLevel.setLatency(0);
			const row = rowOf(`Upsert sync, ${size} customers, latency ${latencyMs} ms: this package, default options, queue mode, split over workers ${ranBy.join(' and ')}`, highLevel, {
				wallMs,
				items: counts.reduce((sum, count) => sum + count.items, 0),
				failed: counts.reduce((sum, count) => sum + count.failed, 0),
				expected: size,
				peakRssMb,
			});
			// How far apart the two workers began (each half's first customer): runs vary with it, as a
			// worker that starts a latency after the other meets a window already filling.
			const [startA, startB] = halves.map((half) => highLevel.requests.find((request) => request.body?.email === `buyer${half.from % half.distinct}@example.com`)?.at ?? Number.NaN);
			const startsApartMs = Math.abs(startB - startA);
			queueRows.push(row);
			log(JSON.stringify({ ...row, startsApartMs }));
		}
	} finally {
		await queueStack.stop();
		redis.stop();
		await postgres.stop();
	}
}

const overheadRows = skipOverhead ? [] : await measureNodeOverhead({ items: overheadItems, returnAllSizes: [10_000, returnAllSize].filter((n, i, all) => n && all.indexOf(n) === i), log });

const columns = ['Scenario', 'Wall (s)', 'Requests', '429s', 'Max in any window (limit)', 'Items out', 'Lost', 'Failed', 'First→last request (s)', 'Floor (s)', 'Time ÷ floor', 'Time ÷ (requests ÷ rate)', 'Peak RSS (MB)'];
const tableOf = (tableRows) =>
	[
		`| ${columns.join(' | ')} |`,
		`|${'---|'.repeat(columns.length)}`,
		...tableRows.map((r) => {
			const perRate = r.accepted > 1 && r.lost === 0 ? (Number(r.spanS) / (r.accepted / (r.rate.max / (r.rate.intervalMs / 1000)))).toFixed(3) : 'n/a';
			return `| ${[r.scenario, r.wallS, r.requests, r.rateLimited, `${r.maxInWindow} (${r.rate.max} per ${r.rate.intervalMs / 1000} s)`, r.itemsOut, r.lost, r.failed, r.spanS, r.floorS, r.ratio, perRate, r.peakRssMb].join(' | ')} |`;
		}),
	].join('\n');
/**
 * The backfill table's rows: this run's, and the earlier rows of sizes and latencies it did not
 * measure (one size at a time takes a quarter of an hour), ordered by sales, then latency.
 */
function backfillTableRows() {
	const measured = backfillRows.map((r) => `| ${[r.scenario, r.buyers, r.pages, r.readS, r.requests, r.upserts, r.rateLimited, `${r.maxInWindow} (${BACKFILL_RATE.max})`, r.firstUpsertS, r.upsertSpanS, r.written, r.lost, r.wallS, r.floorS, r.ratio].join(' | ')} |`);
	const scenarioOf = (row) => row.split(' | ')[0].slice(2);
	let earlier = [];
	try {
		earlier = readFileSync(join(ROOT, 'bench', 'RESULTS.md'), 'utf8').split('\n').filter((line) => line.startsWith('| Backfill, '));
	} catch {
		// No earlier results.
	}
	const now = new Set(measured.map(scenarioOf));
	const key = (row) => /(\d+) sales, latency (\d+) ms/.exec(scenarioOf(row))?.slice(1).map(Number) ?? [0, 0];
	return [...earlier.filter((row) => !now.has(scenarioOf(row))), ...measured]
		.sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1])
		.join('\n');
}

const tables = [
	...(rows.length ? [`## One n8n (\`n8n execute\`)\n\nWall time includes n8n's own start (about 3 s); peak RSS is the \`n8n execute\` process's.\n\n${tableOf(rows)}`] : []),
	...(queueRows.length
		? [
				`## Queue mode: main + Redis + two workers\n\nEach sync is posted as two halves to a webhook at once; each worker runs one execution at a time, so each half runs on its own worker (named from the workers' logs). Wall time is from the two posts to both executions saved; peak RSS is both workers' peaks summed.\n\n${tableOf(queueRows)}`,
			]
		: []),
	...(backfillRows.length
		? [
				`## Backfill (template 11 as shipped)\n\n\`n8n execute\` of the template against sales of 84 % as many buyers over two years, both doubles answering after the latency, HighLevel limited to ${BACKFILL_RATE.max} per ${BACKFILL_RATE.intervalMs / 1000} s. Floor: HighLevel requests ÷ ${BACKFILL_RATE.max} per s; wall includes n8n's own start (about 3 s). "Reading" is the Get All Sales node's run; "first upsert" is from the start of \`n8n execute\`.\n\n| Scenario | Buyers | Gumroad pages | Reading (s) | HighLevel requests | Upserts | 429s | Max in any window | First upsert (s) | First→last upsert (s) | Contacts | Lost | Wall (s) | Floor (s) | Wall ÷ floor |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n${backfillTableRows()}`,
			]
		: []),
	...(stopRows.length
		? [
				`## Stop\n\nAn execution of 1,000 upserts (default options), started by a webhook in the running n8n and stopped through its REST API (\`POST /rest/executions/:id/stop\`, as the Stop button does) a while after its first request reached the double, in each waiting state. "Last request − stop" is when the double received the last request, from the moment of the stop (negative: nothing arrived after it); "stop → ended" is until n8n reported the execution ended (polled every 20 ms).\n\n| Waiting state | Requests before the stop | Requests after | Last request − stop (ms) | Stop → ended (ms) | Status |\n|---|---|---|---|---|---|\n${stopRows
					.map((r) => `| ${[r.state, r.requestsBeforeStop, r.requestsAfterStop, r.lastRequestAfterStopMs, r.stopToEndMs, r.status].join(' | ')} |`)
					.join('\n')}`,
			]
		: []),
	...(overheadRows.length
		? [
				`## Node overhead, in-process (limit off)\n\nn8n's engine (n8n-core \`WorkflowExecute\`) in the benchmark's own process, the HighLevel double in a child process with its rate limit off. The bare-request row is n8n's own cost of the same requests (one \`httpRequestWithAuthentication\` per item, same credential, expressions and body); the overhead row is the difference.\n\n${overheadTable(overheadRows)}`,
			]
		: []),
];
console.log(`\n${tables.join('\n\n')}\n`);
// The hand-written reading of the numbers below the marker survives a new run, and so does each
// table this run did not measure (a run of one part leaves the others' numbers, with their date).
const resultsFile = join(ROOT, 'bench', 'RESULTS.md');
const MARKER = '<!-- Written by hand below: kept when bench/run.mjs rewrites the tables above. -->';
const measuredOn = `_Measured on ${new Date().toISOString().slice(0, 10)} by \`node bench/run.mjs ${args.join(' ')}\`._`;
const headingOf = (section) => section.split('\n', 1)[0];
let analysis = '';
let keptTables = [];
try {
	const previous = readFileSync(resultsFile, 'utf8');
	if (previous.includes(MARKER)) analysis = previous.slice(previous.indexOf(MARKER) + MARKER.length);
	const measured = new Set(tables.map(headingOf));
	keptTables = previous
		.slice(0, previous.includes(MARKER) ? previous.indexOf(MARKER) : undefined)
		.split(/\n(?=## )/)
		.slice(1)
		.map((section) => section.trim())
		.filter((section) => !measured.has(headingOf(section)));
} catch {
	// No previous results.
}
const results = `# Benchmark results

Produced by \`npm run bench\` (\`node bench/run.mjs\`, each table by the command its note names) on
${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version} for the
driver, n8n 2.41.1 on Node 24 (scripts/n8n.sh). For the syncs the HighLevel double's limit is scaled to
${RATE.max} requests per ${RATE.intervalMs} ms (HighLevel: 100 per 10 s); Return All runs at HighLevel's own
${HIGHLEVEL_RATE.max} per ${HIGHLEVEL_RATE.intervalMs / 1000} s, since a tenfold rate would time n8n's own cost of 100,000 items, not the paging. "Floor" is the shortest
time from the first to the last request that the limit allows: with at most max requests in any
window, request k cannot leave before ⌊(k−1)/max⌋ windows. That is stricter than
requests ÷ rate (the last column), which counts a whole window for the last batch too.

${
	builtin
		? `n8n's built-in HighLevel node ran against the same double: the run moved into a network namespace
where ${HIGHLEVEL_HOST} resolves to 127.0.0.1 and the double serves HTTPS with a certificate of a
throw-away CA trusted through NODE_EXTRA_CA_CERTS; n8n itself is unpatched.`
		: `Run with --builtin (as root) to add n8n's built-in HighLevel node on the same double.`
}

${[...tables.map((table) => table.replace(/\n\n/, `\n\n${measuredOn}\n\n`)), ...keptTables].join('\n\n')}
${notes.length ? `\n${notes.map((note) => `- ${note}`).join('\n')}\n` : ''}
${MARKER}${analysis || '\n'}`;
writeFileSync(resultsFile, results);
log('wrote bench/RESULTS.md');
