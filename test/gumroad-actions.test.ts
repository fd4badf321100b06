import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { Gumroad } from '../nodes/Gumroad/Gumroad.node';
import { runNode } from './harness';
import { credentialTypes, type GumroadDouble, startGumroad } from './gumroad/setup';

/** A personal access token: all public scopes (the setup's token has view_sales only). */
const FULL_TOKEN = 'gumroad-full-scopes-token';
const VIEW_SALES_TOKEN = 'gumroad-secret-token-42';

let double: GumroadDouble;

beforeAll(async () => {
	double = await startGumroad();
});
afterAll(async () => {
	await double.close();
});
beforeEach(() => {
	double.reset();
	double.addToken(FULL_TOKEN);
});

async function run(parameters: INodeParameters, options: { items?: IDataObject[]; token?: string; continueOnFail?: boolean } = {}) {
	return await runNode({
		node: new Gumroad(),
		parameters: { authentication: 'gumroadAccessTokenApi', ...parameters },
		credentials: { gumroadAccessTokenApi: { accessToken: options.token ?? FULL_TOKEN, baseUrl: double.url } },
		credentialTypes,
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

/** A record the node created, as the tests use it. */
type Created = IDataObject & { id: string };

/** An empty value that passes n8n's required-parameter check, as an expression would give. */
const EMPTY = '={{""}}';
const apiRequests = () => double.requests.filter((r) => r.path.startsWith('/v2/'));
/** The last API request, its path decoded (IDs are sent percent-encoded: `==` → `%3D%3D`). */
const last = () => {
	const request = apiRequests().at(-1)!;
	return { ...request, path: decodeURIComponent(request.path) };
};

/** A 403 from a token without the scope, explained with the scope of this operation. */
async function expectScopeHint(parameters: INodeParameters, scope: RegExp) {
	const result = await run(parameters, { token: VIEW_SALES_TOKEN });
	expect(result.status).toBe('error');
	expect(result.error?.httpCode).toBe('403');
	expect(result.error?.description).toMatch(scope);
}

describe('Gumroad node: sale actions', () => {
	it('marks a sale as shipped with a tracking URL, PUT form-encoded with the Bearer token', async () => {
		const sale = double.addSale({ email: 'buyer@example.com' });
		const result = await run({ resource: 'sale', operation: 'markAsShipped', saleId: sale.id, trackingUrl: 'https://track.example.com/1Z999' });
		expect(result.status).toBe('success');
		expect(result.json[0]).toMatchObject({ id: sale.id, shipped: true, tracking_url: 'https://track.example.com/1Z999' });
		expect(last()).toMatchObject({ method: 'PUT', path: `/v2/sales/${sale.id}/mark_as_shipped`, body: { tracking_url: 'https://track.example.com/1Z999' } });
		expect(last().headers['content-type']).toMatch(/x-www-form-urlencoded/);
		expect(last().headers.authorization).toBe('[redacted]');
	});

	it('mark as shipped: refuses a tracking URL that is not a URL, reports an unknown sale, names mark_sales_as_shipped on 403', async () => {
		const bad = await run({ resource: 'sale', operation: 'markAsShipped', saleId: 'x', trackingUrl: 'parcel 42' });
		expect(bad.error?.message).toBe('Tracking URL: "parcel 42" is not an http(s) URL (item 0)');
		expect(apiRequests()).toHaveLength(0);
		const unknown = await run({ resource: 'sale', operation: 'markAsShipped', saleId: 'NoSuchSale0000000000000==' });
		expect(unknown.error?.message).toBe('Gumroad: The sale was not found.');
		const sale = double.addSale();
		await expectScopeHint({ resource: 'sale', operation: 'markAsShipped', saleId: sale.id }, /mark_sales_as_shipped/);
	});

	it('refunds in part by cents, then in full, then reports the already-refunded sale', async () => {
		const sale = double.addSale({ price: 1000 });
		const partial = await run({ resource: 'sale', operation: 'refund', saleId: sale.id, refundType: 'partial', amountCents: 300 });
		expect(partial.json[0]).toMatchObject({ id: sale.id, partially_refunded: true, refunded: false, amount_refundable_in_currency: '7' });
		expect(last()).toMatchObject({ method: 'PUT', path: `/v2/sales/${sale.id}/refund`, body: { amount_cents: '300' } });

		const full = await run({ resource: 'sale', operation: 'refund', saleId: sale.id, refundType: 'full' });
		expect(full.json[0]).toMatchObject({ refunded: true, partially_refunded: false });
		expect(last().body?.amount_cents).toBeUndefined();

		const again = await run({ resource: 'sale', operation: 'refund', saleId: sale.id });
		expect(again.error?.message).toBe('Gumroad: Purchase is already refunded.');
	});

	it('refuses a refund amount that is not a positive whole number of cents, before any request', async () => {
		for (const amountCents of [0, -5, 2.5, '12abc']) {
			const result = await run({ resource: 'sale', operation: 'refund', saleId: 'x', refundType: 'partial', amountCents });
			expect(result.error?.message).toMatch(/^Amount \(Cents\): ".*" is not a whole number 1 or more of cents \(item 0\)$/);
		}
		const emptyId = await run({ resource: 'sale', operation: 'refund', saleId: '  ' });
		expect(emptyId.error?.message).toMatch(/^Sale ID: is required/);
		expect(apiRequests()).toHaveLength(0);
		const sale = double.addSale();
		await expectScopeHint({ resource: 'sale', operation: 'refund', saleId: sale.id }, /edit_sales.*refund_sales/);
	});

	it('resends a receipt (POST), and explains an unknown sale and a missing edit_sales scope', async () => {
		const sale = double.addSale();
		const result = await run({ resource: 'sale', operation: 'resendReceipt', saleId: sale.id });
		expect(result.json).toEqual([{ sale_id: sale.id, receipt_resent: true }]);
		expect(last()).toMatchObject({ method: 'POST', path: `/v2/sales/${sale.id}/resend_receipt`, status: 200 });
		expect(double.store.saleExtras.get(sale.id).receipts_resent).toBe(1);
		const unknown = await run({ resource: 'sale', operation: 'resendReceipt', saleId: 'NoSuchSale0000000000000==' });
		expect(unknown.error?.message).toBe('Gumroad: The sale was not found.');
		await expectScopeHint({ resource: 'sale', operation: 'resendReceipt', saleId: sale.id }, /edit_sales/);
	});

	it('keeps going with Continue On Fail: a bad item becomes an error paired with it, nothing sent for it', async () => {
		const sale = double.addSale({ price: 1000 });
		const result = await run(
			{ resource: 'sale', operation: 'refund', saleId: '={{$json.id}}', refundType: 'partial', amountCents: '={{$json.cents}}' },
			{ items: [{ id: sale.id, cents: 0 }, { id: sale.id, cents: 100 }, { id: 'NoSuchSale0000000000000==', cents: 100 }], continueOnFail: true },
		);
		expect(result.status).toBe('success');
		const out = result.output[0];
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.error).toMatch(/^Amount \(Cents\): "0"/);
		expect(out[1].json).toMatchObject({ id: sale.id, partially_refunded: true });
		expect(out[2].json.error).toBe('Gumroad: The sale was not found.');
		expect(apiRequests()).toHaveLength(2);
	});
});

describe('Gumroad node: product actions', () => {
	it('disables, enables and deletes a product', async () => {
		const product = double.addProduct({ name: 'Ebook' });
		const disabled = await run({ resource: 'product', operation: 'disable', productId: product.id });
		expect(disabled.json[0]).toMatchObject({ id: product.id, published: false });
		expect(last()).toMatchObject({ method: 'PUT', path: `/v2/products/${product.id}/disable` });
		const enabled = await run({ resource: 'product', operation: 'enable', productId: product.id });
		expect(enabled.json[0]).toMatchObject({ id: product.id, published: true });
		const deleted = await run({ resource: 'product', operation: 'delete', productId: product.id });
		expect(deleted.json).toEqual([{ id: product.id, deleted: true }]);
		expect(last()).toMatchObject({ method: 'DELETE', path: `/v2/products/${product.id}` });
		const list = await run({ resource: 'product', operation: 'getAll', returnAll: true });
		expect(list.json.map((p) => p.id)).not.toContain(product.id);
		const again = await run({ resource: 'product', operation: 'delete', productId: product.id });
		expect(again.error?.message).toBe('Gumroad: The product was not found.');
	});

	it('refuses an empty product ID and names edit_products on 403', async () => {
		const empty = await run({ resource: 'product', operation: 'enable', productId: EMPTY });
		expect(empty.error?.message).toMatch(/^Product ID: is required/);
		expect(apiRequests()).toHaveLength(0);
		const product = double.addProduct();
		for (const operation of ['enable', 'disable', 'delete']) {
			await expectScopeHint({ resource: 'product', operation, productId: product.id }, /edit_products/);
		}
	});

	it('creates, lists, updates and deletes custom fields of a product', async () => {
		const product = double.addProduct();
		const created = await run({ resource: 'customField', operation: 'create', productId: product.id, fieldName: 'Company', fieldType: 'text', required: true });
		expect(created.json).toEqual([{ name: 'Company', required: true, type: 'text' }]);
		expect(last()).toMatchObject({ method: 'POST', path: `/v2/products/${product.id}/custom_fields`, body: { name: 'Company', type: 'text', required: 'true' } });
		await run({ resource: 'customField', operation: 'create', productId: product.id, fieldName: 'https://example.com/terms', fieldType: 'terms' });

		const listed = await run({ resource: 'customField', operation: 'getAll', productId: product.id, returnAll: true });
		expect(listed.json.map((f) => f.name)).toEqual(['Company', 'https://example.com/terms']);
		const limited = await run({ resource: 'customField', operation: 'getAll', productId: product.id, returnAll: false, limit: 1 });
		expect(limited.json).toHaveLength(1);

		const updated = await run({ resource: 'customField', operation: 'update', productId: product.id, fieldName: 'Company', required: false });
		expect(updated.json[0]).toMatchObject({ name: 'Company', required: false });
		expect(last()).toMatchObject({ method: 'PUT', path: `/v2/products/${product.id}/custom_fields/Company`, body: { required: 'false' } });

		const removed = await run({ resource: 'customField', operation: 'delete', productId: product.id, fieldName: 'Company' });
		expect(removed.json).toEqual([{ name: 'Company', deleted: true }]);
		const missing = await run({ resource: 'customField', operation: 'update', productId: product.id, fieldName: 'Company' });
		expect(missing.error?.message).toBe('Gumroad: The custom_field was not found.');
		const noName = await run({ resource: 'customField', operation: 'create', productId: product.id, fieldName: EMPTY });
		expect(noName.error?.message).toMatch(/^Field Name: is required/);
		await expectScopeHint({ resource: 'customField', operation: 'create', productId: product.id, fieldName: 'X' }, /edit_products/);
	});

	it('manages variant categories and their variants', async () => {
		const product = double.addProduct();
		const category = (await run({ resource: 'variantCategory', operation: 'create', productId: product.id, title: 'Size' })).json[0] as Created;
		expect(category).toMatchObject({ title: 'Size', id: expect.any(String) });
		const renamed = await run({ resource: 'variantCategory', operation: 'update', productId: product.id, variantCategoryId: category.id, title: 'Format' });
		expect(renamed.json[0]).toEqual({ id: category.id, title: 'Format' });
		expect((await run({ resource: 'variantCategory', operation: 'getAll', productId: product.id, returnAll: true })).json).toEqual([{ id: category.id, title: 'Format' }]);

		const ids = { productId: product.id, variantCategoryId: category.id };
		const variant = (
			await run({ resource: 'variant', operation: 'create', ...ids, name: 'Hardcover', additionalFields: { price_difference_cents: 500, max_purchase_count: 20 } })
		).json[0] as Created;
		expect(variant).toMatchObject({ name: 'Hardcover', price_difference_cents: 500, max_purchase_count: 20 });
		expect(last()).toMatchObject({ method: 'POST', path: `/v2/products/${product.id}/variant_categories/${category.id}/variants`, body: { name: 'Hardcover', price_difference_cents: '500', max_purchase_count: '20' } });

		const updated = await run({ resource: 'variant', operation: 'update', ...ids, variantId: variant.id, updateFields: { description: 'Signed copy' } });
		expect(updated.json[0]).toMatchObject({ id: variant.id, description: 'Signed copy', price_difference_cents: 500 });
		const listed = await run({ resource: 'variant', operation: 'getAll', ...ids, returnAll: true });
		expect(listed.json.map((v) => v.id)).toEqual([variant.id]);

		expect((await run({ resource: 'variant', operation: 'delete', ...ids, variantId: variant.id })).json).toEqual([{ id: variant.id, deleted: true }]);
		expect((await run({ resource: 'variant', operation: 'getAll', ...ids, returnAll: true })).json).toEqual([]);
		expect((await run({ resource: 'variantCategory', operation: 'delete', ...ids })).json).toEqual([{ id: category.id, deleted: true }]);
		const gone = await run({ resource: 'variant', operation: 'getAll', ...ids, returnAll: true });
		expect(gone.error?.message).toBe('Gumroad: The variant_category was not found.');
	});

	it('refuses variant input before any request, and names edit_products on 403', async () => {
		const ids = { productId: 'p', variantCategoryId: 'c' };
		const noChange = await run({ resource: 'variant', operation: 'update', ...ids, variantId: 'v', updateFields: {} });
		expect(noChange.error?.message).toBe('Update Fields: add at least one field to change (item 0)');
		const negative = await run({ resource: 'variant', operation: 'create', ...ids, name: 'X', additionalFields: { price_difference_cents: -1 } });
		expect(negative.error?.message).toMatch(/^Price Difference \(Cents\): "-1" is not a whole number 0 or more/);
		const noTitle = await run({ resource: 'variantCategory', operation: 'create', productId: 'p', title: EMPTY });
		expect(noTitle.error?.message).toMatch(/^Title: is required/);
		const noCategory = await run({ resource: 'variant', operation: 'getAll', productId: 'p', variantCategoryId: EMPTY });
		expect(noCategory.error?.message).toMatch(/^Variant Category ID: is required/);
		expect(apiRequests()).toHaveLength(0);
		const product = double.addProduct();
		await expectScopeHint({ resource: 'variantCategory', operation: 'create', productId: product.id, title: 'Size' }, /edit_products/);
		const unknown = await run({ resource: 'variant', operation: 'create', productId: product.id, variantCategoryId: 'NoSuchCategory00000000==', name: 'X' });
		expect(unknown.error?.message).toBe('Gumroad: The variant_category was not found.');
	});
});

describe('Gumroad node: offer codes', () => {
	it('creates a fixed and a universal percent code, lists, gets, updates and deletes them', async () => {
		const product = double.addProduct({ price: 2000 });
		const fixed = (await run({ resource: 'offerCode', operation: 'create', productId: product.id, code: 'FIVEOFF', discountType: 'cents', amountOff: 500 })).json[0] as Created;
		expect(fixed).toMatchObject({ name: 'FIVEOFF', amount_cents: 500, universal: false, max_purchase_count: null, times_used: 0 });
		expect(last()).toMatchObject({ method: 'POST', path: `/v2/products/${product.id}/offer_codes`, body: { name: 'FIVEOFF', offer_type: 'cents', amount_off: '500', universal: 'false' } });
		expect(last().body.max_purchase_count).toBeUndefined();

		const percent = (
			await run({ resource: 'offerCode', operation: 'create', productId: product.id, code: 'SPRING25', discountType: 'percent', amountOff: 25, additionalFields: { universal: true, maxPurchaseCount: 10 } })
		).json[0];
		expect(percent).toMatchObject({ name: 'SPRING25', percent_off: 25, universal: true, max_purchase_count: 10 });

		const other = double.addProduct();
		const listed = await run({ resource: 'offerCode', operation: 'getAll', productId: other.id, returnAll: true });
		expect(listed.json.map((c) => c.name)).toEqual(['SPRING25']);

		const got = await run({ resource: 'offerCode', operation: 'get', productId: product.id, offerCodeId: fixed.id });
		expect(got.json[0]).toEqual(fixed);

		const capped = await run({ resource: 'offerCode', operation: 'update', productId: product.id, offerCodeId: fixed.id, maxPurchaseCount: 3 });
		expect(capped.json[0]).toMatchObject({ id: fixed.id, max_purchase_count: 3 });
		const unlimited = await run({ resource: 'offerCode', operation: 'update', productId: product.id, offerCodeId: fixed.id, maxPurchaseCount: 0 });
		expect(unlimited.json[0]).toMatchObject({ max_purchase_count: null });
		expect(last()).toMatchObject({ method: 'PUT', body: { max_purchase_count: '' } });

		expect((await run({ resource: 'offerCode', operation: 'delete', productId: product.id, offerCodeId: fixed.id })).json).toEqual([{ id: fixed.id, deleted: true }]);
		const gone = await run({ resource: 'offerCode', operation: 'get', productId: product.id, offerCodeId: fixed.id });
		expect(gone.error?.message).toBe('Gumroad: The offer_code was not found.');
	});

	it('refuses a percent over 100, a zero or fractional amount, an empty code, before any request', async () => {
		const base = { resource: 'offerCode', operation: 'create', productId: 'p', code: 'X' };
		const over = await run({ ...base, discountType: 'percent', amountOff: 150 });
		expect(over.error?.message).toBe('Amount Off: "150" is not a whole number from 1 to 100 (percent) (item 0)');
		const zero = await run({ ...base, discountType: 'cents', amountOff: 0 });
		expect(zero.error?.message).toMatch(/^Amount Off: "0" is not a whole number 1 or more of cents/);
		const fraction = await run({ ...base, discountType: 'cents', amountOff: 1.5 });
		expect(fraction.error?.message).toMatch(/^Amount Off: "1.5"/);
		const noCode = await run({ ...base, code: EMPTY, amountOff: 100 });
		expect(noCode.error?.message).toMatch(/^Code: is required/);
		const noId = await run({ resource: 'offerCode', operation: 'delete', productId: 'p', offerCodeId: EMPTY });
		expect(noId.error?.message).toMatch(/^Offer Code ID: is required/);
		expect(apiRequests()).toHaveLength(0);
	});

	it("reports Gumroad's validation messages and a missing edit_products scope", async () => {
		const product = double.addProduct();
		const spaces = await run({ resource: 'offerCode', operation: 'create', productId: product.id, code: 'TWO WORDS', amountOff: 100 });
		expect(spaces.error?.message).toBe('Gumroad: Code can only contain numbers, letters, dashes, and underscores.');
		const unknownProduct = await run({ resource: 'offerCode', operation: 'getAll', productId: 'NoSuchProduct000000000==' });
		expect(unknownProduct.error?.message).toBe('Gumroad: The product was not found.');
		await expectScopeHint({ resource: 'offerCode', operation: 'create', productId: product.id, code: 'OK', amountOff: 100 }, /edit_products/);
		// Reading codes needs no particular scope.
		expect((await run({ resource: 'offerCode', operation: 'getAll', productId: product.id }, { token: VIEW_SALES_TOKEN })).status).toBe('success');
	});
});

describe('Gumroad node: subscriber and license actions', () => {
	it('gets a subscriber by ID, and reports an unknown one', async () => {
		const product = double.addProduct({ subscription_duration: 'monthly' });
		const subscriber = double.addSubscriber({ product_id: product.id, email: 'member@example.com' });
		const result = await run({ resource: 'subscriber', operation: 'get', subscriberId: subscriber.id }, { token: VIEW_SALES_TOKEN });
		expect(result.json[0]).toMatchObject({ id: subscriber.id, email: 'member@example.com', status: 'alive' });
		expect(apiRequests().at(-1)?.path).toBe(`/v2/subscribers/${subscriber.id.replace(/=/g, '%3D')}`);
		const unknown = await run({ resource: 'subscriber', operation: 'get', subscriberId: 'NoSuchSubscriber0000000==' });
		expect(unknown.error?.message).toBe('Gumroad: The subscriber was not found.');
	});

	it('disables, enables, decrements and rotates a license key', async () => {
		const product = double.addProduct({ licensed: true });
		const sale = double.addSale({ product_id: product.id, email: 'licensee@example.com' });
		const license = double.store.licenses.get(sale.license_key)!;
		license.uses = 2;
		const key = license.license_key;
		const ids = { productId: product.id, licenseKey: key };

		const disabled = await run({ resource: 'license', operation: 'disable', ...ids });
		expect(disabled.json[0]).toMatchObject({ uses: 2, license_key: key, purchase: { email: 'licensee@example.com' } });
		expect(last()).toMatchObject({ method: 'PUT', path: '/v2/licenses/disable', body: { product_id: product.id, license_key: key } });
		const verifyDisabled = await run({ resource: 'license', operation: 'verify', ...ids });
		expect(verifyDisabled.error?.message).toBe('Gumroad: This license key has been disabled.');

		await run({ resource: 'license', operation: 'enable', ...ids });
		expect((await run({ resource: 'license', operation: 'verify', ...ids })).json[0]).toMatchObject({ valid: true, uses: 2 });

		const decremented = await run({ resource: 'license', operation: 'decrementUsesCount', ...ids });
		expect(decremented.json[0]).toMatchObject({ uses: 1 });
		expect(last().path).toBe('/v2/licenses/decrement_uses_count');

		const rotated = (await run({ resource: 'license', operation: 'rotate', ...ids })).json[0] as IDataObject & { license_key: string };
		expect(rotated.previous_license_key).toBe(key);
		expect(rotated.license_key).toMatch(/^[0-9A-F]{8}(-[0-9A-F]{8}){3}$/);
		expect(rotated.license_key).not.toBe(key);
		const old = await run({ resource: 'license', operation: 'verify', ...ids });
		expect(old.error?.message).toMatch(/^Gumroad: That license does not exist/);
		expect((await run({ resource: 'license', operation: 'verify', productId: product.id, licenseKey: rotated.license_key })).status).toBe('success');
	});

	it('license actions: refuse an empty key, report an unknown one (HTTP 404), name edit_products on 403', async () => {
		const empty = await run({ resource: 'license', operation: 'rotate', productId: 'p', licenseKey: EMPTY });
		expect(empty.error?.message).toMatch(/^License Key: is required/);
		expect(apiRequests()).toHaveLength(0);
		const product = double.addProduct({ licensed: true });
		const unknown = await run({ resource: 'license', operation: 'enable', productId: product.id, licenseKey: 'AAAAAAAA-BBBBBBBB-CCCCCCCC-DDDDDDDD' });
		expect(unknown.error).toMatchObject({ message: 'Gumroad: That license does not exist for the provided product.', httpCode: '404' });
		for (const operation of ['enable', 'disable', 'decrementUsesCount', 'rotate']) {
			await expectScopeHint({ resource: 'license', operation, productId: product.id, licenseKey: 'AAAAAAAA-BBBBBBBB-CCCCCCCC-DDDDDDDD' }, /edit_products/);
		}
	});
});

describe('Gumroad node description', () => {
	it('lists every resource and operation, with the original defaults kept', () => {
		const properties = new Gumroad().description.properties;
		const resource = properties.find((p) => p.name === 'resource')!;
		expect(resource.options?.map((o) => (o as { value: string }).value)).toEqual([
			'customField', 'license', 'offerCode', 'product', 'sale', 'subscriber', 'user', 'variant', 'variantCategory',
		]);
		const operations = Object.fromEntries(
			properties
				.filter((p) => p.name === 'operation')
				.map((p) => [p.displayOptions?.show?.resource?.[0], { default: p.default, values: p.options?.map((o) => (o as { value: string }).value).sort() }]),
		);
		expect(operations.sale).toEqual({ default: 'getAll', values: ['get', 'getAll', 'markAsShipped', 'refund', 'resendReceipt'] });
		expect(operations.product).toEqual({ default: 'getAll', values: ['delete', 'disable', 'enable', 'get', 'getAll'] });
		expect(operations.subscriber).toEqual({ default: 'getAll', values: ['get', 'getAll'] });
		expect(operations.license).toEqual({ default: 'verify', values: ['decrementUsesCount', 'disable', 'enable', 'rotate', 'verify'] });
		expect(operations.offerCode).toEqual({ default: 'getAll', values: ['create', 'delete', 'get', 'getAll', 'update'] });
		for (const name of ['customField', 'variantCategory', 'variant']) expect(operations[name]).toEqual({ default: 'getAll', values: ['create', 'delete', 'getAll', 'update'] });
	});
});
