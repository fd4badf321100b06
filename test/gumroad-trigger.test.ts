import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { TriggerHarness } from './harness';
import { ALL_EVENTS, type GumroadDouble, startGumroad, startTrigger } from './gumroad/setup';

const FIXTURE_STEMS = [
	'sale',
	'sale-recurring',
	'refund',
	'dispute',
	'cancellation',
	'subscription_updated',
	'subscription_ended',
	'subscription_restarted',
];
const FAST_RETRIES = { retryDelaysMs: [20, 40, 60] };

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

async function activeTrigger(parameters: INodeParameters = {}) {
	trigger = await startTrigger(double, parameters);
	await trigger.activate();
	return trigger;
}

/** The sale behind a fixture must exist for the checks that read it back. */
function storeFixtureSale(stem: string) {
	const ping = double.fixture(stem);
	if (ping.sale_id && !double.store.sales.has(ping.sale_id)) {
		double.addSale({ id: ping.sale_id, email: ping.email, price: ping.price, created_at: ping.sale_timestamp });
	}
	return ping;
}

describe('webhook lifecycle', () => {
	it('subscribes every chosen event once, finds its subscriptions again, and removes exactly those', async () => {
		double.store.subscriptions.clear();
		const foreign = await fetch(`${double.url}/v2/resource_subscriptions?resource_name=sale&post_url=${encodeURIComponent('https://zapier.example.com/hook')}&access_token=gumroad-secret-token-42`, { method: 'PUT' });
		expect(((await foreign.json()) as { success: boolean }).success).toBe(true);

		const harness = await activeTrigger();
		const ours = [...double.store.subscriptions.values()].filter((s) => s.post_url.startsWith(harness.webhookUrl()));
		expect(ours.map((s) => s.resource_name).sort()).toEqual([...ALL_EVENTS].sort());
		expect(ours.every((s) => /[?&]gumroad_secret=[0-9a-f]{48}$/.test(s.post_url))).toBe(true);

		const again = await harness.activate();
		expect(again).toEqual({ existed: true, created: false });
		expect(double.store.subscriptions.size).toBe(ALL_EVENTS.length + 1);

		expect(await harness.deactivate()).toBe(true);
		expect([...double.store.subscriptions.values()].map((s) => s.post_url)).toEqual(['https://zapier.example.com/hook']);
	});

	it('replaces a stale registration instead of adding a second one', async () => {
		const harness = await activeTrigger({ events: ['sale', 'refund'] });
		const stale = harness.staticData();
		delete stale.subscriptionIds;
		const result = await harness.activate();
		expect(result.created).toBe(true);
		expect([...double.store.subscriptions.values()].filter((s) => s.resource_name === 'sale')).toHaveLength(1);
	});

	it('explains in plain words when Gumroad refuses a local webhook URL', async () => {
		double.allowLocalPostUrls(false);
		trigger = await startTrigger(double, { events: ['sale'] });
		const activation = trigger.activate();
		await expect(activation).rejects.toThrow(/Gumroad refused the webhook URL/);
		const error = (await activation.catch((e: unknown) => e)) as { description?: string };
		expect(error.description).toMatch(/public .*tunnel.*WEBHOOK_URL/s);
		expect(double.store.subscriptions.size).toBe(0);
	});
});

describe('pings become typed events', () => {
	it.each(FIXTURE_STEMS)('%s, delivered by Gumroad to the subscribed URL', async (stem) => {
		const ping = storeFixtureSale(stem);
		const harness = await activeTrigger();
		const attempts = await double.deliver(ping.resource_name, stem, FAST_RETRIES);
		expect(attempts.map((a) => a.status)).toEqual([200]);
		const [execution] = await harness.waitForExecutions(1);
		const event = execution.items[0].json;
		expect(event.event).toBe(ping.resource_name);
		for (const [key, value] of Object.entries(ping)) {
			if (['card', 'custom_fields', 'old_plan', 'new_plan', 'url_params', 'variants'].includes(key)) {
				expect(event[key], key).toEqual(value);
			} else if (typeof value !== 'object' || value === null) {
				expect(event[key], key).toBe(value);
			}
		}
		if (typeof ping.price === 'number') {
			expect(event.amounts).toMatchObject({ price: { cents: ping.price, amount: ping.price / 100, currency: 'USD' } });
		}
	});

	it('keeps Gumroad double-encoded custom field names readable, and can include the raw body', async () => {
		const harness = await activeTrigger({ options: { includeRawBody: true } });
		storeFixtureSale('sale');
		await double.deliver('sale', 'sale', FAST_RETRIES);
		const [execution] = await harness.waitForExecutions(1);
		const event = execution.items[0].json as IDataObject;
		expect(event.custom_fields).toEqual({ 'Twitter handle': '@janedoe', 'Company [optional]': 'Acme, Inc.' });
		expect((event.raw as IDataObject)['custom_fields[Company %5Boptional%5D]']).toBe('Acme, Inc.');
	});

	it('confirms a purchase through the API and emits the fetched sale', async () => {
		const sale = double.seedSales(1, { email: 'buyer@example.com' })[0];
		const harness = await activeTrigger({ options: { confirmSale: true } });
		await double.deliver('sale', double.salePingFor(sale.id), FAST_RETRIES);
		const [execution] = await harness.waitForExecutions(1);
		expect(execution.items[0].json).toMatchObject({ id: sale.id, email: 'buyer@example.com', event: 'sale', ping: { sale_id: sale.id } });
	});
});

describe('authenticity', () => {
	it('refuses a POST without the secret (401) or with a wrong one, and starts nothing', async () => {
		const harness = await activeTrigger();
		const body = double.encodePingForm(double.fixture('sale'));
		const noSecret = await fetch(harness.webhookUrl(), { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect(noSecret.status).toBe(401);
		const wrong = await fetch(`${harness.webhookUrl()}?gumroad_secret=${'0'.repeat(48)}`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect(wrong.status).toBe(401);
		expect(harness.executions).toHaveLength(0);
	});

	it("refuses (403) a ping whose seller_id is not the credential's account", async () => {
		const harness = await activeTrigger();
		const forged = { ...double.fixture('sale'), seller_id: 'SomeoneElse000000000000==' };
		const [attempt] = await double.deliver('sale', forged, FAST_RETRIES);
		expect(attempt.status).toBe(403);
		expect(harness.executions).toHaveLength(0);
	});

	it('forgets the seller account it learnt when deactivated (the credential may change before the next activation)', async () => {
		const harness = await activeTrigger({ events: ['sale'] });
		await double.deliver('sale', 'sale', FAST_RETRIES);
		await harness.waitForExecutions(1);
		expect(harness.staticData().sellerUserId).toBe(double.fixture('sale').seller_id);
		expect(await harness.deactivate()).toBe(true);
		expect(harness.staticData().sellerUserId).toBeUndefined();
	});

	it('refuses (403) a sale the API does not know when confirming purchases', async () => {
		const harness = await activeTrigger({ options: { confirmSale: true } });
		const [attempt] = await double.deliver('sale', { ...double.fixture('sale'), sale_id: 'NoSuchSale0000000000000==' }, FAST_RETRIES);
		expect(attempt.status).toBe(403);
		expect(harness.executions).toHaveLength(0);
	});
});

/** Why the trigger acknowledged a ping without starting the workflow (undefined: it started it). */
function ignoredBecause(answer: { body: string | null }): string | undefined {
	return (JSON.parse(answer.body ?? '{}') as { ignored?: string }).ignored;
}

describe('duplicates', () => {
	it('runs once for a sale delivered, retried and resent', async () => {
		const harness = await activeTrigger();
		const subscription = [...double.store.subscriptions.values()].find((s) => s.resource_name === 'sale');
		const url = String(subscription?.post_url);
		expect((await double.sendPing(url, 'sale')).status).toBe(200);
		const retried = await double.sendPing(url, 'sale', { retryCount: 1 });
		const resent = await double.sendPing(url, 'sale-retry1');
		expect([retried.status, resent.status]).toEqual([200, 200]);
		// The answer says why no run started (a count of runs alone could be checked too early).
		expect([ignoredBecause(retried), ignoredBecause(resent)]).toEqual(['duplicate', 'duplicate']);
		await harness.waitForExecutions(1);
		expect(harness.executions).toHaveLength(1);
	});

	describe('refunds: identical pings of two partial refunds', () => {
		afterEach(() => {
			vi.useRealTimers();
		});
		/** Gumroad's clock for the trigger: only Date moves, timers stay real. */
		const clock = (start: string) => {
			vi.useFakeTimers({ toFake: ['Date'] });
			vi.setSystemTime(new Date(start));
			return { after: (seconds: number) => vi.setSystemTime(new Date(Date.now() + seconds * 1000)) };
		};
		const refundUrl = () => String([...double.store.subscriptions.values()].find((s) => s.resource_name === 'refund')?.post_url);
		const keysOf = (harness: TriggerHarness) => harness.executions.map((run) => run.items[0].json.event_key);

		it('runs once per refund when both refunds exist before either ping arrives, in any order and delay', async () => {
			const sale = double.seedSales(1, { price: 5000 })[0];
			const harness = await activeTrigger();
			const first = double.refundSale(sale.id, 1000);
			const second = double.refundSale(sale.id, 1500);
			expect(first).toEqual(second);
			const time = clock('2026-11-02T10:00:00Z');
			const answers = [await double.sendPing(refundUrl(), second)];
			time.after(300);
			answers.push(await double.sendPing(refundUrl(), first, { retryCount: 1 }));
			expect(answers.map(ignoredBecause)).toEqual([undefined, undefined]);
			await harness.waitForExecutions(2);
			expect(new Set(keysOf(harness)).size).toBe(2);
		});

		it("drops the retry Gumroad sends on its schedule after an answer it did not wait for, and only that", async () => {
			const sale = double.seedSales(1, { price: 5000 })[0];
			const harness = await activeTrigger();
			const ping = double.refundSale(sale.id, 1000);
			const time = clock('2026-11-02T12:00:00Z');
			const answers = [await double.sendPing(refundUrl(), ping)];
			// Attempt 2 comes 60 s after attempt 1 timed out (10 s): a repeat of the refund just run.
			time.after(70);
			answers.push(await double.sendPing(refundUrl(), ping, { retryCount: 1 }));
			// Attempt 3 of that chain, 180 s after attempt 2 failed: the same refund again.
			time.after(185);
			answers.push(await double.sendPing(refundUrl(), ping, { retryCount: 2 }));
			// A first retry long after: no attempt of ours is 60 s before it, so it is another refund's.
			time.after(600);
			answers.push(await double.sendPing(refundUrl(), ping, { retryCount: 1 }));
			expect(answers.map(ignoredBecause)).toEqual([undefined, 'duplicate', 'duplicate', undefined]);
			await harness.waitForExecutions(2);
			expect(harness.executions).toHaveLength(2);
		});
	});

	it('keeps a cancellation and a later one of the same subscription apart', async () => {
		const harness = await activeTrigger();
		const url = String([...double.store.subscriptions.values()].find((s) => s.resource_name === 'cancellation')?.post_url);
		const ping = double.fixture('cancellation');
		const answers = [
			await double.sendPing(url, ping),
			await double.sendPing(url, ping),
			await double.sendPing(url, { ...ping, cancelled_at: '2026-09-01T00:00:00Z' }),
		];
		expect(answers.map(ignoredBecause)).toEqual([undefined, 'duplicate', undefined]);
		await harness.waitForExecutions(2);
		expect(harness.executions).toHaveLength(2);
	});

	it('forgets the oldest events beyond the remembered count', async () => {
		const harness = await activeTrigger({ events: ['sale'], options: { rememberedEvents: 10 } });
		const url = String([...double.store.subscriptions.values()][0].post_url);
		for (let i = 0; i < 15; i++) await double.sendPing(url, { ...double.fixture('sale'), sale_id: `Sale${String(i).padStart(20, '0')}==` });
		await harness.waitForExecutions(15);
		expect(Object.keys(harness.staticData().seenEvents as IDataObject)).toHaveLength(10);
	});
});

describe('test pings, event filter, new customers', () => {
	it('ignores test pings by default, and emits them when asked', async () => {
		const harness = await activeTrigger({ events: ['sale'] });
		const url = String([...double.store.subscriptions.values()][0].post_url);
		const settingsPagePing: IDataObject = { ...double.fixture('sale'), test: true };
		delete settingsPagePing.resource_name;
		const answers = [await double.sendPing(url, { ...double.fixture('sale'), test: true }), await double.sendPing(url, settingsPagePing)];
		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		expect(answers.map(ignoredBecause)).toEqual(['test ping', 'test ping']);
		expect(harness.executions).toHaveLength(0);

		await harness.close();
		trigger = await startTrigger(double, { events: ['sale'], options: { ignoreTestPings: false } });
		await trigger.activate();
		const url2 = String([...double.store.subscriptions.values()].find((s) => s.post_url.startsWith(trigger!.webhookUrl()))?.post_url);
		await double.sendPing(url2, { ...double.fixture('sale'), test: true });
		const [execution] = await trigger.waitForExecutions(1);
		expect(execution.items[0].json).toMatchObject({ event: 'sale', test: true, is_test: true });
	});

	it('acknowledges events that are not selected without starting the workflow', async () => {
		const harness = await activeTrigger({ events: ['sale'] });
		const url = String([...double.store.subscriptions.values()][0].post_url);
		const result = await double.sendPing(url, 'cancellation');
		expect(result.status).toBe(200);
		expect(ignoredBecause(result)).toBe('event cancellation not selected');
		expect(harness.executions).toHaveLength(0);
	});

	it("emits a sale in New Customers Only mode only for the buyer's first purchase", async () => {
		const earlier = double.seedSales(1, { email: 'returning@example.com' })[0];
		const harness = await activeTrigger({ events: ['sale'], options: { newCustomersOnly: true } });
		const url = String([...double.store.subscriptions.values()][0].post_url);
		const returning = double.addSale({ email: 'returning@example.com', created_at: new Date(Date.parse(earlier.created_at) + 3600_000).toISOString() });
		const firstTimer = double.addSale({ email: 'new@example.com' });
		await double.sendPing(url, double.salePingFor(returning.id));
		await double.sendPing(url, double.salePingFor(firstTimer.id));
		await harness.waitForExecutions(1);
		expect(harness.executions.map((e) => e.items[0].json.email)).toEqual(['new@example.com']);
	});

	it('answers Gumroad at once even when the workflow is slow', async () => {
		let workflowDone = 0;
		trigger = await startTrigger(double, { events: ['sale'] }, async () => {
			await new Promise((resolve) => setTimeout(resolve, 3000));
			workflowDone = Date.now();
		});
		await trigger.activate();
		storeFixtureSale('sale');
		const url = String([...double.store.subscriptions.values()][0].post_url);
		const started = Date.now();
		const result = await double.sendPing(url, 'sale');
		const answered = Date.now();
		expect(result.status).toBe(200);
		expect(answered - started).toBeLessThan(2000);
		await trigger.waitForExecutions(1, 10_000);
		// The 3 s workflow finished after Gumroad already had its answer.
		expect(workflowDone).toBeGreaterThan(answered);
	});
});
