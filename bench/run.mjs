#!/usr/bin/env node
// `npm run bench`: how fast and how safely this package's HighLevel Contacts node moves Gumroad
// customers into HighLevel, in the real n8n of the e2e suite, against the HighLevel double with
// its rate limit on (scaled to 100 requests per 1 s so a run stays short; what counts is the
// ratio to the floor = requests ÷ allowed rate). Prints a table and writes bench/RESULTS.md.
//
//   node bench/run.mjs [--sizes 1000,10000] [--concurrency 1,4] [--return-all 100000] [--builtin]
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
import { freePort, ROOT, startStack } from '../test/e2e/stack.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = option('--sizes', '1000,10000').split(',').map(Number).filter(Boolean);
const returnAllSize = Number(option('--return-all', '100000'));
const RATE = { max: 100, intervalMs: 1000 };
const CONCURRENCY = option('--concurrency', '1,4').split(',').map(Number);
const builtin = args.includes('--builtin');
/** Where `n8n execute` writes V8 CPU profiles (`--cpu-prof DIR`), to see where a run's time goes. */
const cpuProfileDir = option('--cpu-prof', undefined);
const HIGHLEVEL_HOST = 'services.leadconnectorhq.com';

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
		name: `bench upsert ${size} ${variant} x${concurrency}`,
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
					requestOptions: { maxRetries: 10, concurrency },
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

function returnAllWorkflow(id, variant = 'ours') {
	const workflow = {
		id,
		name: 'bench return all',
		nodes: [
			manual,
			{
				parameters: { authentication: 'goHighLevelPrivateTokenApi', resource: 'contact', operation: 'getAll', returnAll: true },
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
	let peakRssKb = 0;
	const sampler = setInterval(() => {
		try {
			const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
			peakRssKb = Math.max(peakRssKb, rss);
		} catch {
			// The process has just exited.
		}
	}, 100);
	const t0 = Date.now();
	const code = await new Promise((resolve) => child.on('exit', resolve));
	clearInterval(sampler);
	closeSync(fd);
	rmSync(outputFile);
	return { code, wallMs: Date.now() - t0, peakRssMb: Math.round(peakRssKb / 1024), ...(await countsOfLastRun(stack, workflowId)) };
}

/** The Count node's item of the workflow's last execution, as n8n saved it. */
async function countsOfLastRun(stack, workflowId) {
	const resultData = await stack.lastRunData(workflowId);
	return resultData?.runData?.Count?.[0]?.data?.main?.[0]?.[0]?.json ?? { items: 0, failed: 0 };
}

const rows = [];
const tlsDir = process.env.BENCH_TLS_DIR;
const stack = await startStack({
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
	const definitions = [
		...sizes.flatMap((size, i) => [
			...CONCURRENCY.map((concurrency) => ({ kind: 'upsert', size, concurrency, label: `this package, concurrency ${concurrency}`, workflow: upsertWorkflow(`benchUpsert${i}x${concurrency}0000`.slice(0, 16), size, concurrency) })),
			...(builtin
				? [
						{ kind: 'upsert', size, label: "n8n's HighLevel node", workflow: upsertWorkflow(`benchBuiltin${i}00000`.slice(0, 16), size, 1, 'builtin') },
						{ kind: 'upsert', size, label: "n8n's HighLevel node, Retry On Fail (5 tries, 1 s)", workflow: upsertWorkflow(`benchBuiltinR${i}0000`.slice(0, 16), size, 1, 'builtin-retry') },
					]
				: []),
		]),
		{ kind: 'returnAll', size: returnAllSize, label: 'this package', workflow: returnAllWorkflow('benchReturnAll01') },
		...(builtin ? [{ kind: 'returnAll', size: returnAllSize, label: "n8n's HighLevel node", workflow: returnAllWorkflow('benchReturnAllB1', 'builtin') }] : []),
	];
	for (const { workflow } of definitions) {
		const file = join(tmpdir(), `${workflow.id}.json`);
		writeFileSync(file, JSON.stringify(workflow));
		await stack.cli('import:workflow', `--input=${file}`);
	}
	for (const { kind, size, label, workflow } of definitions) {
		highLevel.reset();
		if (kind === 'returnAll') {
			log(`seeding ${size} contacts`);
			highLevel.seedContacts(E2E.locationId, size);
		}
		highLevel.setRateLimit({ ...RATE, daily: 10_000_000 });
		log(`${workflow.name}: running`);
		const result = await execute(stack, workflow.id);
		const stats = highLevel.stats();
		// From the first request to the last, against the shortest span the limit allows: with
		// at most max requests in any interval, request k cannot go out before ⌊(k−1)/max⌋ intervals.
		const sent = highLevel.requests.filter((request) => request.path.startsWith('/contacts'));
		const spanMs = sent.length ? sent[sent.length - 1].at - sent[0].at : 0;
		const floorMs = Math.floor((sent.length - 1) / RATE.max) * RATE.intervalMs;
		const expectedItems = kind === 'upsert' ? size : size;
		const row = {
			scenario: kind === 'upsert' ? `Upsert sync, ${size} customers: ${label}` : `Return All, ${size} contacts: ${label}`,
			wallS: (result.wallMs / 1000).toFixed(1),
			requests: stats.requests,
			rateLimited: stats.rateLimited,
			maxInWindow: stats.maxInWindow,
			itemsOut: result.items,
			lost: expectedItems - result.items,
			failed: result.failed,
			spanS: (spanMs / 1000).toFixed(1),
			floorS: (floorMs / 1000).toFixed(1),
			ratio: floorMs > 0 ? (spanMs / floorMs).toFixed(3) : 'n/a',
			peakRssMb: result.peakRssMb,
			exit: result.code,
		};
		rows.push(row);
		log(JSON.stringify(row));
	}
} finally {
	await stack.stop();
}

const header = '| Scenario | Wall incl. n8n start (s) | Requests | 429s | Max in any 1 s window (limit 100) | Items out | Lost | Failed | First→last request (s) | Floor (s) | Time ÷ floor | Peak RSS of `n8n execute` (MB) |';
const table = [header, `|${'---|'.repeat(12)}`, ...rows.map((r) => `| ${r.scenario} | ${r.wallS} | ${r.requests} | ${r.rateLimited} | ${r.maxInWindow} | ${r.itemsOut} | ${r.lost} | ${r.failed} | ${r.spanS} | ${r.floorS} | ${r.ratio} | ${r.peakRssMb} |`)].join('\n');
console.log(`\n${table}\n`);
const results = `# Benchmark results

Produced by \`npm run bench\` (\`node bench/run.mjs ${args.join(' ')}\`) on ${new Date().toISOString().slice(0, 10)}:
${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version} for the
driver, n8n 2.41.1 on Node 24 (scripts/n8n.sh). The HighLevel double's limit is scaled to
${RATE.max} requests per ${RATE.intervalMs} ms (HighLevel: 100 per 10 s). The floor is the shortest
time from the first to the last request that the limit allows (request k cannot leave before
⌊(k−1)/${RATE.max}⌋ windows), so "Time ÷ floor" carries over to the real limit. Workflows run with
\`n8n execute\` in a separate process, whose resident memory is sampled every 100 ms; its wall
time includes n8n's own start (about 3 s).

${table}

${
	builtin
		? `n8n's built-in HighLevel node ran against the same double: the run moved into a network namespace
where ${HIGHLEVEL_HOST} resolves to 127.0.0.1 and the double serves HTTPS with a certificate of a
throw-away CA trusted through NODE_EXTRA_CA_CERTS; n8n itself is unpatched.`
		: `Run with --builtin (as root) to add n8n's built-in HighLevel node on the same double.`
}
Not measured yet: node overhead in-process with the limit off, and queue mode with two workers.
`;
writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), results);
log('wrote bench/RESULTS.md');
