import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { Gumroad } from '../nodes/Gumroad/Gumroad.node';
import { gumroadOfFile } from './gumroad/setup';

const file = gumroadOfFile();
const { run } = file;

const apiRequests = () => file.double.requests.filter((r) => r.path.startsWith('/v2/'));
const locator = (mode: string, value: string) => ({ __rl: true, mode, value });
/** The method, path and query of the API requests since the last reset (what the node sent). */
const sent = () => apiRequests().map(({ method, path, query }) => ({ method, path, query }));

describe('Gumroad node 1.2: the Product locator', () => {
	it('is a locator from 1.2 (From List, By ID, By URL); 1 and 1.1 keep the text Product ID', () => {
		const { properties, version, defaultVersion } = new Gumroad().description;
		expect(version).toEqual([1, 1.1, 1.2, 1.3]);
		expect(defaultVersion).toBe(1.3);
		const ofGet = properties.filter((p) => p.name === 'productId' && p.displayOptions?.show?.operation?.includes('get') && p.displayOptions.show.resource?.includes('product'));
		expect(ofGet.map((p) => p.type)).toEqual(['string', 'resourceLocator']);
		expect(ofGet[0].displayOptions?.show?.['@version']).toEqual([{ _cnd: { lt: 1.2 } }]);
		expect(ofGet[1].displayOptions?.show?.['@version']).toEqual([{ _cnd: { gte: 1.2 } }]);
		expect(ofGet[1].modes?.map((m) => m.name)).toEqual(['list', 'id', 'url']);
		expect(ofGet[1].modes?.[0].typeOptions?.searchListMethod).toBe('searchProducts');
		// Every operation with a text Product ID has the locator too.
		const text = properties.filter((p) => p.name === 'productId' && p.type === 'string' && p.displayOptions?.show?.['@version']);
		const located = properties.filter((p) => p.name === 'productId' && p.type === 'resourceLocator');
		const where = (p: (typeof properties)[number]) => `${String(p.displayOptions?.show?.resource)}/${String(p.displayOptions?.show?.operation)}`;
		expect(text.length).toBeGreaterThan(10);
		expect(located.map(where).sort()).toEqual([...text.map(where), 'subscriber/get'].sort());
	});

	it('lists the double\'s products with price and URL, filtered by name', async () => {
		const ebook = file.double.addProduct({ name: 'The Maker E-book', price: 1500, currency: 'usd' });
		const course = file.double.addProduct({ name: 'Video Course', price: 4900, currency: 'eur' });
		file.double.addProduct({ name: 'Gone', deleted: true });
		const search = (filter?: string) => file.search('searchProducts', { resource: 'product', operation: 'get' }, filter);
		const all = await search();
		expect(all.results).toEqual([
			{ name: 'The Maker E-book', value: ebook.id, url: ebook.short_url, description: `$15 · ${ebook.short_url}` },
			{ name: 'Video Course', value: course.id, url: course.short_url, description: `€49 · ${course.short_url}` },
		]);
		expect(apiRequests().at(-1)).toMatchObject({ method: 'GET', path: '/v2/products' });
		const filtered = await search('e-BOOK');
		expect(filtered.results.map((r) => r.value)).toEqual([ebook.id]);
	});

	it('By ID, From List, an expression and By URL send the request version 1 sends', async () => {
		const product = file.double.addProduct({ name: 'Sticker Pack' });
		await run({ resource: 'product', operation: 'get', productId: product.id }, { typeVersion: 1 });
		const v1 = sent();
		expect(v1).toEqual([{ method: 'GET', path: `/v2/products/${encodeURIComponent(product.id)}`, query: {} }]);
		const cases: INodeParameters[] = [
			{ productId: locator('id', product.id) },
			{ productId: locator('list', product.id) },
			{ productId: locator('id', '={{ $json.product }}') },
			{ productId: '={{ $json.product }}' },
		];
		for (const parameters of cases) {
			file.double.requests.length = 0;
			const result = await run({ resource: 'product', operation: 'get', ...parameters }, { items: [{ product: product.id }] });
			expect(result.status, JSON.stringify(parameters)).toBe('success');
			expect(result.json[0]).toMatchObject({ id: product.id, name: 'Sticker Pack' });
			expect(sent()).toEqual(v1);
		}
		// A product page URL gives its permalink, which Gumroad takes in place of the ID.
		file.double.requests.length = 0;
		const byUrl = await run({ resource: 'product', operation: 'get', productId: locator('url', `${product.short_url}?wanted=true`) });
		expect(byUrl.status).toBe('success');
		expect(byUrl.json[0]).toMatchObject({ id: product.id });
		expect(sent()).toEqual([{ method: 'GET', path: `/v2/products/${product.unique_permalink}`, query: {} }]);
		const permalink = new URL(String(product.short_url)).pathname.split('/').at(-1);
		file.double.requests.length = 0;
		const plain = await run({ resource: 'sku', operation: 'getAll', productId: locator('url', `https://gumroad.com/l/${permalink}`) });
		expect(plain.status).toBe('success');
		expect(sent()).toEqual([{ method: 'GET', path: `/v2/products/${permalink}/skus`, query: {} }]);
	});

	it('refuses a malformed ID or URL, naming the field and item, before any request', async () => {
		const product = file.double.addProduct();
		const items = [{ product: product.id }, { product: 'not an id/../user' }];
		const bad = await run({ resource: 'product', operation: 'get', productId: locator('id', '={{ $json.product }}') }, { items });
		expect(bad.status).toBe('error');
		expect(bad.error?.message).toBe('Product: "not an id/../user" is not a Gumroad product ID or permalink (item 1)');
		const url = await run(
			{ resource: 'subscriber', operation: 'getAll', productId: locator('url', '={{ $json.url }}') },
			{ items: [{ url: 'https://example.com/l/abc' }] },
		);
		expect(url.error?.message).toBe(
			'Product: "https://example.com/l/abc" is not the URL of a Gumroad product page (https://<seller>.gumroad.com/l/<permalink>) (item 0)',
		);
		const empty = await run({ resource: 'offerCode', operation: 'getAll', productId: locator('list', '={{""}}') });
		expect(empty.error?.message).toBe('Product: is required and must not be empty (item 0)');
		// A URL typed in (not an expression) is already refused by n8n's check of the workflow.
		await expect(run({ resource: 'product', operation: 'get', productId: locator('url', 'https://example.com/l/abc') })).rejects.toThrow(
			/Not the URL of a Gumroad product page/,
		);
		expect(apiRequests().filter((r) => r.path !== `/v2/products/${encodeURIComponent(product.id)}`)).toHaveLength(0);
	});

	it('version 1 and 1.1 workflows keep their text Product ID and its checks', async () => {
		const product = file.double.addProduct();
		for (const typeVersion of [1, 1.1]) {
			file.double.requests.length = 0;
			const result = await run({ resource: 'subscriber', operation: 'getAll', productId: ` ${product.id} `, returnAll: true }, { typeVersion });
			expect(result.status).toBe('success');
			expect(sent()).toEqual([{ method: 'GET', path: `/v2/products/${encodeURIComponent(product.id)}/subscribers`, query: { paginated: 'true' } }]);
			const empty = await run({ resource: 'product', operation: 'get', productId: '={{""}}' }, { typeVersion });
			expect(empty.error?.message).toBe('Product ID: is required and must not be empty (item 0)');
		}
	});
});
