import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CATCH_UP_HEADER } from '../nodes/GumroadTrigger/catchUp';
import { gumroadSaleAsPing } from '../nodes/shared/gumroad/apiSaleAsPing';
import type { TriggerHarness } from './harness';
import { type GumroadDouble, startGumroad, startTrigger } from './gumroad/setup';

let double: GumroadDouble;
let trigger: TriggerHarness | undefined;

beforeAll(async () => {
	double = await startGumroad();
});
afterAll(async () => {
	await double.close();
});
beforeEach(() => {
	double.reset();
	double.allowLocalPostUrls(true);
});
afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
});

async function activeTrigger(options: IDataObject = {}, parameters: INodeParameters = {}) {
	// Static data per request, as n8n reads and saves it: overlapping deliveries race as they do there.
	trigger = await startTrigger(double, { events: ['sale'], options: options as INodeParameters, ...parameters }, undefined, { staticDataPerRequest: true });
	await trigger.activate();
	return trigger;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const secondsFromNow = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const soldIds = (harness: TriggerHarness) => harness.executions.map((run) => run.items.map((item) => item.json.sale_id));
/** A sale made now whose ping never reached the trigger. */
const unpingedSale = (seconds = 1, fields: IDataObject = {}) => double.addSale({ created_at: secondsFromNow(seconds), ...fields });

/** The first check runs 2 s after activation; one more second covers its requests. */
const FIRST_CHECK_MS = 3500;

describe('Gumroad Trigger catch-up', () => {
	it('emits each sale made while the workflow was off when it is activated again, one run each, oldest first, marked as caught up', async () => {
		const harness = await activeTrigger();
		await harness.deactivate();
		const missed = [1, 2, 3].map((seconds) => unpingedSale(seconds, { email: `off${seconds}@example.com` }));
		await harness.activate();
		const runs = await harness.waitForExecutions(3, 10_000);
		expect(soldIds(harness)).toEqual(missed.map((sale) => [sale.id]));
		const first = runs[0].items[0].json;
		expect(first).toEqual({ ...gumroadSaleAsPing(double.store.sales.get(missed[0].id)), delivery: 'catch-up', event_key: `sale:${missed[0].id}` });
		expect(first.email).toBe('off1@example.com');
		// The activation after that, and its check, find nothing new.
		await harness.deactivate();
		await harness.activate();
		await pause(FIRST_CHECK_MS);
		expect(harness.executions).toHaveLength(3);
	});

	it('resumes after n8n restarts at the first ping: n8n runs no node code for a webhook workflow when it starts', async () => {
		const before = await activeTrigger();
		await pause(FIRST_CHECK_MS);
		const saved = JSON.parse(JSON.stringify(before.workflow.staticData)) as IDataObject;
		const secret = String((before.staticData() as IDataObject).secret);
		// n8n stops: its checks end with the process (deactivating here only ends them).
		await before.deactivate();
		await before.close();
		const missed = [unpingedSale(1), unpingedSale(2)];
		// n8n starts again on the same database: no hook runs, the webhook is served.
		const after = await startTrigger(double, { events: ['sale'], options: {} }, undefined, { staticDataPerRequest: true, workflowStaticData: saved });
		trigger = after;
		await pause(FIRST_CHECK_MS);
		expect(after.executions).toHaveLength(0);
		const next = double.addSale({ created_at: secondsFromNow(3) });
		const answer = await after.deliver({ query: { gumroad_secret: secret }, body: double.salePingFor(next.id), contentType: 'application/x-www-form-urlencoded' });
		expect(answer.status).toBe(200);
		await after.waitForExecutions(3, 10_000);
		expect(soldIds(after)).toEqual([[next.id], ...missed.map((sale) => [sale.id])]);
		// Ends its checks (the harness only deactivates what it activated).
		await after.deactivate();
	});

	it('catches up when an activation finds its subscriptions in place (only checkExists runs then)', async () => {
		const harness = await activeTrigger();
		await pause(FIRST_CHECK_MS);
		const missed = [unpingedSale(1), unpingedSale(2)];
		// n8n's start: the subscriptions are still there, so create() does not run.
		const started = await harness.activate('init');
		expect(started).toEqual({ existed: true, created: false });
		await harness.waitForExecutions(2, 10_000);
		expect(soldIds(harness)).toEqual(missed.map((sale) => [sale.id]));
	});

	it('finds a lost ping at its regular check while the workflow runs', async () => {
		const harness = await activeTrigger({ catchUpIntervalMinutes: 0.02 });
		await pause(FIRST_CHECK_MS);
		const lost = unpingedSale(0);
		await harness.waitForExecutions(1, 10_000);
		expect(soldIds(harness)).toEqual([[lost.id]]);
		await pause(3000);
		expect(harness.executions).toHaveLength(1);
	});

	it('runs once for a sale whether its ping comes before or after the catch-up', async () => {
		const harness = await activeTrigger();
		const url = String([...double.store.subscriptions.values()][0].post_url);
		const pinged = double.addSale({ created_at: secondsFromNow(1) });
		expect((await double.sendPing(url, double.salePingFor(pinged.id))).status).toBe(200);
		await harness.waitForExecutions(1);
		const late = unpingedSale(2);
		await harness.deactivate();
		await harness.activate();
		await harness.waitForExecutions(2, 10_000);
		// Gumroad's retry of the sale that was caught up meanwhile.
		const newUrl = String([...double.store.subscriptions.values()][0].post_url);
		const retry = await double.sendPing(newUrl, double.salePingFor(late.id), { retryCount: 1 });
		expect(JSON.parse(String(retry.body))).toMatchObject({ ignored: 'duplicate' });
		await pause(FIRST_CHECK_MS);
		expect(soldIds(harness)).toEqual([[pinged.id], [late.id]]);
		expect(harness.executions[0].items[0].json.delivery).toBeUndefined();
		expect(harness.executions[1].items[0].json.delivery).toBe('catch-up');
	});

	it('does not replay history on a first activation: only the documented look-back', async () => {
		double.addSale({ created_at: new Date(Date.now() - 2 * 3_600_000).toISOString() });
		const recent = double.addSale({ created_at: new Date(Date.now() - 30 * 60_000).toISOString() });
		const withLookBack = await activeTrigger({ catchUpLookBackHours: 1 });
		await withLookBack.waitForExecutions(1, 10_000);
		await pause(1000);
		expect(soldIds(withLookBack)).toEqual([[recent.id]]);
		await withLookBack.close();

		const fromActivation = await activeTrigger();
		await pause(FIRST_CHECK_MS);
		expect(fromActivation.executions).toHaveLength(0);
	});

	it('hands over a backlog longer than one check, every sale once', async () => {
		const harness = await activeTrigger({}, {});
		await harness.deactivate();
		const backlog = Array.from({ length: 260 }, (_, i) => double.addSale({ created_at: new Date(Date.now() + 1000 + i).toISOString() }));
		await harness.activate();
		await harness.waitForExecutions(260, 60_000);
		expect(soldIds(harness).flat()).toEqual(backlog.map((sale) => sale.id));
		const checks = double.requests.filter((request) => request.path === '/v2/sales');
		expect(checks.length).toBeGreaterThan(26);
	}, 90_000);

	it("hands over each sale once when n8n saves a delivery's record only after the answer, as it does", async () => {
		trigger = await startTrigger(double, { events: ['sale'], options: {} }, undefined, { staticDataPerRequest: true, staticDataSaveDelayMs: 150 });
		const harness = trigger;
		await harness.activate();
		await harness.deactivate();
		const missed = Array.from({ length: 12 }, (_, i) => unpingedSale(1 + i));
		await harness.activate();
		await harness.waitForExecutions(12, 30_000);
		// The next activation's check reads what was saved: every one of them is remembered.
		await harness.deactivate();
		await harness.activate();
		await pause(FIRST_CHECK_MS + 1000);
		expect(soldIds(harness)).toEqual(missed.map((sale) => [sale.id]));
		const saved = (harness.staticData() as IDataObject).seenEvents as IDataObject;
		expect(missed.every((sale) => saved[`sale:${sale.id}`] !== undefined)).toBe(true);
	}, 60_000);

	it('is off when asked, or without the Sale event, and then starts from its next activation', async () => {
		const off = await activeTrigger({ catchUpMissedSales: false });
		await off.deactivate();
		unpingedSale(1);
		await off.activate();
		await pause(FIRST_CHECK_MS);
		expect(off.executions).toHaveLength(0);
		expect(double.requests.some((request) => request.path === '/v2/sales')).toBe(false);
		await off.close();

		const refundsOnly = await activeTrigger({}, { events: ['refund'] });
		await pause(FIRST_CHECK_MS);
		expect(refundsOnly.executions).toHaveLength(0);
		expect(double.requests.some((request) => request.path === '/v2/sales')).toBe(false);
	});

	it('emits a caught-up sale the way the options shape pings: confirmed record, new customers only', async () => {
		const earlier = double.seedSales(1, { email: 'again@example.com' })[0];
		const harness = await activeTrigger({ confirmSale: true, newCustomersOnly: true });
		await harness.deactivate();
		unpingedSale(1, { email: 'again@example.com' });
		const newcomer = unpingedSale(2, { email: 'newcomer@example.com' });
		await harness.activate();
		await harness.waitForExecutions(1, 10_000);
		await pause(1000);
		expect(harness.executions).toHaveLength(1);
		const item = harness.executions[0].items[0].json;
		expect(item).toMatchObject({ id: newcomer.id, event: 'sale', delivery: 'catch-up', ping: { sale_id: newcomer.id, email: 'newcomer@example.com' } });
		expect(earlier.id).not.toBe(newcomer.id);
	});

	it('refuses to activate with a check interval or look-back that makes no sense, naming the option, before subscribing', async () => {
		trigger = await startTrigger(double, { events: ['sale'], options: { catchUpIntervalMinutes: -1 } });
		await expect(trigger.activate()).rejects.toThrow('Catch Up Check Every (Minutes) must be a number above 0');
		expect(double.store.subscriptions.size).toBe(0);
	});

	it('refuses a catch-up request without the secret, and one that carries no sale', async () => {
		const harness = await activeTrigger({ catchUpMissedSales: false });
		const forged = await harness.deliver({ headers: { [CATCH_UP_HEADER]: 'sale' }, body: { sale: { id: 'x' } } });
		expect(forged.status).toBe(401);
		const secret = String((harness.staticData() as IDataObject).secret);
		const empty = await harness.deliver({ headers: { [CATCH_UP_HEADER]: 'sale' }, query: { gumroad_secret: secret }, body: {} });
		expect(empty.status).toBe(400);
		expect(harness.executions).toHaveLength(0);
	});

	it('starts one run for two overlapping deliveries of one sale (two subscriptions, a retry during a catch-up)', async () => {
		const harness = await activeTrigger({ catchUpMissedSales: false });
		const url = String([...double.store.subscriptions.values()][0].post_url);
		const sale = double.addSale({});
		const answers = await Promise.all([double.sendPing(url, double.salePingFor(sale.id)), double.sendPing(url, double.salePingFor(sale.id), { retryCount: 1 })]);
		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		await pause(1000);
		expect(soldIds(harness)).toEqual([[sale.id]]);
	});
});
