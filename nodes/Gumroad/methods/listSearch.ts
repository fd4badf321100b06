import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createGumroadClient, type GumroadCredentialType, paginatePageKey } from '../../shared/gumroad/transport';
import { SCOPE } from '../helpers';

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

/** The records of a Gumroad answer under `key` (none when it has none). */
const listOf = (response: IDataObject, key: string) => (response[key] as IDataObject[] | undefined) ?? [];

/** An entry's name: its text, or its ID when it has none. */
const nameOr = (text: unknown, id: unknown) => (typeof text === 'string' && text ? text : String(id));

/** An entry's name of the parts it has, e.g. "ada@example.com – E-book – 2026-03-14". */
const joinParts = (...parts: unknown[]) => parts.filter((part) => typeof part === 'string' && part).join(' – ');

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
	const response = await client.request({ method: 'GET', path: '/v2/sales', query, scope: SCOPE.viewSales });
	const matches = containsFilter(text);
	const results = listOf(response, 'sales')
		.filter((sale) => matches(sale.email, sale.product_name, sale.full_name))
		.map((sale): INodeListSearchItems => ({
			name: joinParts(sale.email, sale.product_name, dayOf(sale.created_at)),
			value: String(sale.id),
			...(typeof sale.formatted_display_price === 'string' ? { description: sale.formatted_display_price } : {}),
		}));
	return { results, ...nextPage(response) };
}

/**
 * What Gumroad answers at `/v2/products/<the node's Product>/<segment>`. A Product that is no ID
 * or permalink (empty, a URL n8n cannot read, an expression the editor cannot resolve) is asked
 * for before any request.
 */
async function ofChosenProduct(ctx: ILoadOptionsFunctions, records: string, segment: string, options: { query?: IDataObject; scope?: string } = {}): Promise<IDataObject> {
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
	const path = `/v2/products/${encodeURIComponent(id)}/${segment}`;
	return await (await clientOf(ctx)).request({ method: 'GET', path, ...options });
}

/** The chosen product's offer codes and the universal ones that apply to it, whose code contains the filter. */
export async function searchOfferCodes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const response = await ofChosenProduct(this, 'offer codes', 'offer_codes');
	const matches = containsFilter((filter ?? '').trim().toLowerCase());
	const results = listOf(response, 'offer_codes')
		.filter((code) => matches(code.name))
		.map((code): INodeListSearchItems => {
			const off = typeof code.percent_off === 'number' ? `${code.percent_off}% off` : typeof code.amount_cents === 'number' ? `${(code.amount_cents / 100).toFixed(2)} off` : '';
			const description = [off, code.universal === true ? 'universal' : ''].filter(Boolean).join(' · ');
			return { name: nameOr(code.name, code.id), value: String(code.id), ...(description ? { description } : {}) };
		});
	return { results };
}

/** The chosen product's variant categories whose title contains the filter. */
export async function searchVariantCategories(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const response = await ofChosenProduct(this, 'variant categories', 'variant_categories');
	const matches = containsFilter((filter ?? '').trim().toLowerCase());
	const results = listOf(response, 'variant_categories')
		.filter((category) => matches(category.title))
		.map((category): INodeListSearchItems => ({ name: nameOr(category.title, category.id), value: String(category.id) }));
	return { results };
}

/** The chosen product's active subscribers: of an e-mail (Gumroad's filter), else those whose e-mail contains the text; newest first. */
export async function searchSubscribers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const { email, text } = emailOrText(filter);
	const query: IDataObject = { paginated: 'true', ...(email ? { email } : {}), ...(paginationToken ? { page_key: paginationToken } : {}) };
	const response = await ofChosenProduct(this, 'subscribers', 'subscribers', { query, scope: SCOPE.viewSales });
	const matches = containsFilter(text);
	const results = listOf(response, 'subscribers')
		.filter((subscriber) => matches(subscriber.email))
		.map((subscriber): INodeListSearchItems => ({
			name: joinParts(subscriber.email, subscriber.recurrence, dayOf(subscriber.created_at) && `since ${dayOf(subscriber.created_at)}`),
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
