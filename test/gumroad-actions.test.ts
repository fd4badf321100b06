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

async function run(
	parameters: INodeParameters,
	options: { items?: IDataObject[]; token?: string; continueOnFail?: boolean; typeVersion?: number; noCredential?: boolean } = {},
) {
	return await runNode({
		node: new Gumroad(),
		parameters: { authentication: 'gumroadAccessTokenApi', ...parameters },
		credentials: options.noCredential ? {} : { gumroadAccessTokenApi: { accessToken: options.token ?? FULL_TOKEN, baseUrl: double.url } },
		credentialTypes,
		items: options.items,
		continueOnFail: options.continueOnFail,
		typeVersion: options.typeVersion,
	});
}

/** A record the node created, as the tests use it. */
type Created = IDataObject & { id: string };

/** An empty value that passes n8n's required-parameter check, as an expression would give. */
const EMPTY = '={{""}}';
/** A well-formed product ID of no product, where only the check of another field matters. */
const PRODUCT_ID = 'ProductIdOfTwentyTwoCh==';
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
		expect(emptyId.error?.message).toMatch(/^Sale: is required/);
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
		expect(empty.error?.message).toMatch(/^Product: is required/);
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
		expect(noCategory.error?.message).toMatch(/^Variant Category: is required/);
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

		const capped = await run({ resource: 'offerCode', operation: 'update', productId: product.id, offerCodeId: fixed.id, updateFields: { maxPurchaseCount: 3 } });
		expect(capped.json[0]).toMatchObject({ id: fixed.id, max_purchase_count: 3 });
		const unlimited = await run({ resource: 'offerCode', operation: 'update', productId: product.id, offerCodeId: fixed.id, updateFields: { maxPurchaseCount: 0 } });
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
		expect(noId.error?.message).toMatch(/^Offer Code: is required/);
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
		expect(verifyDisabled.json[0]).toMatchObject({ valid: false, reason: 'disabled', message: 'This license key has been disabled.' });

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
		expect(old.json[0]).toMatchObject({ valid: false, reason: 'unknown' });
		expect((await run({ resource: 'license', operation: 'verify', productId: product.id, licenseKey: rotated.license_key })).json[0]).toMatchObject({ valid: true });
	});

	it('license actions: refuse an empty key, report an unknown one (HTTP 404), name edit_products on 403', async () => {
		const empty = await run({ resource: 'license', operation: 'rotate', productId: PRODUCT_ID, licenseKey: EMPTY });
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

describe('Gumroad node: custom field names with dots (issue 19)', () => {
	const fieldsOf = async (productId: string) =>
		(await run({ resource: 'customField', operation: 'getAll', productId, returnAll: true })).json as Array<{ name: string; required: boolean }>;

	it("updates and deletes fields whose name has dots, sending each dot as %2E so Rails' :id(.:format) keeps the whole name", async () => {
		const product = double.addProduct();
		const terms = 'https://example.com/terms';
		for (const [name, fieldType] of [['a', 'text'], ['a.b', 'text'], [terms, 'terms']]) {
			await run({ resource: 'customField', operation: 'create', productId: product.id, fieldName: name, fieldType });
		}
		const fieldsPath = `/v2/products/${encodeURIComponent(product.id)}/custom_fields`;

		const updated = await run({ resource: 'customField', operation: 'update', productId: product.id, fieldName: 'a.b', required: true });
		expect(updated.json).toEqual([{ name: 'a.b', required: true, type: 'text' }]);
		expect(apiRequests().at(-1)).toMatchObject({ method: 'PUT', path: `${fieldsPath}/a%2Eb`, body: { required: 'true' } });
		// The field "a", which the name cut at its dot would have hit, is left alone.
		expect((await fieldsOf(product.id)).map((f) => [f.name, f.required])).toEqual([['a', false], ['a.b', true], [terms, false]]);

		const termsUpdated = await run({ resource: 'customField', operation: 'update', productId: product.id, fieldName: terms, required: true });
		expect(termsUpdated.json).toEqual([{ name: terms, required: true, type: 'terms' }]);
		expect(apiRequests().at(-1)?.path).toBe(`${fieldsPath}/https%3A%2F%2Fexample%2Ecom%2Fterms`);

		expect((await run({ resource: 'customField', operation: 'delete', productId: product.id, fieldName: terms })).json).toEqual([{ name: terms, deleted: true }]);
		expect((await run({ resource: 'customField', operation: 'delete', productId: product.id, fieldName: 'a.b' })).json).toEqual([{ name: 'a.b', deleted: true }]);
		expect((await fieldsOf(product.id)).map((f) => f.name)).toEqual(['a']);
	});

	it('refuses an ID of "." or ".." in any path (a URL would resolve it to the parent path) before any request', async () => {
		for (const saleId of ['.', '..']) {
			const result = await run({ resource: 'sale', operation: 'get', saleId }, { typeVersion: 1 });
			expect(result.error?.message).toBe(`Sale ID: "${saleId}" cannot be addressed in a URL path (item 0)`);
		}
		const refund = await run({ resource: 'sale', operation: 'refund', saleId: '={{ ".." }}' }, { typeVersion: 1.2 });
		expect(refund.error?.message).toBe('Sale ID: ".." cannot be addressed in a URL path (item 0)');
		expect(apiRequests()).toHaveLength(0);
	});

	it('refuses a name of dots alone (a URL path cannot carry it) before any request', async () => {
		for (const fieldName of ['.', '..']) {
			const result = await run({ resource: 'customField', operation: 'delete', productId: 'p', fieldName });
			expect(result.error?.message).toBe(`Field Name: "${fieldName}" cannot be addressed in a URL path (item 0)`);
		}
		expect(apiRequests()).toHaveLength(0);
	});

	it('offers the File type', async () => {
		const product = double.addProduct();
		const created = await run({ resource: 'customField', operation: 'create', productId: product.id, fieldName: 'Your photo', fieldType: 'file' });
		expect(created.json).toEqual([{ name: 'Your photo', required: false, type: 'file' }]);
		const type = new Gumroad().description.properties.find((p) => p.name === 'fieldType')!;
		expect(type.options?.map((o) => (o as { value: string }).value)).toContain('file');
	});
});

describe('Gumroad double: routes and decodes paths like Rails', () => {
	const put = async (productId: string, rawName: string) => {
		const response = await fetch(`${double.url}/v2/products/${encodeURIComponent(productId)}/custom_fields/${rawName}`, {
			method: 'PUT',
			headers: { Authorization: `Bearer ${FULL_TOKEN}`, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'required=true',
		});
		return { status: response.status, body: (await response.json()) as IDataObject };
	};

	it(':id stops at the first dot (the rest is the format), a second dot matches no route, %2E is a dot of the id', async () => {
		const product = double.addProduct({ custom_fields: [{ name: 'a', required: false, type: 'text' }, { name: 'a.b', required: false, type: 'text' }, { name: 'x.y.z', required: false, type: 'text' }] });
		expect(await put(product.id, 'a.b')).toMatchObject({ status: 200, body: { custom_field: { name: 'a' } } });
		expect(await put(product.id, 'a.json')).toMatchObject({ status: 200, body: { custom_field: { name: 'a' } } });
		expect(await put(product.id, 'a%2Eb')).toMatchObject({ status: 200, body: { custom_field: { name: 'a.b' } } });
		expect((await put(product.id, 'x.y.z')).status).toBe(404);
		expect(await put(product.id, 'x%2Ey%2Ez')).toMatchObject({ status: 200, body: { custom_field: { name: 'x.y.z' } } });
		expect(await put(product.id, 'https%3A%2F%2Fexample.com')).toEqual({ status: 200, body: { success: false, message: 'The custom_field was not found.' } });
	});

	it('decodes %XX after routing as Rails does: "+" and a stray "%" stay, bytes that are not UTF-8 are a 400', async () => {
		const { railsUnescape } = await import('./doubles/gumroad/server.mjs');
		expect(railsUnescape('a%20b+c%2Fd%2e')).toBe('a b+c/d.');
		expect(railsUnescape('100%')).toBe('100%');
		expect(railsUnescape('%zz%C3%A9')).toBe('%zzé');
		const product = double.addProduct({ custom_fields: [{ name: 'Größe 100%', required: false, type: 'text' }] });
		expect(await put(product.id, 'Gr%C3%B6%C3%9Fe%20100%')).toMatchObject({ status: 200, body: { custom_field: { name: 'Größe 100%' } } });
		expect((await put(product.id, '%FF')).status).toBe(400);
	});
});

describe('Gumroad node: variant Max Purchase Count 0 is no limit (issue 19)', () => {
	it('leaves 0 out on create (Gumroad: nil = unlimited) and sends it empty on update, which clears a limit', async () => {
		const product = double.addProduct();
		const category = double.store.variantCategories;
		const size = (await run({ resource: 'variantCategory', operation: 'create', productId: product.id, title: 'Size' })).json[0] as Created;
		expect(category.get(size.id)).toBeDefined();
		const ids = { productId: product.id, variantCategoryId: size.id };

		const open = (await run({ resource: 'variant', operation: 'create', ...ids, name: 'S', additionalFields: { max_purchase_count: 0 } })).json[0] as Created;
		expect(open.max_purchase_count).toBeNull();
		expect(last().body).toEqual({ name: 'S' });

		const capped = (await run({ resource: 'variant', operation: 'create', ...ids, name: 'L', additionalFields: { max_purchase_count: 20 } })).json[0] as Created;
		expect(capped.max_purchase_count).toBe(20);
		const cleared = await run({ resource: 'variant', operation: 'update', ...ids, variantId: capped.id, updateFields: { max_purchase_count: 0 } });
		expect(cleared.json[0]).toMatchObject({ id: capped.id, max_purchase_count: null });
		expect(last().body).toEqual({ max_purchase_count: '' });

		const field = new Gumroad().description.properties.find((p) => p.name === 'additionalFields' && p.displayOptions?.show?.resource?.[0] === 'variant')!;
		const max = field.options?.find((o) => (o as { name: string }).name === 'max_purchase_count') as { description: string };
		expect(max.description).toMatch(/0 for no limit/);
	});
});

describe('Gumroad node: license verify verdict (issue 19)', () => {
	const verify = (productId: string, licenseKey: string, options: { noCredential?: boolean } = {}) =>
		run(
			{ resource: 'license', operation: 'verify', productId, licenseKey, ...(options.noCredential ? { authentication: 'none', baseUrl: double.url } : {}) },
			options,
		);
	const future = () => new Date(Date.now() + 86_400_000).toISOString();
	const past = () => new Date(Date.now() - 86_400_000).toISOString();

	it('answers valid: false with the reason for an unknown, a disabled and a revoked key (Gumroad: HTTP 404), instead of failing', async () => {
		const product = double.addProduct({ licensed: true });
		const unknown = await verify(product.id, 'AAAAAAAA-BBBBBBBB-CCCCCCCC-DDDDDDDD');
		expect(unknown.status).toBe('success');
		expect(unknown.json).toEqual([{ valid: false, reason: 'unknown', message: 'That license does not exist for the provided product.', uses: null, purchase: null }]);
		expect(double.requests.at(-1)?.status).toBe(404);

		const sale = double.addSale({ product_id: product.id });
		double.store.licenses.get(sale.license_key)!.disabled = true;
		expect((await verify(product.id, sale.license_key)).json[0]).toMatchObject({ valid: false, reason: 'disabled', message: 'This license key has been disabled.' });

		const revoked = double.addSale({ product_id: product.id, access_revoked: true });
		expect((await verify(product.id, revoked.license_key)).json[0]).toMatchObject({
			valid: false,
			reason: 'access_revoked',
			message: 'Access to the purchase associated with this license has expired.',
		});
	});

	it('answers valid: false for a refunded or charged-back purchase, which Gumroad answers with success: true', async () => {
		const product = double.addProduct({ licensed: true, price: 1000 });
		const good = double.addSale({ product_id: product.id, email: 'ok@example.com' });
		expect((await verify(product.id, good.license_key)).json[0]).toMatchObject({ valid: true, reason: null, message: null, uses: 0, purchase: { email: 'ok@example.com', refunded: false, chargebacked: false } });

		const refunded = double.addSale({ product_id: product.id });
		double.refundSale(refunded.id);
		const refundedVerdict = await verify(product.id, refunded.license_key);
		expect(double.requests.at(-1)?.status).toBe(200);
		expect(refundedVerdict.json[0]).toMatchObject({ valid: false, reason: 'refunded', purchase: { refunded: true } });

		const disputed = double.addSale({ product_id: product.id });
		double.disputeSale(disputed.id);
		expect((await verify(product.id, disputed.license_key)).json[0]).toMatchObject({ valid: false, reason: 'chargebacked', purchase: { chargebacked: true } });
		double.disputeSale(disputed.id, true);
		expect((await verify(product.id, disputed.license_key)).json[0]).toMatchObject({ valid: true, reason: null });
	});

	it("judges a membership's key by its subscription: failed, cancelled (once the paid period is over) or ended", async () => {
		const product = double.addProduct({ licensed: true, subscription_duration: 'monthly' });
		const sale = double.addSale({ product_id: product.id });
		const subscriber = double.addSubscriber({ id: sale.subscription_id, product_id: product.id });
		const verdict = async () => (await verify(product.id, sale.license_key)).json[0];
		expect(await verdict()).toMatchObject({ valid: true, reason: null, purchase: { subscription_cancelled_at: null } });

		subscriber.cancelled_at = future();
		expect(await verdict()).toMatchObject({ valid: true, reason: null });
		subscriber.cancelled_at = past();
		expect(await verdict()).toMatchObject({ valid: false, reason: 'subscription_cancelled' });
		Object.assign(subscriber, { cancelled_at: null, failed_at: past() });
		expect(await verdict()).toMatchObject({ valid: false, reason: 'subscription_failed' });
		Object.assign(subscriber, { failed_at: null, ended_at: past() });
		expect(await verdict()).toMatchObject({ valid: false, reason: 'subscription_ended' });
	});

	it('runs with Authentication "None" (no credential at all), and never sends a token to verify', async () => {
		const product = double.addProduct({ licensed: true });
		const sale = double.addSale({ product_id: product.id });
		const without = await verify(product.id, sale.license_key, { noCredential: true });
		expect(without.status).toBe('success');
		expect(without.json[0]).toMatchObject({ valid: true, uses: 0 });
		expect(double.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v2/licenses/verify', body: { product_id: product.id, license_key: sale.license_key, increment_uses_count: 'false' } });
		expect(double.requests.at(-1)?.headers.authorization).toBeUndefined();

		await verify(product.id, sale.license_key);
		expect(double.requests.at(-1)?.headers.authorization).toBeUndefined();
	});

	it('"None" is offered for License > Verify only, keeps Access Token as default, and refuses any other operation before a request', async () => {
		const properties = new Gumroad().description.properties.filter((p) => p.name === 'authentication');
		expect(properties).toHaveLength(2);
		for (const property of properties) expect(property.default).toBe('gumroadAccessTokenApi');
		const withNone = properties.find((p) => p.options?.some((o) => (o as { value: string }).value === 'none'))!;
		expect(withNone.displayOptions?.show).toEqual({ resource: ['license'], operation: ['verify'] });

		const other = await run({ resource: 'license', operation: 'enable', authentication: 'none', productId: 'p', licenseKey: 'k' }, { noCredential: true });
		expect(other.error?.message).toBe('Authentication "None" works only for License > Verify: "Enable a license key" needs a Gumroad credential');
		const badUrl = await run({ resource: 'license', operation: 'verify', authentication: 'none', baseUrl: 'gumroad', productId: 'p', licenseKey: 'k' }, { noCredential: true });
		expect(badUrl.error?.message).toBe('Base URL: "gumroad" is not an http(s) URL (item 0)');
		expect(double.requests).toHaveLength(0);
	});
});

describe('Gumroad node: license rotate without a key in the answer (issue 19)', () => {
	it('fails clearly when Gumroad rotated the key but left the new one out (license keys turned off), instead of outputting null', async () => {
		const product = double.addProduct({ licensed: true });
		const key = double.addSale({ product_id: product.id }).license_key as string;
		product.licensed = false;
		const result = await run({ resource: 'license', operation: 'rotate', productId: product.id, licenseKey: key });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Gumroad rotated the license key but did not say the new key');
		expect(result.error?.description).toMatch(/old key no longer works.*license keys turned off/);
		expect(`${result.error?.message} ${result.error?.description}`).not.toContain(key);
		// The rotation did happen: the old key is dead.
		expect(double.store.licenses.has(key)).toBe(false);
		expect((await run({ resource: 'license', operation: 'verify', productId: product.id, licenseKey: key })).json[0]).toMatchObject({ valid: false, reason: 'unknown' });
	});
});

describe('Gumroad node: offer code minimum amount (issue 19)', () => {
	it('sets the minimum amount on create and update; update sends only the fields given, 0 clears', async () => {
		const product = double.addProduct({ price: 5000 });
		const code = (
			await run({ resource: 'offerCode', operation: 'create', productId: product.id, code: 'BIG', amountOff: 500, additionalFields: { maxPurchaseCount: 10, minimumAmountCents: 3000 } })
		).json[0] as Created;
		expect(code).toMatchObject({ max_purchase_count: 10, minimum_amount_cents: 3000 });
		expect(last().body).toMatchObject({ max_purchase_count: '10', minimum_amount_cents: '3000' });

		const raised = await run({ resource: 'offerCode', operation: 'update', productId: product.id, offerCodeId: code.id, updateFields: { minimumAmountCents: 4000 } });
		expect(raised.json[0]).toMatchObject({ max_purchase_count: 10, minimum_amount_cents: 4000 });
		expect(last()).toMatchObject({ method: 'PUT', body: { minimum_amount_cents: '4000' } });
		expect(last().body.max_purchase_count).toBeUndefined();

		const cleared = await run({ resource: 'offerCode', operation: 'update', productId: product.id, offerCodeId: code.id, updateFields: { minimumAmountCents: 0 } });
		expect(cleared.json[0]).toMatchObject({ max_purchase_count: 10, minimum_amount_cents: null });
		expect(last().body).toEqual({ minimum_amount_cents: '' });

		const none = await run({ resource: 'offerCode', operation: 'update', productId: product.id, offerCodeId: code.id, updateFields: {} });
		expect(none.error?.message).toBe('Update Fields: add at least one field to change (item 0)');
		const negative = await run({ resource: 'offerCode', operation: 'update', productId: product.id, offerCodeId: code.id, updateFields: { minimumAmountCents: -1 } });
		expect(negative.error?.message).toMatch(/^Minimum Amount \(Cents\): "-1" is not a whole number 0 or more of cents/);
		const update = new Gumroad().description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'offerCode')!;
		expect((update.options?.find((o) => (o as { value: string }).value === 'update') as { description: string }).description).not.toMatch(/no other change/);
	});

	it('a node saved as version 1 keeps its Max Uses field, always sent, and may add a minimum amount', async () => {
		const product = double.addProduct();
		const code = (await run({ resource: 'offerCode', operation: 'create', productId: product.id, code: 'OLD', amountOff: 100 }, { typeVersion: 1 })).json[0] as Created;
		const capped = await run({ resource: 'offerCode', operation: 'update', productId: product.id, offerCodeId: code.id, maxPurchaseCount: 3 }, { typeVersion: 1 });
		expect(capped.json[0]).toMatchObject({ max_purchase_count: 3 });
		expect(last().body).toEqual({ max_purchase_count: '3' });
		const both = await run(
			{ resource: 'offerCode', operation: 'update', productId: product.id, offerCodeId: code.id, maxPurchaseCount: 0, additionalFields: { minimumAmountCents: 700 } },
			{ typeVersion: 1 },
		);
		expect(both.json[0]).toMatchObject({ max_purchase_count: null, minimum_amount_cents: 700 });
		expect(last().body).toEqual({ max_purchase_count: '', minimum_amount_cents: '700' });
	});
});

describe('Gumroad node: sale filters (issue 19)', () => {
	it('filters by buyer name and license key, as GET /v2/sales reads them', async () => {
		const product = double.addProduct({ licensed: true });
		const ada = double.addSale({ product_id: product.id, full_name: 'Ada Lovelace' });
		double.addSale({ product_id: product.id, full_name: 'Alan Turing' });
		const byName = await run({ resource: 'sale', operation: 'getAll', returnAll: true, filters: { name: 'lovelace' } });
		expect(byName.json.map((s) => s.id)).toEqual([ada.id]);
		expect(apiRequests().every((r) => r.query.name === 'lovelace')).toBe(true);

		double.requests.length = 0;
		const byKey = await run({ resource: 'sale', operation: 'getAll', returnAll: true, filters: { license_key: ada.license_key.toLowerCase() } });
		expect(byKey.json.map((s) => s.id)).toEqual([ada.id]);
		// One walk by page key, like an e-mail or order filter.
		expect(apiRequests()).toHaveLength(1);
		expect(apiRequests()[0].query).toMatchObject({ license_key: ada.license_key.toLowerCase() });
	});

	it('refuses an order ID that is not the digits of an order number, naming the field and item, before any request', async () => {
		for (const orderId of ['12abc', '-5', '007', '1 2']) {
			const result = await run({ resource: 'sale', operation: 'getAll', filters: { order_id: orderId } }, { items: [{}, {}] });
			expect(result.error?.message).toBe(`Filters > Order ID: "${orderId}" is not an order number (digits only) (item 0)`);
		}
		expect(apiRequests()).toHaveLength(0);
		const sale = double.addSale();
		expect((await run({ resource: 'sale', operation: 'getAll', filters: { order_id: ` ${sale.order_id} ` } })).json.map((s) => s.id)).toEqual([sale.id]);
	});
});

describe('Gumroad node: product create and update (issue 19)', () => {
	it('creates a draft product with its fields, and publishes it when asked', async () => {
		const draft = (await run({ resource: 'product', operation: 'create', name: 'Pencil Icon PSD', price: 500 })).json[0] as Created;
		expect(draft).toMatchObject({ name: 'Pencil Icon PSD', price: 500, currency: 'usd', published: false, amounts: { price: { cents: 500, amount: 5, currency: 'USD' } } });
		expect(last()).toMatchObject({ method: 'POST', path: '/v2/products', body: { name: 'Pencil Icon PSD', price: '500' } });
		expect(apiRequests()).toHaveLength(1);

		const published = await run({
			resource: 'product',
			operation: 'create',
			name: 'Club',
			price: 1200,
			additionalFields: { native_type: 'membership', subscription_duration: 'yearly', price_currency_type: 'EUR', custom_permalink: 'club', description: '<p>Hi</p>', max_purchase_count: 0, customizable_price: true, suggested_price_cents: 1500, published: true },
		});
		expect(published.json[0]).toMatchObject({ name: 'Club', currency: 'eur', published: true, custom_permalink: 'club', customizable_price: true, suggested_price_cents: 1500, max_purchase_count: null, subscription_duration: 'yearly' });
		const [create, enable] = apiRequests().slice(-2);
		expect(create.body).toEqual({ name: 'Club', price: '1200', native_type: 'membership', subscription_duration: 'yearly', price_currency_type: 'eur', custom_permalink: 'club', description: '<p>Hi</p>', customizable_price: 'true', suggested_price_cents: '1500' });
		expect(enable).toMatchObject({ method: 'PUT', path: `/v2/products/${encodeURIComponent(String(published.json[0].id))}/enable` });
	});

	it("refuses bad create input before any request, reports Gumroad's refusals, names edit_products on 403", async () => {
		const noName = await run({ resource: 'product', operation: 'create', name: EMPTY, price: 100 });
		expect(noName.error?.message).toMatch(/^Name: is required/);
		const fraction = await run({ resource: 'product', operation: 'create', name: 'X', price: 1.5 });
		expect(fraction.error?.message).toBe('Price (Cents): "1.5" is not a whole number 0 or more of cents (item 0)');
		const duration = await run({ resource: 'product', operation: 'create', name: 'X', price: 100, additionalFields: { subscription_duration: 'monthly' } });
		expect(duration.error?.message).toBe('Subscription Duration: applies to Type Membership only (item 0)');
		const currency = await run({ resource: 'product', operation: 'create', name: 'X', price: 100, additionalFields: { price_currency_type: 'dollars' } });
		expect(currency.error?.message).toBe('Currency: "dollars" is not a three-letter ISO currency code (item 0)');
		const permalink = await run({ resource: 'product', operation: 'create', name: 'X', price: 100, additionalFields: { custom_permalink: 'my ebook' } });
		expect(permalink.error?.message).toMatch(/^Custom Permalink: "my ebook" may contain only letters/);
		expect(apiRequests()).toHaveLength(0);

		double.addProduct({ custom_permalink: 'taken' });
		const taken = await run({ resource: 'product', operation: 'create', name: 'X', price: 100, additionalFields: { custom_permalink: 'taken' } });
		expect(taken.error?.message).toBe('Gumroad: Custom permalink has already been taken');
		const unsupported = await run({ resource: 'product', operation: 'create', name: 'X', price: 100, additionalFields: { price_currency_type: 'xyz' } });
		expect(unsupported.error?.message).toBe("Gumroad: 'xyz' is not a supported currency.");
		await expectScopeHint({ resource: 'product', operation: 'create', name: 'X', price: 100 }, /edit_products/);
	});

	it('updates only the fields given, clears a limit with 0, publishes and unpublishes, and passes on Gumroad\'s warning', async () => {
		const product = double.addProduct({ name: 'Ebook', price: 1000, max_purchase_count: 50 });
		const renamed = await run({ resource: 'product', operation: 'update', productId: product.id, updateFields: { name: 'Ebook 2', price: 1500, max_purchase_count: 0 } });
		expect(renamed.json[0]).toMatchObject({ id: product.id, name: 'Ebook 2', price: 1500, max_purchase_count: null, published: true, amounts: { price: { cents: 1500 } } });
		expect(last()).toMatchObject({ method: 'PUT', path: `/v2/products/${product.id}`, body: { name: 'Ebook 2', price: '1500', max_purchase_count: '' } });
		expect(renamed.json[0].warning).toBeUndefined();

		const unpublished = await run({ resource: 'product', operation: 'update', productId: product.id, updateFields: { published: false } });
		expect(unpublished.json[0]).toMatchObject({ published: false, name: 'Ebook 2' });
		expect(apiRequests().at(-1)).toMatchObject({ method: 'PUT', path: `/v2/products/${encodeURIComponent(product.id)}/disable` });

		const both = await run({ resource: 'product', operation: 'update', productId: product.id, updateFields: { description: 'New', published: true } });
		expect(both.json[0]).toMatchObject({ description: 'New', published: true });
		expect(apiRequests().slice(-2).map((r) => `${r.method} ${decodeURIComponent(r.path)}`)).toEqual([`PUT /v2/products/${product.id}`, `PUT /v2/products/${product.id}/enable`]);

		await run({ resource: 'offerCode', operation: 'create', productId: product.id, code: 'BIG', amountOff: 1000 });
		const cheap = await run({ resource: 'product', operation: 'update', productId: product.id, updateFields: { price: 1050 } });
		expect(cheap.json[0]).toMatchObject({ price: 1050, warning: 'The following offer code discounts this product below $0.99: BIG. Please update it or it will not work at checkout.' });

		const none = await run({ resource: 'product', operation: 'update', productId: product.id, updateFields: {} });
		expect(none.error?.message).toBe('Update Fields: add at least one field to change (item 0)');
		const tiered = double.addProduct({ is_tiered_membership: true });
		const tierPrice = await run({ resource: 'product', operation: 'update', productId: tiered.id, updateFields: { price: 100 } });
		expect(tierPrice.error?.message).toBe('Gumroad: Price cannot be updated for tiered membership products. Use the variant endpoints to manage tier pricing.');
		const unknown = await run({ resource: 'product', operation: 'update', productId: 'NoSuchProduct000000000==', updateFields: { name: 'X' } });
		expect(unknown.error?.message).toBe('Gumroad: The product was not found.');
		await expectScopeHint({ resource: 'product', operation: 'update', productId: product.id, updateFields: { name: 'X' } }, /edit_products/);
	});
});

describe('Gumroad node: one variant category, one variant (issue 19)', () => {
	it('gets a variant category and a variant by ID, with any scope, and reports unknown ones', async () => {
		const product = double.addProduct();
		const category = (await run({ resource: 'variantCategory', operation: 'create', productId: product.id, title: 'Size' })).json[0] as Created;
		const ids = { productId: product.id, variantCategoryId: category.id };
		const variant = (await run({ resource: 'variant', operation: 'create', ...ids, name: 'Large', additionalFields: { price_difference_cents: 200 } })).json[0] as Created;

		const gotCategory = await run({ resource: 'variantCategory', operation: 'get', ...ids }, { token: VIEW_SALES_TOKEN });
		expect(gotCategory.json).toEqual([{ id: category.id, title: 'Size' }]);
		expect(last()).toMatchObject({ method: 'GET', path: `/v2/products/${product.id}/variant_categories/${category.id}` });
		const gotVariant = await run({ resource: 'variant', operation: 'get', ...ids, variantId: variant.id }, { token: VIEW_SALES_TOKEN });
		expect(gotVariant.json[0]).toMatchObject({ id: variant.id, name: 'Large', price_difference_cents: 200, max_purchase_count: null });
		expect(last()).toMatchObject({ method: 'GET', path: `/v2/products/${product.id}/variant_categories/${category.id}/variants/${variant.id}` });

		expect((await run({ resource: 'variant', operation: 'get', ...ids, variantId: 'NoSuchVariant000000000==' })).error?.message).toBe('Gumroad: The variant was not found.');
		expect((await run({ resource: 'variantCategory', operation: 'get', productId: product.id, variantCategoryId: 'NoSuchCategory00000000==' })).error?.message).toBe('Gumroad: The variant_category was not found.');
		const noId = await run({ resource: 'variant', operation: 'get', ...ids, variantId: EMPTY });
		expect(noId.error?.message).toMatch(/^Variant ID: is required/);
	});
});

describe('Gumroad node: sales summary and export (issue 19)', () => {
	const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

	it('sums the sales of a range, with amounts, and breaks them down by product or day', async () => {
		const ebook = double.addProduct({ name: 'Ebook', price: 1000 });
		const course = double.addProduct({ name: 'Course', price: 3000 });
		const now = Date.now();
		double.addSale({ product_id: ebook.id, created_at: new Date(now - 2 * 86_400_000).toISOString() });
		const refunded = double.addSale({ product_id: ebook.id, created_at: new Date(now - 86_400_000).toISOString() });
		double.addSale({ product_id: course.id, created_at: new Date(now - 86_400_000).toISOString() });
		double.addSale({ product_id: course.id, created_at: new Date(now - 40 * 86_400_000).toISOString() });
		double.refundSale(refunded.id, 400);

		const result = await run({ resource: 'sale', operation: 'getSummary', from: day(-7), to: day(0), groupBy: 'product' }, { token: VIEW_SALES_TOKEN });
		expect(result.json[0]).toMatchObject({
			gross_cents: 5000,
			net_cents: 4600,
			units: 3,
			refunded_cents: 400,
			refunded_units: 1,
			currency: 'usd',
			from: day(-7),
			to: day(0),
			amounts: { gross: { cents: 5000, amount: 50, currency: 'USD' }, net: { cents: 4600, amount: 46, currency: 'USD' }, refunded: { cents: 400, amount: 4, currency: 'USD' } },
		});
		expect((result.json[0].breakdown as IDataObject[]).map((b) => [b.key, b.label, b.gross_cents, (b.amounts as IDataObject).net])).toEqual([
			[course.id, 'Course', 3000, { cents: 3000, amount: 30, currency: 'USD' }],
			[ebook.id, 'Ebook', 2000, { cents: 1600, amount: 16, currency: 'USD' }],
		]);
		expect(last()).toMatchObject({ method: 'GET', path: '/v2/sales/summary', query: { from: day(-7), to: day(0), group_by: 'product' } });
		expect(result.json[0].success).toBeUndefined();

		const byDay = await run({ resource: 'sale', operation: 'getSummary', from: day(-7), to: day(0), groupBy: 'day' });
		expect((byDay.json[0].breakdown as IDataObject[]).map((b) => [b.key, b.units])).toEqual([[day(-2), 1], [day(-1), 2]]);
		const plain = await run({ resource: 'sale', operation: 'getSummary' });
		expect(plain.json[0]).toMatchObject({ units: 3, from: day(-29), to: day(0) });
		expect(plain.json[0].breakdown).toBeUndefined();
		expect(last().query).toEqual({});
	});

	it('refuses a reversed, too long or badly written range before any request, and names view_sales on 403', async () => {
		const reversed = await run({ resource: 'sale', operation: 'getSummary', from: '2026-03-10', to: '2026-03-01' });
		expect(reversed.error?.message).toBe('To: must be on or after From (item 0)');
		const long = await run({ resource: 'sale', operation: 'getSummary', from: '2025-01-01', to: '2026-03-01' });
		expect(long.error?.message).toBe('To: the range may span at most 366 days (item 0)');
		const hourly = await run({ resource: 'sale', operation: 'getSummary', from: '2026-03-01', to: '2026-03-09', groupBy: 'hour' });
		expect(hourly.error?.message).toBe('To: grouped by hour, the range may span at most 7 days (item 0)');
		const notADate = await run({ resource: 'sale', operation: 'export', from: 'last week' });
		expect(notADate.error?.message).toBe('From: "last week" is not a date (use YYYY-MM-DD) (item 0)');
		expect(apiRequests()).toHaveLength(0);
		double.addToken('profile-only', { scopes: ['view_profile'] });
		for (const operation of ['getSummary', 'export']) {
			const refused = await run({ resource: 'sale', operation }, { token: 'profile-only' });
			expect(refused.error).toMatchObject({ httpCode: '403' });
			expect(refused.error?.description).toMatch(/view_sales/);
		}
	});

	it("queues an export e-mailed to the account, with the filters given, and reports Gumroad's 400 for a product not its own", async () => {
		const product = double.addProduct();
		const result = await run({ resource: 'sale', operation: 'export', from: '2026-01-01', to: '2026-01-31T12:00:00Z', productId: product.id }, { token: VIEW_SALES_TOKEN });
		expect(result.json).toEqual([{ status: 'queued', recipient_email: double.seller.email, from: '2026-01-01', to: '2026-01-31', product_id: product.id }]);
		expect(last()).toMatchObject({ method: 'POST', path: '/v2/sales/exports', body: { from: '2026-01-01', to: '2026-01-31', product_id: product.id } });
		expect(double.store.exports.map((e) => e.filters)).toEqual([{ start_time: '2026-01-01', end_time: '2026-01-31', product_ids: [product.id] }]);

		const all = await run({ resource: 'sale', operation: 'export' });
		expect(all.json).toEqual([{ status: 'queued', recipient_email: double.seller.email }]);
		const foreign = await run({ resource: 'sale', operation: 'export', productId: 'NoSuchProduct000000000==' });
		expect(foreign.error).toMatchObject({ message: 'Gumroad: Invalid product ID.', httpCode: '400' });
	});
});

describe('Gumroad node: payouts (issue 19)', () => {
	const PAYOUTS_TOKEN = 'gumroad-payouts-token';

	it('lists payouts newest first across pages, the upcoming balance first, typed with amounts', async () => {
		double.addToken(PAYOUTS_TOKEN, { scopes: ['view_payouts'] });
		const start = Date.parse('2026-01-01T10:00:00Z');
		const created = Array.from({ length: 23 }, (_, i) => double.addPayout({ amount_cents: 10_000 + i, created_at: new Date(start + i * 86_400_000).toISOString() }));
		double.setUpcomingPayout({ amount_cents: 1550, currency: 'usd', status: 'payable' });

		const all = await run({ resource: 'payout', operation: 'getAll', returnAll: true }, { token: PAYOUTS_TOKEN });
		expect(all.json).toHaveLength(24);
		expect(all.json[0]).toMatchObject({ id: null, upcoming: true, amount: '15.50', status: 'payable', created_at: null, amounts: { amount: { cents: 1550, amount: 15.5, currency: 'USD' } } });
		expect(all.json.slice(1).map((p) => p.id)).toEqual(created.map((p) => p.id).reverse());
		expect(all.json[1]).toMatchObject({ upcoming: false, amount: '100.22', currency: 'USD', status: 'completed', created_at: '2026-01-23T10:00:00Z', amounts: { amount: { cents: 10_022, amount: 100.22, currency: 'USD' } } });
		const pages = apiRequests();
		expect(pages).toHaveLength(3);
		expect(pages.slice(1).every((r) => typeof r.query.page_key === 'string')).toBe(true);

		const limited = await run({ resource: 'payout', operation: 'getAll', returnAll: false, limit: 3, filters: { includeUpcoming: false, after: '2026-01-05', before: '2026-01-10' } });
		expect(limited.json.map((p) => p.created_at)).toEqual(['2026-01-09T10:00:00Z', '2026-01-08T10:00:00Z', '2026-01-07T10:00:00Z']);
		expect(last().query).toEqual({ after: '2026-01-05', before: '2026-01-10', include_upcoming: 'false' });
	});

	it('gets one payout, with its sales when the token also has view_sales, and reports an unknown one', async () => {
		double.addToken(PAYOUTS_TOKEN, { scopes: ['view_payouts'] });
		double.addToken('payouts-and-sales', { scopes: ['view_payouts', 'view_sales'] });
		const sale = double.addSale();
		const payout = double.addPayout({ amount_cents: 15_000, sales: [sale.id] });
		const plain = await run({ resource: 'payout', operation: 'get', payoutId: payout.id }, { token: PAYOUTS_TOKEN });
		expect(plain.json[0]).toMatchObject({ id: payout.id, amount: '150.00', upcoming: false, payment_processor: 'STRIPE', amounts: { amount: { cents: 15_000 } } });
		expect(plain.json[0].sales).toBeUndefined();
		const withSales = await run({ resource: 'payout', operation: 'get', payoutId: payout.id }, { token: 'payouts-and-sales' });
		expect(withSales.json[0]).toMatchObject({ sales: [sale.id], refunded_sales: [], disputed_sales: [] });
		expect(last()).toMatchObject({ method: 'GET', path: `/v2/payouts/${payout.id}` });
		const unknown = await run({ resource: 'payout', operation: 'get', payoutId: 'NoSuchPayout0000000000==' });
		expect(unknown.error?.message).toBe('Gumroad: The payout was not found.');
	});

	it('refuses bad filters before any request and names view_payouts on 403', async () => {
		const reversed = await run({ resource: 'payout', operation: 'getAll', filters: { after: '2026-02-01', before: '2026-01-01' } });
		expect(reversed.error?.message).toBe('Filters > Before: must be later than After (item 0)');
		const noId = await run({ resource: 'payout', operation: 'get', payoutId: EMPTY });
		expect(noId.error?.message).toMatch(/^Payout ID: is required/);
		expect(apiRequests()).toHaveLength(0);
		for (const parameters of [{ operation: 'getAll' }, { operation: 'get', payoutId: 'x' }]) {
			await expectScopeHint({ resource: 'payout', ...parameters }, /view_payouts/);
		}
	});
});

describe('Gumroad node: user update (issue 19)', () => {
	it('changes the name and bio (PUT, edit_profile), sends only the fields given, and refuses an empty change', async () => {
		const renamed = await run({ resource: 'user', operation: 'update', updateFields: { name: ' Maker Guild ' } });
		expect(renamed.json[0]).toMatchObject({ name: 'Maker Guild', bio: null, email: double.seller.email });
		expect(last()).toMatchObject({ method: 'PUT', path: '/v2/user', body: { name: 'Maker Guild' } });
		const bio = await run({ resource: 'user', operation: 'update', updateFields: { bio: 'Tools for makers' } });
		expect(bio.json[0]).toMatchObject({ name: 'Maker Guild', bio: 'Tools for makers' });
		expect(last().body).toEqual({ bio: 'Tools for makers' });
		expect((await run({ resource: 'user', operation: 'get' })).json[0]).toMatchObject({ name: 'Maker Guild', bio: 'Tools for makers' });

		const none = await run({ resource: 'user', operation: 'update', updateFields: {} });
		expect(none.error?.message).toBe('Update Fields: add at least one field to change (item 0)');
		await expectScopeHint({ resource: 'user', operation: 'update', updateFields: { name: 'X' } }, /edit_profile/);
		double.seller.confirmed = false;
		const unconfirmed = await run({ resource: 'user', operation: 'update', updateFields: { name: 'X' } });
		expect(unconfirmed.error?.message).toBe('Gumroad: You have to confirm your email address before you can do that.');
		double.reset();
		expect(double.seller).toMatchObject({ name: 'Maker Club', bio: null });
		expect(double.seller.confirmed).toBeUndefined();
	});
});

describe('Gumroad node: SKUs (issue 19)', () => {
	it("lists a product's own SKUs, a physical product's variants, or none; any scope; unknown product reported", async () => {
		const skus = [
			{ id: 'sku-default', name: 'DEFAULT_SKU', is_default_sku: true },
			{ id: 'sku-red-l', name: 'Red - Large', price_difference_cents: 200, custom_sku: 'TS-RED-L' },
			{ id: 'sku-old', name: 'Blue - Small', deleted: true },
		];
		const shirt = double.addProduct({ skus_enabled: true, skus });
		const listed = await run({ resource: 'sku', operation: 'getAll', productId: shirt.id, returnAll: true }, { token: VIEW_SALES_TOKEN });
		expect(listed.json).toEqual([{ id: 'sku-red-l', name: 'Red - Large', description: null, price_difference_cents: 200, max_purchase_count: null, custom_sku: 'TS-RED-L' }]);
		expect(last()).toMatchObject({ method: 'GET', path: `/v2/products/${shirt.id}/skus` });
		const onlyDefault = double.addProduct({ skus_enabled: true, skus: [skus[0]] });
		expect((await run({ resource: 'sku', operation: 'getAll', productId: onlyDefault.id, returnAll: true })).json.map((k) => k.id)).toEqual(['sku-default']);

		const mug = double.addProduct({ is_physical: true });
		const category = (await run({ resource: 'variantCategory', operation: 'create', productId: mug.id, title: 'Colour' })).json[0] as Created;
		for (const name of ['White', 'Black']) await run({ resource: 'variant', operation: 'create', productId: mug.id, variantCategoryId: category.id, name });
		const limited = await run({ resource: 'sku', operation: 'getAll', productId: mug.id, returnAll: false, limit: 1 });
		expect(limited.json.map((k) => k.name)).toEqual(['White']);
		expect((await run({ resource: 'sku', operation: 'getAll', productId: double.addProduct().id, returnAll: true })).json).toEqual([]);

		const unknown = await run({ resource: 'sku', operation: 'getAll', productId: 'NoSuchProduct000000000==' });
		expect(unknown.error?.message).toBe('Gumroad: The product was not found.');
		const noId = await run({ resource: 'sku', operation: 'getAll', productId: EMPTY });
		expect(noId.error?.message).toMatch(/^Product: is required/);
	});
});

describe('Gumroad node: emails (issue 19)', () => {
	const EMAILS_TOKEN = 'gumroad-emails-token';

	it('creates drafts for each audience, lists them newest first across pages by state, gets one, typed', async () => {
		const product = double.addProduct({ name: 'Course' });
		const created: Created[] = [];
		for (let i = 0; i < 12; i++) {
			const result = await run({ resource: 'email', operation: 'create', subject: ` Update ${i} `, body: `<p>News ${i}</p>`, audience: i === 0 ? 'product' : 'all', productId: product.id });
			created.push(result.json[0] as Created);
		}
		expect(created[0]).toMatchObject({ subject: 'Update 0', message: '<p>News 0</p>', audience_type: 'product', product_id: product.id, state: 'draft', published_at: null, scheduled_at: null, url: null });
		expect(created[0].created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
		expect(apiRequests()[0]).toMatchObject({ method: 'POST', path: '/v2/emails', body: { subject: 'Update 0', body: '<p>News 0</p>', audience: 'product', product_id: product.id } });
		expect(last().body).toEqual({ subject: 'Update 11', body: '<p>News 11</p>', audience: 'all' });
		const customers = await run({ resource: 'email', operation: 'create', body: 'Hi', audience: 'customers' });
		expect(customers.json[0]).toMatchObject({ subject: null, audience_type: 'seller' });

		double.requests.length = 0;
		const all = await run({ resource: 'email', operation: 'getAll', returnAll: true });
		expect(all.json.map((e) => e.id)).toEqual([customers.json[0].id, ...created.map((e) => e.id).reverse()]);
		expect(apiRequests()).toHaveLength(2);
		expect(typeof apiRequests()[1].query.page_key).toBe('string');
		const limited = await run({ resource: 'email', operation: 'getAll', returnAll: false, limit: 2, state: 'draft' });
		expect(limited.json).toHaveLength(2);
		expect(last().query).toEqual({ type: 'draft' });
		expect((await run({ resource: 'email', operation: 'getAll', returnAll: true, state: 'published' })).json).toEqual([]);

		const one = await run({ resource: 'email', operation: 'get', emailId: created[3].id });
		expect(one.json[0]).toEqual(created[3]);
		expect(last()).toMatchObject({ method: 'GET', path: `/v2/emails/${created[3].id}` });
	});

	it('previews, sends, schedules and unschedules, deletes, and quotes Gumroad on what it refuses', async () => {
		const draft = (await run({ resource: 'email', operation: 'create', subject: 'Launch', body: '<p>Out now</p>' })).json[0] as Created;
		const preview = await run({ resource: 'email', operation: 'preview', emailId: draft.id });
		expect(preview.json[0]).toMatchObject({ id: draft.id, state: 'draft', preview_sent: true, preview_url: `https://gumroad.com/emails/${encodeURIComponent(draft.id)}/edit?preview_post=true` });
		expect(last()).toMatchObject({ method: 'POST', path: `/v2/emails/${draft.id}/preview` });
		expect(double.store.emails.get(draft.id).previews).toBe(1);

		const at = new Date(Date.now() + 3_600_000);
		at.setUTCMilliseconds(0);
		const scheduled = await run({ resource: 'email', operation: 'schedule', emailId: draft.id, sendAt: at.toISOString() });
		expect(scheduled.json[0]).toMatchObject({ state: 'scheduled', scheduled_at: at.toISOString().replace('.000Z', 'Z') });
		expect(last()).toMatchObject({ path: `/v2/emails/${draft.id}/schedule`, body: { to_be_published_at: at.toISOString().replace('.000Z', 'Z') } });
		const early = await run({ resource: 'email', operation: 'send', emailId: draft.id });
		expect(early.error?.message).toBe('Gumroad: The email is scheduled to be sent at its scheduled time.');
		expect((await run({ resource: 'email', operation: 'unschedule', emailId: draft.id })).json[0]).toMatchObject({ state: 'draft', scheduled_at: null });
		const again = await run({ resource: 'email', operation: 'unschedule', emailId: draft.id });
		expect(again.error?.message).toBe('Gumroad: This email is not scheduled.');

		double.seller.eligible_to_send_emails = false;
		const ineligible = await run({ resource: 'email', operation: 'send', emailId: draft.id });
		expect(ineligible.error?.message).toMatch(/^Gumroad: You are not eligible to publish or schedule emails/);
		double.seller.eligible_to_send_emails = true;
		const sent = await run({ resource: 'email', operation: 'send', emailId: draft.id });
		expect(sent.json[0]).toMatchObject({ id: draft.id, state: 'published', recipients_count: 0, url: 'https://makerclub.gumroad.com/p/launch' });
		expect(sent.json[0].published_at).toMatch(/Z$/);
		expect(last()).toMatchObject({ method: 'POST', path: `/v2/emails/${draft.id}/send` });
		expect((await run({ resource: 'email', operation: 'send', emailId: draft.id })).error?.message).toBe('Gumroad: The email has already been sent.');
		expect((await run({ resource: 'email', operation: 'schedule', emailId: draft.id, sendAt: at.toISOString() })).error?.message).toBe('Gumroad: The email has already been sent.');

		const now = await run({ resource: 'email', operation: 'create', subject: 'Now', body: '<p>Hello</p>', publish: true });
		expect(now.json[0]).toMatchObject({ state: 'published' });
		expect(last().body).toMatchObject({ publish: 'true' });
		double.seller.confirmed = false;
		const unconfirmed = await run({ resource: 'email', operation: 'preview', emailId: draft.id });
		expect(unconfirmed.error?.message).toBe('Gumroad: You have to confirm your email address before you can do that.');
		double.seller.confirmed = true;

		const removed = await run({ resource: 'email', operation: 'delete', emailId: draft.id });
		expect(removed.json[0]).toEqual({ id: draft.id, deleted: true });
		expect(last()).toMatchObject({ method: 'DELETE', path: `/v2/emails/${draft.id}` });
		const gone = await run({ resource: 'email', operation: 'get', emailId: draft.id });
		expect(gone.error?.message).toBe('Gumroad: The email was not found.');
		const unknownProduct = await run({ resource: 'email', operation: 'create', body: 'x', audience: 'product', productId: 'NoSuchProduct000000000==' });
		expect(unknownProduct.error?.message).toBe('Gumroad: Product not found.');
	});

	it('refuses bad input before any request and names edit_emails on 403', async () => {
		const cases: Array<[INodeParameters, string | RegExp]> = [
			[{ operation: 'create', body: EMPTY }, /^Body: is required/],
			[{ operation: 'create', body: '<p><br></p>' }, 'Body: has no text (only empty paragraphs) (item 0)'],
			[{ operation: 'create', body: 'x', subject: 's'.repeat(256) }, 'Subject: is 256 characters long; Gumroad takes at most 255 (item 0)'],
			[{ operation: 'create', body: 'x', audience: 'product', productId: EMPTY }, /^Product: is required/],
			[{ operation: 'get', emailId: EMPTY }, /^Email ID: is required/],
			[{ operation: 'schedule', emailId: 'x', sendAt: 'soon' }, /^Send At: "soon" is not a date and time/],
			[{ operation: 'schedule', emailId: 'x', sendAt: '2020-01-01T00:00:00Z' }, 'Send At: 2020-01-01T00:00:00Z is not in the future (item 0)'],
		];
		for (const [parameters, message] of cases) {
			const result = await run({ resource: 'email', ...parameters });
			expect(result.error?.message).toMatch(message);
		}
		expect(apiRequests()).toHaveLength(0);
		double.addToken(EMAILS_TOKEN, { scopes: ['edit_emails'] });
		expect((await run({ resource: 'email', operation: 'getAll', returnAll: true }, { token: EMAILS_TOKEN })).json).toEqual([]);
		for (const parameters of [{ operation: 'getAll' }, { operation: 'create', body: 'x' }, { operation: 'send', emailId: 'x' }]) {
			await expectScopeHint({ resource: 'email', ...parameters }, /edit_emails \(older Gumroad: edit_products\)/);
		}
	});
});

describe('Gumroad node: upsells (issue 19)', () => {
	it('creates a cross-sell with selected products and a fixed discount, and an upsell with a percent one; lists, gets, deletes', async () => {
		const course = double.addProduct({ name: 'Course', currency: 'eur' });
		const ebook = double.addProduct({ name: 'E-book' });
		const cross = await run({
			resource: 'upsell', operation: 'create', name: ' Course add-on ', productId: course.id,
			options: { text: 'Add the course', productIds: `${ebook.id}`, discountType: 'fixed', discountAmount: 500, paused: false },
		});
		expect(cross.json[0]).toMatchObject({
			name: 'Course add-on', cross_sell: true, universal: false, paused: false, text: 'Add the course',
			product: { id: course.id, name: 'Course', currency_type: 'eur', variant: null },
			discount: { type: 'fixed', cents: 500 }, selected_products: [{ id: ebook.id, name: 'E-book' }], amounts: { discount: { cents: 500, amount: 5, currency: 'EUR' } },
		});
		expect(last()).toMatchObject({ method: 'POST', path: '/v2/upsells' });
		expect(last().body).toMatchObject({ name: 'Course add-on', product_id: course.id, cross_sell: 'true', text: 'Add the course', paused: 'false', 'product_ids[]': ebook.id, 'offer_code[amount_cents]': '500' });

		const upsell = await run({ resource: 'upsell', operation: 'create', name: 'Upgrade', productId: ebook.id, crossSell: false, options: { universal: true, discountType: 'percent', discountAmount: 20 } });
		expect(upsell.json[0]).toMatchObject({ cross_sell: false, universal: true, discount: { type: 'percent', percents: 20 }, amounts: {}, selected_products: [] });
		const upsellId = (upsell.json[0] as Created).id;
		const second = await run({ resource: 'upsell', operation: 'create', name: 'Again', productId: ebook.id, crossSell: false });
		expect(second.error?.message).toBe('Gumroad: You can only create one upsell per product.');
		const unknown = await run({ resource: 'upsell', operation: 'create', name: 'X', productId: 'NoSuchProduct000000000==' });
		expect(unknown.error?.message).toBe('Gumroad: The product, variant, or offer referenced by an external ID could not be found.');

		const all = await run({ resource: 'upsell', operation: 'getAll', returnAll: true }, { token: VIEW_SALES_TOKEN });
		expect(all.json.map((u) => u.id)).toEqual([cross.json[0].id, upsellId]);
		expect((await run({ resource: 'upsell', operation: 'getAll', returnAll: false, limit: 1 })).json).toHaveLength(1);
		const one = await run({ resource: 'upsell', operation: 'get', upsellId }, { token: VIEW_SALES_TOKEN });
		expect(one.json[0]).toEqual(upsell.json[0]);
		expect(last()).toMatchObject({ method: 'GET', path: `/v2/upsells/${upsellId}` });

		const removed = await run({ resource: 'upsell', operation: 'delete', upsellId });
		expect(removed.json[0]).toEqual({ id: upsellId, deleted: true });
		expect(last()).toMatchObject({ method: 'DELETE', path: `/v2/upsells/${upsellId}` });
		expect((await run({ resource: 'upsell', operation: 'get', upsellId })).error?.message).toBe('Gumroad: The upsell was not found.');
	});

	it('refuses bad input before any request and names edit_products on 403', async () => {
		const cases: Array<[INodeParameters, string | RegExp]> = [
			[{ operation: 'create', name: EMPTY, productId: PRODUCT_ID }, /^Name: is required/],
			[{ operation: 'create', name: 'n', productId: EMPTY }, /^Offered Product: is required/],
			[{ operation: 'create', name: 'n', productId: PRODUCT_ID, options: { discountType: 'percent', discountAmount: 120 } }, 'Options > Discount Amount: "120" is not a whole number from 1 to 100 percent (item 0)'],
			[{ operation: 'create', name: 'n', productId: PRODUCT_ID, options: { discountType: 'fixed', discountAmount: 0 } }, 'Options > Discount Amount: "0" is not a whole number 1 or more cents (item 0)'],
			[{ operation: 'create', name: 'n', productId: PRODUCT_ID, options: { universal: true, productIds: 'a,b' } }, /^Options > Selected Product IDs: a universal upsell/],
			[{ operation: 'get', upsellId: EMPTY }, /^Upsell ID: is required/],
		];
		for (const [parameters, message] of cases) {
			const result = await run({ resource: 'upsell', ...parameters });
			expect(result.error?.message).toMatch(message);
		}
		expect(apiRequests()).toHaveLength(0);
		for (const parameters of [{ operation: 'create', name: 'n', productId: PRODUCT_ID }, { operation: 'delete', upsellId: 'x' }]) {
			await expectScopeHint({ resource: 'upsell', ...parameters }, /edit_products/);
		}
	});
});

describe('Gumroad node: upsell update (issue 19)', () => {
	async function variantOf(productId: string, name: string) {
		const category = (await run({ resource: 'variantCategory', operation: 'create', productId, title: 'Format' })).json[0] as Created;
		return (await run({ resource: 'variant', operation: 'create', productId, variantCategoryId: category.id, name })).json[0] as Created;
	}

	it('reads the upsell and sends it back whole, as JSON, with only the given fields changed', async () => {
		const course = double.addProduct({ name: 'Course' });
		const ebook = double.addProduct({ name: 'E-book' });
		const [basic, deluxe] = [await variantOf(course.id, 'Basic'), await variantOf(course.id, 'Deluxe')];
		const created = await run({
			resource: 'upsell', operation: 'create', name: 'Add-on', productId: course.id,
			options: { text: 'Take the course', description: 'Ten lessons', variantId: deluxe.id, productIds: ebook.id, discountType: 'fixed', discountAmount: 500, replaceSelectedProducts: true },
		});
		const upsellId = (created.json[0] as Created).id;
		// A version offer made in Gumroad's editor: the node has no field for it, so it must survive.
		double.store.upsells.get(upsellId).upsell_variants = [{ id: 'offer-1', selected_variant_id: basic.id, offered_variant_id: deluxe.id }];

		const renamed = await run({ resource: 'upsell', operation: 'update', upsellId, updateFields: { name: 'Course add-on', paused: true } });
		expect(renamed.status).toBe('success');
		expect(renamed.json[0]).toMatchObject({
			id: upsellId, name: 'Course add-on', paused: true, text: 'Take the course', description: 'Ten lessons', cross_sell: true, replace_selected_products: true,
			product: { id: course.id, variant: { id: deluxe.id, name: 'Deluxe' } }, discount: { type: 'fixed', cents: 500 }, selected_products: [{ id: ebook.id, name: 'E-book' }],
			upsell_variants: [{ id: 'offer-1', selected_variant: { id: basic.id }, offered_variant: { id: deluxe.id } }], amounts: { discount: { cents: 500 } },
		});
		const [read, write] = apiRequests().slice(-2);
		expect(read).toMatchObject({ method: 'GET', path: `/v2/upsells/${encodeURIComponent(upsellId)}` });
		expect(write).toMatchObject({ method: 'PUT', path: `/v2/upsells/${encodeURIComponent(upsellId)}` });
		expect(write.headers['content-type']).toMatch(/application\/json/);
		expect(write.body).toEqual({
			name: 'Course add-on', text: 'Take the course', description: 'Ten lessons', cross_sell: true, universal: false, replace_selected_products: true, paused: true,
			product_id: course.id, variant_id: deluxe.id, product_ids: [ebook.id], offer_code: { amount_cents: 500 },
			upsell_variants: [{ selected_variant_id: basic.id, offered_variant_id: deluxe.id }],
		});

		const moved = await run({ resource: 'upsell', operation: 'update', upsellId, updateFields: { productId: ebook.id, discountType: 'percent', discountAmount: 15, productIds: '', text: '' } });
		expect(moved.json[0]).toMatchObject({
			name: 'Course add-on', paused: true, product: { id: ebook.id, variant: null }, upsell_variants: [], selected_products: [], text: null, description: 'Ten lessons', discount: { type: 'percent', percents: 15 },
		});
		const plain = await run({ resource: 'upsell', operation: 'update', upsellId, updateFields: { discountType: 'none' } });
		expect(plain.json[0]).toMatchObject({ name: 'Course add-on', discount: null, amounts: {} });
	});

	it('refuses an update without fields or with an amount but no type before any request; reports an unknown upsell; names edit_products on 403', async () => {
		const none = await run({ resource: 'upsell', operation: 'update', upsellId: 'x', updateFields: {} });
		expect(none.error?.message).toBe('Update Fields: add at least one field to change (item 0)');
		const amountOnly = await run({ resource: 'upsell', operation: 'update', upsellId: 'x', updateFields: { discountAmount: 5 } });
		expect(amountOnly.error?.message).toBe('Update Fields > Discount Type: is needed with a Discount Amount (item 0)');
		const badPercent = await run({ resource: 'upsell', operation: 'update', upsellId: 'x', updateFields: { discountType: 'percent', discountAmount: 101 } });
		expect(badPercent.error?.message).toBe('Update Fields > Discount Amount: "101" is not a whole number from 1 to 100 percent (item 0)');
		expect(apiRequests()).toHaveLength(0);

		const unknown = await run({ resource: 'upsell', operation: 'update', upsellId: 'NoSuchUpsell000000000A==', updateFields: { paused: true } });
		expect(unknown.error?.message).toBe('Gumroad: The upsell was not found.');
		expect(apiRequests().map((r) => r.method)).toEqual(['GET']);

		const product = double.addProduct();
		const upsellId = ((await run({ resource: 'upsell', operation: 'create', name: 'n', productId: product.id })).json[0] as Created).id;
		await expectScopeHint({ resource: 'upsell', operation: 'update', upsellId, updateFields: { paused: true } }, /edit_products/);
		expect(apiRequests().at(-1)).toMatchObject({ method: 'PUT', status: 403 });
	});
});

describe('Gumroad node: earnings, tax forms, upcoming payouts (issue 19)', () => {
	const lastYear = new Date().getUTCFullYear() - 1;
	const TAX_TOKEN = 'gumroad-tax-data-token';

	it("gets a year's earnings with amounts, from view_tax_data alone; refuses a year that is not a number before any request", async () => {
		double.setEarnings(lastYear, { gross_cents: 3055, fees_cents: 300, taxes_cents: 180, affiliate_credit_cents: 150, net_cents: 2425 });
		double.addToken(TAX_TOKEN, { scopes: ['view_tax_data'] });
		const result = await run({ resource: 'earnings', operation: 'get', year: lastYear }, { token: TAX_TOKEN });
		expect(result.json).toEqual([{
			year: lastYear, currency: 'usd', gross_cents: 3055, fees_cents: 300, taxes_cents: 180, affiliate_credit_cents: 150, net_cents: 2425,
			amounts: {
				gross: { cents: 3055, amount: 30.55, currency: 'USD' }, fees: { cents: 300, amount: 3, currency: 'USD' }, taxes: { cents: 180, amount: 1.8, currency: 'USD' },
				affiliate_credit: { cents: 150, amount: 1.5, currency: 'USD' }, net: { cents: 2425, amount: 24.25, currency: 'USD' },
			},
		}]);
		expect(last()).toMatchObject({ method: 'GET', path: '/v2/earnings', query: { year: String(lastYear) } });

		const bad = await run({ resource: 'earnings', operation: 'get', year: '2025.5' });
		expect(bad.error?.message).toBe('Year: "2025.5" is not a whole number from 1 to 9999 (item 0)');
		expect(apiRequests()).toHaveLength(1);
	});

	it('explains a year Gumroad has no figures for, an account without the tax center, and a token without view_tax_data', async () => {
		const current = await run({ resource: 'earnings', operation: 'get', year: lastYear + 1 });
		expect(current.error).toMatchObject({ message: `Gumroad: Earnings are not available for ${lastYear + 1}.`, httpCode: '404' });
		const early = await run({ resource: 'taxForm', operation: 'getAll', filters: { year: 2019 } });
		expect(early.error?.message).toBe('Gumroad: Tax forms are not available for 2019.');

		double.seller.tax_center_enabled = false;
		const off = await run({ resource: 'earnings', operation: 'get', year: lastYear });
		expect(off.error).toMatchObject({ message: 'Gumroad: Tax center is not enabled for this account.', httpCode: '403' });
		// Not a scope problem: no scope hint for Gumroad's own refusal.
		expect(off.error?.description ?? '').not.toMatch(/scope/);

		await expectScopeHint({ resource: 'earnings', operation: 'get', year: lastYear }, /view_tax_data/);
		await expectScopeHint({ resource: 'taxForm', operation: 'getAll' }, /view_tax_data/);
	});

	it('lists the tax forms of every year, or of one', async () => {
		double.addTaxForm({ tax_year: lastYear, tax_form_type: 'us_1099_misc' });
		double.addTaxForm({ tax_year: lastYear - 1, tax_form_type: 'us_1099_k', filed_at: `${lastYear}-01-31T12:00:00Z` });
		double.addTaxForm({ tax_year: lastYear, tax_form_type: 'us_1099_k' });
		const all = await run({ resource: 'taxForm', operation: 'getAll' });
		expect(all.json).toEqual([
			{ tax_year: lastYear - 1, tax_form_type: 'us_1099_k', filed_at: `${lastYear}-01-31T12:00:00Z` },
			{ tax_year: lastYear, tax_form_type: 'us_1099_k', filed_at: null },
			{ tax_year: lastYear, tax_form_type: 'us_1099_misc', filed_at: null },
		]);
		expect(last().query).toEqual({});
		const one = await run({ resource: 'taxForm', operation: 'getAll', filters: { year: lastYear - 1 } });
		expect(one.json.map((f) => f.tax_year)).toEqual([lastYear - 1]);
		expect(last()).toMatchObject({ path: '/v2/tax_forms', query: { year: String(lastYear - 1) } });
	});

	it('gets the upcoming payouts typed like payouts, with or without sales and transactions; names view_payouts on 403', async () => {
		const transactions = [{ type: 'Sale', date: '2026-01-04', purchase_id: 'A-m3CDDC5dlrSdKZp0RFhA==', sale_price: 200, gumroad_fees: 26.6, net_total: 173.4 }];
		double.setUpcomingPayouts([
			{ amount_cents: 15_000, payout_date: '2026-01-15', sales: ['A-m3CDDC5dlrSdKZp0RFhA=='], transactions },
			{ amount_cents: 27_550, payout_date: '2026-01-22' },
		]);
		const result = await run({ resource: 'payout', operation: 'getUpcoming' });
		expect(result.json).toEqual([
			expect.objectContaining({ id: null, upcoming: true, amount: '150.00', created_at: '2026-01-15T00:00:00Z', sales: ['A-m3CDDC5dlrSdKZp0RFhA=='], amounts: { amount: { cents: 15_000, amount: 150, currency: 'USD' } } }),
			expect.objectContaining({ id: null, upcoming: true, amount: '275.50', refunded_sales: [] }),
		]);
		expect(result.json[0]).not.toHaveProperty('transactions');
		expect(last()).toMatchObject({ method: 'GET', path: '/v2/payouts/upcoming', query: {} });

		const detailed = await run({ resource: 'payout', operation: 'getUpcoming', options: { includeSales: false, includeTransactions: true } });
		expect(last().query).toEqual({ include_sales: 'false', include_transactions: 'true' });
		expect(detailed.json[0]).toMatchObject({ transactions });
		expect(detailed.json[0]).not.toHaveProperty('sales');
		await expectScopeHint({ resource: 'payout', operation: 'getUpcoming' }, /view_payouts/);
	});
});

describe('Gumroad node: tax form download (issue 19)', () => {
	const lastYear = new Date().getUTCFullYear() - 1;
	const download = (parameters: INodeParameters = {}, token?: string) =>
		run({ resource: 'taxForm', operation: 'download', year: lastYear, taxFormType: 'us_1099_misc', ...parameters }, { token });
	/** PDF bytes that are not UTF-8: text decoding anywhere on the way would change them. */
	const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0x00, 0xff, 0xfe, 0x80, 0xe2]), Buffer.from('\n1 0 obj\n%%EOF\n')]);

	it('outputs the PDF, intact, as binary data in the field asked for, with year, type and Gumroad\'s file name', async () => {
		double.addTaxForm({ tax_year: lastYear, tax_form_type: 'us_1099_misc', pdf });
		const result = await download({ binaryPropertyName: 'taxForm' });
		expect(result.status).toBe('success');
		const [item] = result.output[0];
		expect(item.json).toEqual({ tax_year: lastYear, tax_form_type: 'us_1099_misc', file_name: `1099-MISC-${lastYear}.pdf`, file_size: pdf.length });
		expect(item.binary?.taxForm).toMatchObject({ fileName: `1099-MISC-${lastYear}.pdf`, mimeType: 'application/pdf', fileExtension: 'pdf' });
		expect(Buffer.from(item.binary!.taxForm.data, 'base64')).toEqual(pdf);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(last()).toMatchObject({ method: 'GET', path: `/v2/tax_forms/${lastYear}/us_1099_misc/download`, status: 200 });
	});

	it('follows a redirect to storage without the token', async () => {
		double.addTaxForm({ tax_year: lastYear, tax_form_type: 'us_1099_k', pdf });
		double.store.taxFormRedirect = true;
		const result = await download({ taxFormType: 'us_1099_k' });
		expect(result.status).toBe('success');
		expect(Buffer.from(result.output[0][0].binary!.data.data, 'base64')).toEqual(pdf);
		const [api, storage] = double.requests;
		expect(api).toMatchObject({ path: `/v2/tax_forms/${lastYear}/us_1099_k/download`, status: 302 });
		expect(api.headers.authorization).toBeDefined();
		expect(storage).toMatchObject({ path: `/s3-tax-forms/${lastYear}/us_1099_k`, status: 200 });
		expect(storage.headers.authorization).toBeUndefined();
		expect(JSON.stringify(storage.query)).not.toContain(FULL_TOKEN);
	});

	it("reports a form the account does not have (404, Gumroad's message), names view_tax_data on 403, keeps going with Continue On Fail", async () => {
		const unknown = await download();
		expect(unknown.error).toMatchObject({ message: 'Gumroad: Tax form not found.', httpCode: '404' });
		const early = await download({ year: 2019 });
		expect(early.error).toMatchObject({ message: 'Gumroad: Tax form not found.', httpCode: '404' });
		await expectScopeHint({ resource: 'taxForm', operation: 'download', year: lastYear, taxFormType: 'us_1099_k' }, /view_tax_data/);

		double.addTaxForm({ tax_year: lastYear, tax_form_type: 'us_1099_k' });
		const result = await run(
			{ resource: 'taxForm', operation: 'download', year: '={{ $json.year }}', taxFormType: 'us_1099_k' },
			{ items: [{ year: lastYear - 1 }, { year: lastYear }, { year: 'last' }], continueOnFail: true },
		);
		expect(result.output[0].map((item) => [item.pairedItem, item.json.error ?? item.json.file_name, Boolean(item.binary)])).toEqual([
			[{ item: 0 }, 'Gumroad: Tax form not found.', false],
			[{ item: 1 }, `1099-K-${lastYear}.pdf`, true],
			[{ item: 2 }, 'Year: "last" is not a whole number from 1 to 9999 (item 2)', false],
		]);
		expect(Buffer.from(result.output[0][1].binary!.data.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
	});
});

describe('Gumroad node: file upload (issue 19)', () => {
	const fileItem = (text: string, fileName?: string) => ({
		json: {},
		binary: { data: { data: Buffer.from(text).toString('base64'), mimeType: 'application/pdf', ...(fileName ? { fileName } : {}) } },
	});
	async function upload(parameters: INodeParameters, text: string, fileName?: string, token?: string) {
		return await runNode({
			node: new Gumroad(),
			parameters: { authentication: 'gumroadAccessTokenApi', resource: 'file', operation: 'upload', ...parameters },
			credentials: { gumroadAccessTokenApi: { accessToken: token ?? FULL_TOKEN, baseUrl: double.url } },
			credentialTypes,
			inputItems: [fileItem(text, fileName)],
		});
	}
	const storage = () => double.requests.filter((r) => r.path.startsWith('/s3-uploads/'));

	it('presigns, PUTs each part to its URL without the token, and completes with the ETags as JSON: the file_url to attach', async () => {
		double.store.uploadPartSize = 10;
		const text = 'A course of 25 bytes long.';
		const result = await upload({}, text, 'course.pdf');
		expect(result.status).toBe('success');
		const key = result.json[0].key as string;
		expect(result.json).toEqual([{ file_url: `https://gumroad-specials.s3.amazonaws.com/${key}`, key, file_name: 'course.pdf', file_size: text.length, parts: 3 }]);
		expect(key).toMatch(new RegExp(`^attachments/${double.seller.user_id}/[0-9a-f]{32}/original/course\\.pdf$`));

		const [presign, complete] = apiRequests();
		expect(presign).toMatchObject({ method: 'POST', path: '/v2/files/presign', body: { filename: 'course.pdf', file_size: String(text.length) } });
		expect(storage().map((r) => [r.method, r.path.split('/').pop(), r.headers.authorization])).toEqual([['PUT', '1', undefined], ['PUT', '2', undefined], ['PUT', '3', undefined]]);
		expect(complete).toMatchObject({ method: 'POST', path: '/v2/files/complete' });
		expect(complete.headers['content-type']).toMatch(/application\/json/);
		const stored = [...double.store.uploads.values()][0];
		expect(complete.body.parts).toEqual([1, 2, 3].map((n) => ({ part_number: n, etag: stored.parts.get(n).etag })));
		expect(stored).toMatchObject({ state: 'completed', content: text });
	});

	it('aborts the upload when the storage refuses a part, and completes nothing', async () => {
		double.store.uploadPartSize = 4;
		double.store.refuseUploadPart = 2;
		const result = await upload({ options: { fileName: 'notes.txt' } }, 'twelve bytes', 'ignored.pdf');
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe("Gumroad's file storage did not take part 2 of the upload: HTTP 403");
		expect(apiRequests().map((r) => r.path)).toEqual(['/v2/files/presign', '/v2/files/abort', '/v2/files/abort']);
		expect(apiRequests()[0].body).toMatchObject({ filename: 'notes.txt' });
		expect([...double.store.uploads.values()][0].state).toBe('aborted');
	});

	it('refuses a missing binary field or file name before any request, an empty file; names edit_products on 403', async () => {
		const missing = await upload({ binaryPropertyName: 'attachment' }, 'x', 'a.pdf');
		expect(missing.error?.message).toMatch(/attachment/);
		const unnamed = await upload({}, 'x');
		expect(unnamed.error?.message).toBe('Options > File Name: is required: the binary data has no file name (item 0)');
		const empty = await upload({}, '', 'empty.pdf');
		expect(empty.error?.message).toBe('Input Binary Field: "data" is an empty file (item 0)');
		expect(apiRequests()).toHaveLength(0);
		const refused = await upload({}, 'some bytes', 'a.pdf', VIEW_SALES_TOKEN);
		expect(refused.error).toMatchObject({ httpCode: '403' });
		expect(refused.error?.description).toMatch(/edit_products/);
		expect(storage()).toHaveLength(0);
	});
});

describe('Gumroad node: product files (issue 19)', () => {
	/** File > Upload of `text` as `fileName`; its output item carries the `file_url` to attach. */
	async function uploaded(text: string, fileName: string) {
		const result = await runNode({
			node: new Gumroad(),
			parameters: { authentication: 'gumroadAccessTokenApi', resource: 'file', operation: 'upload' },
			credentials: { gumroadAccessTokenApi: { accessToken: FULL_TOKEN, baseUrl: double.url } },
			credentialTypes,
			inputItems: [{ json: {}, binary: { data: { data: Buffer.from(text).toString('base64'), mimeType: 'application/pdf', fileName } } }],
		});
		expect(result.status).toBe('success');
		return result.json[0] as IDataObject & { file_url: string };
	}
	const fromUpload = { file: [{ url: '={{ $json.file_url }}', display_name: '={{ $json.display }}' }] };
	const productFiles = (product: IDataObject) => (product.files as IDataObject[]).map((f) => [f.name, f.size, f.filetype, f.filegroup]);

	it('attaches an uploaded file on create: Upload, then Create with its file_url; the product lists the file', async () => {
		const upload = await uploaded('A guide of 24 bytes long', 'guide.pdf');
		const result = await run({ resource: 'product', operation: 'create', name: 'Guide', price: 900, additionalFields: { files: fromUpload } }, { items: [{ ...upload, display: 'The Guide' }] });
		expect(result.status).toBe('success');
		const product = result.json[0] as Created;
		expect(productFiles(product)).toEqual([['The Guide', 24, 'pdf', 'document']]);
		expect((product.files as IDataObject[])[0].url).toMatch(/^https:\/\/gumroad-specials\.s3\.amazonaws\.com\/attachments\/.+\?X-Amz-Expires=/);
		expect(last()).toMatchObject({ method: 'POST', path: '/v2/products', body: { name: 'Guide', price: 900, files: [{ url: upload.file_url, display_name: 'The Guide' }] } });
		expect(last().headers['content-type']).toMatch(/application\/json/);
		const read = await run({ resource: 'product', operation: 'get', productId: product.id });
		expect(productFiles(read.json[0])).toEqual([['The Guide', 24, 'pdf', 'document']]);
	});

	it("update adds files and keeps the product's others (sent by ID: Gumroad replaces the list), renames one by its URL, or replaces them all", async () => {
		const first = await uploaded('first file', 'first.pdf');
		const product = (await run({ resource: 'product', operation: 'create', name: 'Pack', price: 100, additionalFields: { files: { file: [{ url: first.file_url }] } } })).json[0] as Created;
		const firstId = (product.files as IDataObject[])[0].id as string;
		expect(productFiles(product)).toEqual([['first', 10, 'pdf', 'document']]);

		const second = await uploaded('second file!', 'second.zip');
		const added = await run({ resource: 'product', operation: 'update', productId: product.id, updateFields: { files: fromUpload } }, { items: [{ ...second, display: 'Bonus' }] });
		expect(productFiles(added.json[0])).toEqual([['first', 10, 'pdf', 'document'], ['Bonus', 12, 'zip', 'archive']]);
		const [read, put] = apiRequests().slice(-2);
		expect(read).toMatchObject({ method: 'GET', path: `/v2/products/${encodeURIComponent(product.id)}` });
		expect(put.body).toEqual({ files: [{ id: firstId }, { url: second.file_url, display_name: 'Bonus' }] });

		const renamed = await run({ resource: 'product', operation: 'update', productId: product.id, updateFields: { files: { file: [{ id: firstId, url: first.file_url, display_name: 'Chapter 1', description: 'The start' }] } } });
		expect(productFiles(renamed.json[0])).toEqual([['Bonus', 12, 'zip', 'archive'], ['Chapter 1', 10, 'pdf', 'document']]);

		const replaced = await run({ resource: 'product', operation: 'update', productId: product.id, updateFields: { files: { file: [{ id: firstId }] }, remove_other_files: true, name: 'Pack 2' } });
		expect(replaced.json[0]).toMatchObject({ name: 'Pack 2' });
		expect(productFiles(replaced.json[0])).toEqual([['Chapter 1', 10, 'pdf', 'document']]);
		expect(last().body).toEqual({ name: 'Pack 2', files: [{ id: firstId }] });

		const cleared = await run({ resource: 'product', operation: 'update', productId: product.id, updateFields: { remove_other_files: true } });
		expect(cleared.json[0].files).toEqual([]);
		expect(last().body).toEqual({ files: [] });
	});

	it("refuses an entry without URL or ID and a change to a file without its URL before any request; reports Gumroad's refusals", async () => {
		const product = double.addProduct({ name: 'Ebook' });
		const noUrl = await run({ resource: 'product', operation: 'create', name: 'X', price: 100, additionalFields: { files: { file: [{ display_name: 'x' }] } } });
		expect(noUrl.error?.message).toBe('Files > File 1 > File URL: is required: the file_url of File > Upload (item 0)');
		const notUrl = await run({ resource: 'product', operation: 'update', productId: product.id, updateFields: { files: { file: [{ url: 'guide.pdf' }] } } });
		expect(notUrl.error?.message).toBe('Files > File 1 > File URL: "guide.pdf" is not a URL (item 0)');
		const rename = await run({ resource: 'product', operation: 'update', productId: product.id, updateFields: { files: { file: [{ id: 'abc', display_name: 'New' }] } } });
		expect(rename.error?.message).toMatch(/^Files > File 1 > File URL: is required to change the name or description of a file the product has/);
		expect(apiRequests()).toHaveLength(0);

		const foreign = await run({ resource: 'product', operation: 'create', name: 'X', price: 100, additionalFields: { files: { file: [{ url: 'https://example.com/guide.pdf' }] } } });
		expect(foreign.error?.message).toBe('Gumroad: File URLs must reference your own uploaded files. Use the presigned upload endpoint to upload files first.');
		const unknownId = await run({ resource: 'product', operation: 'update', productId: product.id, updateFields: { files: { file: [{ id: 'NoSuchFile' }] }, remove_other_files: true } });
		expect(unknownId.error?.message).toBe('Gumroad: Each files entry must reference an existing file by id or include a url for a new file uploaded via POST /v2/files/complete.');
	});
});

describe('Gumroad node description', () => {
	it('lists every resource and operation, with the original defaults kept', () => {
		const properties = new Gumroad().description.properties;
		const resource = properties.find((p) => p.name === 'resource')!;
		expect(resource.options?.map((o) => (o as { value: string }).value)).toEqual([
			'customField', 'earnings', 'email', 'file', 'license', 'offerCode', 'payout', 'product', 'sale', 'sku', 'subscriber', 'taxForm', 'upsell', 'user', 'variant', 'variantCategory',
		]);
		const operations = Object.fromEntries(
			properties
				.filter((p) => p.name === 'operation')
				.map((p) => [p.displayOptions?.show?.resource?.[0], { default: p.default, values: p.options?.map((o) => (o as { value: string }).value).sort() }]),
		);
		expect(operations.sale).toEqual({ default: 'getAll', values: ['export', 'get', 'getAll', 'getSummary', 'markAsShipped', 'refund', 'resendReceipt'] });
		expect(operations.product).toEqual({ default: 'getAll', values: ['create', 'delete', 'disable', 'enable', 'get', 'getAll', 'update'] });
		expect(operations.subscriber).toEqual({ default: 'getAll', values: ['get', 'getAll'] });
		expect(operations.payout).toEqual({ default: 'getAll', values: ['get', 'getAll', 'getUpcoming'] });
		expect(operations.earnings).toEqual({ default: 'get', values: ['get'] });
		expect(operations.taxForm).toEqual({ default: 'getAll', values: ['download', 'getAll'] });
		expect(operations.file).toEqual({ default: 'upload', values: ['upload'] });
		expect(operations.user).toEqual({ default: 'get', values: ['get', 'update'] });
		expect(operations.sku).toEqual({ default: 'getAll', values: ['getAll'] });
		expect(operations.upsell).toEqual({ default: 'getAll', values: ['create', 'delete', 'get', 'getAll', 'update'] });
		expect(operations.email).toEqual({ default: 'getAll', values: ['create', 'delete', 'get', 'getAll', 'preview', 'schedule', 'send', 'unschedule'] });
		expect(operations.license).toEqual({ default: 'verify', values: ['decrementUsesCount', 'disable', 'enable', 'rotate', 'verify'] });
		expect(operations.offerCode).toEqual({ default: 'getAll', values: ['create', 'delete', 'get', 'getAll', 'update'] });
		expect(operations.customField).toEqual({ default: 'getAll', values: ['create', 'delete', 'getAll', 'update'] });
		for (const name of ['variantCategory', 'variant']) expect(operations[name]).toEqual({ default: 'getAll', values: ['create', 'delete', 'get', 'getAll', 'update'] });
	});
});
