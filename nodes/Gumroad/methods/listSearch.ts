import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createGumroadClient, type GumroadCredentialType, paginatePageKey } from '../../shared/gumroad/transport';

async function clientOf(ctx: ILoadOptionsFunctions) {
	return await createGumroadClient(ctx, ctx.getNodeParameter('authentication', 'gumroadAccessTokenApi') as GumroadCredentialType);
}

/** Whether any of the texts contains the filter (lower-cased; all do when it is empty). */
function containsFilter(filter: string) {
	return (...texts: unknown[]) => !filter || texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(filter));
}

/** Gumroad filters sales and subscribers by a whole e-mail only: other text narrows what one page lists. */
function emailOrText(filter?: string): { email?: string; text: string } {
	const text = (filter ?? '').trim();
	return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? { email: text, text: '' } : { text: text.toLowerCase() };
}

const dayOf = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : '');

/** The next page of a list Gumroad pages by `next_page_key`, as the token of n8n's next list request. */
const nextPage = (response: IDataObject) => (typeof response.next_page_key === 'string' && response.next_page_key ? { paginationToken: response.next_page_key } : {});

/**
 * The sales of a buyer when the filter is an e-mail (Gumroad's `email` filter), else the newest
 * sales with the text in the e-mail, product or name; a page at a time, newest first.
 */
export async function searchSales(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await clientOf(this);
	const { email, text } = emailOrText(filter);
	const query: IDataObject = { ...(email ? { email } : {}), ...(paginationToken ? { page_key: paginationToken } : {}) };
	const response = await client.request({ method: 'GET', path: '/v2/sales', query, scope: 'view_sales' });
	const matches = containsFilter(text);
	const results = ((response.sales as IDataObject[] | undefined) ?? [])
		.filter((sale) => matches(sale.email, sale.product_name, sale.full_name))
		.map((sale): INodeListSearchItems => ({
			name: [sale.email, sale.product_name, dayOf(sale.created_at)].filter((part) => typeof part === 'string' && part).join(' – '),
			value: String(sale.id),
			...(typeof sale.formatted_display_price === 'string' ? { description: sale.formatted_display_price } : {}),
		}));
	return { results, ...nextPage(response) };
}

/** The product the node's Product field holds, for the lists of what belongs to it. */
function chosenProduct(ctx: ILoadOptionsFunctions, records: string): string {
	let value: unknown;
	try {
		value = ctx.getCurrentNodeParameter('productId', { extractValue: true });
	} catch {
		value = undefined;
	}
	const id = typeof value === 'string' ? value.trim() : '';
	if (!/^[A-Za-z0-9_=-]+$/.test(id)) {
		throw new NodeOperationError(ctx.getNode(), `Choose a Product first (From List, By ID or By URL): this list holds that product's ${records}`);
	}
	return encodeURIComponent(id);
}

/** The chosen product's offer codes and the universal ones that apply to it, whose code contains the filter. */
export async function searchOfferCodes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const path = `/v2/products/${chosenProduct(this, 'offer codes')}/offer_codes`;
	const response = await (await clientOf(this)).request({ method: 'GET', path });
	const matches = containsFilter((filter ?? '').trim().toLowerCase());
	const results = ((response.offer_codes as IDataObject[] | undefined) ?? [])
		.filter((code) => matches(code.name))
		.map((code): INodeListSearchItems => {
			const off = typeof code.percent_off === 'number' ? `${code.percent_off}% off` : typeof code.amount_cents === 'number' ? `${(code.amount_cents / 100).toFixed(2)} off` : '';
			const description = [off, code.universal === true ? 'universal' : ''].filter(Boolean).join(' · ');
			return { name: typeof code.name === 'string' && code.name ? code.name : String(code.id), value: String(code.id), ...(description ? { description } : {}) };
		});
	return { results };
}

/** The chosen product's variant categories whose title contains the filter. */
export async function searchVariantCategories(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const path = `/v2/products/${chosenProduct(this, 'variant categories')}/variant_categories`;
	const response = await (await clientOf(this)).request({ method: 'GET', path });
	const matches = containsFilter((filter ?? '').trim().toLowerCase());
	const results = ((response.variant_categories as IDataObject[] | undefined) ?? [])
		.filter((category) => matches(category.title))
		.map((category): INodeListSearchItems => ({ name: typeof category.title === 'string' && category.title ? category.title : String(category.id), value: String(category.id) }));
	return { results };
}

/** The chosen product's active subscribers: of an e-mail (Gumroad's filter), else those whose e-mail contains the text; newest first. */
export async function searchSubscribers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const path = `/v2/products/${chosenProduct(this, 'subscribers')}/subscribers`;
	const { email, text } = emailOrText(filter);
	const query: IDataObject = { paginated: 'true', ...(email ? { email } : {}), ...(paginationToken ? { page_key: paginationToken } : {}) };
	const response = await (await clientOf(this)).request({ method: 'GET', path, query, scope: 'view_sales' });
	const matches = containsFilter(text);
	const results = ((response.subscribers as IDataObject[] | undefined) ?? [])
		.filter((subscriber) => matches(subscriber.email))
		.map((subscriber): INodeListSearchItems => ({
			name: [subscriber.email, subscriber.recurrence, dayOf(subscriber.created_at) && `since ${dayOf(subscriber.created_at)}`].filter((part) => typeof part === 'string' && part).join(' – '),
			value: String(subscriber.id),
			...(typeof subscriber.status === 'string' ? { description: subscriber.status } : {}),
		}));
	return { results, ...nextPage(response) };
}

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
	const products = await paginatePageKey(await clientOf(this), { method: 'GET', path: '/v2/products' }, 'products');
	const contains = containsFilter((filter ?? '').trim().toLowerCase());
	const matches = (product: IDataObject) => contains(product.name, product.custom_permalink, product.id);
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
