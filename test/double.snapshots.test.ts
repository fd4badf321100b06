import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { startSnapshotsDouble } from './doubles/snapshots/server.mjs';
import type { SnapshotsDouble } from './doubles/snapshots/server.mjs';

const KEY = 'key-1';
const NO_SCOPE = 'key-no-scope';
const ROOT = join(__dirname, '..');
const SPEC_PATH = join(ROOT, 'docs', 'snapshots-api.openapi.yaml');

/**
 * Minimal reader for the OpenAPI YAML (no YAML parser is a dependency): the `paths:` block's
 * two-space-indented path keys and the four-space-indented HTTP method keys under them.
 */
function specOperations(yaml: string): Set<string> {
	const ops = new Set<string>();
	let inPaths = false;
	let path: string | null = null;
	for (const line of yaml.split('\n')) {
		if (/^\S/.test(line)) {
			inPaths = line.startsWith('paths:');
			path = null;
			continue;
		}
		if (!inPaths) continue;
		const p = /^ {2}(\/[^:\s]*):\s*$/.exec(line);
		if (p) {
			path = p[1];
			continue;
		}
		const m = /^ {4}(get|put|post|patch|delete|head|options):\s*$/.exec(line);
		if (m && path) ops.add(`${m[1].toUpperCase()} ${path}`);
	}
	return ops;
}

describe('Snapshots API double', () => {
	let d: SnapshotsDouble;
	const call = async (method: string, path: string, body?: unknown, key: string | null = KEY, base = '') => {
		const res = await fetch(d.url + base + path, {
			method,
			headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
	};

	beforeAll(async () => {
		d = await startSnapshotsDouble({ port: 0, keys: { [KEY]: { scopes: ['saas/location.read'] }, [NO_SCOPE]: { scopes: ['snapshots.readonly'] } } });
	});
	afterAll(async () => {
		await d.close();
	});
	beforeEach(() => {
		d.reset();
		d.setRateLimit(false);
	});

	it('answers a missing or unknown key with 401 unauthorized', async () => {
		for (const key of [null, 'nope']) {
			const r = await call('GET', '/locations', undefined, key);
			expect(r.status).toBe(401);
			expect(r.body).toEqual({ error: { code: 'unauthorized', message: 'Invalid API key' } });
		}
		const basic = await fetch(`${d.url}/locations`, { headers: { Authorization: `Basic ${KEY}` } });
		expect(basic.status).toBe(401);
	});

	it('answers a key without saas/location.read with the 403 insufficient_scope shape on every operation', async () => {
		const expected = {
			error: { code: 'insufficient_scope', message: 'The API key lacks the scope saas/location.read', required_scope: 'saas/location.read' },
		};
		for (const [method, path, body] of [
			['GET', '/locations'],
			['GET', '/locations/loc_1'],
			['PUT', '/locations/loc_1', { name: 'A', timezone: 'UTC' }],
			['POST', '/events', { event_id: 'e1', type: 't', timestamp: '2024-01-01T00:00:00Z' }],
			['GET', '/customers/c1'],
			['PUT', '/customers/c1', { email: 'a@example.com' }],
		] as const) {
			const r = await call(method, path, body, NO_SCOPE);
			expect(r.status, `${method} ${path}`).toBe(403);
			expect(r.body).toEqual(expected);
		}
		expect(d.store.locations.size + d.store.events.size + d.store.customers.size).toBe(0);
	});

	it('stores the fields a seed adds (the demo enriches locations with an email and a tier)', async () => {
		const [seeded] = d.seedLocations(1, () => ({ email: 'buyer0@example.com', tier: 'pro' }));
		expect(d.store.locations.get(seeded.location_id)).toMatchObject({ email: 'buyer0@example.com', tier: 'pro' });
		const r = await call('GET', `/locations/${seeded.location_id}`, undefined, KEY);
		expect(r.body).toMatchObject({ location_id: seeded.location_id, email: 'buyer0@example.com', tier: 'pro' });
	});

	it('pages 45 locations by 20 with next_cursor, ordered by location_id, at the root and under /v1', async () => {
		d.seedLocations(45);
		for (const base of ['', '/v1']) {
			const ids: string[] = [];
			const sizes: number[] = [];
			let cursor: string | null = null;
			let pages = 0;
			do {
				const q: string = `?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
				const r = await call('GET', `/locations${q}`, undefined, KEY, base);
				expect(r.status).toBe(200);
				sizes.push(r.body.locations.length);
				for (const l of r.body.locations) {
					expect(Object.keys(l)).toEqual(expect.arrayContaining(['location_id', 'name', 'timezone', 'created_at', 'updated_at']));
					ids.push(l.location_id);
				}
				cursor = r.body.next_cursor;
				expect(r.body).toHaveProperty('next_cursor');
				pages++;
			} while (cursor && pages < 10);
			expect(sizes).toEqual([20, 20, 5]);
			expect(cursor).toBeNull();
			expect(ids).toEqual([...ids].sort());
			expect(new Set(ids).size).toBe(45);
		}
		const def = await call('GET', '/locations');
		expect(def.body.locations).toHaveLength(20);
		expect(typeof def.body.next_cursor).toBe('string');
	});

	it('rejects a bad limit or an unknown cursor with 400 invalid_request naming the field', async () => {
		for (const q of ['limit=0', 'limit=101', 'limit=abc', 'limit=']) {
			const r = await call('GET', `/locations?${q}`);
			expect(r.status, q).toBe(400);
			expect(r.body.error).toMatchObject({ code: 'invalid_request', field: 'limit' });
		}
		const r = await call('GET', '/locations?cursor=not-issued');
		expect(r.status).toBe(400);
		expect(r.body.error).toMatchObject({ code: 'invalid_request', field: 'cursor' });
		expect((await call('GET', '/locations?limit=100')).status).toBe(200);
	});

	it('gets, creates (201) and updates (200) a location; extra properties merge', async () => {
		const missing = await call('GET', '/locations/loc_x');
		expect(missing.status).toBe(404);
		expect(missing.body.error.code).toBe('not_found');

		const created = await call('PUT', '/locations/loc_x', { name: 'Main', timezone: 'America/New_York', region: 'east' });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ location_id: 'loc_x', name: 'Main', timezone: 'America/New_York', region: 'east' });
		expect(created.body.created_at).toBe(created.body.updated_at);

		const updated = await call('PUT', '/locations/loc_x', { name: 'Main 2', timezone: 'Europe/Paris', tier: 'gold', location_id: 'ignored' });
		expect(updated.status).toBe(200);
		expect(updated.body).toMatchObject({ location_id: 'loc_x', name: 'Main 2', timezone: 'Europe/Paris', region: 'east', tier: 'gold' });
		expect(updated.body.created_at).toBe(created.body.created_at);

		const got = await call('GET', '/locations/loc_x', undefined, KEY, '/v1');
		expect(got.status).toBe(200);
		expect(got.body).toEqual(updated.body);
		expect(d.store.locations.get('loc_x')).toEqual(updated.body);
	});

	it('answers an invalid timezone or missing name with 422 validation_failed listing the fields', async () => {
		const r = await call('PUT', '/locations/loc_y', { timezone: 'Mars/Olympus_Mons' });
		expect(r.status).toBe(422);
		expect(r.body.error.code).toBe('validation_failed');
		expect(r.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['name', 'timezone']);
		expect((await call('PUT', '/locations/loc_y', { name: 'A', timezone: '+01:00' })).status).toBe(422);
		expect(d.store.locations.has('loc_y')).toBe(false);

		const notJson = await call('PUT', '/locations/loc_y', '{nope');
		expect(notJson.status).toBe(400);
		expect(notJson.body.error).toMatchObject({ code: 'invalid_request', field: 'body' });
		expect((await call('PUT', '/locations/loc_y', [1])).status).toBe(400);
	});

	it('stores an event once: the same event_id answers 201 then 200 with the first record', async () => {
		const first = await call('POST', '/events', { event_id: 'evt:1', type: 'sale', timestamp: '2024-05-01T12:00:00Z', data: { amount: 5 } });
		expect(first.status).toBe(201);
		expect(first.body).toMatchObject({ event_id: 'evt:1', type: 'sale', timestamp: '2024-05-01T12:00:00Z', data: { amount: 5 } });
		expect(typeof first.body.received_at).toBe('string');

		const again = await call('POST', '/events', { event_id: 'evt:1', type: 'refund', timestamp: '2024-05-02T08:00:00.5-04:00' });
		expect(again.status).toBe(200);
		expect(again.body).toEqual(first.body);
		expect(d.store.events.size).toBe(1);
		expect(d.store.events.get('evt:1')).toEqual(first.body);

		const noData = await call('POST', '/events', { event_id: 'evt_2', type: 'sale', timestamp: '2024-05-01T12:00:00+02:00' }, KEY, '/v1');
		expect(noData.status).toBe(201);
		expect(noData.body.data).toEqual({});
	});

	it('answers an invalid timestamp or event_id with 422', async () => {
		for (const timestamp of ['2024-05-01', '2024-05-01T12:00:00', '2024-02-30T12:00:00Z', 'yesterday', 1714564800]) {
			const r = await call('POST', '/events', { event_id: 'e1', type: 'sale', timestamp });
			expect(r.status, String(timestamp)).toBe(422);
			expect(r.body.error).toEqual({ code: 'validation_failed', message: expect.any(String), fields: [{ field: 'timestamp', message: expect.any(String) }] });
		}
		const badId = await call('POST', '/events', { event_id: 'has space', type: 'sale', timestamp: '2024-05-01T12:00:00Z' });
		expect(badId.status).toBe(422);
		expect(badId.body.error.fields[0].field).toBe('event_id');
		expect((await call('POST', '/events', { event_id: 'x'.repeat(129), type: 's', timestamp: '2024-05-01T12:00:00Z' })).status).toBe(422);
		expect(d.store.events.size).toBe(0);
	});

	it('puts (201 then 200) and gets customers; extra properties merge into attributes', async () => {
		expect((await call('GET', '/customers/c1')).status).toBe(404);
		const bad = await call('PUT', '/customers/c1', { email: 'not-an-email' });
		expect(bad.status).toBe(422);
		expect(bad.body.error.fields).toEqual([{ field: 'email', message: expect.any(String) }]);

		const created = await call('PUT', '/customers/c1', { email: 'ann@example.com', name: 'Ann', plan: 'pro', attributes: { a: 1 }, source: 'gumroad' });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ customer_id: 'c1', email: 'ann@example.com', name: 'Ann', plan: 'pro', attributes: { a: 1, source: 'gumroad' } });

		const updated = await call('PUT', '/customers/c1', { email: 'ann2@example.com', plan: null, b: 2 });
		expect(updated.status).toBe(200);
		expect(updated.body).toMatchObject({ email: 'ann2@example.com', name: 'Ann', plan: null, attributes: { a: 1, source: 'gumroad', b: 2 } });
		expect(updated.body.created_at).toBe(created.body.created_at);

		const got = await call('GET', '/customers/c1', undefined, KEY, '/v1');
		expect(got.status).toBe(200);
		expect(got.body).toEqual(updated.body);
		expect(Object.keys(got.body).sort()).toEqual(['attributes', 'created_at', 'customer_id', 'email', 'name', 'plan', 'updated_at']);
	});

	it('rate limits per key with 429 rate_limited and Retry-After', async () => {
		d.setRateLimit({ max: 2, windowMs: 60_000 });
		d.addKey('key-2', ['saas/location.read']);
		expect((await call('GET', '/locations')).status).toBe(200);
		expect((await call('GET', '/locations')).status).toBe(200);
		const limited = await call('GET', '/locations');
		expect(limited.status).toBe(429);
		expect(limited.body.error.code).toBe('rate_limited');
		const retryAfter = Number(limited.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThanOrEqual(1);
		expect(retryAfter).toBeLessThanOrEqual(60);
		expect((await call('GET', '/locations', undefined, 'key-2')).status).toBe(200);
		expect(d.stats().rateLimited).toBe(1);

		d.setRateLimit({ max: 1, windowMs: 50 });
		expect((await call('GET', '/locations')).status).toBe(200);
		expect((await call('GET', '/locations')).status).toBe(429);
		await new Promise((r) => setTimeout(r, 80));
		expect((await call('GET', '/locations')).status).toBe(200);
	});

	it('injects failures with failNext, contract-shaped by default', async () => {
		d.failNext(1, 429);
		const r = await call('GET', '/locations');
		expect(r.status).toBe(429);
		expect(r.headers.get('retry-after')).toBe('1');
		expect(r.body.error.code).toBe('rate_limited');
		d.failNext(1, 500);
		expect((await call('POST', '/events', { event_id: 'e', type: 't', timestamp: '2024-01-01T00:00:00Z' })).body).toEqual({
			error: { code: 'internal', message: 'Internal server error' },
		});
		expect(d.store.events.size).toBe(0);
		expect((await call('GET', '/locations')).status).toBe(200);

		const started = await startSnapshotsDouble({ keys: { k: {} }, failNext: { n: 2, status: 503, body: { error: { code: 'internal', message: 'down' } } } });
		try {
			const res1 = await fetch(`${started.url}/v1/locations`, { headers: { Authorization: 'Bearer k' } });
			expect(res1.status).toBe(503);
			expect(await res1.json()).toEqual({ error: { code: 'internal', message: 'down' } });
			expect((await fetch(`${started.url}/v1/locations`, { headers: { Authorization: 'Bearer k' } })).status).toBe(503);
			expect((await fetch(`${started.url}/v1/locations`, { headers: { Authorization: 'Bearer k' } })).status).toBe(200);
		} finally {
			await started.close();
		}
	});

	it('records requests with the authorization header redacted and counts routes', async () => {
		await call('GET', '/locations?limit=5', undefined, KEY, '/v1');
		await call('GET', '/nowhere');
		expect(d.requests).toHaveLength(2);
		expect(d.requests[0]).toMatchObject({ method: 'GET', path: '/v1/locations', query: { limit: '5' }, status: 200 });
		expect(d.requests[0].headers.authorization).toBe('[redacted]');
		expect(JSON.stringify(d.requests)).not.toContain(KEY);
		expect(d.requests[1].status).toBe(404);
		expect(d.stats().byRoute).toEqual({ 'GET /locations': 1 });
		const control = await (await fetch(`${d.url}/__double/requests`)).json();
		expect(JSON.stringify(control)).not.toContain(KEY);
	});

	it('serves only operations the OpenAPI contract lists, and the contract lists them all', () => {
		const yaml = readFileSync(SPEC_PATH, 'utf8');
		expect(yaml).toMatch(/^openapi: 3\.0\.3$/m);
		expect(yaml).not.toMatch(/\t/);
		const ops = specOperations(yaml);
		const served = d.routes.map((r) => `${r.method} ${r.path}`);
		expect(served.length).toBeGreaterThan(0);
		for (const op of served) expect(ops, op).toContain(op);
		expect([...ops].sort()).toEqual([...served].sort());
		// Error codes and the required scope the double emits are written down in the contract.
		for (const word of ['invalid_request', 'unauthorized', 'insufficient_scope', 'not_found', 'validation_failed', 'rate_limited', 'internal', 'saas/location.read', 'Retry-After', 'next_cursor']) {
			expect(yaml).toContain(word);
		}
	});

	it('runs standalone: cli.mjs prints {"url"} and serves /v1', async () => {
		const child = spawn(process.execPath, [join(ROOT, 'test/doubles/snapshots/cli.mjs'), '--port', '0', '--key', 'cli-key', '--seed-locations', '3'], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		try {
			const line = await new Promise<string>((resolve, reject) => {
				let buf = '';
				child.stdout.on('data', (c: Buffer) => {
					buf += c.toString();
					if (buf.includes('\n')) resolve(buf.split('\n')[0]);
				});
				child.once('exit', (code) => reject(new Error(`cli exited ${code}`)));
			});
			const { url } = JSON.parse(line) as { url: string };
			expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			const res = await fetch(`${url}/v1/locations`, { headers: { Authorization: 'Bearer cli-key' } });
			expect(res.status).toBe(200);
			expect(((await res.json()) as { locations: unknown[] }).locations).toHaveLength(3);
		} finally {
			child.kill('SIGTERM');
		}
	});
});
