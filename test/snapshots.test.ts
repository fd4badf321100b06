import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { GoHighLevelAgencyOAuth2Api } from '../credentials/GoHighLevelAgencyOAuth2Api.credentials';
import { GoHighLevelAgencyPrivateTokenApi } from '../credentials/GoHighLevelAgencyPrivateTokenApi.credentials';
import { SnapshotsApi } from '../credentials/SnapshotsApi.credentials';
import { Snapshots } from '../nodes/Snapshots/Snapshots.node';
import { normaliseGumroadPing } from '../nodes/shared/gumroad/normalise';
import { resetRateLimitPacers } from '../nodes/shared/highlevel/rateLimit';
import { startHighLevelDouble } from './doubles/highlevel/server.mjs';
import { startSnapshotsDouble } from './doubles/snapshots/server.mjs';
import { runNode, testCredential } from './harness';

const KEY = 'snapshots-key-123';
const AGENCY_TOKEN = 'agency-pit-456';
const COMPANY = 'comp1';
const credentialTypes = [new SnapshotsApi(), new GoHighLevelAgencyOAuth2Api(), new GoHighLevelAgencyPrivateTokenApi()];

let snapshots: Awaited<ReturnType<typeof startSnapshotsDouble>>;
let highLevel: Awaited<ReturnType<typeof startHighLevelDouble>>;

beforeAll(async () => {
	snapshots = await startSnapshotsDouble({ port: 0, keys: { [KEY]: { scopes: ['saas/location.read'] }, 'no-scope-key': { scopes: ['events.write'] } } });
	highLevel = await startHighLevelDouble({
		port: 0,
		tokens: { [AGENCY_TOKEN]: { companyId: COMPANY, type: 'Company' }, 'location-token': { locationId: 'loc1' } },
	});
});
afterAll(async () => {
	await snapshots.close();
	await highLevel.close();
});
beforeEach(() => {
	snapshots.reset();
	highLevel.reset();
	resetRateLimitPacers();
});

const snapshotsCredentials = (overrides: ICredentialDataDecryptedObject = {}) => ({
	snapshotsApi: { apiKey: KEY, baseUrl: `${snapshots.url}/v1`, ...overrides },
});

async function runSnapshotsApi(parameters: INodeParameters, items?: IDataObject[], credentials = snapshotsCredentials(), continueOnFail = false) {
	return await runNode({ node: new Snapshots(), parameters: { api: 'snapshotsApi', ...parameters }, credentials, credentialTypes, items, continueOnFail });
}

async function runAgency(parameters: INodeParameters, token = AGENCY_TOKEN) {
	return await runNode({
		node: new Snapshots(),
		parameters: { api: 'highLevelAgency', authentication: 'goHighLevelAgencyPrivateTokenApi', ...parameters },
		credentials: { goHighLevelAgencyPrivateTokenApi: { accessToken: token, companyId: COMPANY, baseUrl: highLevel.url } },
		credentialTypes,
	});
}

const snapshotsWrites = () => snapshots.requests.filter((r) => r.method !== 'GET');

describe('Snapshots API: locations', () => {
	it('creates, then updates a location, telling which it was', async () => {
		const params = { resource: 'location', operation: 'upsert', locationId: 'gr-buyer-1', name: 'Jane Doe', timezone: 'Europe/Berlin', extraFields: '{"region": "EU", "onboarding_status": "new"}' };
		const created = await runSnapshotsApi(params);
		expect(created.json[0]).toMatchObject({ location_id: 'gr-buyer-1', name: 'Jane Doe', timezone: 'Europe/Berlin', region: 'EU', created: true });
		const updated = await runSnapshotsApi({ ...params, name: 'Jane D.' });
		expect(updated.json[0]).toMatchObject({ name: 'Jane D.', created: false });
		expect(snapshots.store.locations.size).toBe(1);
		expect((await runSnapshotsApi({ resource: 'location', operation: 'get', locationId: 'gr-buyer-1' })).json[0].name).toBe('Jane D.');
	});

	it('gets all locations across cursor pages', async () => {
		snapshots.seedLocations(230);
		const result = await runSnapshotsApi({ resource: 'location', operation: 'getAll', returnAll: true });
		expect(new Set(result.json.map((l) => l.location_id)).size).toBe(230);
		const pages = snapshots.requests.filter((r) => r.path.endsWith('/locations'));
		expect(pages.map((p) => [p.query.limit, Boolean(p.query.cursor)])).toEqual([['100', false], ['100', true], ['100', true]]);
		const limited = await runSnapshotsApi({ resource: 'location', operation: 'getAll', returnAll: false, limit: 30 });
		expect(limited.json).toHaveLength(30);
	});

	it('refuses an unknown time zone before any request', async () => {
		const badZone = await runSnapshotsApi({ resource: 'location', operation: 'upsert', locationId: 'x', name: 'X', timezone: 'Mars/Olympus' });
		expect(badZone.error?.message).toMatch(/^Timezone: "Mars\/Olympus" is not an IANA time zone.*\(item 0\)$/);
		expect(snapshots.requests).toHaveLength(0);
	});

	it('still runs with a credential saved when it had a Granted Scopes field: the server decides', async () => {
		const old = await runSnapshotsApi({ resource: 'location', operation: 'getAll' }, undefined, snapshotsCredentials({ scopes: 'events.write' }));
		expect(old.status).toBe('success');
	});

	it("reports the API's 403 when the key itself lacks the scope", async () => {
		const result = await runSnapshotsApi({ resource: 'location', operation: 'getAll' }, undefined, snapshotsCredentials({ apiKey: 'no-scope-key' }));
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toMatch(/^Snapshots API: .*saas\/location\.read/);
	});

	it('stops waiting out a long Retry-After at once when the execution is stopped, sending nothing more', async () => {
		snapshots.failNext(5, 429, undefined, { 'Retry-After': '120' });
		const since = snapshots.requests.length;
		let stoppedAt = 0;
		const result = await runNode({
			node: new Snapshots(),
			parameters: { api: 'snapshotsApi', resource: 'location', operation: 'upsert', locationId: 'r2', name: 'R', timezone: 'UTC' },
			credentials: snapshotsCredentials(),
			credentialTypes,
			onStarted: (execution) => {
				setTimeout(() => {
					stoppedAt = Date.now();
					execution.cancel();
				}, 300);
			},
		});
		expect(Date.now() - stoppedAt).toBeLessThan(1000);
		expect(result.error?.message).toBe('The execution was stopped');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(snapshots.requests.length - since).toBe(1);
		expect(snapshots.store.locations.has('r2')).toBe(false);
	});

	it('waits out a Retry-After given as an HTTP date, and at least half a second for Retry-After: 0', async () => {
		snapshots.failNext(1, 429, undefined, { 'Retry-After': new Date(Date.now() + 3000).toUTCString() });
		snapshots.failNext(1, 429, undefined, { 'Retry-After': '0' });
		const since = snapshots.requests.length;
		const result = await runSnapshotsApi({ resource: 'location', operation: 'upsert', locationId: 'r3', name: 'R', timezone: 'UTC' });
		expect(result.status).toBe('success');
		const sent = snapshots.requests.slice(since).map((request) => request.at);
		expect(sent).toHaveLength(3);
		// The date has whole seconds: more than two seconds from the first answer (an unread
		// header would wait the 1 s fallback).
		expect(sent[1] - sent[0]).toBeGreaterThanOrEqual(1950);
		expect(sent[2] - sent[1]).toBeGreaterThanOrEqual(490);
	});

	it('waits out a 429 with Retry-After and loses nothing', async () => {
		snapshots.failNext(2, 429, undefined, { 'Retry-After': '0' });
		const result = await runSnapshotsApi({ resource: 'location', operation: 'upsert', locationId: 'r1', name: 'R', timezone: 'UTC' });
		expect(result.status).toBe('success');
		expect(snapshots.store.locations.has('r1')).toBe(true);
	});
});

describe('Snapshots API: events', () => {
	const gumroadSale = { event: 'sale', resource_name: 'sale', sale_id: 'FO8TXN-dvxYabdavG97Y-Q==', email: 'jane@example.com', sale_timestamp: '2026-03-14T16:22:05Z', event_key: 'sale:FO8TXN-dvxYabdavG97Y-Q==' };

	it('derives the event_id of an item without a source ID from its content, type and Timestamp: the same event twice is one, the same content at two times is two', async () => {
		const reading = { sensor: 'door', state: 'open' };
		const at = (timestamp: string) => runSnapshotsApi({ resource: 'event', operation: 'create', type: 'reading', timestamp }, [reading]);
		const first = await at('2026-03-14T16:22:05Z');
		const retried = await at('2026-03-14T16:22:05Z');
		const later = await at('2026-03-14T17:00:00Z');
		expect(retried.json[0]).toMatchObject({ event_id: first.json[0].event_id, created: false });
		expect(later.json[0].event_id).not.toBe(first.json[0].event_id);
		expect(later.json[0].created).toBe(true);
	});

	it('derives a stable event_id, so a retried Gumroad ping stores one event', async () => {
		const params = { resource: 'event', operation: 'create', timestamp: '={{ $json.sale_timestamp }}' };
		const first = await runSnapshotsApi(params, [gumroadSale]);
		const again = await runSnapshotsApi(params, [{ ...gumroadSale, retry_count: 1 }]);
		expect(first.json[0]).toMatchObject({ type: 'sale', timestamp: '2026-03-14T16:22:05Z', created: true });
		expect(again.json[0]).toMatchObject({ event_id: first.json[0].event_id, created: false });
		expect(snapshots.store.events.size).toBe(1);
		expect(snapshots.store.events.get(String(first.json[0].event_id))?.data).toMatchObject({ sale_id: gumroadSale.sale_id });
	});

	it('sends an Event Summary by default: the event, not the buyer or the card; the whole item only when asked, and version 1 as before', async () => {
		const ping = normaliseGumroadPing(JSON.parse(readFileSync('test/fixtures/gumroad/pings/sale.json', 'utf8')));
		const sentData = async (parameters: INodeParameters, typeVersion?: number) => {
			snapshots.reset();
			const result = await runNode({ node: new Snapshots(), parameters: { api: 'snapshotsApi', resource: 'event', operation: 'create', ...parameters }, credentials: snapshotsCredentials(), credentialTypes, items: [ping], typeVersion });
			expect(result.status).toBe('success');
			return snapshots.requests.find((r) => r.method === 'POST')?.body.data as IDataObject;
		};
		const summary = await sentData({});
		expect(summary).toMatchObject({ event: 'sale', sale_id: ping.sale_id, product_id: ping.product_id, price: 1200, variants: { Tier: 'Pro' }, amounts: ping.amounts });
		const personal = ['email', 'full_name', 'purchaser_id', 'card', 'license_key', 'ip_country', 'referrer', 'url_params', 'custom_fields', 'Twitter handle', 'seller_id'];
		for (const key of personal) expect(summary).not.toHaveProperty([key]);
		expect(JSON.stringify(summary)).not.toContain('4242');
		expect(await sentData({ dataToSend: 'wholeItem' })).toEqual(ping);
		expect(await sentData({ dataToSend: 'defined', data: '={{ JSON.stringify({ tier: $json.variants.Tier }) }}' })).toEqual({ tier: 'Pro' });
		expect(await sentData({}, 1)).toEqual(ping);
	});

	it('keeps an explicit event ID, and distinct events apart', async () => {
		const params = { resource: 'event', operation: 'create', type: 'refund', eventId: '={{ $json.id }}' };
		await runSnapshotsApi(params, [{ id: 'evt-1' }, { id: 'evt-2' }, { id: 'evt-1' }]);
		expect([...snapshots.store.events.keys()].sort()).toEqual(['evt-1', 'evt-2']);
	});

	it('sends a batch with bounded concurrency, keeping input order and pairing', async () => {
		const items = Array.from({ length: 20 }, (_, i) => ({ event: 'sale', n: i }));
		const result = await runSnapshotsApi({ resource: 'event', operation: 'create', concurrency: 4, dataToSend: 'wholeItem' }, items);
		expect(result.status).toBe('success');
		expect(snapshots.store.events.size).toBe(20);
		expect(result.json.map((e) => (e.data as IDataObject).n)).toEqual(items.map((i) => i.n));
		expect(result.output[0].map((o) => o.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	});

	it('refuses a timestamp that does not parse and data that is not JSON, naming the item', async () => {
		const badTime = await runSnapshotsApi({ resource: 'event', operation: 'create', timestamp: '={{ $json.at }}' }, [{ event: 'sale', at: '2026-03-14T16:22:05Z' }, { event: 'sale', at: 'yesterday-ish' }]);
		expect(badTime.error?.message).toMatch(/^Timestamp: "yesterday-ish" is not a date and time.*\(item 1\)$/);
		const badData = await runSnapshotsApi({ resource: 'event', operation: 'create', dataToSend: 'defined', data: '{"a": ' }, [{ event: 'sale' }]);
		expect(badData.error?.message).toMatch(/^Data: is not valid JSON/);
		expect(snapshotsWrites()).toHaveLength(0);
	});

	it('with Continue On Fail, a bad item becomes an error item and the others are sent', async () => {
		const result = await runSnapshotsApi(
			{ resource: 'event', operation: 'create', eventId: '={{ $json.id }}' },
			[{ event: 'sale', id: 'ok-1' }, { event: 'sale', id: 'not ok!' }, { event: 'sale', id: 'ok-2' }],
			snapshotsCredentials(),
			true,
		);
		expect(result.json.map((j) => j.event_id ?? j.error)).toEqual(['ok-1', expect.stringMatching(/^Event ID:/), 'ok-2']);
		expect(result.output[0][1].pairedItem).toEqual({ item: 1 });
	});
});

describe('Snapshots API: customers and credential', () => {
	it('updates and gets a customer', async () => {
		const updated = await runSnapshotsApi({ resource: 'customer', operation: 'update', customerId: 'sub-1', email: 'jane@example.com', name: 'Jane', plan: 'Pro', attributes: '{"source": "gumroad"}' });
		expect(updated.json[0]).toMatchObject({ customer_id: 'sub-1', email: 'jane@example.com', plan: 'Pro', attributes: { source: 'gumroad' } });
		// The four fields the product description lists for this call, customer_id included.
		const sent = snapshots.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/customers/sub-1')).at(-1);
		expect(sent?.body).toMatchObject({ customer_id: 'sub-1', email: 'jane@example.com', name: 'Jane', plan: 'Pro' });
		expect((await runSnapshotsApi({ resource: 'customer', operation: 'get', customerId: 'sub-1' })).json[0].name).toBe('Jane');
		const badEmail = await runSnapshotsApi({ resource: 'customer', operation: 'update', customerId: 'sub-1', email: 'jane' });
		expect(badEmail.error?.message).toMatch(/^Email: "jane" is not a valid email address/);
	});

	it('tests the credential with GET /locations?limit=1', async () => {
		const ok = await testCredential({ credentialType: new SnapshotsApi(), data: snapshotsCredentials().snapshotsApi, credentialTypes });
		expect(ok.status).toBe('OK');
		const wrong = await testCredential({ credentialType: new SnapshotsApi(), data: snapshotsCredentials({ apiKey: 'nope' }).snapshotsApi, credentialTypes });
		expect(wrong).toMatchObject({ status: 'Error', message: 'The Snapshots API refused the key: check the API Key' });
		// The test calls the scope-guarded GET /locations: a key without the scope fails it.
		const noScope = await testCredential({ credentialType: new SnapshotsApi(), data: snapshotsCredentials({ apiKey: 'no-scope-key' }).snapshotsApi, credentialTypes });
		expect(noScope).toMatchObject({ status: 'Error', message: 'The key lacks the scope saas/location.read: create a key with it' });
	});
});

describe('HighLevel agency API', () => {
	const versionOf = (path: string) => highLevel.requests.find((r) => r.path.startsWith(path))?.headers.version;

	it('creates a sub-account from a snapshot, reads its push status, updates, finds and deletes it', async () => {
		const snapshot = highLevel.addSnapshot(COMPANY, { name: 'Gumroad onboarding', type: 'own' });
		const created = await runAgency({ resource: 'subAccount', operation: 'create', name: 'Jane Doe Studio', snapshotId: snapshot.id, locationFields: { timezone: 'US/Central', country: 'US' } });
		expect(created.status).toBe('success');
		const locationId = String(created.json[0].id);
		expect(created.json[0]).toMatchObject({ name: 'Jane Doe Studio' });

		const latest = await runAgency({ resource: 'snapshot', operation: 'getLatestPush', snapshotId: snapshot.id, locationId });
		expect(latest.json[0]).toMatchObject({ locationId });

		const pushes = await runAgency({ resource: 'snapshot', operation: 'getPushStatus', snapshotId: snapshot.id, from: '2020-01-01T00:00:00Z', to: '2099-12-31T23:59:00Z', returnAll: true });
		expect(pushes.json.map((p) => p.locationId)).toContain(locationId);
		expect(highLevel.requests.find((r) => r.path.startsWith('/snapshots/snapshot-status/') && !r.path.includes('/location/'))?.query).toMatchObject({ from: '01-01-2020 12:00 AM', to: '12-31-2099 11:59 PM' });

		const updated = await runAgency({ resource: 'subAccount', operation: 'update', locationId, name: 'Jane Studio', snapshotId: snapshot.id, override: true });
		expect(updated.status).toBe('success');
		expect((await runAgency({ resource: 'subAccount', operation: 'get', locationId })).json[0]).toMatchObject({ name: 'Jane Studio' });

		const found = await runAgency({ resource: 'subAccount', operation: 'search', returnAll: true });
		expect(found.json.map((l) => l.id)).toContain(locationId);

		const deleted = await runAgency({ resource: 'subAccount', operation: 'delete', locationId, deleteTwilioAccount: false });
		expect(deleted.json[0]).toMatchObject({ locationId, success: true });
		expect(versionOf('/locations')).toBe('2021-07-28');
	});

	it('lists snapshots and creates a share link', async () => {
		const snapshot = highLevel.addSnapshot(COMPANY, { name: 'Course funnel' });
		expect((await runAgency({ resource: 'snapshot', operation: 'getAll' })).json.map((s) => s.id)).toContain(snapshot.id);
		const link = await runAgency({ resource: 'snapshot', operation: 'createShareLink', snapshotId: snapshot.id, shareType: 'permanent_link' });
		expect(link.json[0].shareLink).toBeTruthy();
	});

	it('finds SaaS locations by Stripe IDs and updates a subscription, with Version 2021-04-15', async () => {
		highLevel.addLocation(COMPANY, { id: 'saasLoc1', name: 'SaaS client' });
		highLevel.addSaasLocation(COMPANY, { locationId: 'saasLoc1', customerId: 'cus_1', subscriptionId: 'sub_1' });
		const found = await runAgency({ resource: 'saas', operation: 'getLocations', customerId: 'cus_1', subscriptionId: 'sub_1' });
		expect(found.status).toBe('success');
		expect(found.json).toEqual([{ locationId: 'saasLoc1' }]);
		const updated = await runAgency({ resource: 'saas', operation: 'updateSubscription', locationId: 'saasLoc1', customerId: 'cus_2', subscriptionId: 'sub_2' });
		expect(updated.json).toEqual([{ locationId: 'saasLoc1', message: 'SaaS subscription updated successfully' }]);
		expect(versionOf('/saas')).toBe('2021-04-15');
	});

	it('explains a sub-account token used on an agency endpoint', async () => {
		const result = await runAgency({ resource: 'snapshot', operation: 'getAll' }, 'location-token');
		expect(result.status).toBe('error');
		expect(result.error?.httpCode).toBe('401');
	});

	it('refuses bad input before any request', async () => {
		const result = await runAgency({ resource: 'snapshot', operation: 'getPushStatus', snapshotId: 'snap1', from: 'not a date', to: '2026-01-01' });
		expect(result.error?.message).toMatch(/^From: "not a date" is not a date/);
		expect(highLevel.requests).toHaveLength(0);
	});
});

describe('Snapshots API: a server shaped differently from the package double', () => {
	// Written from the product description alone: bare arrays or `data` lists, `next` URLs,
	// plain-text and `errors[]` error bodies, no `PUT /locations/{id}`.
	let shape: 'array' | 'data' | 'rows' = 'array';
	const customerPuts: number[] = [];
	const locations = Array.from({ length: 5 }, (_, i) => ({ location_id: `l${i}`, name: `L${i}`, timezone: 'UTC' }));
	let server: Server;
	let url = '';
	beforeAll(async () => {
		server = createServer((req, res) => {
			const at = new URL(req.url ?? '/', 'http://127.0.0.1');
			const send = (status: number, body: unknown, type = 'application/json') => {
				res.writeHead(status, { 'content-type': type });
				res.end(typeof body === 'string' ? body : JSON.stringify(body));
			};
			if (req.headers.authorization !== `Bearer ${KEY}`) return send(401, 'Unauthorized', 'text/plain');
			if (req.method === 'GET' && at.pathname === '/locations') {
				if (shape === 'array') return send(200, locations);
				if (shape === 'rows') return send(200, { rows: locations, total: 5 });
				const from = Number(at.searchParams.get('cursor') ?? 0);
				const next = from + 3 < locations.length ? `http://127.0.0.1/locations?cursor=${from + 3}` : null;
				return send(200, { data: locations.slice(from, from + 3), next });
			}
			if (req.method === 'POST' && at.pathname === '/events') return send(422, { errors: [{ message: 'timestamp must be ISO 8601' }, 'type is unknown'] });
			if (req.method === 'PUT' && at.pathname.startsWith('/customers/')) {
				customerPuts.push(Date.now());
				if (customerPuts.length === 1) {
					res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': new Date(Date.now() + 2500).toUTCString() });
					return res.end('Slow down');
				}
				let text = '';
				req.on('data', (chunk) => (text += chunk));
				return req.on('end', () => send(200, JSON.parse(text)));
			}
			return send(404, `Cannot ${req.method} ${at.pathname}`, 'text/plain');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
	const credentials = () => snapshotsCredentials({ baseUrl: url });

	it('reads locations from a bare array and from `data` pages linked by `next` URLs', async () => {
		shape = 'array';
		const bare = await runSnapshotsApi({ resource: 'location', operation: 'getAll', returnAll: true }, undefined, credentials());
		expect(bare.json.map((location) => location.location_id)).toEqual(['l0', 'l1', 'l2', 'l3', 'l4']);
		shape = 'data';
		const paged = await runSnapshotsApi({ resource: 'location', operation: 'getAll', returnAll: true }, undefined, credentials());
		expect(paged.json.map((location) => location.location_id)).toEqual(['l0', 'l1', 'l2', 'l3', 'l4']);
	});

	it('fails, naming the keys it found, on a list it cannot read, instead of returning nothing', async () => {
		shape = 'rows';
		const result = await runSnapshotsApi({ resource: 'location', operation: 'getAll', returnAll: true }, undefined, credentials());
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('GET /locations: the answer holds no list of locations');
		expect(result.error?.description).toContain('rows, total');
	});

	it('waits out a plain-text 429 whose Retry-After is an HTTP date, then updates the customer', async () => {
		const result = await runSnapshotsApi({ resource: 'customer', operation: 'update', customerId: 'c1', email: 'jane@example.com', plan: 'Pro' }, undefined, credentials());
		expect(result.json[0]).toMatchObject({ customer_id: 'c1', email: 'jane@example.com', plan: 'Pro' });
		expect(customerPuts).toHaveLength(2);
		// The date has whole seconds, 1.5 to 2.5 s ahead: an unread date waits the 0.5 s minimum.
		expect(customerPuts[1] - customerPuts[0]).toBeGreaterThanOrEqual(1400);
	});

	it('shows the server\'s own words, from plain text and from errors[], with the call it answered', async () => {
		const upsert = await runSnapshotsApi({ resource: 'location', operation: 'upsert', locationId: 'x1', name: 'X', timezone: 'UTC' }, undefined, credentials());
		expect(upsert.error?.message).toBe('Snapshots API: Cannot PUT /locations/x1');
		expect(upsert.error?.description).toContain('PUT /locations/x1 answered HTTP 404');
		expect(upsert.error?.description).toContain('does your Snapshots API support PUT on /locations/{id}?');
		const event = await runSnapshotsApi({ resource: 'event', operation: 'create', type: 'sale', timestamp: '2026-03-14T16:22:05Z' }, [{ sale_id: 's1' }], credentials());
		expect(event.error?.message).toBe('Snapshots API: timestamp must be ISO 8601; type is unknown');
		expect(event.error?.description).toContain('POST /events answered HTTP 422');
	});
});
