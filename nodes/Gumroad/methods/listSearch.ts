import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { createGumroadClient, type GumroadCredentialType, paginatePageKey } from '../../shared/gumroad/transport';

/** A product's price as its listing shows it: Gumroad's formatted price, else cents in its currency. */
function priceOf(product: IDataObject): string {
	if (typeof product.formatted_price === 'string' && product.formatted_price) return product.formatted_price;
	if (typeof product.price !== 'number') return '';
	const currency = typeof product.currency === 'string' ? ` ${product.currency.toUpperCase()}` : '';
	return `${(product.price / 100).toFixed(2)}${currency}`;
}

/**
 * The seller's products whose name (or permalink) contains the filter, for the Product's From List.
 * Gumroad has no product search, so all pages of GET /v2/products are read and filtered here.
 */
export async function searchProducts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const authentication = this.getNodeParameter('authentication', 'gumroadAccessTokenApi') as GumroadCredentialType;
	const client = await createGumroadClient(this, authentication);
	const products = await paginatePageKey(client, { method: 'GET', path: '/v2/products' }, 'products');
	const wanted = (filter ?? '').trim().toLowerCase();
	const matches = (product: IDataObject) =>
		!wanted ||
		[product.name, product.custom_permalink, product.id].some((text) => typeof text === 'string' && text.toLowerCase().includes(wanted));
	const results = products
		.filter((product) => product.deleted !== true && matches(product))
		.map((product): INodeListSearchItems => {
			const id = String(product.id);
			const url = typeof product.short_url === 'string' ? product.short_url : undefined;
			const description = [priceOf(product), url].filter(Boolean).join(' · ');
			return { name: typeof product.name === 'string' && product.name ? product.name : id, value: id, ...(url ? { url } : {}), ...(description ? { description } : {}) };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
