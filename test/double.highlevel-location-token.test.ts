import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startHighLevelDouble } from './doubles/highlevel/server.mjs';
import type { HighLevelDouble } from './doubles/highlevel/server.mjs';

const COMPANY = 'comp1';
const V = '2021-07-28';
const APP = 'app0000000000000000a';
const AGENCY_CLIENT = `${APP}-agency`;
const SCOPES = 'oauth.readonly oauth.write contacts.readonly contacts.write locations.readonly';
const AGENCY_PIT = 'agency-pit';
const LOC_PIT = 'loc-pit';
const SCOPE_401 = { statusCode: 401, message: 'The token is not authorized for this scope.', error: 'Unauthorized' };

describe('HighLevel double: sub-account tokens of an agency app (oauth.json)', () => {
	let d: HighLevelDouble;
	let agencyToken: string;

	const call = async (method: string, path: string, init: { token?: string; version?: string | null; form?: Record<string, string>; json?: unknown } = {}) => {
		const { token = agencyToken, version = V, form, json } = init;
		const res = await fetch(d.url + path, {
			method,
			headers: {
				Authorization: `Bearer ${token}`,
				...(version === null ? {} : { Version: version }),
				...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : json ? { 'Content-Type': 'application/json' } : {}),
			},
			body: form ? new URLSearchParams(form) : json ? JSON.stringify(json) : undefined,
		});
		const text = await res.text();
		return { status: res.status, body: text ? JSON.parse(text) : undefined };
	};
	const locationToken = (locationId: string, token?: string) =>
		call('POST', '/oauth/locationToken', { token, form: { companyId: COMPANY, locationId } });

	beforeAll(async () => {
		d = await startHighLevelDouble({
			port: 0,
			locationTokenTtlSeconds: 1,
			tokens: { [AGENCY_PIT]: { companyId: COMPANY, type: 'Company' }, [LOC_PIT]: { locationId: 'locA', companyId: COMPANY } },
			oauthClients: {
				[AGENCY_CLIENT]: { secret: 's', companyId: COMPANY, userType: 'Company', scope: SCOPES, installedLocations: ['locA', 'locB'] },
				'app0000000000000000b-agency': { secret: 's', companyId: COMPANY, userType: 'Company', scope: 'locations.readonly' },
			},
		});
	});
	afterAll(async () => {
		await d.close();
	});
	beforeEach(() => {
		d.reset();
		d.setRateLimit(false);
		agencyToken = d.issueOAuthTokens(AGENCY_CLIENT).access_token;
	});

	it('issues a grant under fixed token values when told (a stored credential that survives a restart of the double)', async () => {
		const fixed = d.issueOAuthTokens(AGENCY_CLIENT, { access_token: 'fixed-agency-at', refresh_token: 'fixed-agency-rt' });
		expect(fixed).toEqual({ access_token: 'fixed-agency-at', refresh_token: 'fixed-agency-rt' });
		expect((await locationToken('locB', 'fixed-agency-at')).status).toBe(200);
		const refreshed = await fetch(`${d.url}/oauth/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ client_id: AGENCY_CLIENT, client_secret: 's', grant_type: 'refresh_token', refresh_token: 'fixed-agency-rt' }),
		});
		expect(refreshed.status).toBe(200);
		expect(await refreshed.json()).toMatchObject({ userType: 'Company', companyId: COMPANY });
	});

	it('turns an agency OAuth token into a short-lived sub-account token of an installed location', async () => {
		const r = await locationToken('locA');
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ token_type: 'Bearer', expires_in: 1, locationId: 'locA', appId: APP, userId: expect.any(String) });
		expect(r.body).not.toHaveProperty('refresh_token');
		expect(r.body.scope.split(' ')).not.toContain('oauth.write');
		const subToken = String(r.body.access_token);
		// a sub-account token of locA: contacts of locA, not of locB, not agency routes
		expect((await call('GET', '/contacts/?locationId=locA', { token: subToken })).status).toBe(200);
		expect((await call('GET', '/contacts/?locationId=locB', { token: subToken })).status).toBe(403);
		expect((await call('GET', `/snapshots/?companyId=${COMPANY}`, { token: subToken })).body).toEqual(SCOPE_401);
		// and it expires
		await new Promise((resolve) => setTimeout(resolve, 1100));
		expect((await call('GET', '/contacts/?locationId=locA', { token: subToken })).status).toBe(401);
		// expireAccessToken works on it too
		const again = String((await locationToken('locA')).body.access_token);
		expect(d.expireAccessToken(again)).toBe(true);
		expect((await call('GET', '/contacts/?locationId=locA', { token: again })).status).toBe(401);
	});

	it('refuses an agency PIT, a sub-account token, a token without oauth.write, a JSON body, a wrong Version', async () => {
		expect(await locationToken('locA', AGENCY_PIT)).toEqual({ status: 401, body: SCOPE_401 });
		expect(await locationToken('locA', LOC_PIT)).toEqual({ status: 401, body: SCOPE_401 });
		const noScope = d.issueOAuthTokens('app0000000000000000b-agency').access_token;
		expect(await locationToken('locA', noScope)).toEqual({ status: 401, body: SCOPE_401 });
		const json = await call('POST', '/oauth/locationToken', { json: { companyId: COMPANY, locationId: 'locA' } });
		expect(json.status).toBe(400);
		const noVersion = await call('POST', '/oauth/locationToken', { version: null, form: { companyId: COMPANY, locationId: 'locA' } });
		expect(noVersion).toMatchObject({ status: 400, body: { message: 'Version header was not found' } });
		const missing = await call('POST', '/oauth/locationToken', { form: { companyId: COMPANY } });
		expect(missing).toMatchObject({ status: 422, body: { message: ['locationId should not be empty', 'locationId must be a string'] } });
		const otherCompany = await call('POST', '/oauth/locationToken', { form: { companyId: 'comp2', locationId: 'locA' } });
		expect(otherCompany.status).toBe(403);
	});

	it('gives no token for a location where the app is not installed, until it is', async () => {
		d.addLocation(COMPANY, { id: 'locC', name: 'Gamma' });
		expect(await locationToken('locC')).toMatchObject({ status: 400, body: { message: 'This app is not installed in this location' } });
		expect(await locationToken('nowhere')).toMatchObject({ status: 400, body: { message: 'Location not found' } });
		d.installApp(APP, 'locC');
		expect((await locationToken('locC')).status).toBe(200);
		d.uninstallApp(APP, 'locC');
		expect((await locationToken('locC')).status).toBe(400);
	});

	it('lists the installed locations with skip/limit paging and a name query (oauth.readonly, agency OAuth only)', async () => {
		d.installApp(APP, 'locC', { companyId: COMPANY, name: 'Gamma Dental' });
		d.addLocation(COMPANY, { id: 'locD', name: 'Not Installed Dental' });
		const list = (query: string, token?: string) => call('GET', `/oauth/installedLocations?${query}`, { token });
		const all = await list(`companyId=${COMPANY}&appId=${APP}&isInstalled=true`);
		expect(all.status).toBe(200);
		expect(all.body).toMatchObject({ count: 3, installToFutureLocations: false });
		expect(all.body.locations.map((l: { _id: string }) => l._id)).toEqual(['locA', 'locB', 'locC']);
		expect(all.body.locations[0]).toMatchObject({ _id: 'locA', name: 'Location locA', isInstalled: true, installedAt: expect.any(String) });
		const page = await list(`companyId=${COMPANY}&appId=${APP}&isInstalled=true&skip=1&limit=1`);
		expect(page.body).toMatchObject({ count: 3, locations: [{ _id: 'locB' }] });
		const dental = await list(`companyId=${COMPANY}&appId=${APP}&isInstalled=true&query=dental`);
		expect(dental.body.locations.map((l: { _id: string }) => l._id)).toEqual(['locC']);
		const everyLocation = await list(`companyId=${COMPANY}&appId=${APP}&query=dental`);
		expect(everyLocation.body.locations.map((l: { _id: string; isInstalled: boolean }) => [l._id, l.isInstalled])).toEqual([
			['locC', true],
			['locD', false],
		]);
		expect((await list(`companyId=${COMPANY}`)).body.message).toEqual(['appId should not be empty']);
		expect((await list(`companyId=${COMPANY}&appId=${APP}&limit=x`)).status).toBe(422);
		expect((await list(`companyId=${COMPANY}&appId=otherApp`)).status).toBe(403);
		expect(await list(`companyId=${COMPANY}&appId=${APP}`, AGENCY_PIT)).toEqual({ status: 401, body: SCOPE_401 });
		const noScope = d.issueOAuthTokens('app0000000000000000b-agency').access_token;
		expect(await list(`companyId=${COMPANY}&appId=app0000000000000000b`, noScope)).toEqual({ status: 401, body: SCOPE_401 });
	});

	it('rotates the agency refresh token (single use)', async () => {
		const { refresh_token } = d.issueOAuthTokens(AGENCY_CLIENT);
		const refresh = () =>
			fetch(`${d.url}/oauth/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ client_id: AGENCY_CLIENT, client_secret: 's', grant_type: 'refresh_token', refresh_token }),
			});
		const first = await refresh();
		expect(first.status).toBe(200);
		expect(await first.json()).toMatchObject({ userType: 'Company', companyId: COMPANY, scope: SCOPES });
		expect((await refresh()).status).toBe(401);
	});
});
