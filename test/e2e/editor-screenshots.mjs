// The README's screenshots of n8n's editor that every full editor check retakes (run.mjs), so they
// show what the current package and templates look like: a template as it opens, and the Contact
// resource locator of HighLevel Contacts 1.1 with its From List open on contacts of the HighLevel
// double. Before each shot its subject is checked in the page: a blank or half-loaded picture in the
// README would claim what it does not show.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { closeChecklist, openEditor, openWorkflow } from './browser.mjs';
import { CREDENTIAL_IDS, E2E } from './fixtures.mjs';
import { assert, ROOT } from './stack.mjs';

export const SCREENSHOTS_DIR = join(ROOT, 'docs/screenshots');
/** The package's first use: a Gumroad sale becomes a HighLevel contact. */
export const TEMPLATE_FILE = '01-gumroad-customer-to-highlevel-contact.json';

/** Contacts the From List shows; names rather than the double's First1 Last1, as a reader's account would have. */
const LISTED_CONTACTS = [
	{ firstName: 'Maya', lastName: 'Chen', email: 'maya.chen@example.com' },
	{ firstName: 'Liam', lastName: 'Walsh', email: 'liam.walsh@example.com' },
	{ firstName: 'Sofia', lastName: 'Rossi', email: 'sofia.rossi@example.com' },
	{ firstName: 'Noah', lastName: 'Becker', email: 'noah.becker@example.com' },
	{ firstName: 'Amara', lastName: 'Okafor', email: 'amara.okafor@example.com' },
];

/**
 * Waits until the elements stop moving (n8n fits the canvas to the view with an animation, and a
 * list grows as pages arrive): a shot taken mid-way is not the same picture twice.
 */
async function settle(page, locator, what) {
	let last;
	for (let tries = 0; tries < 60; tries++) {
		const boxes = JSON.stringify(
			await locator.evaluateAll((elements) => elements.map((element) => Object.values(element.getBoundingClientRect().toJSON()).map(Math.round))),
		);
		if (boxes === last) return;
		last = boxes;
		await page.waitForTimeout(250);
	}
	throw new Error(`${what} still moving after 15 s`);
}

/** Each element lies wholly inside the 1440×900 view: on the picture, not scrolled or zoomed out of it. */
async function assertInView(page, locator, what) {
	const { width, height } = page.viewportSize();
	for (const box of await locator.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON()))) {
		assert(box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0 && box.right <= width && box.bottom <= height, `${what} is inside the view: ${JSON.stringify(box)}`);
	}
}

async function shoot(page, path) {
	// Web fonts swap in late; a shot before that shows fallback glyphs.
	await page.evaluate(async () => await document.fonts.ready);
	await page.mouse.move(page.viewportSize().width / 2, 5);
	await page.waitForTimeout(300);
	await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
}

async function templateShot(stack, page, path) {
	const workflow = stack.workflows.find(({ file }) => file === TEMPLATE_FILE);
	assert(workflow, `${TEMPLATE_FILE} is imported for its screenshot`);
	const { data } = workflow;
	await openWorkflow(stack, page, data.id);
	await closeChecklist(page);
	const nodes = page.locator('[data-test-id="canvas-node"]');
	const edges = page.locator('.vue-flow__edge');
	const connections = Object.values(data.connections).flatMap((outputs) => Object.values(outputs).flat(2)).length;
	const drawn = data.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
	await page
		.waitForFunction(
			([n, e]) => document.querySelectorAll('[data-test-id="canvas-node"]').length >= n && document.querySelectorAll('.vue-flow__edge').length >= e,
			[drawn.length, connections],
			{ timeout: 30_000 },
		)
		.catch(() => {
			throw new Error(`the canvas did not draw the ${drawn.length} nodes and ${connections} connections of ${TEMPLATE_FILE} within 30 s`);
		});
	await settle(page, nodes, 'the template\'s nodes');
	await assertInView(page, nodes, `each node of ${TEMPLATE_FILE}`);
	for (const node of drawn) {
		assert(await nodes.filter({ hasText: node.name }).count(), `node "${node.name}" is on the canvas with its name`);
	}
	assert((await edges.count()) >= connections, `the ${connections} connections of ${TEMPLATE_FILE} are drawn`);
	await shoot(page, path);
}

/** A workflow with one HighLevel Contacts 1.1 "Get Contact" node, its credential assigned and `contact` picked from the list. */
function locatorWorkflow(contact) {
	return {
		name: 'HighLevel contact lookup (screenshot)',
		nodes: [
			{
				id: '7c1d2e3f-0000-4000-8000-00000000a001',
				name: 'Get Contact',
				type: 'n8n-nodes-gumroad-highlevel.highLevelContacts',
				typeVersion: 1.1,
				position: [0, 0],
				parameters: {
					authentication: 'goHighLevelPrivateTokenApi',
					resource: 'contact',
					operation: 'get',
					contactId: { __rl: true, mode: 'list', value: contact.id, cachedResultName: contact.name, cachedResultUrl: contact.url },
				},
				credentials: { goHighLevelPrivateTokenApi: { id: CREDENTIAL_IDS.highLevel, name: 'HighLevel (Private Integration Token)' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

async function locatorShot(stack, page, path) {
	const { highLevel } = stack.doubles;
	// The contacts are the shot's alone: the scenarios that run next find the double as it was.
	const seq = highLevel.store.seq;
	const seeded = highLevel.seedContacts(E2E.locationId, LISTED_CONTACTS.length, (i) => LISTED_CONTACTS[i]);
	let workflowId;
	try {
		// Named as the From List names it (searchContacts in the node's methods).
		const [picked] = seeded;
		const name = `${picked.firstName} ${picked.lastName} (${picked.email})`;
		const url = `https://app.gohighlevel.com/v2/location/${E2E.locationId}/contacts/detail/${picked.id}`;
		({ id: workflowId } = await stack.rest('/workflows', { method: 'POST', body: JSON.stringify(locatorWorkflow({ id: picked.id, name, url })) }));
		assert(workflowId, 'n8n created the workflow of the locator screenshot');
		await openWorkflow(stack, page, workflowId);
		await closeChecklist(page);
		await page.locator('[data-test-id="canvas-node"][data-node-name="Get Contact"]').dblclick();
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.waitFor({ timeout: 15_000 });
		const parameter = panel.locator('[data-test-id="parameter-input-contactId"]');
		await parameter.locator('[data-test-id="rlc-input"]').click();
		// The list opens in a popover outside the panel; its items are what the shot is about.
		const items = page.locator('[data-test-id="rlc-item"]:visible');
		await items
			.first()
			.waitFor({ timeout: 20_000 })
			.catch(async () => {
				const shown = (await page.locator('[data-test-id="resource-locator-dropdown"]').allInnerTexts()).join(' ').replace(/\s+/g, ' ').slice(0, 300);
				throw new Error(`the Contact locator's From List shows no contact after a click of its input${shown ? `: it shows "${shown}"` : ''}`);
			});
		await settle(page, items, 'the From List');
		const listed = await items.allInnerTexts();
		for (const contact of seeded) {
			const name = `${contact.firstName} ${contact.lastName} (${contact.email})`;
			assert(listed.some((text) => text.includes(name)), `the From List shows the contact "${name}" (it shows ${JSON.stringify(listed)})`);
		}
		await assertInView(page, items, 'each listed contact');
		await assertInView(page, parameter, 'the Contact locator');
		await shoot(page, path);
	} finally {
		for (const { id } of seeded) highLevel.store.contacts.delete(id);
		highLevel.store.seq = seq;
		if (workflowId) {
			// n8n deletes only an archived workflow.
			await stack.rest(`/workflows/${workflowId}/archive`, { method: 'POST' }).catch(() => {});
			await stack.rest(`/workflows/${workflowId}`, { method: 'DELETE' }).catch(() => {});
		}
	}
}

/** Takes the shots into `dir`; returns their paths. Throws, naming the shot, when one cannot show its subject. */
export async function takeEditorScreenshots(stack, { dir = SCREENSHOTS_DIR, log = () => {} } = {}) {
	mkdirSync(dir, { recursive: true });
	const { browser, page } = await openEditor(stack);
	const shots = [
		{ file: 'template-opened.png', what: `${TEMPLATE_FILE} as it opens`, take: templateShot },
		{ file: 'contact-locator.png', what: 'the Contact locator of HighLevel Contacts 1.1 listing contacts', take: locatorShot },
	];
	try {
		for (const { file, what, take } of shots) {
			const started = Date.now();
			await take(stack, page, join(dir, file)).catch((error) => {
				throw new Error(`screenshot ${file} (${what}): ${error.message}`);
			});
			log(`${file}: ${what} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
		}
		return shots.map(({ file }) => join(dir, file));
	} finally {
		await browser.close();
	}
}
