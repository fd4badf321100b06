import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { startGumroadDouble, FIXTURES_DIR } from './doubles/gumroad/server.mjs';
import type { GumroadDouble } from './doubles/gumroad/server.mjs';

const TOKEN = 'tok-1';
const OTHER_APP = 'tok-other-app';
const NO_SALES = 'tok-profile-only';

interface Received { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }

/** A tiny webhook receiver answering with scripted statuses (last one repeats). */
async function startReceiver(statuses: number[] = [200]) {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(statuses[Math.min(received.length - 1, statuses.length - 1)]);
			res.end('ok');
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { url, received, close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }) };
}

describe('Gumroad API v2 double', () => {
	let d: GumroadDouble;
	const call = async (method: string, path: string, params?: Record<string, string>, token: string | null = TOKEN) => {
		const res = await fetch(d.url + path, {
			method,
			headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(params ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
			body: params ? new URLSearchParams(params).toString() : undefined,
		});
		const text = await res.text();
		return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
	};

	beforeAll(async () => {
		d = await startGumroadDouble({
			port: 0,
			tokens: {
				[TOKEN]: { scopes: ['view_sales'], appId: 'app1' },
				[OTHER_APP]: { scopes: ['view_sales'], appId: 'app2' },
				[NO_SALES]: { scopes: ['view_profile'], appId: 'app1' },
			},
			oauthClients: { cid: { secret: 'csecret' } },
		});
	});
	afterAll(async () => {
		await d.close();
	});
	beforeEach(() => d.reset());

	it('answers bad tokens with an empty 401 (Doorkeeper) and missing scopes with an empty 403', async () => {
		const none = await call('GET', '/v2/sales', undefined, null);
		expect(none.status).toBe(401);
		expect(none.text).toBe('');
		expect(none.headers.get('www-authenticate')).toContain('error="invalid_token"');
		expect((await call('GET', '/v2/sales', undefined, 'nope')).status).toBe(401);

		const forbidden = await call('GET', '/v2/sales', undefined, NO_SALES);
		expect(forbidden.status).toBe(403);
		expect(forbidden.text).toBe('');
		expect(d.requests.at(-1)!.reason).toBe('Access to this resource requires scope "view_sales account".');

		// access_token as query parameter works too, and is never recorded in clear.
		const q = await call('GET', `/v2/user?access_token=${TOKEN}`, undefined, null);
		expect(q.status).toBe(200);
		expect(q.body.user).toMatchObject({ id: '7281929472981', user_id: 'kL0paVL2SdmJSYsNs-OCMg==', email: 'seller@example.com' });
		expect(JSON.stringify(d.requests)).not.toContain(TOKEN);
		// view_profile also gets display_name; email is shown with view_profile too.
		const profile = await call('GET', '/v2/user', undefined, NO_SALES);
		expect(profile.body.user.display_name).toBe('Maker Club');
	});

	it('subscribes, lists and deletes resource subscriptions with every success:false case', async () => {
		const bad = await call('PUT', '/v2/resource_subscriptions', { resource_name: 'sale', post_url: 'ftp://x.example.com/h' });
		expect(bad).toMatchObject({ status: 200, body: { success: false, message: "Invalid post URL 'ftp://x.example.com/h'" } });
		for (const local of ['http://localhost:5678/webhook/x', 'http://127.0.0.1/x', 'http://0.0.0.0/x', 'http://192.168.1.10/x', 'http://10.0.0.5/x']) {
			const r = await call('PUT', '/v2/resource_subscriptions', { resource_name: 'sale', post_url: local });
			expect(r.body).toEqual({ success: false, message: `Invalid post URL '${local}'` });
		}
		const badName = await call('PUT', '/v2/resource_subscriptions', { resource_name: 'product', post_url: 'https://hooks.example.com/a' });
		expect(badName.body).toEqual({ success: false, message: "Unable to subscribe to ''." });

		const a = await call('PUT', '/v2/resource_subscriptions', { resource_name: 'sale', post_url: 'https://hooks.example.com/a?secret=1' });
		expect(a.body.success).toBe(true);
		expect(a.body.resource_subscription).toEqual({ id: expect.stringMatching(/^[\w-]{22}==$/), resource_name: 'sale', post_url: 'https://hooks.example.com/a?secret=1' });
		const dup = await call('PUT', '/v2/resource_subscriptions', { resource_name: 'sale', post_url: 'https://hooks.example.com/a?secret=1' });
		expect(dup.body.resource_subscription.id).not.toBe(a.body.resource_subscription.id); // no de-duplication
		await call('PUT', '/v2/resource_subscriptions', { resource_name: 'sale', post_url: 'https://zapier.example.com/z' }, OTHER_APP);

		expect((await call('GET', '/v2/resource_subscriptions')).body).toEqual({ success: false, message: 'Valid resource_name parameter required' });
		expect((await call('GET', '/v2/resource_subscriptions?resource_name=nope')).body.success).toBe(false);
		const list = await call('GET', '/v2/resource_subscriptions?resource_name=sale');
		expect(list.body.resource_subscriptions).toHaveLength(3); // across all apps
		const own = await call('GET', '/v2/resource_subscriptions?resource_name=sale&current_oauth_application_only=true');
		expect(own.body.resource_subscriptions).toHaveLength(2);

		const foreign = list.body.resource_subscriptions.find((s: { post_url: string }) => s.post_url.includes('zapier'));
		expect((await call('DELETE', `/v2/resource_subscriptions/${foreign.id}`)).body).toEqual({ success: false, message: 'The resource_subscription was not found.' });
		expect((await call('DELETE', '/v2/resource_subscriptions/unknown')).body).toEqual({ success: false, message: 'The resource_subscription was not found.' });
		expect((await call('DELETE', `/v2/resource_subscriptions/${a.body.resource_subscription.id}`)).body).toEqual({ success: true, message: 'The resource_subscription was deleted successfully.' });
		expect((await call('GET', '/v2/resource_subscriptions?resource_name=sale')).body.resource_subscriptions).toHaveLength(2);

		d.allowLocalPostUrls(true);
		expect((await call('PUT', '/v2/resource_subscriptions', { resource_name: 'refund', post_url: 'http://127.0.0.1:9/x' })).body.success).toBe(true);
	});

	it('pages sales newest first, 10 per page, with filters, across 3 pages', async () => {
		const product = d.addProduct({ name: 'Course' });
		const other = d.addProduct({ name: 'Other' });
		d.seedSales(25, { product_id: product.id });
		d.seedSales(3, { product_id: other.id });
		const seen: string[] = [];
		let path = `/v2/sales?product_id=${encodeURIComponent(product.id)}`;
		let pages = 0;
		for (;;) {
			const r = await call('GET', path);
			expect(r.status).toBe(200);
			pages++;
			seen.push(...r.body.sales.map((s: { id: string }) => s.id));
			if (!r.body.next_page_key) {
				expect(r.body).not.toHaveProperty('next_page_url');
				break;
			}
			expect(r.body.sales).toHaveLength(10);
			expect(r.body.next_page_key).toMatch(/^\d{20}-\d+$/);
			expect(r.body.next_page_url).toBe(`/v2/sales?page_key=${r.body.next_page_key}&product_id=${encodeURIComponent(product.id).replace(/%3D/g, '%3D')}`);
			path = r.body.next_page_url;
		}
		expect(pages).toBe(3);
		expect(seen).toHaveLength(25);
		expect(new Set(seen).size).toBe(25);
		const created = seen.map((id) => Date.parse(d.store.sales.get(id).created_at));
		expect([...created].sort((a, b) => b - a)).toEqual(created);

		const target = d.store.sales.get(seen[3]);
		expect((await call('GET', `/v2/sales?email=${encodeURIComponent(target.email.toUpperCase())}`)).body.sales.map((s: { id: string }) => s.id)).toEqual([target.id]);
		expect((await call('GET', `/v2/sales?order_id=${target.order_id}`)).body.sales).toHaveLength(1);

		// after inclusive / before exclusive, at 00:00 UTC
		d.reset();
		d.addSale({ created_at: '2026-03-01T00:00:00Z' });
		d.addSale({ created_at: '2026-03-01T23:59:59Z' });
		d.addSale({ created_at: '2026-03-02T00:00:00Z' });
		expect((await call('GET', '/v2/sales?after=2026-03-01&before=2026-03-02')).body.sales).toHaveLength(2);
		const badDate = await call('GET', '/v2/sales?after=2026-02-30');
		expect(badDate).toMatchObject({ status: 400, body: { status: 400, error: "Invalid date format provided in field 'after'. Dates must be in the format YYYY-MM-DD." } });
		expect((await call('GET', '/v2/sales?product_id=nope')).body).toEqual({ status: 400, error: 'Invalid product ID.' });
		expect((await call('GET', '/v2/sales?page_key=garbage')).body).toEqual({ status: 400, error: 'Invalid page_key.' });
	});

	it('returns one sale or 200 success:false when not found', async () => {
		const s = d.addSale({ email: 'jane@example.com' });
		const ok = await call('GET', `/v2/sales/${encodeURIComponent(s.id)}`);
		expect(ok.body).toMatchObject({ success: true, sale: { id: s.id, email: 'jane@example.com', seller_id: d.seller.user_id, refunded: false, partially_refunded: false } });
		expect(ok.body.sale.card).toEqual({ visual: '**** **** **** 4242', type: 'visa', bin: null, expiry_month: null, expiry_year: null });
		const missing = await call('GET', '/v2/sales/unknown==');
		expect(missing).toMatchObject({ status: 200, body: { success: false, message: 'The sale was not found.' } });
	});

	it('partial refunds update the sale and produce look-alike refund pings', async () => {
		const s = d.addSale({ price: 1000 });
		const first = d.refundSale(s.id, 300);
		expect(first).toMatchObject({ sale_id: s.id, resource_name: 'refund', refunded: false });
		expect(d.store.sales.get(s.id)).toMatchObject({ partially_refunded: true, refunded: false, amount_refundable_in_currency: '7' });
		const second = d.refundSale(s.id);
		expect(second.refunded).toBe(true);
		const fetched = await call('GET', `/v2/sales/${encodeURIComponent(s.id)}`);
		expect(fetched.body.sale).toMatchObject({ refunded: true, partially_refunded: false, amount_refundable_in_currency: '0' });
	});

	it('builds wire-accurate sale pings from stored sales (reproduces the sale fixture)', () => {
		const fx = d.fixture('sale');
		d.addProduct({ id: fx.product_id, name: fx.product_name, custom_permalink: 'indiemakers', unique_permalink: 'wqbxm', subscription_duration: 'monthly', licensed: true });
		const sale = d.addSale({
			id: fx.sale_id, product_id: fx.product_id, email: fx.email, price: 1200, gumroad_fee: 170, referrer: fx.referrer,
			order_id: fx.order_number, created_at: fx.sale_timestamp, full_name: fx.full_name, purchaser_id: fx.purchaser_id,
			subscription_id: fx.subscription_id, url_params: fx.url_params, variants: fx.variants, offer_code: 'SPRING20',
			custom_fields: fx.custom_fields, license_key: fx.license_key, ip_country: 'Germany',
		});
		expect(d.salePingFor(sale.id)).toEqual(fx);
		expect(d.encodePingForm(d.salePingFor(sale.id))).toBe(readFileSync(`${FIXTURES_DIR}/sale.form.txt`, 'utf8'));
		expect(Object.keys(d.salePingFor(sale.id))).toEqual(Object.keys(fx));
	});

	it('lists subscribers (all, or 100 per page with paginated=true) and fetches one', async () => {
		const p = d.addProduct({ name: 'Club', subscription_duration: 'monthly' });
		const base = Date.parse('2026-01-01T00:00:00Z');
		for (let i = 0; i < 150; i++) d.addSubscriber({ product_id: p.id, created_at: new Date(base + i * 1000).toISOString() });
		d.addSubscriber({ product_id: p.id, status: 'cancelled' });
		const all = await call('GET', `/v2/products/${encodeURIComponent(p.id)}/subscribers`);
		expect(all.body.subscribers).toHaveLength(150);
		expect(all.body).not.toHaveProperty('next_page_key');
		const p1 = await call('GET', `/v2/products/${encodeURIComponent(p.id)}/subscribers?paginated=true`);
		expect(p1.body.subscribers).toHaveLength(100);
		expect(p1.body.next_page_key).toBeTruthy();
		const p2 = await call('GET', p1.body.next_page_url);
		expect(p2.body.subscribers).toHaveLength(50);
		expect(p2.body).not.toHaveProperty('next_page_key');
		const ids = new Set([...p1.body.subscribers, ...p2.body.subscribers].map((s: { id: string }) => s.id));
		expect(ids.size).toBe(150);
		const one = all.body.subscribers[0];
		expect((await call('GET', `/v2/products/${encodeURIComponent(p.id)}/subscribers?email=${encodeURIComponent(one.email)}`)).body.subscribers).toHaveLength(1);
		expect((await call('GET', `/v2/subscribers/${encodeURIComponent(one.id)}`)).body).toEqual({ success: true, subscriber: one });
		expect((await call('GET', '/v2/subscribers/nope')).body).toEqual({ success: false, message: 'The subscriber was not found.' });
		expect((await call('GET', '/v2/products/nope/subscribers')).body).toEqual({ success: false, message: 'The product was not found.' });
	});

	it('verifies licenses without OAuth, counting uses', async () => {
		const p = d.addProduct({ name: 'App', licensed: true });
		const sale = d.addSale({ product_id: p.id });
		const key = sale.license_key as string;
		expect(key).toMatch(/^[0-9A-F]{8}(-[0-9A-F]{8}){3}$/);
		const verify = (params: Record<string, string>) => call('POST', '/v2/licenses/verify', params, null);
		const r1 = await verify({ product_id: p.id, license_key: key });
		expect(r1.status).toBe(200);
		expect(r1.body).toMatchObject({ success: true, uses: 1, purchase: { sale_id: sale.id, email: sale.purchase_email, refunded: false, chargebacked: false } });
		expect((await verify({ product_id: p.id, license_key: key, increment_uses_count: 'false' })).body.uses).toBe(1);
		expect((await verify({ product_id: p.id, license_key: key })).body.uses).toBe(2);
		const unknown = await verify({ product_id: p.id, license_key: 'AAAAAAAA-BBBBBBBB-CCCCCCCC-DDDDDDDD' });
		expect(unknown).toMatchObject({ status: 404, body: { success: false, message: 'That license does not exist for the provided product.' } });
		d.store.licenses.get(key)!.disabled = true;
		expect(await verify({ product_id: p.id, license_key: key })).toMatchObject({ status: 404, body: { success: false, message: 'This license key has been disabled.' } });
	});

	it('issues never-expiring OAuth tokens for an authorization code', async () => {
		const code = d.issueAuthorizationCode('cid', ['view_sales'], 'https://n8n.example.com/cb');
		const bad = await call('POST', '/oauth/token', { grant_type: 'authorization_code', code, client_id: 'cid', client_secret: 'wrong', redirect_uri: 'https://n8n.example.com/cb' }, null);
		expect(bad.status).toBe(401);
		const r = await call('POST', '/oauth/token', { grant_type: 'authorization_code', code, client_id: 'cid', client_secret: 'csecret', redirect_uri: 'https://n8n.example.com/cb' }, null);
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ token_type: 'Bearer', scope: 'view_sales', access_token: expect.any(String), refresh_token: expect.any(String) });
		expect(r.body).not.toHaveProperty('expires_in');
		expect((await call('GET', '/v2/sales', undefined, r.body.access_token)).status).toBe(200);
		const reuse = await call('POST', '/oauth/token', { grant_type: 'authorization_code', code, client_id: 'cid', client_secret: 'csecret', redirect_uri: 'https://n8n.example.com/cb' }, null);
		expect(reuse.body.error).toBe('invalid_grant');
	});

	it('encodePingForm reproduces every fixture .form.txt byte for byte', () => {
		const stems = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.form.txt')).map((f) => f.slice(0, -'.form.txt'.length));
		expect(stems.length).toBeGreaterThanOrEqual(9);
		for (const stem of stems) {
			expect(d.encodePingForm(d.fixture(stem)), stem).toBe(readFileSync(`${FIXTURES_DIR}/${stem}.form.txt`, 'utf8'));
		}
		// sale-retry1 = sale + trailing retry_count=1
		expect(d.encodePingForm({ ...d.fixture('sale'), retry_count: 1 })).toBe(readFileSync(`${FIXTURES_DIR}/sale-retry1.form.txt`, 'utf8'));
		expect(d.encodePingForm({ a: [], b: { c: null, d: { e: true } }, 'x y': 'ä*' })).toBe('a%5B%5D=&b%5Bc%5D=&b%5Bd%5D%5Be%5D=true&x%20y=%C3%A4%2A');
	});

	it('sendPing posts the exact form body with the form content type', async () => {
		const rx = await startReceiver([200]);
		try {
			const r = await d.sendPing(`${rx.url}/webhook/abc?secret=s3`, 'sale');
			expect(r.status).toBe(200);
			expect(rx.received).toHaveLength(1);
			expect(rx.received[0].method).toBe('POST');
			expect(rx.received[0].url).toBe('/webhook/abc?secret=s3');
			expect(rx.received[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
			expect(rx.received[0].body).toBe(readFileSync(`${FIXTURES_DIR}/sale.form.txt`, 'utf8'));
			await d.sendPing(`${rx.url}/r`, 'sale', { retryCount: 1 });
			expect(rx.received[1].body).toBe(readFileSync(`${FIXTURES_DIR}/sale-retry1.form.txt`, 'utf8'));
		} finally {
			await rx.close();
		}
	});

	it('deliver retries on 503 with retry_count appended and stops on 400', async () => {
		const flaky = await startReceiver([503, 503, 200]);
		const rejecting = await startReceiver([400]);
		const down = await startReceiver([503]);
		try {
			d.allowLocalPostUrls(true);
			for (const url of [`${flaky.url}/hook?k=1`, `${rejecting.url}/hook`, `${down.url}/hook`])
				expect((await call('PUT', '/v2/resource_subscriptions', { resource_name: 'sale', post_url: url })).body.success).toBe(true);
			await call('PUT', '/v2/resource_subscriptions', { resource_name: 'refund', post_url: `${flaky.url}/refund-only` });

			const attempts = await d.deliver('sale', 'sale', { retryDelaysMs: [10, 20, 30] });
			const byUrl = (u: string) => attempts.filter((a) => a.url.startsWith(u));
			expect(byUrl(flaky.url).map((a) => a.status)).toEqual([503, 503, 200]);
			expect(flaky.received.map((r) => r.url)).toEqual(['/hook?k=1', '/hook?k=1', '/hook?k=1']);
			const sale = readFileSync(`${FIXTURES_DIR}/sale.form.txt`, 'utf8');
			expect(flaky.received.map((r) => r.body)).toEqual([sale, `${sale}&retry_count=1`, `${sale}&retry_count=2`]);
			expect(rejecting.received).toHaveLength(1);
			expect(byUrl(rejecting.url).map((a) => a.status)).toEqual([400]);
			// 503 forever: 4 attempts in total (retry_count 1..3), then dropped.
			expect(down.received.map((r) => new URLSearchParams(r.body).get('retry_count'))).toEqual([null, '1', '2', '3']);
		} finally {
			await Promise.all([flaky.close(), rejecting.close(), down.close()]);
		}
	});

	it('POST /__double/sell stores a new sale and pings its subscriptions with it, a new sale_id each time', async () => {
		const rx = await startReceiver([200, 200]);
		try {
			d.allowLocalPostUrls(true);
			await call('PUT', '/v2/resource_subscriptions', { resource_name: 'sale', post_url: `${rx.url}/hook` });
			await call('PUT', '/v2/resource_subscriptions', { resource_name: 'refund', post_url: `${rx.url}/refund-only` });
			type Sold = { sale: { id: string }; attempts: Array<{ status: number }> };
			const sell = async (body: object) =>
				(await (await fetch(`${d.url}/__double/sell`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as Sold;
			const first = { body: await sell({ email: 'ann@example.com', full_name: 'Ann Lee' }) };
			const second = { body: await sell({}) };
			expect(first.body.attempts.map((a) => a.status)).toEqual([200]);
			expect(rx.received.map((r) => r.url)).toEqual(['/hook', '/hook']);
			const [ping1, ping2] = rx.received.map((r) => new URLSearchParams(r.body));
			expect(ping1.get('sale_id')).toBe(first.body.sale.id);
			expect(ping1.get('email')).toBe('ann@example.com');
			expect(ping1.get('full_name')).toBe('Ann Lee');
			expect(ping2.get('sale_id')).toBe(second.body.sale.id);
			expect(ping2.get('sale_id')).not.toBe(ping1.get('sale_id'));
			expect(ping2.get('product_id')).toBe(ping1.get('product_id'));
			const stored = await call('GET', `/v2/sales/${first.body.sale.id}`);
			expect(stored.body.sale.email).toBe('ann@example.com');
		} finally {
			await rx.close();
		}
	});

	it('retries network errors (connection refused) with the same schedule', async () => {
		d.allowLocalPostUrls(true);
		const rx = await startReceiver();
		const deadUrl = rx.url;
		await rx.close();
		await call('PUT', '/v2/resource_subscriptions', { resource_name: 'cancellation', post_url: `${deadUrl}/gone` });
		const attempts = await d.deliver('cancellation', 'cancellation', { retryDelaysMs: [1, 1, 1] });
		expect(attempts).toHaveLength(4);
		expect(attempts.every((a) => a.status === null && a.error)).toBe(true);
		const once = await d.deliver('cancellation', 'cancellation', { retryDelaysMs: [1, 1, 1], retryNetworkErrors: false });
		expect(once).toHaveLength(1);
	});

	it('cli.mjs prints its URL and serves the API', async () => {
		const child = spawn(process.execPath, ['test/doubles/gumroad/cli.mjs', '--port', '0', '--token', 'cli-tok:view_sales', '--seed-sales', '12'], { stdio: ['ignore', 'pipe', 'inherit'] });
		try {
			const line = await new Promise<string>((resolve, reject) => {
				let buf = '';
				child.stdout!.on('data', (c) => { buf += c; if (buf.includes('\n')) resolve(buf.split('\n')[0]); });
				child.once('exit', (code) => reject(new Error(`cli exited ${code}`)));
			});
			const { url } = JSON.parse(line) as { url: string };
			const r = await fetch(`${url}/v2/sales?access_token=cli-tok`);
			const body = (await r.json()) as { sales: unknown[]; next_page_key?: string };
			expect(body.sales).toHaveLength(10);
			expect(body.next_page_key).toBeTruthy();
			const reqs = (await (await fetch(`${url}/__double/requests`)).json()) as { requests: unknown[] };
			expect(JSON.stringify(reqs)).not.toContain('cli-tok');
		} finally {
			child.kill('SIGTERM');
		}
	});
});
