// Node overhead, in-process: the HighLevel Contacts node run through n8n's own engine (n8n-core's
// WorkflowExecute, the test harness) against the HighLevel double in a child process with its
// rate limit off, so this process's CPU time is n8n's and the node's alone.
//
// "Overhead" is what the node adds to n8n's own cost of the same requests: the same items are
// also sent by a bare node that calls httpRequestWithAuthentication once per item with the same
// credential (loaded once), expressions and body, and nothing else (no checks, pacing, retries or
// errors). The wall time per item depends on the double (its upsert looks for duplicates among
// every contact); the CPU time of this process does not.
//
//   node bench/overhead.mjs [--items 10000] [--return-all 10000,100000]
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = join(ROOT, '.cache', 'bench-build');
const TOKEN = 'bench-overhead-token';
const LOCATION_ID = 'benchLocation0000001';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

/** Compiles the nodes, credentials and the in-process engine harness into .cache/bench-build. */
function build() {
	execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'bench/tsconfig.json')], { stdio: 'inherit' });
	const require = createRequire(join(BUILD, 'index.js'));
	return {
		harness: require('./test/harness/index.js'),
		HighLevelContacts: require('./nodes/HighLevelContacts/HighLevelContacts.node.js').HighLevelContacts,
		GoHighLevelPrivateTokenApi: require('./credentials/GoHighLevelPrivateTokenApi.credentials.js').GoHighLevelPrivateTokenApi,
		resetRateLimitPacers: require('./nodes/shared/highlevel/rateLimit.js').resetRateLimitPacers,
	};
}

/** The HighLevel double as its own process: its CPU time must not count as the node's. */
async function startDouble() {
	const child = spawn(process.execPath, [join(ROOT, 'test/doubles/highlevel/cli.mjs'), '--port', '0', '--token', `${TOKEN}:${LOCATION_ID}`, '--no-rate-limit'], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const url = await new Promise((resolve, reject) => {
		let buffer = '';
		child.stdout.on('data', (chunk) => {
			buffer += chunk;
			const line = buffer.split('\n')[0];
			if (buffer.includes('\n')) resolve(JSON.parse(line).url);
		});
		child.once('exit', (code) => reject(new Error(`HighLevel double exited (${code})`)));
	});
	const control = async (method, path, body) => {
		const response = await fetch(`${url}/__double/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
		// The seeding answer lists every contact: read it, but keep only small answers.
		const text = await response.text();
		return text.length < 100_000 ? JSON.parse(text) : {};
	};
	return { url, control, stop: () => child.kill() };
}

/**
 * n8n's own cost of the same requests: one httpRequestWithAuthentication per item, with the
 * credential loaded once (as the node does), and nothing else.
 */
class BareRequest {
	description = {
		displayName: 'Bare Request',
		name: 'benchBareRequest',
		group: ['transform'],
		version: 1,
		description: 'Baseline for the overhead benchmark',
		defaults: { name: 'Bare Request' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'goHighLevelPrivateTokenApi', required: true }],
		properties: [
			{ displayName: 'Email', name: 'email', type: 'string', default: '' },
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
		],
	};

	async execute() {
		const credentials = await this.getCredentials('goHighLevelPrivateTokenApi');
		const { baseUrl, locationId } = credentials;
		const loaded = { credentialsDecrypted: { id: '', name: 'bench', type: 'goHighLevelPrivateTokenApi', data: credentials } };
		const output = [];
		const items = this.getInputData();
		for (let item = 0; item < items.length; item++) {
			const body = { locationId, email: this.getNodeParameter('email', item), firstName: this.getNodeParameter('firstName', item) };
			const json = await this.helpers.httpRequestWithAuthentication.call(this, 'goHighLevelPrivateTokenApi', {
				method: 'POST',
				url: `${baseUrl}/contacts/upsert`,
				headers: { Version: '2021-07-28' },
				body,
				json: true,
			}, loaded);
			output.push({ json, pairedItem: { item } });
		}
		return [output];
	}
}

/** Wall time, this process's CPU time and peak RSS of one run. */
async function measure(run) {
	gc();
	const heapBefore = process.memoryUsage().heapUsed;
	let peakRss = process.memoryUsage().rss;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
	const cpuBefore = process.cpuUsage();
	const t0 = performance.now();
	const result = await run();
	const wallMs = performance.now() - t0;
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	peakRss = Math.max(peakRss, process.memoryUsage().rss);
	gc();
	// `result` is still referenced: what the node's output occupies (n8n's engine keeps the last
	// run too, which is why every measured run follows a tiny one).
	const heapHeldMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
	return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: Math.round(peakRss / 2 ** 20), heapHeldMb };
}

export async function measureNodeOverhead({ items = 10_000, returnAllSizes = [10_000, 100_000], log = console.log } = {}) {
	log('[overhead] compiling the nodes and the engine harness');
	const { harness, HighLevelContacts, GoHighLevelPrivateTokenApi, resetRateLimitPacers } = build();
	process.env.N8N_LOG_LEVEL = 'silent';
	process.env.NO_PROXY = [process.env.NO_PROXY, '127.0.0.1', 'localhost'].filter(Boolean).join(',');
	const double = await startDouble();
	const credentialTypes = [new GoHighLevelPrivateTokenApi()];
	const credentials = { goHighLevelPrivateTokenApi: { accessToken: TOKEN, locationId: LOCATION_ID, baseUrl: double.url } };
	const customers = (n) => Array.from({ length: n }, (_, i) => ({ email: `buyer${i % Math.ceil(n * 0.9)}@example.com`, name: `Buyer ${i}` }));
	const variants = {
		ours: (n) =>
			harness.runNode({
				node: new HighLevelContacts(),
				parameters: { authentication: 'goHighLevelPrivateTokenApi', resource: 'contact', operation: 'upsert', email: '={{ $json.email }}', contactFields: { firstName: '={{ $json.name }}' } },
				credentials,
				credentialTypes,
				items: customers(n),
			}),
		bare: (n) =>
			harness.runNode({ node: new BareRequest(), parameters: { email: '={{ $json.email }}', firstName: '={{ $json.name }}' }, credentials, credentialTypes, items: customers(n) }),
	};
	const rows = [];
	try {
		const upsert = {};
		for (const [variant, run] of Object.entries(variants)) {
			resetRateLimitPacers();
			await double.control('POST', 'reset');
			await run(Math.min(1000, items)); // warm-up: JIT and connection setup
			await double.control('POST', 'reset');
			log(`[overhead] upsert ${items} items: ${variant}`);
			const measured = await measure(() => run(items));
			const stats = await double.control('GET', 'stats');
			const out = measured.result.json;
			if (measured.result.status !== 'success' || out.length !== items || stats.requests !== items) {
				throw new Error(`${variant}: ${measured.result.status}, ${out.length} items out, ${stats.requests} requests (${JSON.stringify(measured.result.error ?? {})})`);
			}
			upsert[variant] = measured;
			rows.push({
				scenario: variant === 'ours' ? `Upsert ${items} items: HighLevel Contacts node` : `Upsert ${items} items: bare httpRequestWithAuthentication (n8n's own cost)`,
				requests: stats.requests,
				wallMsPerItem: measured.wallMs / items,
				cpuMsPerItem: measured.cpuMs / items,
				peakRssMb: measured.peakRssMb,
			});
		}
		rows.push({
			scenario: 'Node overhead (this package minus the bare requests)',
			wallMsPerItem: (upsert.ours.wallMs - upsert.bare.wallMs) / items,
			cpuMsPerItem: (upsert.ours.cpuMs - upsert.bare.cpuMs) / items,
		});

		for (const size of returnAllSizes) {
			const returnAll = () =>
				harness.runNode({ node: new HighLevelContacts(), parameters: { authentication: 'goHighLevelPrivateTokenApi', resource: 'contact', operation: 'getAll', returnAll: true }, credentials, credentialTypes });
			resetRateLimitPacers();
			await double.control('POST', 'reset');
			await returnAll();
			await double.control('POST', 'seed-contacts', { locationId: LOCATION_ID, n: size });
			const requestsBefore = (await double.control('GET', 'stats')).requests;
			log(`[overhead] Return All of ${size} contacts`);
			const measured = await measure(returnAll);
			const pages = (await double.control('GET', 'stats')).requests - requestsBefore;
			if (measured.result.json.length !== size) throw new Error(`Return All of ${size}: ${measured.result.json.length} items out`);
			rows.push({
				scenario: `Return All, ${size} contacts`,
				requests: pages,
				wallMsPerItem: measured.wallMs / size,
				cpuMsPerItem: measured.cpuMs / size,
				msPerPage: measured.wallMs / pages,
				heapKbPerItem: (measured.heapHeldMb * 1024) / size,
				peakRssMb: measured.peakRssMb,
			});
		}
	} finally {
		double.stop();
	}
	return rows;
}

export function overheadTable(rows) {
	const cell = (value, digits = 3) => (value === undefined ? '' : Number(value).toFixed(digits));
	return [
		'| In-process scenario | Requests | Wall ms per item | CPU ms per item (n8n + node) | Wall ms per page | Heap held per item (KB) | Peak RSS (MB) |',
		`|${'---|'.repeat(7)}`,
		...rows.map((r) => `| ${r.scenario} | ${r.requests ?? ''} | ${cell(r.wallMsPerItem)} | ${cell(r.cpuMsPerItem)} | ${cell(r.msPerPage, 2)} | ${cell(r.heapKbPerItem, 2)} | ${r.peakRssMb ?? ''} |`),
	].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2);
	const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
	const rows = await measureNodeOverhead({
		items: Number(option('--items', '10000')),
		returnAllSizes: option('--return-all', '10000,100000').split(',').map(Number).filter(Boolean),
	});
	console.log(`\n${overheadTable(rows)}\n`);
}
