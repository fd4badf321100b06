import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { HighLevelContacts } from '../nodes/HighLevelContacts/HighLevelContacts.node';

import { resetRateLimitPacers } from '../nodes/shared/highlevel/rateLimit';
import { runNode, TestCredentialsHelper } from './harness';
import {
	credentialTypes,
	type HighLevelDouble,
	LOCATION_ID,
	PIT,
	privateTokenCredentials,
	requestsSince,
	runContacts,
	startDouble,
} from './highlevel/setup';

let double: HighLevelDouble;

beforeAll(async () => {
	double = await startDouble();
});
afterAll(async () => {
	await double.close();
});
beforeEach(() => {
	double.reset();
	double.setRateLimit(false);
	resetRateLimitPacers();
});

const upsertParams = { resource: 'contact', operation: 'upsert', email: '={{$json.email}}', contactFields: { firstName: '={{$json.name}}' } };
const quickRetries = { requestOptions: { maxRetries: 6, maxWaitSeconds: 2 } };

describe('paging', () => {
	it('Get Many through GET /contacts/ with Return All walks startAfterId/startAfter pages, keeping locationId, limit and query on each', async () => {
		double.seedContacts(LOCATION_ID, 230, (i: number) => ({ email: `buyer${i}@gumroad.example` }));
		double.seedContacts(LOCATION_ID, 20);
		const since = double.requests.length;
		const result = await runContacts(double, { resource: 'contact', operation: 'getAll', returnAll: true, query: 'gumroad', listThrough: 'legacy' });
		expect(result.status).toBe('success');
		const ids = result.json.map((c) => c.id);
		expect(new Set(ids).size).toBe(230);
		const pages = requestsSince(double, since).filter((r) => r.path === '/contacts/');
		expect(pages).toHaveLength(3);
		for (const page of pages) expect(page.query).toMatchObject({ locationId: LOCATION_ID, limit: '100', query: 'gumroad' });
		expect(pages[0].query.startAfterId).toBeUndefined();
		expect(pages[1].query.startAfterId).toBe(ids[99]);
		expect(pages[1].query.startAfter).toBeDefined();
		expect(result.output[0].every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Get Many with a limit stops at the limit', async () => {
		double.seedContacts(LOCATION_ID, 150);
		const result = await runContacts(double, { resource: 'contact', operation: 'getAll', returnAll: false, limit: 120 });
		expect(result.json).toHaveLength(120);
		expect(new Set(result.json.map((c) => c.id)).size).toBe(120);
	});

	it('Search pages by page number, then by searchAfter past 10,000 records', async () => {
		double.seedContacts(LOCATION_ID, 10_250);
		const since = double.requests.length;
		const result = await runContacts(double, { resource: 'contact', operation: 'search', returnAll: true, pageLimit: 500 });
		expect(result.status).toBe('success');
		expect(new Set(result.json.map((c) => c.id)).size).toBe(10_250);
		const bodies = requestsSince(double, since).map((r) => r.body as IDataObject);
		expect(bodies.every((b) => b.locationId === LOCATION_ID && b.pageLimit === 500)).toBe(true);
		expect(bodies.filter((b) => b.page !== undefined).map((b) => b.page)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		const cursorPages = bodies.filter((b) => b.searchAfter !== undefined);
		expect(cursorPages.length).toBe(1);
		expect(cursorPages.every((b) => b.page === undefined)).toBe(true);
	});

	// Filters (JSON) as version 1 workflows hold them (1.1: test/highlevel-structured-inputs.test.ts).
	it('Search sends filters, sort and query, and refuses a filter that is not JSON before any request', async () => {
		double.seedContacts(LOCATION_ID, 3, { tags: ['gumroad'] });
		const ok = await runContacts(double, {
			resource: 'contact',
			operation: 'search',
			returnAll: true,
			filters: '[{"field":"tags","operator":"eq","value":"gumroad"}]',
			sort: { rule: [{ field: 'dateAdded', direction: 'asc' }] },
		}, { typeVersion: 1 });
		expect(ok.json).toHaveLength(3);
		const body = double.requests.at(-1)?.body as IDataObject;
		expect(body).toMatchObject({ filters: [{ field: 'tags', operator: 'eq', value: 'gumroad' }], sort: [{ field: 'dateAdded', direction: 'asc' }] });

		const since = double.requests.length;
		const bad = await runContacts(double, { resource: 'contact', operation: 'search', filters: '[{"field": "tags",' }, { typeVersion: 1 });
		expect(bad.status).toBe('error');
		expect(bad.error?.message).toMatch(/Filters: is not valid JSON .*\(item 0\)/);
		const badOperator = await runContacts(double, { resource: 'contact', operation: 'search', filters: '[{"field":"tags","operator":"like","value":"x"}]' }, { typeVersion: 1 });
		expect(badOperator.error?.message).toMatch(/Filters\[0\]\.operator/);
		expect(double.requests.length).toBe(since);
	});

	it('Search filters on a custom field named by its name, sending its ID as HighLevel wants it', async () => {
		const field = double.addCustomField(LOCATION_ID, { name: 'GumroadCustomerId', fieldKey: 'contact.gumroad_customer_id', dataType: 'TEXT' });
		double.seedContacts(LOCATION_ID, 4, (i: number) => ({ email: `marked${i}@example.com`, customFields: [{ id: field.id, value: `g${i}` }] }));
		double.seedContacts(LOCATION_ID, 3);
		const filters = (name: string) => `[{"group":"AND","filters":[{"field":"customFields.${name}","operator":"exists"}]}]`;
		for (const name of ['GumroadCustomerId', 'gumroad_customer_id', field.id]) {
			const result = await runContacts(double, { resource: 'contact', operation: 'search', returnAll: true, filters: filters(name) }, { typeVersion: 1 });
			expect(result.json.map((c) => c.email).sort()).toEqual(['marked0@example.com', 'marked1@example.com', 'marked2@example.com', 'marked3@example.com']);
			expect((double.requests.at(-1)?.body as IDataObject).filters).toEqual([{ group: 'AND', filters: [{ field: `customFields.${field.id}`, operator: 'exists' }] }]);
		}
		const unknown = await runContacts(double, { resource: 'contact', operation: 'search', filters: filters('NoSuchField') }, { typeVersion: 1 });
		expect(unknown.error?.message).toMatch(/no contact custom field named "NoSuchField"/);
	});

	it('Get Many by Business pages with skip/limit', async () => {
		double.seedContacts(LOCATION_ID, 130, { businessId: 'biz1' });
		double.seedContacts(LOCATION_ID, 5);
		const since = double.requests.length;
		const result = await runContacts(double, { resource: 'contact', operation: 'getManyByBusiness', businessId: 'biz1', returnAll: true });
		expect(new Set(result.json.map((c) => c.id)).size).toBe(130);
		expect(requestsSince(double, since).map((r) => r.query.skip)).toEqual(['0', '100']);
	});
});

describe('rate limits and retries', () => {
	it('paces itself under the limit: every item arrives, at most one 429, never more than the limit in a window', async () => {
		double.setRateLimit({ max: 10, intervalMs: 400 });
		const items = Array.from({ length: 45 }, (_, i) => ({ email: `buyer${i}@example.com`, name: `Buyer ${i}` }));
		const started = Date.now();
		const result = await runContacts(double, upsertParams, { items });
		const elapsed = Date.now() - started;
		expect(result.status).toBe('success');
		expect(result.json).toHaveLength(45);
		expect(result.output[0].map((item) => (item.pairedItem as { item: number }).item)).toEqual(items.map((_, i) => i));
		const stats = double.stats();
		// Requests count from their arrival, which the pacer can only estimate (the double shares
		// this process, so the way there is uneven): a rare 429 is waited out, not lost.
		expect(stats.rateLimited).toBeLessThanOrEqual(1);
		expect(stats.maxInWindow).toBeLessThanOrEqual(10);
		expect(double.store.contacts.size).toBe(45);
		// 45 requests at 10 per 400 ms need at least 4 full windows.
		expect(elapsed).toBeGreaterThanOrEqual(1600);
	});

	it('rides out a 429 storm from another client sharing the bucket, losing and duplicating nothing', async () => {
		double.setRateLimit({ max: 5, intervalMs: 300 });
		double.failNext(4, 429);
		const items = Array.from({ length: 12 }, (_, i) => ({ email: `storm${i}@example.com`, name: `Storm ${i}` }));
		const result = await runContacts(double, { ...upsertParams, ...quickRetries }, { items });
		expect(result.status).toBe('success');
		expect(result.json.map((c) => c.email)).toEqual(items.map((i) => i.email));
		expect(double.store.contacts.size).toBe(12);
		expect(double.stats().rateLimited).toBeGreaterThanOrEqual(4);
	});

	it('waits at least as long as a Retry-After in front of HighLevel asks, in seconds or as a date', async () => {
		double.setRateLimit({ max: 100, intervalMs: 1000 });
		const { id } = double.seedContacts(LOCATION_ID, 1)[0];
		// An HTTP date has whole seconds: 3 s ahead is more than 2 s ahead.
		double.failNext(1, 429, undefined, { 'Retry-After': new Date(Date.now() + 3000).toUTCString() });
		double.failNext(1, 429, undefined, { 'Retry-After': '2' });
		const since = double.requests.length;
		const result = await runContacts(double, { resource: 'contact', operation: 'get', contactId: id, requestOptions: { maxWaitSeconds: 5 } });
		expect(result.status).toBe('success');
		const sent = double.requests.slice(since).map((r) => r.at);
		expect(sent).toHaveLength(3);
		expect(sent[1] - sent[0]).toBeGreaterThanOrEqual(1950);
		expect(sent[2] - sent[1]).toBeGreaterThanOrEqual(1950);
	});

	/** Gets a contact while the double answers the first `fullWindows` requests 429 (window full, with headers). */
	async function getBehindFullWindow(fullWindows: number, requestOptions: Record<string, number>) {
		double.setRateLimit({ max: 5, intervalMs: 200 });
		double.failNext(fullWindows, 429);
		const { id } = double.seedContacts(LOCATION_ID, 1)[0];
		const since = double.requests.length;
		const result = await runContacts(double, { resource: 'contact', operation: 'get', contactId: id, requestOptions });
		return { id, result, statuses: requestsSince(double, since).map((r) => r.status) };
	}

	it('waits its turn while another worker holds the full window for longer than Max Retries would allow', async () => {
		const { id, result, statuses } = await getBehindFullWindow(6, { maxRetries: 1, maxWaitSeconds: 1, rateLimitTimeoutSeconds: 30 });
		expect(result.status).toBe('success');
		expect(result.json[0].id).toBe(id);
		expect(statuses).toEqual([429, 429, 429, 429, 429, 429, 200]);
	});

	it('fails the item once the full window outlasts the Rate Limit Timeout, naming it', async () => {
		const started = Date.now();
		const { result } = await getBehindFullWindow(50, { maxRetries: 0, maxWaitSeconds: 1, rateLimitTimeoutSeconds: 1 });
		expect(result.status).toBe('error');
		expect(result.error?.httpCode).toBe('429');
		expect(String(result.error?.description)).toMatch(/Rate Limit Timeout/);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('retries 5xx on idempotent requests and 503 on creates, but never re-sends a create after a 500', async () => {
		const { id } = double.seedContacts(LOCATION_ID, 1)[0];
		double.failNext(2, 502);
		const got = await runContacts(double, { resource: 'contact', operation: 'get', contactId: id, ...quickRetries });
		expect(got.json[0].id).toBe(id);

		double.failNext(1, 503);
		const created = await runContacts(double, { resource: 'contact', operation: 'create', contactFields: { email: 'new@example.com' }, ...quickRetries });
		expect(created.status).toBe('success');
		expect(double.store.contacts.size).toBe(2);

		double.failNext(1, 500);
		const since = double.requests.length;
		const failed = await runContacts(double, { resource: 'contact', operation: 'create', contactFields: { email: 'other@example.com' }, ...quickRetries });
		expect(failed.status).toBe('error');
		expect(failed.error?.httpCode).toBe('500');
		expect(requestsSince(double, since).filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it('gives up after Max Retries with a clear error', async () => {
		double.failNext(10, 502);
		const { id } = double.seedContacts(LOCATION_ID, 1)[0];
		const since = double.requests.length;
		const result = await runContacts(double, { resource: 'contact', operation: 'get', contactId: id, requestOptions: { maxRetries: 2, maxWaitSeconds: 1, outageTimeoutSeconds: 0 } });
		expect(result.status).toBe('error');
		expect(result.error?.httpCode).toBe('502');
		expect(requestsSince(double, since)).toHaveLength(3);
	});

	it('sits out an outage longer than Max Retries: a create answered 503 again and again is sent until HighLevel is back, and made once', async () => {
		double.failNext(5, 503);
		const since = double.requests.length;
		const created = await runContacts(double, { resource: 'contact', operation: 'create', contactFields: { email: 'outage@example.com' }, requestOptions: { maxRetries: 1, maxWaitSeconds: 1 } });
		expect(created.status).toBe('success');
		expect(requestsSince(double, since).map((r) => r.status)).toEqual([503, 503, 503, 503, 503, 201]);
		expect([...double.store.contacts.values()].filter((c) => c.email === 'outage@example.com')).toHaveLength(1);
	}, 20_000);

	it('fails the item naming the Outage Timeout once the outage outlasts it', async () => {
		double.failNext(100, 503);
		const started = Date.now();
		const result = await runContacts(double, { ...upsertParams, requestOptions: { maxRetries: 0, maxWaitSeconds: 1, outageTimeoutSeconds: 2 } }, { items: [{ email: 'long.outage@example.com', name: 'L O' }] });
		expect(result.status).toBe('error');
		expect(result.error?.httpCode).toBe('503');
		expect(String(result.error?.description)).toMatch(/Outage Timeout/);
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
		expect(Date.now() - started).toBeLessThan(6000);
	});

	it('stops with a clear error, and no retry, when the daily quota is spent', async () => {
		double.setRateLimit({ max: 100, intervalMs: 10_000, daily: 2 });
		const items = Array.from({ length: 4 }, (_, i) => ({ email: `daily${i}@example.com`, name: `D ${i}` }));
		const oneAtATime = { ...upsertParams, requestOptions: { concurrency: 1 } };
		const result = await runContacts(double, oneAtATime, { items });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/daily request limit/i);
		// Two accepted, and the pacer knew the quota was gone: nothing more was sent.
		expect(double.requests.filter((r) => r.status === 429)).toHaveLength(0);
		expect(double.store.contacts.size).toBe(2);

		// Several at once: what was in flight when the quota ran out is answered 429, and not sent again.
		double.reset();
		resetRateLimitPacers();
		double.setRateLimit({ max: 100, intervalMs: 10_000, daily: 2 });
		const parallel = await runContacts(double, upsertParams, { items });
		expect(parallel.error?.message).toMatch(/daily request limit/i);
		const emails = double.requests.map((r) => (r.body as { email: string }).email);
		expect(new Set(emails).size).toBe(emails.length);
		expect(double.store.contacts.size).toBe(2);
	});
});

describe('API errors', () => {
	it("turns a 422 into an error with HighLevel's messages, and Continue On Fail keeps the item", async () => {
		double.seedContacts(LOCATION_ID, 1);
		const result = await runContacts(
			double,
			{ resource: 'contact', operation: 'update', contactId: '={{$json.id}}', contactFields: { firstName: 'X' } },
			{ items: [{ id: 'unknownContactId0000' }, { id: double.seedContacts(LOCATION_ID, 1)[0].id }], continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(result.json).toHaveLength(2);
		expect(result.json[0].error).toMatch(/^HighLevel: .*not found/i);
		expect(result.output[0][0].pairedItem).toEqual({ item: 0 });
		expect(result.json[1]).toMatchObject({ firstName: 'X' });
		expect(result.output[0][1].pairedItem).toEqual({ item: 1 });
	});

	it('reports a 401 without ever showing the token', async () => {
		const result = await runContacts(double, { resource: 'contact', operation: 'get', contactId: 'abc' }, {
			credentials: { goHighLevelPrivateTokenApi: { accessToken: 'wrong-secret-token-xyz', locationId: LOCATION_ID, baseUrl: double.url } },
		});
		expect(result.status).toBe('error');
		expect(result.error?.httpCode).toBe('401');
		expect(String(result.error?.message)).toMatch(/Invalid token/);
		const serialised = JSON.stringify(result.run.data.resultData);
		expect(serialised).not.toContain('wrong-secret-token-xyz');
		expect(serialised).not.toContain(PIT);
	});

	it('shows the array message of a 422 and its traceId', async () => {
		const { id } = double.seedContacts(LOCATION_ID, 1)[0];
		double.failNext(1, 422, { statusCode: 422, message: ['email must be an email', 'phone is invalid'], error: 'Unprocessable Entity', traceId: 'trace-123' });
		const result = await runContacts(double, { resource: 'contact', operation: 'update', contactId: id, contactFields: { firstName: 'Y' } });
		expect(result.error?.message).toBe('HighLevel: email must be an email; phone is invalid');
		expect(result.error?.description).toMatch(/traceId: trace-123/);
		expect(result.error?.httpCode).toBe('422');
	});
});

describe('unreachable API', () => {
	it('retries a read on a refused connection, then fails naming the host', async () => {
		const closed = await startDouble();
		await closed.close();
		const started = Date.now();
		const result = await runContacts(closed, { resource: 'contact', operation: 'get', contactId: 'abc', requestOptions: { maxRetries: 1, maxWaitSeconds: 1, outageTimeoutSeconds: 0 } });
		// One backoff (0.5-1 s with Max Wait 1 s) between the two attempts: it did retry.
		expect(Date.now() - started).toBeGreaterThanOrEqual(450);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`HighLevel could not be reached at ${closed.url}`);
		expect(result.error?.description).toMatch(/ECONNREFUSED/);
	});

	it('sends a create again while the connection is refused, as nothing reached HighLevel, up to the Outage Timeout', async () => {
		const closed = await startDouble();
		await closed.close();
		const started = Date.now();
		const result = await runContacts(closed, { ...upsertParams, requestOptions: { maxRetries: 0, maxWaitSeconds: 1, outageTimeoutSeconds: 2 } }, { items: [{ email: 'refused@example.com', name: 'R' }] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`HighLevel could not be reached at ${closed.url}`);
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
	});
});

describe('concurrency', () => {
	it('sends several items at once within the rate limit, keeping output order and pairing', async () => {
		double.setRateLimit({ max: 20, intervalMs: 300 });
		double.setLatency(30);
		const items = Array.from({ length: 60 }, (_, i) => ({ email: `parallel${i}@example.com`, name: `P ${i}` }));
		const started = Date.now();
		const result = await runContacts(double, { ...upsertParams, requestOptions: { concurrency: 5 } }, { items });
		const parallelMs = Date.now() - started;
		double.setLatency(0);
		expect(result.status).toBe('success');
		expect(result.json.map((c) => c.email)).toEqual(items.map((i) => i.email));
		expect(result.output[0].map((item) => (item.pairedItem as { item: number }).item)).toEqual(items.map((_, i) => i));
		const stats = double.stats();
		// At most one 429 while the pacer learns how late its requests arrive (see automatic concurrency).
		expect(stats.rateLimited).toBeLessThanOrEqual(1);
		expect(double.requests.filter((r) => r.status !== 429)).toHaveLength(60);
		expect(stats.maxInWindow).toBeLessThanOrEqual(20);
		// 60 sequential round trips of 30 ms would take 1.8 s; the limit alone allows 60 in 0.6 s.
		expect(parallelMs).toBeLessThan(1800);
	});
});

describe('automatic concurrency', () => {
	it('keeps enough requests in flight for the rate limit, not the latency, to set the pace, with default options', async () => {
		double.setRateLimit({ max: 20, intervalMs: 1000 });
		double.setLatency(150);
		const items = Array.from({ length: 60 }, (_, i) => ({ email: `auto${i}@example.com`, name: `A ${i}` }));
		const started = Date.now();
		const result = await runContacts(double, upsertParams, { items });
		const elapsed = Date.now() - started;
		double.setLatency(0);
		expect(result.status).toBe('success');
		expect(result.json.map((c) => c.email)).toEqual(items.map((i) => i.email));
		expect(result.output[0].map((item) => (item.pairedItem as { item: number }).item)).toEqual(items.map((_, i) => i));
		expect(double.store.contacts.size).toBe(60);
		// Each item once, but for the few answered 429 while the pacer learnt how late its requests
		// arrive (here the double shares the test's process, so the way there is long and uneven).
		expect(double.requests.filter((r) => r.status !== 429)).toHaveLength(60);
		expect(double.stats().rateLimited).toBeLessThanOrEqual(4);
		expect(double.stats().maxInWindow).toBeLessThanOrEqual(20);
		// One at a time: 60 × 150 ms = 9 s. The limit allows 60 in three windows (the third starts at 2 s).
		expect(elapsed).toBeLessThan(4000);
	});

	it('sends the items about one contact one after the other, in input order', async () => {
		double.setLatency(40);
		const items = [
			{ email: 'same@example.com', name: 'First' },
			{ email: 'other1@example.com', name: 'O1' },
			{ email: 'SAME@example.com', name: 'Second' },
			{ email: 'other2@example.com', name: 'O2' },
			{ email: 'same@example.com', name: 'Third' },
		];
		const result = await runContacts(double, upsertParams, { items });
		double.setLatency(0);
		expect(result.status).toBe('success');
		const same = double.requests.filter((r) => String((r.body as { email: string }).email).toLowerCase() === 'same@example.com');
		expect(same.map((r) => (r.body as { firstName: string }).firstName)).toEqual(['First', 'Second', 'Third']);
		// Each waited for the answer to the one before (40 ms), while the others went alongside.
		for (let i = 1; i < same.length; i++) expect(same[i].at - same[i - 1].at).toBeGreaterThanOrEqual(38);
		const others = double.requests.filter((r) => String((r.body as { email: string }).email).startsWith('other'));
		expect(others[0].at - same[0].at).toBeLessThan(38);
		const contact = [...double.store.contacts.values()].find((c) => c.email === 'same@example.com');
		expect(contact?.firstName).toBe('Third');
	});

	it('stops within a second when the execution is stopped while waiting for the window, sending nothing after', async () => {
		double.setRateLimit({ max: 5, intervalMs: 60_000 });
		const items = Array.from({ length: 12 }, (_, i) => ({ email: `stop${i}@example.com`, name: `S ${i}` }));
		let stoppedAt = 0;
		const started = Date.now();
		const result = await runContacts(double, upsertParams, {
			items,
			onStarted: (execution) => {
				void (async () => {
					while (double.requests.length < 5) await new Promise((resolve) => setTimeout(resolve, 10));
					await new Promise((resolve) => setTimeout(resolve, 200));
					stoppedAt = Date.now();
					execution.cancel();
				})();
			},
		});
		const ended = Date.now();
		expect(stoppedAt).toBeGreaterThan(started);
		expect(ended - stoppedAt).toBeLessThan(1000);
		expect(result.error?.message).toBe('The execution was stopped');
		expect(double.requests).toHaveLength(5);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(double.requests).toHaveLength(5);
	});
});

describe('two n8n processes on one location (queue-mode workers)', () => {
	it('share the limit through its headers alone: nothing lost, never above the limit, a full window waited out', async () => {
		double.setRateLimit({ max: 10, intervalMs: 300 });
		// Two base URLs of one double: two pacers that know nothing of each other, as in two workers.
		const workerUrls = [double.url, double.url.replace('127.0.0.1', 'localhost')];
		const halves = workerUrls.map((baseUrl, worker) => ({
			baseUrl,
			items: Array.from({ length: 30 }, (_, i) => ({ email: `worker${worker}-${i}@example.com`, name: `W${worker} ${i}` })),
		}));
		const results = await Promise.all(
			halves.map(({ baseUrl, items }) =>
				runContacts(double, { ...upsertParams, requestOptions: { maxRetries: 0, maxWaitSeconds: 1 } }, { items, credentials: privateTokenCredentials(double, { baseUrl }) }),
			),
		);
		for (const [worker, result] of results.entries()) {
			expect(result.status).toBe('success');
			expect(result.json.map((c) => c.email)).toEqual(halves[worker].items.map((i) => i.email));
		}
		expect(double.store.contacts.size).toBe(60);
		// The double refuses what would exceed the limit; no 429 may have cost an item (Max Retries is 0).
		expect(double.stats().maxInWindow).toBeLessThanOrEqual(10);
		expect(double.requests.filter((r) => r.status === 200 || r.status === 201)).toHaveLength(60);
	});

	it('at HighLevel-like latency, fill the window together with few 429s: each hears of the other one answer late', async () => {
		// 20 per 500 ms answered after 75 ms: as many in flight per window as 300 ms at 100 per 10 s.
		double.setRateLimit({ max: 20, intervalMs: 500 });
		double.setLatency(75);
		const workerUrls = [double.url, double.url.replace('127.0.0.1', 'localhost')];
		const halves = workerUrls.map((baseUrl, worker) => ({
			baseUrl,
			items: Array.from({ length: 80 }, (_, i) => ({ email: `late${worker}-${i}@example.com`, name: `L${worker} ${i}` })),
		}));
		const results = await Promise.all(
			halves.map(({ baseUrl, items }) => runContacts(double, upsertParams, { items, credentials: privateTokenCredentials(double, { baseUrl }) })),
		);
		double.setLatency(0);
		for (const [worker, result] of results.entries()) {
			expect(result.status).toBe('success');
			expect(result.json.map((c) => c.email)).toEqual(halves[worker].items.map((i) => i.email));
		}
		expect(double.store.contacts.size).toBe(160);
		expect(double.stats().maxInWindow).toBeLessThanOrEqual(20);
		// Each taking every slot it sees free, they were answered 429 70 times in 230 requests.
		expect(double.stats().rateLimited).toBeLessThanOrEqual(8);
		const arrivals = double.requests.filter((r) => r.status !== 429).map((r) => r.at);
		// 160 requests at 40 per s: 4 s; a worker that yields too much takes far longer.
		expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(5500);
	});
});

describe('credential loading', () => {
	it('loads a token credential once per node run, not once per request, and still sends it on every request', async () => {
		const credentialsHelper = new TestCredentialsHelper(credentialTypes, privateTokenCredentials(double));
		const loads = vi.spyOn(credentialsHelper, 'getDecrypted');
		const since = double.requests.length;
		const result = await runNode({
			node: new HighLevelContacts(),
			parameters: { authentication: 'goHighLevelPrivateTokenApi', ...upsertParams },
			credentialsHelper,
			credentialTypes,
			items: Array.from({ length: 6 }, (_, i) => ({ email: `load${i}@example.com`, name: `Load ${i}` })),
		});
		expect(result.status).toBe('success');
		const sent = requestsSince(double, since).filter((r) => r.path === '/contacts/upsert');
		expect(sent).toHaveLength(6);
		for (const request of sent) expect(request.headers.authorization).toBe(`Bearer ${PIT}`);
		// n8n would otherwise read and decrypt it from its database for each of the 6 requests.
		expect(loads.mock.calls.length).toBeLessThanOrEqual(2);
	});
});
