// Screenshots of the n8n editor for the README, taken with Debian's headless Chromium through
// playwright-core: the node picker showing this package's nodes, an imported workflow, and an
// executed run of it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { openEditor, openWorkflow } from './browser.mjs';

/** n8n 2.x pops a "Production Checklist" over published workflows; it would hide the canvas. */
async function closeChecklist(page) {
	const checklist = page.locator('text=Production Checklist');
	if (await checklist.isVisible()) {
		await checklist.locator('xpath=..').locator('button, [role="button"], svg').last().click().catch(() => page.keyboard.press('Escape'));
		await page.waitForTimeout(500);
	}
}

export async function takeScreenshots(stack, outDir, { workflowId, log = () => {} }) {
	mkdirSync(outDir, { recursive: true });
	const { browser, page } = await openEditor(stack);
	try {
		const shots = [];

		log('screenshot: imported workflow');
		await openWorkflow(stack, page, workflowId);
		await page.waitForTimeout(1000);
		await closeChecklist(page);
		shots.push(join(outDir, 'workflow.png'));
		await page.screenshot({ path: shots.at(-1) });

		log('screenshot: node picker');
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
