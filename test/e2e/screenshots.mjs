// Screenshots of the n8n editor for the README, taken with Debian's headless Chromium through
// playwright-core after the scenarios (`--screenshots DIR`): the node picker showing this package's
// nodes, and an executed run of a workflow. The template as it opens and a resource locator are
// taken by every editor check (editor-screenshots.mjs).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { closeChecklist, openEditor, openWorkflow } from './browser.mjs';

export async function takeScreenshots(stack, outDir, { workflowId, log = () => {} }) {
	mkdirSync(outDir, { recursive: true });
	const { browser, page } = await openEditor(stack);
	try {
		const shots = [];

		log('screenshot: node picker');
		await openWorkflow(stack, page, workflowId);
		await page.waitForTimeout(1000);
		await closeChecklist(page);
		await page.click('[data-test-id="node-creator-plus-button"]');
		await page.waitForTimeout(1000);
		await page.keyboard.type('HighLevel');
		await page.waitForTimeout(1500);
		shots.push(join(outDir, 'node-picker.png'));
		await page.screenshot({ path: shots.at(-1) });

		log('screenshot: executed run');
		const [execution] = await stack.executions(workflowId);
		if (execution) {
			await page.goto(`${stack.url}/workflow/${workflowId}/executions/${execution.id}`, { waitUntil: 'networkidle' });
			await page.waitForTimeout(3000);
			await closeChecklist(page);
			shots.push(join(outDir, 'execution.png'));
			await page.screenshot({ path: shots.at(-1) });
		}
		return shots;
	} finally {
		await browser.close();
	}
}
