import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { HighLevelContacts } from '../nodes/HighLevelContacts/HighLevelContacts.node';
import { getRateLimitPacer } from '../nodes/shared/highlevel/rateLimit';
import { usableLifetimeMs } from '../nodes/shared/highlevel/subAccountTokens';
import { listSearch, loadOptions } from './harness';
import { credentialTypes, type HighLevelDouble, requestsSince, runContacts, startDouble } from './highlevel/setup';

const COMPANY = 'comp1';
const APP = 'app0000000000000000a';
const CLIENT = { id: `${APP}-agency`, secret: 'agency-secret' };
const SCOPES = 'oauth.readonly oauth.write contacts.readonly contacts.write locations.readonly locations/customFields.readonly users.readonly';
/** Short-lived sub-account tokens, so runs see them expire. */
const TTL_SECONDS = 2;
const AGENCY_PIT = 'agency-pit-0123456789';
/** The same agency's install of an app whose scopes lack oauth.write. */
const NO_SCOPE_CLIENT = 'app0000000000000000b-agency';

let double: HighLevelDouble;
let agencyTokens: { access_token: string; refresh_token: string };

beforeAll(async () => {
	double = await startDouble({
		locationTokenTtlSeconds: TTL_SECONDS,
		tokens: { [AGENCY_PIT]: { companyId: COMPANY, type: 'Company' } },
		oauthClients: {
			[CLIENT.id]: { secret: CLIENT.secret, companyId: COMPANY, userType: 'Company', scope: SCOPES, installedLocations: ['locA', 'locB'] },
			[NO_SCOPE_CLIENT]: { secret: CLIENT.secret, companyId: COMPANY, userType: 'Company', scope: 'contacts.readonly contacts.write', installedLocations: ['locA'] },
		},
	});
});
afterAll(async () => {
	await double.close();
});
beforeEach(() => {
	double.reset();
	agencyTokens = double.issueOAuthTokens(CLIENT.id);
});

function agencyCredentials(overrides: IDataObject = {}) {
	return {
		goHighLevelAgencyOAuth2Api: {
			clientId: CLIENT.id,
			clientSecret: CLIENT.secret,
			baseUrl: double.url,
			scope: SCOPES,
			oauthTokenData: { ...agencyTokens, companyId: COMPANY, userType: 'Company' },
			...overrides,
		},
	} as never;
}

/** Upserts one contact per item in the sub-account the item names (`loc`). */
const upsertInItemSubAccount: INodeParameters = {
	authentication: 'goHighLevelAgencyOAuth2Api',
	subAccount: { __rl: true, mode: 'id', value: '={{ $json.loc }}' },
	resource: 'contact',
	operation: 'upsert',
	email: '={{ $json.email }}',
};

const items = (run: number) => [
	{ loc: 'locA', email: `a1-${run}@example.com` },
	{ loc: 'locB', email: `b1-${run}@example.com` },
	{ loc: 'locA', email: `a2-${run}@example.com` },
	{ loc: 'locB', email: `b2-${run}@example.com` },
];

async function runAgency(run: number, options: { since?: number } = {}) {
	const since = options.since ?? double.requests.length;
	const result = await runContacts(double, upsertInItemSubAccount, { items: items(run), credentials: agencyCredentials() });
	const sent = requestsSince(double, since);
	const bearer = (r: { headers: Record<string, string> }) => r.headers.authorization?.replace(/^Bearer /, '');
	const upserts = sent.filter((r) => r.path === '/contacts/upsert');
	const tokenOf = (loc: string) => [...new Set(upserts.filter((r) => r.body?.locationId === loc && r.status === 200).map(bearer))];
	return {
		result,
		sent,
		upserts,
		tokenRequests: sent.filter((r) => r.path === '/oauth/locationToken'),
		tokenA: tokenOf('locA'),
		tokenB: tokenOf('locB'),
	};
}

describe('HighLevel Contacts with an agency OAuth2 credential', () => {
	it('only offers Sub-Account with the agency OAuth2 credential, and no agency Private Integration Token', () => {
		const { properties, credentials } = new HighLevelContacts().description;
		const authentication = properties.find((p) => p.name === 'authentication');
		expect((authentication?.options ?? []).map((o) => (o as { value: string }).value)).toEqual([
			'goHighLevelAgencyOAuth2Api',
			'goHighLevelOAuth2Api',
			'goHighLevelPrivateTokenApi',
		]);
		expect(authentication?.default).toBe('goHighLevelOAuth2Api');
		const subAccount = properties.find((p) => p.name === 'subAccount');
		expect(subAccount).toMatchObject({ type: 'resourceLocator', displayOptions: { show: { authentication: ['goHighLevelAgencyOAuth2Api'] } } });
		expect(subAccount?.modes?.map((m) => m.name)).toEqual(['list', 'id']);
		expect(credentials?.find((c) => c.name === 'goHighLevelAgencyOAuth2Api')?.displayOptions?.show?.authentication).toEqual([
			'goHighLevelAgencyOAuth2Api',
		]);
	});

	it('runs the items of one run in two sub-accounts, one sub-account token each, reused by the next run and re-issued after expiry', async () => {
		const first = await runAgency(1);
		expect(first.result.status).toBe('success');
		expect(first.result.json.map((c) => [c.email, c.locationId])).toEqual([
			['a1-1@example.com', 'locA'],
			['b1-1@example.com', 'locB'],
			['a2-1@example.com', 'locA'],
			['b2-1@example.com', 'locB'],
		]);
		// One token request per sub-account, with the agency token, a form body and the oauth Version.
		expect(first.tokenRequests.map((r) => r.body?.locationId).sort()).toEqual(['locA', 'locB']);
		for (const r of first.tokenRequests) {
			expect(r.status).toBe(200);
			expect(r.body).toEqual({ companyId: COMPANY, locationId: r.body?.locationId });
			expect(r.headers['content-type']).toContain('application/x-www-form-urlencoded');
			expect(r.headers.version).toBe('2021-07-28');
			expect(r.headers.authorization).toBe(`Bearer ${agencyTokens.access_token}`);
		}
		// Every contact request carried its sub-account's token (the double refuses another location's).
		expect(first.upserts.map((r) => r.status)).toEqual([200, 200, 200, 200]);
		expect(first.tokenA).toHaveLength(1);
		expect(first.tokenB).toHaveLength(1);
		expect(first.tokenA[0]).not.toBe(first.tokenB[0]);
		expect(first.upserts.every((r) => r.headers.authorization !== `Bearer ${agencyTokens.access_token}`)).toBe(true);

		// The next run of the process reuses both tokens.
		const second = await runAgency(2);
		expect(second.result.status).toBe('success');
		expect(second.tokenRequests).toHaveLength(0);
		expect(second.tokenA).toEqual(first.tokenA);
		expect(second.tokenB).toEqual(first.tokenB);

		// Shortly before they expire, new ones are issued (one each) and used.
		await new Promise((resolve) => setTimeout(resolve, usableLifetimeMs(TTL_SECONDS) + 50));
		const third = await runAgency(3);
		expect(third.result.status).toBe('success');
		expect(third.tokenRequests.map((r) => r.body?.locationId).sort()).toEqual(['locA', 'locB']);
		expect(third.upserts.map((r) => r.status)).toEqual([200, 200, 200, 200]);
		expect(third.tokenA[0]).not.toBe(first.tokenA[0]);
		expect(third.tokenB[0]).not.toBe(first.tokenB[0]);
	});

	it('re-issues a sub-account token HighLevel answers 401 to, and sends the request again', async () => {
		const first = await runAgency(1);
		expect(first.result.status).toBe('success');
		double.expireAccessToken(String(first.tokenA[0]));
		const second = await runAgency(2);
		expect(second.result.status).toBe('success');
		expect(second.tokenRequests.map((r) => r.body?.locationId)).toEqual(['locA']);
		const locA = second.upserts.filter((r) => r.body?.locationId === 'locA');
		expect(locA.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(1);
		expect(locA.filter((r) => r.status === 200)).toHaveLength(2);
		expect(second.tokenA).toHaveLength(1);
		expect(second.tokenA[0]).not.toBe(first.tokenA[0]);
		expect(second.tokenB).toEqual(first.tokenB);
	});

	it('lets n8n refresh an expired agency token (keeping the rotated refresh token) before issuing sub-account tokens', async () => {
		double.expireAccessToken(agencyTokens.access_token);
		const { result, sent, tokenRequests } = await runAgency(1);
		expect(result.status).toBe('success');
		const refreshes = sent.filter((r) => r.path === '/oauth/token');
		expect(refreshes.map((r) => [r.body?.grant_type, r.body?.refresh_token, r.status])).toEqual([['refresh_token', agencyTokens.refresh_token, 200]]);
		expect(tokenRequests.filter((r) => r.status === 200).map((r) => r.body?.locationId).sort()).toEqual(['locA', 'locB']);
		const stored = result.credentialsHelper.getStored('goHighLevelAgencyOAuth2Api')?.oauthTokenData as IDataObject;
		expect(stored.refresh_token).not.toBe(agencyTokens.refresh_token);
		expect(stored.companyId).toBe(COMPANY);
	});

	it('paces each sub-account in its own rate-limit window, and the token requests in the agency window', async () => {
		double.setRateLimit({ max: 50, intervalMs: 10_000, daily: 1000 });
		const { result } = await runAgency(1);
		expect(result.status).toBe('success');
		for (const bucket of ['locA', 'locB', COMPANY]) {
			const pacer = getRateLimitPacer(`${double.url}|${bucket}`);
			expect(pacer.max, bucket).toBe(50);
			expect(pacer.latencyMs, bucket).toBeDefined();
		}
		expect(double.stats().rateLimited).toBe(0);
	});

	it('names the item and the sub-account where the app is not installed, and runs the others', async () => {
		double.addLocation(COMPANY, { id: 'locC', name: 'Not installed' });
		const result = await runContacts(
			double,
			upsertInItemSubAccount,
			{
				items: [
					{ loc: 'locA', email: 'a@example.com' },
					{ loc: 'locC', email: 'c@example.com' },
				],
				credentials: agencyCredentials(),
				continueOnFail: true,
			},
		);
		expect(result.status).toBe('success');
		expect(result.json[0]).toMatchObject({ email: 'a@example.com', locationId: 'locA' });
		expect(result.json[1].error).toBe('HighLevel gave no sub-account token for locC: is the app installed there?');
		expect(String(result.json[1].description)).toContain('This app is not installed in this location');
		expect(result.output[0][1].pairedItem).toEqual({ item: 1 });

		const stopped = await runContacts(double, upsertInItemSubAccount, {
			items: [
				{ loc: 'locA', email: 'a@example.com' },
				{ loc: 'locC', email: 'c@example.com' },
			],
			credentials: agencyCredentials(),
		});
		expect(stopped.status).toBe('error');
		expect(stopped.error?.message).toBe('HighLevel gave no sub-account token for locC: is the app installed there?');
		expect((stopped.error?.context as IDataObject | undefined)?.itemIndex).toBe(1);
		expect(JSON.stringify(stopped.error)).not.toContain(agencyTokens.access_token);
	});

	it('refuses an empty or malformed sub-account per item, before sending anything', async () => {
		const result = await runContacts(double, upsertInItemSubAccount, {
			items: [
				{ loc: '', email: 'a@example.com' },
				{ loc: '../locB', email: 'b@example.com' },
			],
			credentials: agencyCredentials(),
			continueOnFail: true,
		});
		expect(result.json.map((item) => item.error)).toEqual([
			'No sub-account chosen: Sub-Account is empty',
			'Sub-Account "../locB" is not a location ID',
		]);
		expect(double.requests).toHaveLength(0);
	});

	it('says why when the agency token may not issue sub-account tokens (no oauth.write scope)', async () => {
		const refused = await runContacts(double, upsertInItemSubAccount, {
			items: [{ loc: 'locA', email: 'a@example.com' }],
			credentials: agencyCredentials({
				clientId: NO_SCOPE_CLIENT,
				oauthTokenData: { ...double.issueOAuthTokens(NO_SCOPE_CLIENT), companyId: COMPANY, userType: 'Company' },
			}),
		});
		expect(refused.status).toBe('error');
		expect(refused.error?.message).toBe('HighLevel refused the agency token a sub-account token for locA');
		expect(String(refused.error?.description)).toContain('oauth.write');
		expect(double.requests.filter((r) => r.path === '/contacts/upsert')).toHaveLength(0);
	});

	it('says an agency Private Integration Token cannot act in a sub-account, before sending anything', async () => {
		const since = double.requests.length;
		const result = await runContacts(
			double,
			{ ...upsertInItemSubAccount, authentication: 'goHighLevelAgencyPrivateTokenApi' },
			{
				items: [{ loc: 'locA', email: 'a@example.com' }],
				credentials: { goHighLevelAgencyPrivateTokenApi: { accessToken: AGENCY_PIT, companyId: COMPANY, baseUrl: double.url } } as never,
			},
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('An agency Private Integration Token cannot act in a sub-account');
		expect(String(result.error?.description)).toMatch(/only for agency OAuth tokens.*never for a Private Integration Token/);
		expect(requestsSince(double, since)).toHaveLength(0);
	});

	it('lists the installed sub-accounts, searchable by name, page by page', async () => {
		double.installApp(APP, 'locC', { companyId: COMPANY, name: 'Gamma Dental', address: '1 Main St' });
		double.addLocation(COMPANY, { id: 'locD', name: 'Delta Dental (not installed)' });
		const search = (filter?: string, paginationToken?: string) =>
			listSearch({
				node: new HighLevelContacts(),
				method: 'searchSubAccounts',
				parameters: { authentication: 'goHighLevelAgencyOAuth2Api', resource: 'contact', operation: 'upsert' },
				credentials: agencyCredentials(),
				credentialTypes,
				filter,
				paginationToken,
			});
		const all = await search();
		expect(all.results.map((r) => r.value)).toEqual(['locA', 'locB', 'locC']);
		expect(all.results[2]).toMatchObject({ name: 'Gamma Dental', value: 'locC', description: '1 Main St' });
		expect(all.paginationToken).toBeUndefined();
		const dental = await search('dental');
		expect(dental.results.map((r) => r.value)).toEqual(['locC']);
		const request = double.requests.at(-1);
		expect(request).toMatchObject({ method: 'GET', path: '/oauth/installedLocations', status: 200 });
		expect(request?.query).toMatchObject({ companyId: COMPANY, appId: APP, isInstalled: 'true', query: 'dental', skip: '0' });
		expect(request?.headers.version).toBe('2021-07-28');

		// An App ID in the credential wins over the Client ID's prefix.
		const otherApp = await listSearch({
			node: new HighLevelContacts(),
			method: 'searchSubAccounts',
			parameters: { authentication: 'goHighLevelAgencyOAuth2Api', resource: 'contact', operation: 'upsert' },
			credentials: agencyCredentials({ appId: 'someOtherApp' }),
			credentialTypes,
		}).catch((error: Error) => error);
		expect(otherApp).toBeInstanceOf(Error);
		expect(double.requests.at(-1)?.query).toMatchObject({ appId: 'someOtherApp' });
	});

	it('pages the list of sub-accounts when the agency has more than a page', async () => {
		for (let i = 0; i < 120; i++) double.installApp(APP, `many${String(i).padStart(3, '0')}`, { companyId: COMPANY });
		const search = (paginationToken?: string) =>
			listSearch({
				node: new HighLevelContacts(),
				method: 'searchSubAccounts',
				parameters: { authentication: 'goHighLevelAgencyOAuth2Api', resource: 'contact', operation: 'upsert' },
				credentials: agencyCredentials(),
				credentialTypes,
				paginationToken,
			});
		const first = await search();
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');
		const second = await search(first.paginationToken);
		expect(second.results).toHaveLength(22);
		expect(second.paginationToken).toBeUndefined();
	});

	it("lists the custom fields of the chosen sub-account with its token", async () => {
		double.addCustomField('locB', { name: 'Gumroad Customer', dataType: 'TEXT' });
		const fields = await loadOptions({
			node: new HighLevelContacts(),
			method: 'getCustomFields',
			parameters: {
				authentication: 'goHighLevelAgencyOAuth2Api',
				subAccount: { __rl: true, mode: 'list', value: 'locB' },
				resource: 'contact',
				operation: 'create',
			},
			credentials: agencyCredentials(),
			credentialTypes,
		});
		expect(fields.map((f) => f.name)).toEqual(['Gumroad Customer (TEXT)']);
		expect(double.requests.filter((r) => r.path === '/oauth/locationToken').map((r) => r.body?.locationId)).toEqual(['locB']);
	});
});
