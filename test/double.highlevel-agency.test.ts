import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startHighLevelDouble } from './doubles/highlevel/server.mjs';
import type { HighLevelDouble } from './doubles/highlevel/server.mjs';

const AGENCY = 'agency-pit';
const OTHER_AGENCY = 'agency-pit-2';
const LOC_TOKEN = 'loc-pit';
const COMPANY = 'comp1';
const V = '2021-07-28';
const V_SAAS = '2021-04-15';
const SCOPE_401 = { statusCode: 401, message: 'The token is not authorized for this scope.', error: 'Unauthorized' };

describe('HighLevel double: agency (Company) endpoints', () => {
	let d: HighLevelDouble;
	const call = async (
		method: string,
		path: string,
		body?: unknown,
		{ token = AGENCY, version = V, headers = {} }: { token?: string; version?: string | null; headers?: Record<string, string> } = {},
	) => {
		const res = await fetch(d.url + path, {
			method,
			headers: {
				Authorization: `Bearer ${token}`,
				...(version === null ? {} : { Version: version }),
				'Content-Type': 'application/json',
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
	};
	const saas = (method: string, path: string, body?: unknown, token = AGENCY) => call(method, path, body, { token, version: V_SAAS });

	beforeAll(async () => {
		d = await startHighLevelDouble({
			port: 0,
			tokens: {
				[AGENCY]: { companyId: COMPANY, type: 'Company' },
				[OTHER_AGENCY]: { companyId: 'comp2', type: 'Company' },
				[LOC_TOKEN]: { locationId: 'loc1', companyId: COMPANY },
			},
			oauthClients: {
				'agency-client': { secret: 's3cret', companyId: COMPANY, userType: 'Company' },
				'loc-client': { secret: 's3cret', locationId: 'loc1', companyId: COMPANY },
			},
		});
	});
	afterAll(async () => {
		await d.close();
	});
	beforeEach(() => {
		d.reset();
		d.setRateLimit(false);
	});

	it('lists every agency op with its spec operationId, Version and security', () => {
		const byOp = Object.fromEntries(d.routes.map((r) => [r.operationId, r]));
		expect(byOp['search-locations']).toMatchObject({ method: 'GET', path: '/locations/search', version: V, security: 'any' });
		expect(byOp['get-location']).toMatchObject({ method: 'GET', path: '/locations/{locationId}', version: V, security: 'any' });
		expect(byOp['create-location']).toMatchObject({ method: 'POST', path: '/locations/', version: V, security: 'agency' });
		expect(byOp['put-location']).toMatchObject({ method: 'PUT', path: '/locations/{locationId}', version: V, security: 'agency' });
		expect(byOp['delete-location']).toMatchObject({ method: 'DELETE', path: '/locations/{locationId}', version: V, security: 'agency' });
		expect(byOp['get-custom-snapshots']).toMatchObject({ method: 'GET', path: '/snapshots/', version: V, security: 'agency' });
		expect(byOp['create-snapshot-share-link']).toMatchObject({ method: 'POST', path: '/snapshots/share/link', version: V });
		expect(byOp['get-snapshot-push']).toMatchObject({ path: '/snapshots/snapshot-status/{snapshotId}', version: V });
		expect(byOp['get-latest-snapshot-push']).toMatchObject({ path: '/snapshots/snapshot-status/{snapshotId}/location/{locationId}', version: V });
		expect(byOp['locations']).toMatchObject({ method: 'GET', path: '/saas/locations', version: V_SAAS, security: 'agency' });
		expect(byOp['generate-payment-link']).toMatchObject({ method: 'PUT', path: '/saas/update-saas-subscription/{locationId}', version: V_SAAS });
	});

	describe('tokens', () => {
		it('issues Company OAuth tokens with companyId and no locationId, usable on agency routes', async () => {
			const res = await fetch(`${d.url}/oauth/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ client_id: 'agency-client', client_secret: 's3cret', grant_type: 'authorization_code', code: 'c1', user_type: 'Company' }),
			});
			const tok = (await res.json()) as Record<string, unknown>;
			expect(res.status).toBe(200);
			expect(tok).toMatchObject({ token_type: 'Bearer', userType: 'Company', companyId: COMPANY });
			expect(tok).not.toHaveProperty('locationId');
			d.addSnapshot(COMPANY, { name: 'Dental' });
			const r = await call('GET', `/snapshots/?companyId=${COMPANY}`, undefined, { token: String(tok.access_token) });
			expect(r.status).toBe(200);
			expect(r.body.snapshots).toHaveLength(1);
			// Location OAuth tokens keep their locationId and stay Location tokens
			const loc = d.issueOAuthTokens('loc-client');
			const denied = await call('GET', `/snapshots/?companyId=${COMPANY}`, undefined, { token: loc.access_token });
			expect(denied.status).toBe(401);
		});

		it('answers a Location token on an Agency-Access op with 401 (and an agency token on a Location-only op)', async () => {
			for (const [method, path, version] of [
				['GET', `/snapshots/?companyId=${COMPANY}`, V],
				['POST', '/locations/', V],
				['DELETE', '/locations/loc1?deleteTwilioAccount=false', V],
				['GET', `/saas/locations?customerId=c&subscriptionId=s&companyId=${COMPANY}`, V_SAAS],
			] as const) {
				const r = await call(method, path, method === 'POST' ? { name: 'x', companyId: COMPANY } : undefined, { token: LOC_TOKEN, version });
				expect(r.status, `${method} ${path}`).toBe(401);
				expect(r.body).toEqual(SCOPE_401);
			}
			expect(d.store.locations.has('loc1')).toBe(true);
			const contacts = await call('GET', '/contacts/?locationId=loc1');
			expect(contacts.status).toBe(401);
			expect(contacts.body).toEqual(SCOPE_401);
		});

		it('answers a companyId that is not the token company with 403', async () => {
			const q = await call('GET', '/snapshots/?companyId=comp2');
			expect(q.status).toBe(403);
			expect(q.body).toEqual({ statusCode: 403, message: 'The token does not have access to this company', error: 'Forbidden' });
			const b = await call('POST', '/locations/', { name: 'X', companyId: 'comp2' });
			expect(b.status).toBe(403);
			const locSearch = await call('GET', '/locations/search?companyId=comp2', undefined, { token: LOC_TOKEN });
			expect(locSearch.status).toBe(403);
			// a location of another company, by path
			d.addLocation('comp2', { id: 'foreignLoc', name: 'Foreign' });
			const g = await call('GET', '/locations/foreignLoc');
			expect(g.status).toBe(403);
			expect(g.body).toEqual({ statusCode: 403, message: 'The token does not have access to this location', error: 'Forbidden' });
			expect((await call('GET', '/locations/foreignLoc', undefined, { token: OTHER_AGENCY })).status).toBe(200);
		});

		it('rate-limits agency tokens per company and sends the rate-limit headers', async () => {
			d.setRateLimit({ max: 2, intervalMs: 60_000, daily: 1000 });
			const a = await call('GET', `/snapshots/?companyId=${COMPANY}`);
			expect(a.headers.get('x-ratelimit-max')).toBe('2');
			expect(a.headers.get('x-ratelimit-remaining')).toBe('1');
			expect(a.headers.get('x-ratelimit-daily-remaining')).toBe('999');
			expect((await call('GET', `/snapshots/?companyId=${COMPANY}`)).status).toBe(200);
			const limited = await call('GET', `/snapshots/?companyId=${COMPANY}`);
			expect(limited.status).toBe(429);
			expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
			// another company and a sub-account of the same company have their own buckets
			expect((await call('GET', '/snapshots/?companyId=comp2', undefined, { token: OTHER_AGENCY })).status).toBe(200);
			expect((await call('GET', '/locations/loc1', undefined, { token: LOC_TOKEN })).status).toBe(200);
		});
	});

	describe('Sub-Accounts (locations.json)', () => {
		it('creates, reads, searches, updates and deletes a sub-account', async () => {
			const created = await call('POST', '/locations/', {
				name: 'Mark Shoes',
				companyId: COMPANY,
				phone: '+1410039940',
				city: 'New York',
				country: 'US',
				timezone: 'US/Central',
				prospectInfo: { firstName: 'John', lastName: 'Doe', email: 'john.doe@mail.com' },
				settings: { allowDuplicateContact: true },
				social: { facebookUrl: 'https://www.facebook.com/' },
				twilio: { sid: 'AC_X', authToken: 'tok' },
			});
			expect(created.status).toBe(200);
			const loc = created.body;
			expect(loc).toMatchObject({
				id: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
				companyId: COMPANY,
				name: 'Mark Shoes',
				phone: '+1410039940',
				email: 'john.doe@mail.com',
				city: 'New York',
				country: 'US',
				settings: { allowDuplicateContact: true },
				social: { facebookUrl: 'https://www.facebook.com/' },
				traceId: expect.any(String),
			});
			expect(loc).not.toHaveProperty('twilio');
			expect(loc).not.toHaveProperty('prospectInfo');
			expect(d.store.locations.get(loc.id)).toMatchObject({ companyId: COMPANY, twilio: { sid: 'AC_X' } });

			const got = await call('GET', `/locations/${loc.id}`);
			expect(got.status).toBe(200);
			expect(got.body.location).toMatchObject({ id: loc.id, companyId: COMPANY, firstName: 'John', lastName: 'Doe' });
			expect(got.body.location).not.toHaveProperty('twilio');

			d.addLocation(COMPANY, { id: 'second', name: 'Second', email: 'two@example.com' });
			const all = await call('GET', `/locations/search?companyId=${COMPANY}`);
			expect(all.status).toBe(200);
			expect(all.body.locations.map((l: { id: string }) => l.id)).toEqual(['loc1', loc.id, 'second']);
			expect(all.body.locations[1]).not.toHaveProperty('companyId'); // GetLocationSchema has no companyId
			const page = await call('GET', `/locations/search?companyId=${COMPANY}&skip=1&limit=1&order=desc`);
			expect(page.body.locations.map((l: { id: string }) => l.id)).toEqual([loc.id]);
			const byEmail = await call('GET', '/locations/search?email=TWO@example.com'); // companyId defaults to the token's
			expect(byEmail.body.locations.map((l: { id: string }) => l.id)).toEqual(['second']);
			const badOrder = await call('GET', '/locations/search?order=up&limit=x');
			expect(badOrder.status).toBe(422);
			expect(badOrder.body.message).toEqual(['limit must be a number string', 'order must be one of the following values: asc, desc']);
			// a Location token may search (Location-Access) but only sees its own sub-account
			const own = await call('GET', `/locations/search?companyId=${COMPANY}`, undefined, { token: LOC_TOKEN });
			expect(own.body.locations.map((l: { id: string }) => l.id)).toEqual(['loc1']);

			const upd = await call('PUT', `/locations/${loc.id}`, { companyId: COMPANY, name: 'Mark Shoes 2', settings: { disableContactTimezone: true } });
			expect(upd.status).toBe(200);
			expect(upd.body).toMatchObject({ id: loc.id, name: 'Mark Shoes 2', settings: { allowDuplicateContact: true, disableContactTimezone: true } });

			const del = await call('DELETE', `/locations/${loc.id}?deleteTwilioAccount=true`);
			expect(del.status).toBe(200);
			expect(del.body).toMatchObject({ success: true, message: `Deleted location with id: ${loc.id}` });
			expect(d.store.locations.has(loc.id)).toBe(false);
			expect(d.store.deletedLocations.get(loc.id)).toMatchObject({ deleteTwilioAccount: true });
			expect((await call('GET', `/locations/${loc.id}`)).status).toBe(400);
		});

		it('validates the DTOs with 422 array messages', async () => {
			const missing = await call('POST', '/locations/', { phone: '+1' });
			expect(missing.status).toBe(422);
			expect(missing.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
			expect(missing.body.message).toEqual(expect.arrayContaining(['name should not be empty', 'companyId should not be empty']));
			const nested = await call('POST', '/locations/', { name: 'x', companyId: COMPANY, country: 'USA', prospectInfo: { firstName: 'a' }, foo: 1 });
			expect(nested.status).toBe(422);
			expect(nested.body.message).toEqual(
				expect.arrayContaining([
					'property foo should not exist',
					expect.stringMatching(/^country must be one of the following values: AF, AX/),
					'prospectInfo.lastName should not be empty',
					'prospectInfo.email should not be empty',
				]),
			);
			const put = await call('PUT', '/locations/loc1', { name: 'x' });
			expect(put.status).toBe(422);
			expect(put.body.message).toContain('companyId should not be empty');
			const putSnap = await call('PUT', '/locations/loc1', { companyId: COMPANY, snapshot: { override: true } });
			expect(putSnap.body.message).toContain('snapshot.id should not be empty');
			const del = await call('DELETE', '/locations/loc1');
			expect(del.status).toBe(422);
			expect(del.body.message).toEqual(['deleteTwilioAccount should not be empty', 'deleteTwilioAccount must be a boolean value']);
			expect((await call('DELETE', '/locations/loc1?deleteTwilioAccount=yes')).body.message).toEqual(['deleteTwilioAccount must be a boolean value']);
		});

		it('checks the Version header', async () => {
			const wrong = await call('POST', '/locations/', { name: 'x', companyId: COMPANY }, { version: V_SAAS });
			expect(wrong.status).toBe(400);
			expect(wrong.body.message).toMatch(/Version/);
			const none = await call('GET', '/locations/search', undefined, { version: null });
			expect(none.body).toEqual({ statusCode: 400, message: 'Version header was not found' });
		});
	});

	describe('Snapshots (snapshots.json)', () => {
		it('lists the company snapshots', async () => {
			const own = d.addSnapshot(COMPANY, { name: 'Martial Arts Snapshot' });
			const imp = d.addSnapshot(COMPANY, { name: 'Imported', type: 'imported' });
			d.addSnapshot('comp2', { name: 'Other agency' });
			const r = await call('GET', `/snapshots/?companyId=${COMPANY}`);
			expect(r.status).toBe(200);
			expect(r.body.snapshots).toEqual([
				{ id: own.id, name: 'Martial Arts Snapshot', type: 'own' },
				{ id: imp.id, name: 'Imported', type: 'imported' },
			]);
			const missing = await call('GET', '/snapshots/');
			expect(missing.status).toBe(422);
			expect(missing.body.message).toEqual(['companyId should not be empty', 'companyId must be a string']);
			expect((await call('GET', `/snapshots/?companyId=${COMPANY}`, undefined, { version: V_SAAS })).status).toBe(400);
		});

		it('creates share links (201 {id, shareLink})', async () => {
			const s = d.addSnapshot(COMPANY, { name: 'S' });
			const r = await call('POST', `/snapshots/share/link?companyId=${COMPANY}`, { snapshot_id: s.id, share_type: 'location_link', share_location_id: 'loc1' });
			expect(r.status).toBe(201);
			expect(r.body).toMatchObject({ id: expect.any(String), shareLink: `https://affiliates.gohighlevel.com/?share=${r.body.id}` });
			expect(d.store.snapshotShareLinks.get(r.body.id)).toMatchObject({ snapshotId: s.id, share_type: 'location_link', share_location_id: 'loc1' });
			const bad = await call('POST', `/snapshots/share/link?companyId=${COMPANY}`, { share_type: 'public' });
			expect(bad.status).toBe(422);
			expect(bad.body.message).toEqual([
				'snapshot_id should not be empty',
				'snapshot_id must be a string',
				'share_type must be one of the following values: link, permanent_link, agency_link, location_link',
			]);
			const noCompany = await call('POST', '/snapshots/share/link', { snapshot_id: s.id, share_type: 'link' });
			expect(noCompany.status).toBe(422);
			const unknown = await call('POST', `/snapshots/share/link?companyId=${COMPANY}`, { snapshot_id: 'nope', share_type: 'link' });
			expect(unknown.status).toBe(400);
		});

		it('creates a location from a snapshot and reports the latest push for it', async () => {
			const s = d.addSnapshot(COMPANY, { name: 'Dental' });
			const created = await call('POST', '/locations/', { name: 'From snapshot', companyId: COMPANY, snapshotId: s.id });
			expect(created.status).toBe(200);
			const locationId = created.body.id as string;
			const pushes = [...d.store.snapshotPushes.values()];
			expect(pushes).toEqual([expect.objectContaining({ snapshotId: s.id, locationId, companyId: COMPANY, status: 'processing', source: 'create-location' })]);

			const latest = await call('GET', `/snapshots/snapshot-status/${s.id}/location/${locationId}?companyId=${COMPANY}`);
			expect(latest.status).toBe(200);
			expect(latest.body.data).toEqual({ id: pushes[0].id, locationId, status: 'processing', completed: [], pending: expect.arrayContaining(['workflows']) });

			// a later push via PUT snapshot becomes the latest one
			d.updateSnapshotPush(pushes[0].id, { status: 'completed', completed: ['forms'], pending: [], dateAdded: '2024-01-01T00:00:00Z' });
			const put = await call('PUT', `/locations/${locationId}`, { companyId: COMPANY, snapshot: { id: s.id, override: true } });
			expect(put.status).toBe(200);
			const again = await call('GET', `/snapshots/snapshot-status/${s.id}/location/${locationId}?companyId=${COMPANY}`);
			expect(again.body.data.id).not.toBe(pushes[0].id);
			expect([...d.store.snapshotPushes.values()].find((p) => p.id === again.body.data.id)).toMatchObject({ override: true, source: 'update-location' });

			const unknownSnap = await call('POST', '/locations/', { name: 'x', companyId: COMPANY, snapshotId: 'nope' });
			expect(unknownSnap.status).toBe(400);
			const noPush = await call('GET', `/snapshots/snapshot-status/${s.id}/location/loc1?companyId=${COMPANY}`);
			expect(noPush.status).toBe(400);
			const noCompany = await call('GET', `/snapshots/snapshot-status/${s.id}/location/${locationId}`);
			expect(noCompany.status).toBe(422);
			const otherCompany = await call('GET', `/snapshots/snapshot-status/${s.id}/location/${locationId}?companyId=comp2`);
			expect(otherCompany.status).toBe(403);
		});

		it('lists pushes between dates, paged by limit/lastDoc', async () => {
			const s = d.addSnapshot(COMPANY, { name: 'S' });
			const at = ['2022-10-10T00:00:00Z', '2022-10-28T18:24:54Z', '2023-05-01T12:00:00Z', '2023-12-18T23:59:30Z', '2024-01-01T00:00:00Z'];
			const ps = at.map((dateAdded, i) => d.addSnapshotPush({ companyId: COMPANY, snapshotId: s.id, locationId: `l${i}`, dateAdded }));
			d.addSnapshotPush({ companyId: COMPANY, snapshotId: 'otherSnap', locationId: 'lx', dateAdded: at[1] });
			const q = (extra: string) =>
				call('GET', `/snapshots/snapshot-status/${s.id}?companyId=${COMPANY}&from=10-10-2022%2012:00%20AM&to=12-18-2023%2011:59%20PM&${extra}`);
			const first = await q('lastDoc=&limit=2');
			expect(first.status).toBe(200);
			expect(first.body.data).toEqual([
				{ id: ps[0].id, locationId: 'l0', status: 'processing', dateAdded: '10/10/2022, 12:00:00 AM' },
				{ id: ps[1].id, locationId: 'l1', status: 'processing', dateAdded: '10/28/2022, 6:24:54 PM' },
			]);
			const second = await q(`lastDoc=${ps[1].id}&limit=2`);
			expect(second.body.data.map((p: { id: string }) => p.id)).toEqual([ps[2].id, ps[3].id]); // 2024 is out of range
			const third = await q(`lastDoc=${ps[3].id}&limit=2`);
			expect(third.body.data).toEqual([]);

			const missing = await call('GET', `/snapshots/snapshot-status/${s.id}?companyId=${COMPANY}&from=2022-10-10`);
			expect(missing.status).toBe(422);
			expect(missing.body.message).toEqual(
				expect.arrayContaining([
					expect.stringMatching(/^from must be a date in the format MM-DD-YYYY hh:mm AM\|PM/),
					'to should not be empty',
					'lastDoc should not be empty',
					'limit should not be empty',
				]),
			);
		});
	});

	describe('SaaS (saas-api.json, Version 2021-04-15)', () => {
		it('finds locations by Stripe customer/subscription and updates the subscription', async () => {
			d.addSaasLocation(COMPANY, { locationId: 'saasLoc1', customerId: 'cus_1', subscriptionId: 'sub_1' });
			d.addSaasLocation(COMPANY, { locationId: 'saasLoc2', customerId: 'cus_2', subscriptionId: 'sub_2' });
			d.addSaasLocation('comp2', { locationId: 'saasLoc3', customerId: 'cus_1', subscriptionId: 'sub_1' });
			expect(d.store.locations.get('saasLoc1')).toMatchObject({ companyId: COMPANY });

			const r = await saas('GET', `/saas/locations?customerId=cus_1&subscriptionId=sub_1&companyId=${COMPANY}`);
			expect(r.status).toBe(200);
			expect(r.body).toEqual(['saasLoc1']);

			const upd = await saas('PUT', '/saas/update-saas-subscription/saasLoc2', { subscriptionId: 'sub_9', customerId: 'cus_1', companyId: COMPANY });
			expect(upd.status).toBe(200);
			expect(upd.body).toBe('SaaS subscription updated successfully');
			expect(d.store.saasLocations.get('saasLoc2')).toMatchObject({ subscriptionId: 'sub_9', customerId: 'cus_1' });
			const after = await saas('GET', `/saas/locations?customerId=cus_1&subscriptionId=sub_x&companyId=${COMPANY}`);
			expect(after.body).toEqual(['saasLoc1', 'saasLoc2']);

			const unknown = await saas('PUT', '/saas/update-saas-subscription/nope', { subscriptionId: 's', customerId: 'c', companyId: COMPANY });
			expect(unknown.status).toBe(404);
			expect(unknown.body).toMatchObject({ statusCode: 404 });
			const foreign = await saas('PUT', '/saas/update-saas-subscription/saasLoc3', { subscriptionId: 's', customerId: 'c', companyId: COMPANY });
			expect(foreign.status).toBe(403);
		});

		it('requires all query/body fields (422), the 2021-04-15 Version (400), an agency token (401) and its company (403)', async () => {
			const q = await saas('GET', `/saas/locations?companyId=${COMPANY}`);
			expect(q.status).toBe(422);
			expect(q.body.message).toEqual([
				'customerId should not be empty',
				'customerId must be a string',
				'subscriptionId should not be empty',
				'subscriptionId must be a string',
			]);
			d.addSaasLocation(COMPANY, { locationId: 'saasLoc1', customerId: 'cus_1', subscriptionId: 'sub_1' });
			const b = await saas('PUT', '/saas/update-saas-subscription/saasLoc1', { subscriptionId: 'sub_2' });
			expect(b.status).toBe(422);
			expect(b.body.message).toEqual(expect.arrayContaining(['customerId should not be empty', 'companyId should not be empty']));

			const wrongVersion = await call('GET', `/saas/locations?customerId=c&subscriptionId=s&companyId=${COMPANY}`, undefined, { version: V });
			expect(wrongVersion.status).toBe(400);
			expect(wrongVersion.body.message).toBe('Version header "2021-07-28" is not supported by this endpoint; expected "2021-04-15"');

			const locTok = await saas('PUT', '/saas/update-saas-subscription/loc1', { subscriptionId: 's', customerId: 'c', companyId: COMPANY }, LOC_TOKEN);
			expect(locTok.status).toBe(401);
			expect(locTok.body).toEqual(SCOPE_401);

			const mismatch = await saas('GET', '/saas/locations?customerId=c&subscriptionId=s&companyId=comp2');
			expect(mismatch.status).toBe(403);
			const bodyMismatch = await saas('PUT', '/saas/update-saas-subscription/saasLoc1', { subscriptionId: 's', customerId: 'c', companyId: 'comp2' });
			expect(bodyMismatch.status).toBe(403);
		});
	});
});
