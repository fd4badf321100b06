import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { GumroadPollingTrigger } from '../nodes/GumroadPollingTrigger/GumroadPollingTrigger.node';
import { gumroadSaleAsPing } from '../nodes/shared/gumroad/apiSaleAsPing';
import { normaliseGumroadPing } from '../nodes/shared/gumroad/normalise';
import { createPollHarness } from './harness';
import { credentialTypes, type GumroadDouble, gumroadCredentials, startGumroad } from './gumroad/setup';

let double: GumroadDouble;
beforeAll(async () => {
	double = await startGumroad();
});
afterAll(async () => {
	await double.close();
});
beforeEach(() => {
	double.store.sales.clear();
	double.requests.length = 0;
});

const pollingTrigger = (options: INodeParameters = {}, parameters: INodeParameters = {}) =>
	createPollHarness({
		node: new GumroadPollingTrigger(),
		parameters: { authentication: 'gumroadAccessTokenApi', options, ...parameters },
		credentials: gumroadCredentials(double),
		credentialTypes,
	});
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const idsOf = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((item) => item.json.sale_id);

describe('Gumroad Polling Trigger', () => {
	it('starts from the activation, then emits each later sale once, oldest first', async () => {
		double.seedSales(3);
		const trigger = pollingTrigger();
		expect(await trigger.poll()).toBeNull();
		const later = [1000, 2000].map((ms) => double.addSale({ created_at: new Date(Date.now() + ms).toISOString() }));
		expect(idsOf(await trigger.poll())).toEqual(later.map((sale) => sale.id));
		expect(await trigger.poll()).toBeNull();
	});

	it('catches up every sale made while n8n was stopped, across pages, and each only once', async () => {
		const trigger = pollingTrigger();
		expect(await trigger.poll()).toBeNull();
		// 25 sales (three pages of Gumroad's 10), the oldest a few seconds after the last check.
		const missed = Array.from({ length: 25 }, (_, i) => double.addSale({ created_at: new Date(Date.now() + 1000 + i * 1000).toISOString() }));
		const caughtUp = await trigger.poll();
		expect(idsOf(caughtUp)).toEqual(missed.map((sale) => sale.id));
		expect(double.requests.filter((request) => request.path === '/v2/sales').length).toBeGreaterThanOrEqual(3);
		expect(await trigger.poll()).toBeNull();
	});

	it('emits a sale the API lists late, within the overlap it reads again', async () => {
		const trigger = pollingTrigger({ lookBackHours: 1 });
		await trigger.poll();
		const first = double.addSale({ created_at: new Date(Date.now() + 2000).toISOString() });
		expect(idsOf(await trigger.poll())).toEqual([first.id]);
		// Made before `first` but only now visible to the API.
		const late = double.addSale({ created_at: new Date(Date.now() - 60_000).toISOString() });
		expect(idsOf(await trigger.poll())).toEqual([late.id]);
	});

	it('looks back the hours it is told on its first check, no further', async () => {
		const old = double.addSale({ created_at: minutesAgo(26 * 60) });
		const recent = [double.addSale({ created_at: minutesAgo(23 * 60) }), double.addSale({ created_at: minutesAgo(5) })];
		const trigger = pollingTrigger({ lookBackHours: 24 });
		const items = await trigger.poll();
		expect(idsOf(items)).toEqual(recent.map((sale) => sale.id));
		expect(idsOf(items)).not.toContain(old.id);
	});

	it("puts out what the sale's ping would, typed the same, with the same event_key", async () => {
		const trigger = pollingTrigger();
		await trigger.poll();
		const product = double.addProduct({ name: 'Course' });
		const sale = double.addSale({
			product_id: product.id,
			created_at: new Date(Date.now() + 1000).toISOString(),
			custom_fields: { Company: 'ACME', Newsletter: 'true' },
			variants: { Tier: 'Pro' },
			full_name: 'Ada Lovelace',
		});
		const [item] = (await trigger.poll()) ?? [];
		const ping = normaliseGumroadPing(double.salePingFor(sale.id));
		// Fields a ping has and the Sales API cannot show (see apiSaleAsPing.ts); `currency` only in its 2026 form.
		const pingOnly = new Set(['currency', 'product_permalink', 'short_product_id', 'url_params', 'ip_country', 'discover_fee_charged', 'recurrence', 'is_multiseat_license', 'sku_id', 'original_sku_id', 'affiliate_credit_amount_cents', 'gift_price', 'gifter_email', 'shipping_rate', 'is_preorder_authorization', 'test', 'offer_code']);
		const expected = Object.fromEntries(Object.entries(ping).filter(([key]) => !pingOnly.has(key)));
		expected.card = { visual: (ping.card as IDataObject).visual, type: (ping.card as IDataObject).type };
		expected.amounts = ping.amounts;
		expect(item.json).toMatchObject({ ...expected, delivery: 'api', event_key: `sale:${sale.id}` });
		expect(item.json.custom_fields).toEqual({ Company: 'ACME', Newsletter: true });
		expect(item.json.Company).toBe('ACME');
	});

	it('only the chosen product, if one is chosen', async () => {
		const trigger = pollingTrigger({ productId: double.addProduct({ name: 'Wanted' }).id });
		await trigger.poll();
		const wantedProduct = [...double.store.products.values()].find((product) => product.name === 'Wanted');
		const other = double.addProduct({ name: 'Other' });
		const wanted = double.addSale({ product_id: wantedProduct.id, created_at: new Date(Date.now() + 1000).toISOString() });
		double.addSale({ product_id: other.id, created_at: new Date(Date.now() + 1000).toISOString() });
		expect(idsOf(await trigger.poll())).toEqual([wanted.id]);
	});

	it('"Fetch Test Event" shows the newest sale and leaves the next check where it was', async () => {
		const [, newest] = [double.addSale({ created_at: minutesAgo(10) }), double.addSale({ created_at: minutesAgo(2) })];
		const trigger = pollingTrigger();
		expect(idsOf(await trigger.poll('manual'))).toEqual([newest.id]);
		expect(trigger.staticData()).toEqual({});
		expect(await trigger.poll()).toBeNull();
	});
});

describe('gumroadSaleAsPing', () => {
	it("maps what the API's sale has to the ping's names: shipping, currency, offer code, renewals without custom-field copies", () => {
		const renewal = gumroadSaleAsPing({
			id: 'sale-1',
			created_at: '2026-05-01T10:00:00.123Z',
			purchase_email: 'buyer@example.com',
			email: 'account@example.com',
			product_permalink: 'course',
			order_id: 42,
			price: 1500,
			currency: 'EUR',
			recurring_charge: true,
			subscription_duration: 'monthly',
			offer_code: { code: 'SPRING', name: 'Spring' },
			street_address: '1 Main St',
			city: 'Berlin',
			zip_code: '01234',
			full_name: 'Ada Lovelace',
			custom_fields: { Company: 'ACME' },
			affiliate: { email: 'partner@example.com', amount: '$1' },
		});
		expect(renewal).toMatchObject({
			event: 'sale',
			delivery: 'api',
			sale_id: 'sale-1',
			sale_timestamp: '2026-05-01T10:00:00Z',
			email: 'buyer@example.com',
			permalink: 'course',
			order_number: 42,
			currency: 'eur',
			is_recurring_charge: true,
			recurrence: 'monthly',
			offer_code: 'SPRING',
			affiliate: 'partner@example.com',
			full_name: 'Ada Lovelace',
			zip_code: '01234',
			shipping_information: { street_address: '1 Main St', city: 'Berlin', zip_code: '01234', full_name: 'Ada Lovelace' },
			custom_fields: { Company: 'ACME' },
			refunded: false,
		});
		// A renewal's ping carries its checkout fields under custom_fields only.
		expect(renewal).not.toHaveProperty('Company');
		expect(renewal.amounts).toMatchObject({ price: { cents: 1500, currency: 'USD' } });

		const original = gumroadSaleAsPing({ id: 'sale-2', created_at: '2026-05-01T10:00:00Z', email: 'b@example.com', custom_fields: { Company: 'ACME', email: 'other@example.com' } });
		expect(original).toMatchObject({ Company: 'ACME', email: 'b@example.com' });
		expect(original).not.toHaveProperty('shipping_information');
	});
});
