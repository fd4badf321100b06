import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startHighLevelDouble } from './doubles/highlevel/server.mjs';
import type { HighLevelDouble } from './doubles/highlevel/server.mjs';

const TOKEN = 'pit-token-1';
const LOC = 'loc1';
const V = '2021-07-28';

describe('HighLevel API v2 double', () => {
	let d: HighLevelDouble;
	const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
		const res = await fetch(d.url + path, {
			method,
			headers: { Authorization: `Bearer ${TOKEN}`, Version: V, 'Content-Type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
	};

	beforeAll(async () => {
		d = await startHighLevelDouble({
			port: 0,
			tokens: { [TOKEN]: { locationId: LOC }, 'pit-other': { locationId: 'loc2' } },
			oauthClients: { 'client-id': { secret: 'client-secret', locationId: LOC } },
		});
	});
	afterAll(async () => {
		await d.close();
	});
	beforeEach(() => {
		d.reset();
		d.setRateLimit(false);
	});

	it('exposes all 32 Contacts operations', () => {
		const contactOps = d.routes.filter((r) => r.path.startsWith('/contacts'));
		expect(contactOps).toHaveLength(32);
		expect(contactOps.every((r) => r.version === V)).toBe(true);
	});

	it('rejects missing/unknown tokens with the UnauthorizedDTO shape', async () => {
		const none = await call('GET', `/contacts/?locationId=${LOC}`, undefined, { Authorization: '' });
		expect(none.status).toBe(401);
		expect(none.body).toEqual({ statusCode: 401, message: 'Invalid token: access token is invalid', error: 'Unauthorized' });
		const bad = await call('GET', `/contacts/?locationId=${LOC}`, undefined, { Authorization: 'Bearer nope' });
		expect(bad.status).toBe(401);
	});

	it('requires the Version header with the per-op value', async () => {
		const missing = await fetch(`${d.url}/contacts/?locationId=${LOC}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
		expect(missing.status).toBe(400);
		expect(await missing.json()).toEqual({ statusCode: 400, message: 'Version header was not found' });
		const wrong = await call('GET', `/contacts/?locationId=${LOC}`, undefined, { Version: '2021-04-15' });
		expect(wrong.status).toBe(400);
		expect(wrong.body.message).toMatch(/Version/);
	});

	it('scopes tokens to their location (403) and unknown routes 404', async () => {
		const r = await call('GET', '/contacts/?locationId=loc2');
		expect(r.status).toBe(403);
		expect(r.body).toEqual({ statusCode: 403, message: 'The token does not have access to this location', error: 'Forbidden' });
		const nf = await call('GET', '/nope');
		expect(nf.status).toBe(404);
		expect(nf.body).toEqual({ statusCode: 404, message: 'Cannot GET /nope' });
	});

	it('answers 422 with an array message for missing required fields', async () => {
		const [c] = d.seedContacts(LOC, 1);
		const r = await call('POST', `/contacts/${c.id}/tasks`, { body: 'x' });
		expect(r.status).toBe(422);
		expect(r.body.error).toBe('Unprocessable Entity');
		expect(Array.isArray(r.body.message)).toBe(true);
		expect(r.body.message).toEqual(expect.arrayContaining(['title should not be empty', 'dueDate should not be empty', 'completed should not be empty']));
		const extra = await call('POST', '/contacts/', { locationId: LOC, address: 'x' });
		expect(extra.status).toBe(422);
		expect(extra.body.message).toContain('property address should not exist');
		const created = await call('POST', `/contacts/${c.id}/tasks`, { title: 'Call', dueDate: '2030-01-01T10:00:00Z', completed: false });
		expect(created.status).toBe(201);
		expect(created.body.task).toMatchObject({ title: 'Call', completed: false, contactId: c.id, dueDate: '2030-01-01T10:00:00.000Z' });
		const done = await call('PUT', `/contacts/${c.id}/tasks/${created.body.task.id}/completed`, { completed: true });
		expect(done.body.task.completed).toBe(true);
		const missing = await call('GET', '/contacts/doesNotExist0000000a');
		expect(missing.status).toBe(400);
		expect(missing.body).toEqual({ statusCode: 400, message: 'Contact not found' });
	});

	it('upserts: creates new, then updates the existing contact by case-insensitive email', async () => {
		const cf = d.addCustomField(LOC, { name: 'Gumroad Customer Id', fieldKey: 'contact.gumroad_customer_id', dataType: 'TEXT' });
		const first = await call('POST', '/contacts/upsert', {
			locationId: LOC, email: 'Jane@Example.com', firstName: 'Jane',
			customFields: [{ key: 'contact.gumroad_customer_id', field_value: 'cus_1' }],
		});
		expect(first.status).toBe(200);
		expect(first.body.new).toBe(true);
		expect(first.body.traceId).toEqual(expect.any(String));
		expect(first.body.contact.id).toMatch(/^[A-Za-z0-9]{20}$/);
		expect(first.body.contact.customFields).toEqual([{ id: cf.id, value: 'cus_1' }]);
		const second = await call('POST', '/contacts/upsert', { locationId: LOC, email: 'jane@example.com', lastName: 'Doe' });
		expect(second.body.new).toBe(false);
		expect(second.body.contact).toMatchObject({ id: first.body.contact.id, firstName: 'Jane', lastName: 'Doe' });
		expect(d.store.contacts.size).toBe(1);
		const badCf = await call('POST', '/contacts/upsert', { locationId: LOC, email: 'x@y.com', customFields: [{ key: 'nope', field_value: 'v' }] });
		expect(badCf.status).toBe(422);
		expect(d.store.contacts.size).toBe(1);
	});

	it('pages GET /contacts/ across 3 pages with the meta cursor', async () => {
		const seeded = d.seedContacts(LOC, 25);
		d.seedContacts('loc2', 5);
		const ids: string[] = [];
		let qs = `locationId=${LOC}&limit=10`;
		const metas: any[] = [];
		for (let page = 0; page < 5; page++) {
			const r = await call('GET', `/contacts/?${qs}`);
			expect(r.status).toBe(200);
			ids.push(...r.body.contacts.map((c: any) => c.id));
			metas.push(r.body.meta);
			expect(r.body.count).toBe(25);
			if (!r.body.meta.startAfterId) break;
			qs = `locationId=${LOC}&limit=10&startAfterId=${r.body.meta.startAfterId}&startAfter=${r.body.meta.startAfter}`;
		}
		expect(metas).toHaveLength(3);
		expect(metas.map((m) => m.currentPage)).toEqual([1, 2, 3]);
		expect(metas[2]).toMatchObject({ total: 25, startAfterId: null, startAfter: null, nextPage: null, prevPage: 2, nextPageUrl: null });
		expect(metas[0].nextPageUrl).toContain(`startAfterId=${metas[0].startAfterId}`);
		expect(ids).toEqual(seeded.map((c) => c.id));
		const over = await call('GET', `/contacts/?locationId=${LOC}&limit=101`);
		expect(over.status).toBe(422);
	});

	it('paginates POST /contacts/search with page and with searchAfter, and filters', async () => {
		const seeded = d.seedContacts(LOC, 12, (i) => ({ tags: i % 2 ? ['odd'] : ['even'] }));
		const p2 = await call('POST', '/contacts/search', { locationId: LOC, pageLimit: 5, page: 2 });
		expect(p2.status).toBe(200);
		expect(p2.body.total).toBe(12);
		expect(p2.body.contacts.map((c: any) => c.id)).toEqual(seeded.slice(5, 10).map((c) => c.id));
		expect(p2.body.contacts[0]).toHaveProperty('address');
		expect(p2.body.contacts[0]).not.toHaveProperty('address1');
		const all: string[] = [];
		let searchAfter: unknown[] | undefined;
		for (;;) {
			const r = await call('POST', '/contacts/search', { locationId: LOC, pageLimit: 5, ...(searchAfter ? { searchAfter } : {}) });
			all.push(...r.body.contacts.map((c: any) => c.id));
			if (r.body.contacts.length < 5) break;
			searchAfter = r.body.contacts[4].searchAfter;
		}
		expect(all).toEqual(seeded.map((c) => c.id));
		const both = await call('POST', '/contacts/search', { locationId: LOC, pageLimit: 5, page: 1, searchAfter: [1, 'x'] });
		expect(both.status).toBe(422);
		const odd = await call('POST', '/contacts/search', {
			locationId: LOC, pageLimit: 100,
			filters: [{ field: 'tags', operator: 'eq', value: 'odd' }, { group: 'OR', filters: [{ field: 'email', operator: 'contains', value: 'contact2' }, { field: 'email', operator: 'contains', value: 'contact4' }] }],
		});
		expect(odd.body.contacts.map((c: any) => c.email)).toEqual(['contact2@example.com', 'contact4@example.com']);
		const badOp = await call('POST', '/contacts/search', { locationId: LOC, pageLimit: 5, filters: [{ field: 'email', operator: 'like', value: 'x' }] });
		expect(badOp.status).toBe(422);
		const noLimit = await call('POST', '/contacts/search', { locationId: LOC });
		expect(noLimit.status).toBe(422);
		const tooBig = await call('POST', '/contacts/search', { locationId: LOC, pageLimit: 501 });
		expect(tooBig.status).toBe(422);
	});

	it('caps page-based search at 10,000 records; searchAfter goes beyond', async () => {
		const seeded = d.seedContacts(LOC, 10050);
		const last = await call('POST', '/contacts/search', { locationId: LOC, pageLimit: 500, page: 20 });
		expect(last.status).toBe(200);
		expect(last.body.contacts).toHaveLength(500);
		const beyond = await call('POST', '/contacts/search', { locationId: LOC, pageLimit: 500, page: 21 });
		expect(beyond.status).toBe(422);
		expect(beyond.body.message.join(' ')).toMatch(/searchAfter/);
		const after = await call('POST', '/contacts/search', { locationId: LOC, pageLimit: 500, searchAfter: last.body.contacts[499].searchAfter });
		expect(after.status).toBe(200);
		expect(after.body.contacts.map((c: any) => c.id)).toEqual(seeded.slice(10000).map((c) => c.id));
	}, 30000);

	it('answers a dateAdded range like the scan does, also after contacts are added, and with other filters', async () => {
		const seeded = d.seedContacts(LOC, 30, (i) => ({ tags: i % 3 ? [] : ['third'] }));
		const at = (i: number) => seeded[i].dateAdded as string;
		const ids = async (filters: unknown[], extra: object = {}) =>
			(await call('POST', '/contacts/search', { locationId: LOC, pageLimit: 100, filters, ...extra })).body;
		const from10 = await ids([{ field: 'dateAdded', operator: 'range', value: { gte: at(10) } }]);
		expect(from10.total).toBe(20);
		expect(from10.contacts.map((c: any) => c.id)).toEqual(seeded.slice(10).map((c) => c.id));
		const between = await ids([{ field: 'dateAdded', operator: 'range', value: { gt: at(10), lte: at(20) } }]);
		expect(between.contacts.map((c: any) => c.id)).toEqual(seeded.slice(11, 21).map((c) => c.id));
		const thirds = await ids([{ field: 'dateAdded', operator: 'range', value: { gte: at(10) } }, { field: 'tags', operator: 'eq', value: 'third' }]);
		expect(thirds.contacts.map((c: any) => c.id)).toEqual(seeded.filter((_, i) => i >= 10 && i % 3 === 0).map((c) => c.id));
		// Descending order is scanned, not indexed: the same contacts, the other way round.
		const desc = await ids([{ field: 'dateAdded', operator: 'range', value: { lt: at(5) } }], { sort: [{ field: 'dateAdded', direction: 'desc' }] });
		expect(desc.contacts.map((c: any) => c.id)).toEqual(seeded.slice(0, 5).map((c) => c.id).reverse());
		const created = await call('POST', '/contacts/', { locationId: LOC, email: 'later@example.com' });
		const later = await ids([{ field: 'dateAdded', operator: 'range', value: { gte: at(29) } }]);
		expect(later.contacts.map((c: any) => c.id)).toEqual([seeded[29].id, created.body.contact.id]);
	});

	it('enforces the burst rate limit with GHL headers; 429s change nothing', async () => {
		d.setRateLimit({ max: 5, intervalMs: 60000, daily: 1000 });
		const [c] = d.seedContacts(LOC, 1);
		for (let i = 0; i < 5; i++) {
			const r = await call('GET', `/contacts/${c.id}`);
			expect(r.status).toBe(200);
			expect(r.headers.get('x-ratelimit-max')).toBe('5');
			expect(r.headers.get('x-ratelimit-remaining')).toBe(String(4 - i));
			expect(r.headers.get('x-ratelimit-interval-milliseconds')).toBe('60000');
			expect(r.headers.get('x-ratelimit-limit-daily')).toBe('1000');
			expect(r.headers.get('x-ratelimit-daily-remaining')).toBe(String(999 - i));
		}
		const limited = await call('POST', `/contacts/${c.id}/tags`, { tags: ['x'] });
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({ statusCode: 429, message: 'Too Many Requests' });
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(d.store.contacts.get(c.id).tags).toEqual([]);
		expect(d.stats()).toMatchObject({ requests: 6, rateLimited: 1, maxInWindow: 5 });
		// other locations have their own bucket
		const other = await call('GET', '/contacts/?locationId=loc2', undefined, { Authorization: 'Bearer pit-other' });
		expect(other.status).toBe(200);
	});

	it('answers 503 to everything during an outage, processing nothing, and comes back after it', async () => {
		d.outage(300);
		const during = await call('POST', '/contacts/', { locationId: LOC, email: 'during@example.com' });
		expect(during.status).toBe(503);
		expect(d.store.contacts.size).toBe(0);
		await new Promise((resolve) => setTimeout(resolve, 350));
		expect((await call('POST', '/contacts/', { locationId: LOC, email: 'after@example.com' })).status).toBe(201);
	});

	it('failNext injects failures (with rate-limit headers on 429)', async () => {
		d.failNext(1, 429);
		d.failNext(1, 502);
		const a = await call('GET', `/contacts/?locationId=${LOC}`);
		expect(a.status).toBe(429);
		expect(a.headers.get('x-ratelimit-remaining')).toBe('0');
		expect((await call('GET', `/contacts/?locationId=${LOC}`)).status).toBe(502);
		expect((await call('GET', `/contacts/?locationId=${LOC}`)).status).toBe(200);
	});

	it('adds and removes tags (lower-cased), deletes with `succeded`', async () => {
		const [c] = d.seedContacts(LOC, 1);
		const add = await call('POST', `/contacts/${c.id}/tags`, { tags: ['VIP', 'buyer'] });
		expect(add.status).toBe(201);
		expect(add.body.tags).toEqual(['vip', 'buyer']);
		const rm = await call('DELETE', `/contacts/${c.id}/tags`, { tags: ['vip'] });
		expect(rm.status).toBe(200);
		expect(rm.body.tags).toEqual(['buyer']);
		const bulk = await call('POST', '/contacts/bulk/tags/update/add', { contacts: [c.id, 'bad'], tags: ['Bulk'], locationId: LOC });
		expect(bulk.status).toBe(201);
		expect(bulk.body).toMatchObject({ succeded: true, errorCount: 1 });
		const del = await call('DELETE', `/contacts/${c.id}`);
		expect(del.status).toBe(200);
		expect(del.body).toMatchObject({ succeded: true });
		expect(del.body).not.toHaveProperty('succeeded');
		expect(d.store.contacts.has(c.id)).toBe(false);
		expect((await call('GET', `/contacts/${c.id}`)).status).toBe(400);
	});

	it('rotates OAuth refresh tokens and honours expiry', async () => {
		const form = (p: Record<string, string>) =>
			fetch(`${d.url}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(p) });
		const first = await form({ client_id: 'client-id', client_secret: 'client-secret', grant_type: 'authorization_code', code: 'abc' });
		expect(first.status).toBe(200);
		const t1 = (await first.json()) as any;
		expect(t1).toMatchObject({ token_type: 'Bearer', expires_in: 86399, userType: 'Location', locationId: LOC });
		const ok = await call('GET', `/contacts/?locationId=${LOC}`, undefined, { Authorization: `Bearer ${t1.access_token}` });
		expect(ok.status).toBe(200);
		d.expireAccessToken(t1.access_token);
		expect((await call('GET', `/contacts/?locationId=${LOC}`, undefined, { Authorization: `Bearer ${t1.access_token}` })).status).toBe(401);
		const refreshed = await form({ client_id: 'client-id', client_secret: 'client-secret', grant_type: 'refresh_token', refresh_token: t1.refresh_token });
		expect(refreshed.status).toBe(200);
		const t2 = (await refreshed.json()) as any;
		expect(t2.refresh_token).not.toBe(t1.refresh_token);
		const reused = await form({ client_id: 'client-id', client_secret: 'client-secret', grant_type: 'refresh_token', refresh_token: t1.refresh_token });
		expect(reused.status).toBe(401);
		expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
		const badClient = await form({ client_id: 'client-id', client_secret: 'wrong', grant_type: 'refresh_token', refresh_token: t2.refresh_token });
		expect(badClient.status).toBe(401);
		expect(await badClient.json()).toMatchObject({ error: 'invalid_client' });
		expect((await call('GET', `/contacts/?locationId=${LOC}`, undefined, { Authorization: `Bearer ${t2.access_token}` })).status).toBe(200);
	});

	it('serves custom fields, location and users', async () => {
		d.addCustomField(LOC, { name: 'Pincode', dataType: 'TEXT' });
		d.addCustomField(LOC, { name: 'Deal size', dataType: 'NUMERICAL', model: 'opportunity' });
		const u = d.addUser(LOC, { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' });
		const cfs = await call('GET', `/locations/${LOC}/customFields?model=contact`);
		expect(cfs.body.customFields).toHaveLength(1);
		expect(cfs.body.customFields[0]).toMatchObject({ name: 'Pincode', fieldKey: 'contact.pincode', dataType: 'TEXT', model: 'contact', locationId: LOC });
		const loc = await call('GET', `/locations/${LOC}`);
		expect(loc.body.location).toMatchObject({ id: LOC, timezone: expect.any(String) });
		const users = await call('GET', `/users/?locationId=${LOC}`);
		expect(users.body.users).toEqual([expect.objectContaining({ id: u.id, email: 'ann@example.com', roles: expect.any(Object) })]);
		const stats = (await (await fetch(`${d.url}/__double/stats`)).json()) as any;
		expect(stats.requests).toBe(3);
	});
});
