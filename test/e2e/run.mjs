#!/usr/bin/env node
// End-to-end proof of the shipped workflows in a real n8n (the version pinned in scripts/n8n.sh):
// the stack of stack.mjs (package installed as users install it, API doubles, credentials,
// every file of workflows/ imported with n8n's CLI), then a check of every node type and
// parameter against what n8n loaded, then each scenario of test/e2e/scenarios/, asserting its
// effect in the doubles. Stops what it started.
//
// Then every workflow opened in n8n's editor (headless Chromium): no node or parameter may show an
// issue (editor-issues.mjs); when it checks every workflow, it retakes the README's screenshots of a
// template as it opens and of a resource locator in use (editor-screenshots.mjs).
//
//   node test/e2e/run.mjs [--only NAME[,NAME]] [--keep] [--screenshots DIR] [--no-editor]
//   (NAME: part of a scenario file name, or `editor` for the editor check of every workflow; with
//   scenarios only, the editor checks their workflows. DIR: where to save every editor screenshot,
//   see screenshots.mjs; by default the editor check's own go to docs/screenshots. --no-editor: no
//   browser here, skip the editor check)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

import { E2E } from './fixtures.mjs';
import { assert, freePort, ROOT, startStack, waitFor } from './stack.mjs';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : undefined;
const keep = args.includes('--keep');
const screenshotsDir = args.includes('--screenshots') ? args[args.indexOf('--screenshots') + 1] : undefined;
const editorCheck = !args.includes('--no-editor');
const started = Date.now();
const log = (message) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}`);

/** Every node and credential the package's manifest lists is one n8n loaded from the tarball. */
async function checkPackageLoaded(stack) {
	const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	const require = createRequire(import.meta.url);
	// As n8n's loader does: the class named like the file (Gumroad.node.js exports Gumroad).
	const namesIn = (files, nameOf) => files.map((file) => nameOf(new (require(join(ROOT, file))[basename(file).split('.')[0]])()));
	const loaded = async (path) =>
		new Set((await (await fetch(`${stack.url}/types/${path}`, { headers: { cookie: stack.cookie } })).json()).map(({ name }) => name));
	const nodeTypes = await loaded('nodes.json');
	const nodes = namesIn(manifest.n8n.nodes, (node) => `${manifest.name}.${node.description.name}`);
	const credentialTypes = await loaded('credentials.json');
	const credentials = namesIn(manifest.n8n.credentials, (credential) => credential.name);
	for (const name of nodes) assert(nodeTypes.has(name), `n8n loaded the node ${name} from the packed package`);
	for (const name of credentials) assert(credentialTypes.has(name), `n8n loaded the credential ${name} from the packed package`);
	return { nodes, credentials };
}

/**
 * `npm start` a second time: n8n keeps its database (executions of the first start included), and
 * each active Gumroad Trigger workflow subscribes again at the restarted, empty Gumroad double, so
 * a new sale runs them. Returns the restarted stack.
 */
async function checkRestart(stack, stackOptions) {
	const [first] = stack.workflows.map(({ data }) => data).filter((data) => data.nodes.some((node) => node.type.endsWith('.gumroadTrigger')));
	const subscribed = () => [...stack.doubles.gumroad.store.subscriptions.values()].filter((s) => s.resource_name === 'sale').length;
	const saleSubscriptions = subscribed();
	// The newest run's ID: the list comes in pages, so its length is no count.
	const newestRun = async () => Math.max(0, ...(await stack.executions(first.id)).map((execution) => Number(execution.id)));
	const runsBefore = await newestRun();
	assert(saleSubscriptions > 0 && runsBefore > 0, 'the first start has sale subscriptions and runs');
	log('restarting n8n and the doubles with the same user folder, as a second `npm start` does');
	await stack.stop();
	stack = await startStack({ ...stackOptions, prepared: true });
	assert((await newestRun()) === runsBefore, 'the restart kept the executions of the first start');
	// Re-subscribing ends just after n8n reports each workflow active.
	await waitFor(() => subscribed() === saleSubscriptions, { what: `the same ${saleSubscriptions} sale subscriptions after the restart (${subscribed()})` });
	const { attempts } = await stack.doubles.gumroad.sell({ email: 'after.restart@example.com' });
	assert(attempts.length === saleSubscriptions && attempts.every((a) => a.status === 200), `every subscription took the sale: ${JSON.stringify(attempts.map((a) => a.status))}`);
	await waitFor(async () => (await newestRun()) > runsBefore, { what: `a run of "${first.name}" after the restart` });
	log(`PASS restart: ${saleSubscriptions} sale subscriptions again, a new sale ran "${first.name}"`);
	return stack;
}

/** Unknown node types and parameter names a node does not define are errors of the template. */
async function checkWorkflowsAgainstN8n(stack) {
	const nodeTypes = await (await fetch(`${stack.url}/types/nodes.json`, { headers: { cookie: stack.cookie } })).json();
	assert(Array.isArray(nodeTypes), 'n8n lists its node types');
	const byType = new Map();
	for (const description of nodeTypes) {
		for (const version of [description.version].flat()) byType.set(`${description.name}@${version}`, description);
	}
	for (const { file, data } of stack.workflows) {
		for (const node of data.nodes) {
			const description = byType.get(`${node.type}@${node.typeVersion}`);
			assert(description, `${file}: node "${node.name}" has an unknown type ${node.type} v${node.typeVersion}`);
			const known = new Set(description.properties.map((property) => property.name));
			for (const name of Object.keys(node.parameters ?? {})) {
				assert(known.has(name), `${file}: node "${node.name}" has a parameter "${name}" that ${node.type} does not define`);
			}
		}
	}
}

/** Each workflow, opened in the editor, shows no issue on any node or parameter. */
async function checkWorkflowsInEditor(stack, workflows) {
	const { CHROMIUM } = await import('./browser.mjs');
	assert(existsSync(CHROMIUM), `a Chromium at ${CHROMIUM} for the editor check (apt-get install chromium, set CHROMIUM_PATH, or pass --no-editor)`);
	const { editorIssues } = await import('./editor-issues.mjs');
	log(`opening ${workflows.length} workflows in the editor, and each node's panel`);
	const issues = await editorIssues(stack, workflows, { log: (message) => log(`  ${message}`) });
	const flagged = [...issues].filter(([, list]) => list.length > 0);
	assert(flagged.length === 0, `workflows open without issues in n8n's editor:\n${flagged.map(([file, list]) => `  ${file}: ${list.join('; ')}`).join('\n')}`);
	log(`PASS editor: ${workflows.length} workflows open with no node or parameter issue`);
	// A run of some scenarios checks only their workflows: the README's pictures are of the whole set.
	if (workflows.length < stack.workflows.length) return;
	const { takeEditorScreenshots } = await import('./editor-screenshots.mjs');
	const shots = await takeEditorScreenshots(stack, { ...(screenshotsDir ? { dir: screenshotsDir } : {}), log: (message) => log(`  ${message}`) });
	log(`PASS editor screenshots: ${shots.map((path) => relative(ROOT, path)).join(', ')}`);
}

/**
 * Every Gumroad Trigger would catch up the sales other scenarios store in the double without
 * pinging it (as it should: Gumroad pings every subscription). Off here, so each scenario counts
 * only its own runs; scenario 14 turns it back on for template 01.
 */
function withoutCatchUp(data) {
	for (const node of data.nodes) {
		if (node.type.endsWith('.gumroadTrigger')) node.parameters.options = { ...node.parameters.options, catchUpMissedSales: false };
	}
}

async function main() {
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
	let stack;
	process.on('SIGINT', () => void stack?.stop().then(() => process.exit(130)));
	try {
		// Fixed double ports and keepImported, as `npm start` has: the restart check below needs both.
		const doublePorts = { highLevel: await freePort(), gumroad: await freePort(), snapshots: await freePort(), smtp: await freePort() };
		const stackOptions = { userFolder, log, keepImported: true, doublePorts, editWorkflow: withoutCatchUp };
		stack = await startStack(stackOptions);
		const loaded = await checkPackageLoaded(stack);
		log(`n8n loaded the package's ${loaded.nodes.length} nodes and ${loaded.credentials.length} credentials`);
		log('checking every node type and parameter against what n8n loaded');
		await checkWorkflowsAgainstN8n(stack);

		const scenarioDir = join(ROOT, 'test/e2e/scenarios');
		const scenarios = readdirSync(scenarioDir)
			.filter((file) => file.endsWith('.mjs'))
			.filter((file) => !only || only.some((part) => file.includes(part)))
			.sort();
		const editorOnly = only?.includes('editor');
		assert(scenarios.length > 0 || editorOnly, 'at least one scenario runs');
		const failures = [];
		if (editorCheck) {
			// Before the scenarios: they change what the doubles hold, not what the editor shows, but a
			// template's problem is then reported before minutes of scenarios.
			const scenarioWorkflows = new Set();
			for (const file of scenarios) scenarioWorkflows.add((await import(pathToFileURL(join(scenarioDir, file)).href)).default.workflow);
			const checked = stack.workflows.filter(({ file }) => !only || editorOnly || scenarioWorkflows.has(file));
			try {
				await checkWorkflowsInEditor(stack, checked);
			} catch (error) {
				failures.push('editor');
				log(`FAIL editor: ${error.message}`);
			}
		}
		for (const file of scenarios) {
			const scenario = (await import(pathToFileURL(join(scenarioDir, file)).href)).default;
			const workflow = stack.workflows.find((w) => w.file === scenario.workflow);
			const scenarioStarted = Date.now();
			try {
				assert(workflow, `${file} names a workflow in workflows/ (${scenario.workflow})`);
				await scenario.run({
					url: stack.url,
					workflow: workflow.data,
					doubles: stack.doubles,
					E2E,
					assert,
					waitFor,
					rest: stack.rest,
					restartN8n: stack.restartN8n,
					executions: () => stack.executions(workflow.data.id),
					lastRunData: () => stack.lastRunData(workflow.data.id),
					runData: (executionId) => stack.runData(executionId),
					execute: async () => (await stack.cli('execute', `--id=${workflow.data.id}`, '--rawOutput')).stdout,
					/** `n8n execute` as a user starts it in a terminal, to be interrupted: its child process. */
					startExecute: async () =>
						spawn(stack.binaries[0], [stack.binaries[1], 'execute', `--id=${workflow.data.id}`], {
							env: { ...stack.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
							stdio: 'ignore',
						}),
					webhookUrl: (webhookId, path = 'webhook') => `${stack.url}/webhook/${webhookId}/${path}`,
					log: (message) => log(`  ${file}: ${message}`),
				});
				log(`PASS ${file} (${((Date.now() - scenarioStarted) / 1000).toFixed(1)}s)`);
			} catch (error) {
				failures.push(file);
				log(`FAIL ${file}: ${error.stack ?? error.message}`);
			}
		}
		if (failures.length) {
			console.log(stack.serverLog().split('\n').slice(-60).join('\n'));
			throw new Error(`${failures.length} of ${scenarios.length + (editorCheck ? 1 : 0)} checks failed: ${failures.join(', ')}`);
		}
		if (screenshotsDir) {
			const { takeScreenshots } = await import('./screenshots.mjs');
			const shots = await takeScreenshots(stack, screenshotsDir, { workflowId: stack.workflows[0].data.id, log });
			log(`saved ${shots.join(', ')}`);
		}
		// The restart check needs the Gumroad Trigger's runs of the whole suite.
		if (!only) stack = await checkRestart(stack, stackOptions);
		console.log(`e2e: ${scenarios.length} scenarios${editorCheck ? ', the editor check' : ''}${only ? '' : ' and the restart'} passed, 0 failed`);
	} finally {
		await stack?.stop();
		if (!keep) rmSync(userFolder, { recursive: true, force: true });
		else log(`kept the user folder ${userFolder}`);
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
