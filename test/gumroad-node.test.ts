import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { GumroadAccessTokenApi } from '../credentials/GumroadAccessTokenApi.credentials';
import { GumroadAppOAuth2Api } from '../credentials/GumroadAppOAuth2Api.credentials';
import { Gumroad } from '../nodes/Gumroad/Gumroad.node';
import { runNode, testCredential } from './harness';
import { credentialTypes, GUMROAD_TOKEN, type GumroadDouble, runGumroad, startGumroad } from './gumroad/setup';

let double: GumroadDouble;

beforeAll(async () => {
	double = await startGumroad();
});
afterAll(async () => {
	await double.close();
});
beforeEach(() => double.reset());

const apiRequests = () => double.requests.filter((r) => r.path.startsWith('/v2/'));

describe('Gumroad node', () => {
	it('gets all sales across page keys with filters kept on every page, typed like pings', async () => {
		const product = double.addProduct({ name: 'Ebook' });
		double.seedSales(23, { product_id: product.id, email: 'fan@example.com' });
		double.seedSales(4, { email: 'other@example.com' });
		const result = await runGumroad(double, { resource: 'sale', operation: 'getAll', returnAll: true, filters: { email: 'fan@example.com', after: '2020-01-01' } });
		expect(result.status).toBe('success');
		expect(result.json).toHaveLength(23);
		expect(new Set(result.json.map((s) => s.id)).size).toBe(23);
		const pages = apiRequests();
		expect(pages).toHaveLength(3);
		expect(pages.every((r) => r.query.email === 'fan@example.com' && r.query.after === '2020-01-01')).toBe(true);
		expect(pages[1].query.page_key).toBeTruthy();
		const first = result.json[0] as IDataObject;
		expect(first.amounts).toMatchObject({ price: { cents: first.price, currency: 'USD' } });
	});

	it('returns all sales by day ranges read side by side: the same sales in the same order as one page after another, in a fraction of the time', async () => {
		const now = Date.now();
		const at = (daysAgo: number, minute: number) => new Date(now - daysAgo * 86_400_000 - minute * 60_000).toISOString();
		// A launch day, a steady trickle over a year, and a few sales of years ago.
		for (let i = 0; i < 45; i++) double.addSale({ created_at: at(30, i) });
		for (let i = 0; i < 120; i++) double.addSale({ created_at: at(3 * i + 1, 7) });
		for (let i = 0; i < 12; i++) double.addSale({ created_at: at(1500 + 40 * i, 3) });
		double.setLatency(40);
		let started = Date.now();
		const walked = await runGumroad(double, { resource: 'sale', operation: 'getAll', returnAll: false, limit: 10_000 });
		const walkMs = Date.now() - started;
		const walkRequests = apiRequests().length;
		double.requests.length = 0;
		started = Date.now();
		const all = await runGumroad(double, { resource: 'sale', operation: 'getAll', returnAll: true });
		const allMs = Date.now() - started;
		double.setLatency(0);
		expect(all.status).toBe('success');
		expect(walked.json).toHaveLength(177);
		expect(all.json.map((sale) => sale.id)).toEqual(walked.json.map((sale) => sale.id));
		// 18 pages one after another; by day ranges, a few more requests (empty ranges) side by side.
		expect(walkRequests).toBe(18);
		expect(apiRequests().length).toBeLessThanOrEqual(walkRequests + 30);
		expect(allMs).toBeLessThan(walkMs * 0.6);
		// Every request names its days, as Gumroad's after/before filters take them.
		for (const request of apiRequests()) expect(request.query.before).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('reads with more day ranges at once when Gumroad answers slowly, about one page per 5 ms, at most 96', async () => {
		const now = Date.now();
		for (let i = 0; i < 1000; i++) double.addSale({ created_at: new Date(now - i * 43_200_000 - 3_600_000).toISOString() });
		const inFlight = async (latencyMs: number) => {
			double.requests.length = 0;
			double.setLatency(latencyMs);
			const all = await runGumroad(double, { resource: 'sale', operation: 'getAll', returnAll: true });
			double.setLatency(0);
			expect(all.json).toHaveLength(1000);
			// Arrivals within less than one latency of each other were in flight together.
			const arrivals = apiRequests().map((r) => r.at).sort((a, b) => a - b);
			return Math.max(...arrivals.map((at, i) => arrivals.slice(i).filter((other) => other < at + latencyMs * 0.8).length));
		};
		expect(await inFlight(10)).toBeLessThanOrEqual(8);
		const slow = await inFlight(300);
		// ceil(300 ms / 5 ms) = 60, a little more as answers take a little longer than the latency set.
		expect(slow).toBeGreaterThan(40);
		expect(slow).toBeLessThanOrEqual(66);
	});

	it('puts every reader to work from the second round on: a range with many pages left hands them to idle readers at once', async () => {
		const now = Date.now();
		for (let i = 0; i < 1000; i++) double.addSale({ created_at: new Date(now - i * 43_200_000 - 3_600_000).toISOString() });
		double.setLatency(300);
		const all = await runGumroad(double, { resource: 'sale', operation: 'getAll', returnAll: true });
		double.setLatency(0);
		expect(all.json).toHaveLength(1000);
		const arrivals = apiRequests().map((r) => r.at).sort((a, b) => a - b);
		const secondRound = arrivals.filter((at) => at >= arrivals[0] + 250 && at < arrivals[0] + 550);
		// 7 ranges in the first round, 60 readers at 300 ms; halving one range per answer sent 12.
		expect(secondRound.length).toBeGreaterThanOrEqual(40);
	});

	it('leaves no round waiting on the range that answered last: 2,000 sales over two years in four rounds at 1 s', async () => {
		const now = Date.now();
		for (let i = 0; i < 2000; i++) double.addSale({ created_at: new Date(now - 60_000 - i * 31_536_000).toISOString() });
		double.setLatency(1000);
		const all = await runGumroad(double, { resource: 'sale', operation: 'getAll', returnAll: true });
		double.setLatency(0);
		expect(all.json).toHaveLength(2000);
		const arrivals = apiRequests().map((r) => r.at).sort((a, b) => a - b);
		// 200 pages of sales and the ranges' last pages: 7 ranges, then three rounds of 96 readers.
		// Handing a range only as many parts as readers were idle at its answer needed a fifth round.
		// Answers of a second leave n8n's own time per round (0.4-0.5 s on a busy machine) well
		// inside the margin between four rounds and five.
		expect(arrivals.at(-1)! - arrivals[0]).toBeLessThan(3.8 * 1000);
	});

	it('returns all sales between After and Before by day ranges, as the walk does, never asking outside them', async () => {
		const now = Date.now();
		for (let i = 0; i < 90; i++) double.addSale({ created_at: new Date(now - i * 5 * 3_600_000).toISOString(), product_id: undefined });
		const day = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString().slice(0, 10);
		const filters = { after: day(12), before: day(2) };
		const walked = await runGumroad(double, { resource: 'sale', operation: 'getAll', returnAll: false, limit: 10_000, filters });
		double.requests.length = 0;
		const all = await runGumroad(double, { resource: 'sale', operation: 'getAll', returnAll: true, filters });
		expect(walked.json.length).toBeGreaterThan(30);
		expect(all.json.map((sale) => sale.id)).toEqual(walked.json.map((sale) => sale.id));
		for (const request of apiRequests()) {
			expect(String(request.query.after) >= filters.after).toBe(true);
			expect(String(request.query.before) <= filters.before).toBe(true);
		}
	});

	it('stops at the limit', async () => {
		double.seedSales(25);
		const result = await runGumroad(double, { resource: 'sale', operation: 'getAll', returnAll: false, limit: 12 });
		expect(result.json).toHaveLength(12);
		expect(apiRequests()).toHaveLength(2);
	});

	it('refuses a filter date that is not a date, and an empty ID, before any request', async () => {
		const badDate = await runGumroad(double, { resource: 'sale', operation: 'getAll', filters: { after: 'last week' } });
		expect(badDate.error?.message).toMatch(/^Filters > After: "last week" is not a date .*\(item 0\)$/);
		const emptyId = await runGumroad(double, { resource: 'sale', operation: 'get', saleId: '={{$json.id}}' }, [{ id: 'x' }, { id: '' }]);
		expect(emptyId.error?.message).toMatch(/^Sale: is required.*\(item 1\)$/);
		expect(apiRequests()).toHaveLength(0);
	});

	it("reports Gumroad's success:false answers with its message", async () => {
		const result = await runGumroad(double, { resource: 'sale', operation: 'get', saleId: 'NoSuchSale0000000000000==' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Gumroad: The sale was not found.');
	});

	it("shows Gumroad's text when its error body says `error` (error_400), not `message`", async () => {
		// Version 1.2 sends a product filter as typed; 1.3 refuses one that is not a product ID itself.
		const result = await runGumroad(double, { resource: 'sale', operation: 'getAll', returnAll: false, limit: 5, filters: { product_id: 'not-a-product' } }, undefined, 1.2);
		expect(apiRequests()).toHaveLength(1);
		expect(apiRequests()[0].status).toBe(400);
		expect(result.error?.message).toBe('Gumroad: Invalid product ID.');
	});

	it('waits out a 429 (Retry-After in seconds; 0 waits a second), then goes on; names the limit once its retries are spent', async () => {
		const sale = double.seedSales(1)[0];
		double.throttleNext(1, '2');
		let started = Date.now();
		const afterSeconds = await runGumroad(double, { resource: 'sale', operation: 'get', saleId: sale.id });
		expect(afterSeconds.json[0]?.id).toBe(sale.id);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		const [refused, retried] = apiRequests();
		expect([refused.status, retried.status]).toEqual([429, 200]);
		expect(retried.at - refused.at).toBeGreaterThanOrEqual(1900);

		double.requests.length = 0;
		double.throttleNext(6, '0');
		started = Date.now();
		const spent = await runGumroad(double, { resource: 'sale', operation: 'get', saleId: sale.id });
		expect(apiRequests().map((r) => r.status)).toEqual([429, 429, 429, 429, 429, 429]);
		// Retry-After: 0 would resend at once: each wait is at least a second.
		expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
		expect(spent.error?.message).toBe('Gumroad: Retry later');
		expect(String((spent.error as { description?: string })?.description)).toMatch(/limiting requests/);
	}, 15_000);

	it('gets a sale, products, subscribers of a product, the user, and verifies a license', async () => {
		const sale = double.seedSales(1)[0];
		expect((await runGumroad(double, { resource: 'sale', operation: 'get', saleId: sale.id })).json[0].id).toBe(sale.id);

		const product = double.addProduct({ name: 'Club', price: 1500 });
		expect((await runGumroad(double, { resource: 'product', operation: 'get', productId: product.id })).json[0]).toMatchObject({ id: product.id, name: 'Club' });
		expect((await runGumroad(double, { resource: 'product', operation: 'getAll', returnAll: true })).json.map((p) => p.id)).toContain(product.id);

		for (let i = 0; i < 105; i++) double.addSubscriber({ product_id: product.id, email: `member${i}@example.com` });
		const subscribers = await runGumroad(double, { resource: 'subscriber', operation: 'getAll', productId: product.id, returnAll: true });
		expect(subscribers.json).toHaveLength(105);
		expect(apiRequests().filter((r) => r.path.endsWith('/subscribers')).every((r) => r.query.paginated === 'true')).toBe(true);

		const user = await runGumroad(double, { resource: 'user', operation: 'get' });
		expect(user.json[0].user_id).toBe(double.seller.user_id);

		const licensedSale = double.addSale({ product_id: product.id, email: 'licensee@example.com' });
		const license = double.addLicense({ product_id: product.id, sale_id: licensedSale.id });
		const verified = await runGumroad(double, { resource: 'license', operation: 'verify', productId: product.id, licenseKey: license.license_key });
		expect(verified.json[0]).toMatchObject({ valid: true, uses: 0, purchase: { email: 'licensee@example.com' } });
		const unknown = await runGumroad(double, { resource: 'license', operation: 'verify', productId: product.id, licenseKey: 'AAAAAAAA-BBBBBBBB-CCCCCCCC-DDDDDDDD' });
		expect(unknown.json[0]).toMatchObject({ valid: false, reason: 'unknown', message: 'That license does not exist for the provided product.' });
	});
});

describe('Gumroad credentials', () => {
	it('the access token credential tests GET /v2/user and fails readably on a wrong token', async () => {
		const ok = await testCredential({ credentialType: new GumroadAccessTokenApi(), data: { accessToken: GUMROAD_TOKEN, baseUrl: double.url }, credentialTypes });
		expect(ok.status).toBe('OK');
		expect(double.requests.at(-1)?.path).toBe('/v2/user');
		const wrong = await testCredential({ credentialType: new GumroadAccessTokenApi(), data: { accessToken: 'nope', baseUrl: double.url }, credentialTypes });
		expect(wrong).toMatchObject({ status: 'Error', statusCode: 401 });
	});

	it('the OAuth2 credential defaults to Gumroad hosts and the view_sales scope', () => {
		const byName = Object.fromEntries(new GumroadAppOAuth2Api().properties.map((p) => [p.name, p]));
		expect(byName.authUrl.default).toBe('https://gumroad.com/oauth/authorize');
		expect(byName.baseUrl.default).toBe('https://api.gumroad.com');
		expect(byName.accessTokenUrl.default).toContain('/oauth/token');
		expect(byName.scope).toMatchObject({ type: 'string', default: 'view_sales' });
	});

	it('a refresh token Gumroad refuses (invalid_grant) is said as such, with Reconnect, and no token in the error', async () => {
		const oauth = await startGumroad({ oauthClients: { 'gumroad-app': { secret: 'gumroad-app-secret' } } });
		try {
			const result = await runNode({
				node: new Gumroad(),
				parameters: { authentication: 'gumroadAppOAuth2Api', resource: 'user', operation: 'get' },
				credentials: {
					gumroadAppOAuth2Api: {
						clientId: 'gumroad-app',
						clientSecret: 'gumroad-app-secret',
						baseUrl: oauth.url,
						oauthTokenData: { access_token: 'revoked-access-token', refresh_token: 'refresh-token-used-before' },
					},
				},
				credentialTypes,
			});
			expect(oauth.requests.filter((r) => r.path === '/oauth/token').map((r) => r.status)).toEqual([400]);
			expect(result.error?.message).toBe('Gumroad refused the stored refresh token: reconnect the credential');
			expect(String((result.error as { description?: string }).description)).toMatch(/invalid_grant.*Reconnect/);
			expect(JSON.stringify(result.error)).not.toMatch(/refresh-token-used-before|revoked-access-token/);
		} finally {
			await oauth.close();
		}
	});

	it('a 403 for a missing scope names the scope to add', async () => {
		double.addToken('profile-only', { scopes: ['view_profile'] });
		const result = await runGumroadWithToken('profile-only');
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.description).toMatch(/view_sales/);
	});
});

describe('credential loading', () => {
	it('loads the access token once per node run, however many pages and items', async () => {
		const { runNode, TestCredentialsHelper } = await import('./harness');
		const { Gumroad } = await import('../nodes/Gumroad/Gumroad.node');
		double.seedSales(23);
		const credentialsHelper = new TestCredentialsHelper(credentialTypes, { gumroadAccessTokenApi: { accessToken: GUMROAD_TOKEN, baseUrl: double.url } });
		const loads = vi.spyOn(credentialsHelper, 'getDecrypted');
		const result = await runNode({
			node: new Gumroad(),
			parameters: { authentication: 'gumroadAccessTokenApi', resource: 'sale', operation: 'getAll', returnAll: true },
			credentialsHelper,
			credentialTypes,
			items: [{}, {}],
		});
		expect(result.status).toBe('success');
		expect(result.json).toHaveLength(46);
		// 3 pages and the empty day ranges around them, for each item.
		expect(apiRequests().length).toBeGreaterThanOrEqual(6);
		// n8n would otherwise load and decrypt it for each of those requests.
		expect(loads.mock.calls.length).toBeLessThanOrEqual(2);
	});
});

async function runGumroadWithToken(token: string) {
	const { runNode } = await import('./harness');
	const { Gumroad } = await import('../nodes/Gumroad/Gumroad.node');
	return await runNode({
		node: new Gumroad(),
		parameters: { authentication: 'gumroadAccessTokenApi', resource: 'sale', operation: 'getAll' },
		credentials: { gumroadAccessTokenApi: { accessToken: token, baseUrl: double.url } },
		credentialTypes,
	});
}
