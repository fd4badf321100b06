// The n8n editor in Debian's headless Chromium, driven by playwright-core, logged in as the
// stack's owner: for the editor checks (editor-issues.mjs) and the README's screenshots
// (editor-screenshots.mjs, screenshots.mjs).
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A browser with one page whose session is the stack's; close the browser when done. */
export async function openEditor(stack) {
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const [name, value] = stack.cookie.split('=');
	await context.addCookies([{ name, value, domain: '127.0.0.1', path: '/' }]);
	return { browser, page: await context.newPage() };
}

/** Opens a workflow on the canvas and waits for its nodes. */
export async function openWorkflow(stack, page, workflowId) {
	await page.goto(`${stack.url}/workflow/${workflowId}`, { waitUntil: 'networkidle' });
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 30_000 });
}

/** n8n 2.x pops a "Production Checklist" over published workflows; it would hide the canvas. */
export async function closeChecklist(page) {
	const checklist = page.locator('text=Production Checklist');
	if (await checklist.isVisible()) {
		await checklist.locator('xpath=..').locator('button, [role="button"], svg').last().click().catch(() => page.keyboard.press('Escape'));
		await page.waitForTimeout(500);
	}
}
