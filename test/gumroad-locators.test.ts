import type { INodeParameterResourceLocator, INodeParameters, INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { Gumroad } from '../nodes/Gumroad/Gumroad.node';
import { gumroadOfFile } from './gumroad/setup';

const file = gumroadOfFile();
const { run, search } = file;

const byId = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'id', value });
const fromList = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'list', value, cachedResultName: 'picked' });
const apiRequests = () => file.double.requests.filter((r) => r.path.startsWith('/v2/'));
const last = () => apiRequests().at(-1);

function addOfferCode(productId: string, code: string, off: { percent?: number; cents?: number }) {
	const id = `${code.padEnd(22, 'x')}==`;
	file.double.store.offerCodes.set(id, {
		id, code, universal: false, product_ids: [productId], amount_percentage: off.percent ?? null, amount_cents: off.cents ?? null,
		max_purchase_count: null, minimum_amount_cents: null, currency_type: off.cents ? 'usd' : null, times_used: 0, deleted: false,
	});
	return id;
}

function addVariantCategory(productId: string, title: string) {
	const id = `${title.padEnd(22, 'c')}==`;
	file.double.store.variantCategories.set(id, { id, title, product_id: productId, deleted: false });
	return id;
}

describe('Gumroad node 1.3: the description', () => {
	const { properties } = new Gumroad().description;
	const of = (resource: string, operation: string, name: string) =>
		properties.filter((p) => p.name === name && p.displayOptions?.show?.resource?.includes(resource) && p.displayOptions.show.operation?.includes(operation));

	it.each([
		['sale', 'refund', 'saleId', 'Sale', 'searchSales'],
		['offerCode', 'delete', 'offerCodeId', 'Offer Code', 'searchOfferCodes'],
		['variantCategory', 'update', 'variantCategoryId', 'Variant Category', 'searchVariantCategories'],
		['variant', 'getAll', 'variantCategoryId', 'Variant Category', 'searchVariantCategories'],
		['subscriber', 'get', 'subscriberId', 'Subscriber', 'searchSubscribers'],
		['license', 'verify', 'productId', 'Product', 'searchProducts'],
		['license', 'rotate', 'productId', 'Product', 'searchProducts'],
		['sale', 'export', 'productId', 'Product', 'searchProducts'],
		['upsell', 'create', 'productId', 'Offered Product', 'searchProducts'],
	])('%s > %s: %s is a text field before 1.3 and the %s locator (From List, By ID) from 1.3', (resource, operation, name, label, method) => {
		const [text, locator] = of(resource, operation, name);
		expect(text.type).toBe('string');
		expect(text.displayOptions?.show?.['@version']).toEqual([{ _cnd: { lt: 1.3 } }]);
		expect(locator).toMatchObject({ type: 'resourceLocator', displayName: label, default: { mode: 'list', value: '' } });
		expect(locator.displayOptions?.show?.['@version']).toEqual([{ _cnd: { gte: 1.3 } }]);
		expect(locator.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
		expect(locator.modes?.[0].typeOptions?.searchListMethod).toBe(method);
		expect(locator.modes?.[1].validation).toHaveLength(1);
	});

	it('keeps the e-mail audience condition, and splits the collections holding a product by version', () => {
		// Gumroad finds an e-mail's product by permalink too: the Product locator of paths, with By URL.
		const [text, audienceProduct] = of('email', 'create', 'productId');
		expect(text.displayOptions?.show).toMatchObject({ audience: ['product'], '@version': [{ _cnd: { lt: 1.3 } }] });
		expect(audienceProduct.displayOptions?.show).toMatchObject({ audience: ['product'], '@version': [{ _cnd: { gte: 1.3 } }] });
		expect(audienceProduct.modes?.map((mode) => mode.name)).toEqual(['list', 'id', 'url']);
		for (const [resource, operation, name, option, label] of [
			['sale', 'getAll', 'filters', 'product_id', 'Product'],
			['upsell', 'update', 'updateFields', 'productId', 'Offered Product'],
		]) {
			const [before, from] = of(resource, operation, name);
			const optionOf = (collection: INodeProperties) => (collection.options as INodeProperties[]).find((o) => o.name === option);
			expect(before.displayOptions?.show?.['@version']).toEqual([{ _cnd: { lt: 1.3 } }]);
			expect(optionOf(before)?.type).toBe('string');
			expect(from.displayOptions?.show?.['@version']).toEqual([{ _cnd: { gte: 1.3 } }]);
			expect(optionOf(from)).toMatchObject({ type: 'resourceLocator', displayName: label });
		}
	});
});

describe('Gumroad node 1.3: list searches', () => {
	it('lists the sales of a buyer by e-mail (Gumroad filter), else the newest, a page at a time', async () => {
		const ebook = file.double.addProduct({ name: 'The Maker E-book' });
		const ada = file.double.addSale({ product_id: ebook.id, email: 'ada@example.com', created_at: '2026-03-14T16:22:05Z' });
		file.double.seedSales(11, { email: 'other@example.com' });
		const byEmail = await search('searchSales', { resource: 'sale', operation: 'get' }, ' Ada@Example.com ');
		expect(byEmail.results).toEqual([{ name: 'ada@example.com – The Maker E-book – 2026-03-14', value: ada.id, description: ada.formatted_display_price }]);
		expect(byEmail.paginationToken).toBeUndefined();
		expect(last()).toMatchObject({ method: 'GET', path: '/v2/sales', query: { email: 'Ada@Example.com' } });

		const newest = await search('searchSales', { resource: 'sale', operation: 'get' });
		expect(newest.results).toHaveLength(10);
		expect(newest.results.every((result) => String(result.name).startsWith('other@example.com – '))).toBe(true);
		expect(newest.paginationToken).toEqual(expect.any(String));
		const next = await search('searchSales', { resource: 'sale', operation: 'get' }, undefined, newest.paginationToken as string);
		expect(next.results.map((result) => result.value)).toContain(ada.id);
		expect(last()?.query).toMatchObject({ page_key: newest.paginationToken });
		// Text that is not a whole e-mail narrows the page listed.
		const narrowed = await search('searchSales', { resource: 'sale', operation: 'get' }, 'ADA@', newest.paginationToken as string);
		expect(narrowed.results.map((result) => result.value)).toEqual([ada.id]);
	});

	it("lists the chosen product's offer codes, variant categories and subscribers, filtered", async () => {
		const course = file.double.addProduct({ name: 'Course', subscription_duration: 'monthly' });
		const other = file.double.addProduct({ name: 'Other' });
		const summer = addOfferCode(course.id, 'SUMMER', { percent: 20 });
		const fiver = addOfferCode(course.id, 'FIVER', { cents: 500 });
		addOfferCode(other.id, 'ELSEWHERE', { percent: 5 });
		const size = addVariantCategory(course.id, 'Size');
		addVariantCategory(course.id, 'Colour');
		addVariantCategory(other.id, 'Format');
		const member = file.double.addSubscriber({ product_id: course.id, email: 'member@example.com', created_at: '2026-02-01T00:00:00Z' });
		file.double.addSubscriber({ product_id: course.id, email: 'fan@example.com' });
		file.double.addSubscriber({ product_id: other.id, email: 'member@example.com' });

		const codes = await search('searchOfferCodes', { resource: 'offerCode', operation: 'get', productId: fromList(course.id) });
		expect(codes.results).toEqual([
			{ name: 'SUMMER', value: summer, description: '20% off' },
			{ name: 'FIVER', value: fiver, description: '5.00 off' },
		]);
		expect(last()).toMatchObject({ method: 'GET', path: `/v2/products/${encodeURIComponent(course.id)}/offer_codes` });
		expect((await search('searchOfferCodes', { resource: 'offerCode', operation: 'get', productId: byId(course.id) }, 'summ')).results.map((r) => r.value)).toEqual([summer]);

		const byUrl = { __rl: true, mode: 'url', value: course.short_url };
		const categories = await search('searchVariantCategories', { resource: 'variantCategory', operation: 'get', productId: byUrl }, 'SIZE');
		expect(categories.results).toEqual([{ name: 'Size', value: size }]);
		expect(last()).toMatchObject({ method: 'GET', path: `/v2/products/${course.unique_permalink}/variant_categories` });

		const subscribers = await search('searchSubscribers', { resource: 'subscriber', operation: 'get', productId: fromList(course.id) }, 'member@example.com');
		expect(subscribers.results).toEqual([{ name: 'member@example.com – monthly – since 2026-02-01', value: member.id, description: 'alive' }]);
		expect(last()).toMatchObject({ path: `/v2/products/${encodeURIComponent(course.id)}/subscribers`, query: { paginated: 'true', email: 'member@example.com' } });
		expect((await search('searchSubscribers', { resource: 'subscriber', operation: 'get', productId: fromList(course.id) }, 'FAN')).results).toHaveLength(1);
	});

	it('asks for a Product first, without a request', async () => {
		const before = apiRequests().length;
		await expect(search('searchOfferCodes', { resource: 'offerCode', operation: 'get', productId: fromList('') })).rejects.toThrow(/Choose a Product first .*offer codes/);
		await expect(search('searchVariantCategories', { resource: 'variant', operation: 'getAll', productId: byId('a/b') })).rejects.toThrow(/Choose a Product first/);
		await expect(search('searchSubscribers', { resource: 'subscriber', operation: 'get' })).rejects.toThrow(/Choose a Product first .*subscribers/);
		expect(apiRequests().length).toBe(before);
	});
});

describe('Gumroad node 1.3: values reach the request', () => {
	it('a sale, offer code, variant category and subscriber from the list, by ID or from an expression go in the path', async () => {
		const product = file.double.addProduct({ name: 'Course' });
		const sale = file.double.addSale({ product_id: product.id });
		const code = addOfferCode(product.id, 'SUMMER', { percent: 20 });
		const category = addVariantCategory(product.id, 'Size');
		const subscriber = file.double.addSubscriber({ product_id: product.id });
		const picked = fromList(product.id);
		const cases: Array<[INodeParameters, string]> = [
			[{ resource: 'sale', operation: 'get', saleId: fromList(sale.id) }, `GET /v2/sales/${encodeURIComponent(sale.id)}`],
			[{ resource: 'sale', operation: 'get', saleId: byId('={{ $json.sale }}') }, `GET /v2/sales/${encodeURIComponent(sale.id)}`],
			[{ resource: 'sale', operation: 'get', saleId: '={{ $json.sale }}' }, `GET /v2/sales/${encodeURIComponent(sale.id)}`],
			[{ resource: 'sale', operation: 'resendReceipt', saleId: byId(sale.id) }, `POST /v2/sales/${encodeURIComponent(sale.id)}/resend_receipt`],
			[{ resource: 'offerCode', operation: 'get', productId: picked, offerCodeId: fromList(code) }, `GET /v2/products/${encodeURIComponent(product.id)}/offer_codes/${encodeURIComponent(code)}`],
			[{ resource: 'variantCategory', operation: 'get', productId: picked, variantCategoryId: byId(category) }, `GET /v2/products/${encodeURIComponent(product.id)}/variant_categories/${encodeURIComponent(category)}`],
			[{ resource: 'variant', operation: 'getAll', productId: picked, variantCategoryId: fromList(category), returnAll: true }, `GET /v2/products/${encodeURIComponent(product.id)}/variant_categories/${encodeURIComponent(category)}/variants`],
			[{ resource: 'subscriber', operation: 'get', productId: picked, subscriberId: fromList(subscriber.id) }, `GET /v2/subscribers/${encodeURIComponent(subscriber.id)}`],
			[{ resource: 'subscriber', operation: 'get', subscriberId: byId('={{ $json.subscriber }}') }, `GET /v2/subscribers/${encodeURIComponent(subscriber.id)}`],
		];
		for (const [parameters, request] of cases) {
			const result = await run(parameters, { items: [{ sale: sale.id, subscriber: subscriber.id }] });
			expect(result.status, JSON.stringify(parameters)).toBe('success');
			expect(`${last()?.method} ${last()?.path}`).toBe(request);
		}
		// As an AI Agent tool: n8n resolves `$fromAI` from the tool call's arguments (here, the item).
		const fromAi = await run({ resource: 'sale', operation: 'get', saleId: byId("={{ $fromAI('sale_id', 'The sale') }}") }, { items: [{ sale_id: sale.id }] });
		expect(fromAi.json[0]).toMatchObject({ id: sale.id });
		const resent = await run({ resource: 'sale', operation: 'resendReceipt', saleId: fromList(sale.id) });
		expect(resent.json).toEqual([{ sale_id: sale.id, receipt_resent: true }]);
	});

	it('a product picked for a query or form is sent as its ID', async () => {
		const ebook = file.double.addProduct({ name: 'E-book' });
		const course = file.double.addProduct({ name: 'Course' });
		const sale = file.double.addSale({ product_id: ebook.id });
		file.double.addSale({ product_id: course.id });

		const sales = await run({ resource: 'sale', operation: 'getAll', returnAll: false, limit: 5, filters: { product_id: fromList(ebook.id) } });
		expect(sales.json.map((s) => s.id)).toEqual([sale.id]);
		expect(last()?.query).toMatchObject({ product_id: ebook.id });
		await run({ resource: 'sale', operation: 'export', productId: byId('={{ $json.product }}') }, { items: [{ product: ebook.id }] });
		expect(last()).toMatchObject({ method: 'POST', path: '/v2/sales/exports', body: { product_id: ebook.id } });
		await run({ resource: 'license', operation: 'verify', productId: fromList(ebook.id), licenseKey: 'AAAAAAAA-BBBBBBBB-CCCCCCCC-DDDDDDDD' });
		expect(last()).toMatchObject({ method: 'POST', path: '/v2/licenses/verify', body: { product_id: ebook.id } });
		await run({ resource: 'license', operation: 'enable', productId: byId(ebook.id), licenseKey: 'AAAAAAAA-BBBBBBBB-CCCCCCCC-DDDDDDDD' });
		expect(last()).toMatchObject({ method: 'PUT', path: '/v2/licenses/enable', body: { product_id: ebook.id } });
		const email = await run({ resource: 'email', operation: 'create', body: '<p>Hi</p>', audience: 'product', productId: fromList(ebook.id) });
		expect(email.status).toBe('success');
		expect(last()).toMatchObject({ method: 'POST', path: '/v2/emails', body: { audience: 'product', product_id: ebook.id } });
		const byUrl = await run({ resource: 'email', operation: 'create', body: '<p>Hi</p>', audience: 'product', productId: { __rl: true, mode: 'url', value: ebook.short_url } });
		expect(byUrl.json[0]).toMatchObject({ product_id: ebook.id });
		expect(last()?.body).toMatchObject({ product_id: ebook.unique_permalink });
		const upsell = await run({ resource: 'upsell', operation: 'create', name: 'Add-on', productId: fromList(ebook.id) });
		expect(last()).toMatchObject({ method: 'POST', path: '/v2/upsells', body: { product_id: ebook.id } });
		const moved = await run({ resource: 'upsell', operation: 'update', upsellId: String(upsell.json[0].id), updateFields: { productId: byId(course.id) } });
		expect(moved.status).toBe('success');
		expect(last()).toMatchObject({ method: 'PUT', body: { product_id: course.id } });
		// An export without a product filters nothing.
		await run({ resource: 'sale', operation: 'export', productId: fromList('') });
		expect(last()).toMatchObject({ method: 'POST', path: '/v2/sales/exports' });
		expect(last()?.body ?? {}).toEqual({});
	});

	it('refuses a malformed ID from an expression, naming the field and item, before any request', async () => {
		const product = file.double.addProduct({ name: 'Course' });
		const cases: Array<[INodeParameters, string]> = [
			[{ resource: 'sale', operation: 'refund', saleId: byId('={{ $json.id }}') }, 'Sale: "a/b" is not a Gumroad ID (letters, digits, "_", "-" and "=") (item 1)'],
			[{ resource: 'offerCode', operation: 'delete', productId: fromList(product.id), offerCodeId: byId('={{ $json.id }}') }, 'Offer Code: "a/b" is not a Gumroad ID (letters, digits, "_", "-" and "=") (item 1)'],
			[{ resource: 'variantCategory', operation: 'delete', productId: fromList(product.id), variantCategoryId: fromList('={{ $json.id }}') }, 'Variant Category: "a/b" is not a Gumroad ID (letters, digits, "_", "-" and "=") (item 1)'],
			[{ resource: 'subscriber', operation: 'get', subscriberId: '={{ $json.id }}' }, 'Subscriber: "a/b" is not a Gumroad ID (letters, digits, "_", "-" and "=") (item 1)'],
			[
				{ resource: 'license', operation: 'disable', productId: byId('={{ $json.product }}'), licenseKey: 'k' },
				'Product: "my-ebook" is not a Gumroad product ID (22 characters and "=="; a permalink does not work here) (item 1)',
			],
			[
				{ resource: 'sale', operation: 'getAll', filters: { product_id: byId('={{ $json.product }}') } },
				'Filters > Product: "my-ebook" is not a Gumroad product ID (22 characters and "=="; a permalink does not work here) (item 1)',
			],
			[{ resource: 'sale', operation: 'get', saleId: fromList('={{ $json.missing }}') }, 'Sale: is required and must not be empty (item 0)'],
		];
		const items = [{ id: 'G_-mnBf9b1j9A7a4ub4nFQ==', product: product.id }, { id: 'a/b', product: 'my-ebook' }];
		for (const [parameters, message] of cases) {
			const result = await run(parameters, { items });
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(message);
		}
		// A value typed in (not an expression) is already refused by n8n's check of the workflow.
		await expect(run({ resource: 'sale', operation: 'get', saleId: byId('a b') })).rejects.toThrow(/Not a Gumroad ID/);
		await expect(run({ resource: 'license', operation: 'verify', productId: byId('my-ebook'), licenseKey: 'k' })).rejects.toThrow(/a permalink does not work here/);
		expect(apiRequests()).toHaveLength(0);
	});
});

describe('Gumroad node 1.2 workflows run unchanged', () => {
	it('reads the text Sale ID, offer code, subscriber and a product sent in a form as typed', async () => {
		const product = file.double.addProduct({ name: 'Course' });
		const sale = file.double.addSale({ product_id: product.id });
		const code = addOfferCode(product.id, 'SUMMER', { percent: 20 });
		const subscriber = file.double.addSubscriber({ product_id: product.id });
		const cases: Array<[INodeParameters, string]> = [
			[{ resource: 'sale', operation: 'get', saleId: ` ${sale.id} ` }, `GET /v2/sales/${encodeURIComponent(sale.id)}`],
			[{ resource: 'offerCode', operation: 'get', productId: fromList(product.id), offerCodeId: code }, `GET /v2/products/${encodeURIComponent(product.id)}/offer_codes/${encodeURIComponent(code)}`],
			[{ resource: 'subscriber', operation: 'get', subscriberId: subscriber.id }, `GET /v2/subscribers/${encodeURIComponent(subscriber.id)}`],
		];
		for (const [parameters, request] of cases) {
			const result = await run(parameters, { typeVersion: 1.2 });
			expect(result.status, JSON.stringify(parameters)).toBe('success');
			expect(`${last()?.method} ${last()?.path}`).toBe(request);
		}
		// 1.2 sends a product of a form as typed, even a permalink, and a sales filter too.
		await run({ resource: 'license', operation: 'verify', productId: 'my-ebook', licenseKey: 'k' }, { typeVersion: 1.2 });
		expect(last()?.body).toMatchObject({ product_id: 'my-ebook' });
		await run({ resource: 'sale', operation: 'getAll', filters: { product_id: ` ${product.id} ` } }, { typeVersion: 1.2 });
		expect(last()?.query).toMatchObject({ product_id: product.id });
		const empty = await run({ resource: 'sale', operation: 'get', saleId: '={{""}}' }, { typeVersion: 1.2 });
		expect(empty.error?.message).toBe('Sale ID: is required and must not be empty (item 0)');
	});
});
