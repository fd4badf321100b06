// Every shipped workflow as a user sees it after importing it with credentials assigned: n8n's
// editor flags no node on the canvas and no parameter in any node's panel. The editor runs some
// checks only while a node's panel is open (an `options` value that the loaded list does not hold
// is "not supported"), so each node's panel is opened, its lists are left to load, and the issue
// icons n8n draws are read with their tooltips.
import { openEditor, openWorkflow } from './browser.mjs';

/** The text of the tooltip n8n shows for an issue icon ("Issues: …"). */
async function tooltipOf(page, icon) {
	for (let tries = 0; tries < 10; tries++) {
		// Hovered again each time: the panel re-renders an icon while its lists load.
		await page.mouse.move(0, 0);
		await icon.hover();
		await page.waitForTimeout(600);
		const tips = await page.locator('.n8n-tooltip:visible').allInnerTexts();
		const text = tips.find((tip) => tip.trim().startsWith('Issues'));
		if (text) return text.trim().replace(/^Issues:?\s*/, '').replace(/\s+/g, ' ');
	}
	return '(its tooltip did not open)';
}

/** Closes a node's panel: Escape, unless an editor inside it has the focus and takes the key. */
async function closePanel(page, panel) {
	await page.keyboard.press('Escape');
	if (await panel.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false)) return;
	await page.locator('[data-test-id="ndv-close-button"], [data-test-id="back-to-canvas"]').first().click();
	await panel.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Issues n8n shows for one workflow: `node "<name>": <parameter or canvas>: <message>`. */
async function issuesOfWorkflow(stack, page, { data }) {
	const found = [];
	await openWorkflow(stack, page, data.id);
	// Playwright's "networkidle" holds only for a page load: requests of an opened panel are counted here.
	const pending = new Set();
	let lastChange = Date.now();
	const track = (change) => (request) => {
		change(request);
		lastChange = Date.now();
	};
	// Only the n8n server's answers feed the check. The Code node's editor also fetches TypeScript's
	// libraries from a CDN, which tests cannot reach: where that host does not refuse at once, those
	// requests stay open for minutes.
	const local = (request) => ['127.0.0.1', 'localhost'].includes(new URL(request.url()).hostname);
	const onRequest = track((request) => local(request) && pending.add(request));
	const onDone = track((request) => pending.delete(request));
	page.on('request', onRequest);
	page.on('requestfinished', onDone);
	page.on('requestfailed', onDone);
	const quiet = async () => {
		const opened = Date.now();
		while (pending.size > 0 || Date.now() - lastChange < 500 || Date.now() - opened < 1000) {
			if (Date.now() - opened > 30_000) throw new Error(`requests still open after 30 s: ${[...pending].map((r) => r.url()).join(', ')}`);
			await page.waitForTimeout(100);
		}
	};
	const nodes = data.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote');
	for (const node of nodes) {
		const onCanvas = page.locator(`[data-test-id="canvas-node"][data-node-name=${JSON.stringify(node.name)}]`);
		const canvasIcon = onCanvas.locator('[data-test-id="node-issues"]');
		if (await canvasIcon.count()) found.push(`node "${node.name}" on the canvas: ${await tooltipOf(page, canvasIcon.first())}`);

		await onCanvas.dblclick();
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.waitFor({ timeout: 15_000 });
		// The lists of `options` and resource locator parameters load from the server; the check runs once they are in.
		await quiet();
		const icons = panel.locator('[data-test-id="parameter-issues"]');
		for (let i = 0; i < (await icons.count()); i++) {
			const icon = icons.nth(i);
			const parameter = await icon.evaluate((element) => {
				const input = element.closest('[data-test-id^="parameter-input-"]');
				return input ? input.getAttribute('data-test-id').replace('parameter-input-', '') : '?';
			});
			found.push(`node "${node.name}", parameter "${parameter}": ${await tooltipOf(page, icon)}`);
		}
		await closePanel(page, panel).catch((error) => {
			throw new Error(`${data.name}: the panel of node "${node.name}" did not close: ${error.message}`);
		});
	}
	page.off('request', onRequest);
	page.off('requestfinished', onDone);
	page.off('requestfailed', onDone);
	return found;
}

/**
 * Opens each workflow in the editor and returns the issues n8n shows, by workflow file (an empty
 * list for a workflow that opens clean).
 */
export async function editorIssues(stack, workflows, { log = () => {} } = {}) {
	const { browser, page } = await openEditor(stack);
	try {
		const result = new Map();
		for (const workflow of workflows) {
			const issues = await issuesOfWorkflow(stack, page, workflow);
			const nodes = workflow.data.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').length;
			log(`${workflow.file}: ${issues.length ? issues.join('; ') : `no issue on its ${nodes} nodes`}`);
			result.set(workflow.file, issues);
		}
		return result;
	} finally {
		await browser.close();
	}
}
