import type { IDataObject, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import { idSegment, type Operation, type OperationItem, type SendItem } from '../shared/operation';
import { gumroadMoneyAmount } from '../shared/gumroad/normalise';
import { type GumroadClient, type GumroadRequest, paginatePageKey } from '../shared/gumroad/transport';
import { invalidInput, locatorValue, pathSegment, requireText } from '../shared/input';
import { requiredTextProperty, returnAllProperties } from '../shared/operationProperties';

export type GumroadItem = OperationItem<GumroadClient>;

export type GumroadResource =
	| 'sale'
	| 'product'
	| 'customField'
	| 'variantCategory'
	| 'variant'
	| 'offerCode'
	| 'subscriber'
	| 'user'
	| 'license'
	| 'payout'
	| 'sku'
	| 'email'
	| 'upsell'
	| 'earnings'
	| 'taxForm'
	| 'file';

export interface GumroadOperation extends Operation<GumroadItem, GumroadResource> {
	/** Gumroad answers it without a token, so it also runs with Authentication "None". */
	needsNoCredential?: boolean;
}

/** Scopes named in the 403 hint of a write (Gumroad also accepts `account` for all of them). */
export const SCOPE = {
	editEmails: 'edit_emails (older Gumroad: edit_products)',
	editProducts: 'edit_products',
	editProfile: 'edit_profile',
	editSales: 'edit_sales',
	refund: 'edit_sales (or the older refund_sales)',
	markShipped: 'mark_sales_as_shipped',
	viewPayouts: 'view_payouts',
	viewSales: 'view_sales',
	viewTaxData: 'view_tax_data',
} as const;

/** The scope of writes to a product and what belongs to it (fields, variants, offer codes). */
export const editProducts = { scope: SCOPE.editProducts };

export const idProperty = requiredTextProperty;

/** Text Product ID fields of versions 1 and 1.1, which version 1.2 shows as the Product locator. */
const productIdFields = new WeakSet<INodeProperties>();

/** A text Product ID field (versions 1 and 1.1; `withProductLocator` adds the 1.2 locator). */
export function productIdField(description: string): INodeProperties {
	const property = idProperty('Product ID', 'productId', description);
	productIdFields.add(property);
	return property;
}

export const productIdProperty = productIdField('ID of the product');

/** Version 1.2: the product picked from the seller's list, by ID (or permalink) or by its page's URL. */
export const PRODUCT_LOCATOR_VERSION = 1.2;

/** A product ID (22 URL-safe base64 characters and `==`) or a permalink (letters, digits, `_`, `-`). */
const PRODUCT_ID = /^(?:[A-Za-z0-9_-]{22}==|[A-Za-z0-9_-]+)$/;

/** A product page: `https://<seller>.gumroad.com/l/<permalink>` or `https://gumroad.com/l/<permalink>`. */
const PRODUCT_URL = '^https?://(?:[A-Za-z0-9-]+\\.)?gumroad\\.com/l/([A-Za-z0-9_-]+)/?(?:[?#].*)?$';

export const productLocatorProperty: INodeProperties = {
	displayName: 'Product',
	name: 'productId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The Gumroad product',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchProducts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. A-m3CDDC5dlrSdKZp0RFhA== or my-ebook',
			validation: [
				{ type: 'regex', properties: { regex: PRODUCT_ID.source, errorMessage: 'Not a Gumroad product ID or permalink' } },
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://seller.gumroad.com/l/my-ebook',
			validation: [{ type: 'regex', properties: { regex: PRODUCT_URL, errorMessage: 'Not the URL of a Gumroad product page' } }],
			extractValue: { type: 'regex', regex: PRODUCT_URL },
		},
	],
};

/** The operation with its text Product ID kept for versions 1 and 1.1 and the locator from 1.2. */
export function withProductLocator(operation: GumroadOperation): GumroadOperation {
	if (!operation.properties.some((property) => productIdFields.has(property))) return operation;
	const properties = operation.properties.flatMap((property) =>
		productIdFields.has(property)
			? [
					{ ...property, displayOptions: { show: { '@version': [{ _cnd: { lt: PRODUCT_LOCATOR_VERSION } }] } } },
					{ ...productLocatorProperty, displayOptions: { show: { '@version': [{ _cnd: { gte: PRODUCT_LOCATOR_VERSION } }] } } },
				]
			: [property],
	);
	return { ...operation, properties };
}

/**
 * The product of this item, encoded for a path. Versions 1 and 1.1 read the text field as they
 * always did; 1.2 reads the locator's ID (expressions and `$fromAI` resolved by n8n) and refuses
 * what is neither an ID nor a permalink, or a URL it cannot read, before anything is sent.
 */
export function productIdParam(item: GumroadItem) {
	const node = item.node;
	// Gumroad IDs are URL-safe base64 with `==`: encoded, not restricted.
	if (node.typeVersion < PRODUCT_LOCATOR_VERSION) return idSegment(item, 'productId', 'Product ID');
	const value = locatorValue(item.ctx, item.itemIndex, 'productId', 'Product', 'a Gumroad product page (https://<seller>.gumroad.com/l/<permalink>)');
	const id = requireText(node, item.itemIndex, 'Product', value);
	if (!PRODUCT_ID.test(id)) {
		throw invalidInput(node, item.itemIndex, 'Product', `"${id}" is not a Gumroad product ID or permalink`);
	}
	return pathSegment(node, item.itemIndex, 'Product', id);
}

export const productPath = (item: GumroadItem) => `/v2/products/${productIdParam(item)}`;

export function maxOf(item: GumroadItem) {
	return item.param<boolean>('returnAll', false) ? Number.POSITIVE_INFINITY : item.param<number>('limit', 50);
}

export interface SendOptions {
	query?: IDataObject;
	form?: IDataObject;
	json?: IDataObject;
	scope?: string;
}

export const send = (item: GumroadItem, method: IHttpRequestMethods, path: string, options: SendOptions = {}) =>
	item.client.request({ method, path, itemIndex: item.itemIndex, ...options });

export const get = (item: GumroadItem, path: string, query?: IDataObject) => send(item, 'GET', path, { query });

/** A whole number within bounds (a count or an amount of cents), from a number or numeric text. */
export function wholeNumber(
	item: GumroadItem,
	value: unknown,
	label: string,
	{ min, max, unit = '' }: { min: number; max?: number; unit?: string },
): number {
	const text = typeof value === 'string' ? value.trim() : value;
	const number = typeof text === 'number' ? text : typeof text === 'string' && /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
	const range = max === undefined ? `${min} or more` : `from ${min} to ${max}`;
	if (!Number.isSafeInteger(number) || number < min || (max !== undefined && number > max)) {
		throw invalidInput(item.node, item.itemIndex, label, `"${String(value)}" is not a whole number ${range}${unit}`);
	}
	return number;
}

/** Optional text: trimmed, or undefined when empty. */
export function optionalText(value: unknown): string | undefined {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return text || undefined;
}

/** Returns All or up to Limit of a list Gumroad answers in one response. */
export function listOperation(
	item: GumroadItem,
	path: string,
	listKey: string,
	map: (record: IDataObject) => IDataObject = (record) => record,
): SendItem {
	const max = maxOf(item);
	return async () => (((await get(item, path))[listKey] as IDataObject[] | undefined) ?? []).slice(0, max).map(map);
}

/** Returns All or up to Limit of a list Gumroad pages by `next_page_key`, each record typed by `map`. */
export function pagedListOperation(
	item: GumroadItem,
	request: Omit<GumroadRequest, 'method' | 'itemIndex'>,
	listKey: string,
	map: (record: IDataObject) => IDataObject,
): SendItem {
	const max = maxOf(item);
	return async () => (await paginatePageKey(item.client, { ...request, method: 'GET', itemIndex: item.itemIndex }, listKey, max)).map(map);
}

/**
 * A limit where 0 means none (max uses, max purchase count, minimum amount): 0 is sent as an empty
 * value, which Rails casts to nil, the "unlimited" of Gumroad; a 0 sent as such would be a limit
 * of nothing.
 */
export function limitOrNone(item: GumroadItem, value: unknown, label: string, unit = ''): number | '' {
	const count = wholeNumber(item, value ?? 0, label, { min: 0, unit });
	return count === 0 ? '' : count;
}

export const booleanForm = (value: unknown) => (value === true || value === 'true' ? 'true' : 'false');

/** A day for Gumroad's date parameters (YYYY-MM-DD); a date-time keeps its UTC day. Empty: undefined. */
export function dayParam(item: GumroadItem, value: unknown, label: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	const millis = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
	if (Number.isNaN(millis)) {
		throw invalidInput(item.node, item.itemIndex, label, `"${text}" is not a date (use YYYY-MM-DD)`);
	}
	return new Date(millis).toISOString().slice(0, 10);
}

/** The After / Before filters of a listing (`records`: what it lists), as Gumroad's day filters take them. */
export const afterBeforeFilterProperties = (records: string): INodeProperties[] => [
	{ displayName: 'After', name: 'after', type: 'dateTime', default: '', description: `Only ${records} on or after this day (UTC)` },
	{ displayName: 'Before', name: 'before', type: 'dateTime', default: '', description: `Only ${records} before this day (UTC)` },
];

/** The After and Before filters as YYYY-MM-DD, refused when not dates or not in order. */
export function afterBeforeFilters(item: GumroadItem, filters: IDataObject): { after?: string; before?: string } {
	const after = dayParam(item, filters.after, 'Filters > After');
	const before = dayParam(item, filters.before, 'Filters > Before');
	if (after && before && after >= before) {
		throw invalidInput(item.node, item.itemIndex, 'Filters > Before', 'must be later than After');
	}
	return { after, before };
}

/** Days from one YYYY-MM-DD to another (both UTC). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Totals' `<name>_cents` as `amounts` (`{ cents, amount, currency }`), like the records' money fields. */
export function withAmounts(totals: IDataObject, currency: string | null, names = ['gross', 'net', 'refunded']): IDataObject {
	const amounts: IDataObject = {};
	for (const name of names) {
		const cents = totals[`${name}_cents`];
		if (typeof cents === 'number') amounts[name] = gumroadMoneyAmount(cents, currency);
	}
	return { ...totals, amounts };
}

/** Get, create, update and delete rows of a nested Gumroad object; they differ only in path, key and fields. */
export function crudRows(spec: {
	resource: GumroadOperation['resource'];
	label: string;
	key: string;
	listKey: string;
	idProperties: INodeProperties[];
	listPath: (item: GumroadItem) => string;
	itemPath: (item: GumroadItem) => string;
	createProperties: INodeProperties[];
	updateProperties: INodeProperties[];
	form: (item: GumroadItem, update: boolean) => IDataObject;
}): GumroadOperation[] {
	const { resource, label, key } = spec;
	return [
		{
			resource,
			value: 'getAll',
			name: 'Get Many',
			action: `Get many ${label}s`,
			description: `List the ${label}s`,
			properties: [...spec.idProperties, ...returnAllProperties()],
			prepare: (item) => listOperation(item, spec.listPath(item), spec.listKey),
		},
		{
			resource,
			value: 'get',
			name: 'Get',
			action: `Get a ${label}`,
			description: `Get a ${label} by ID`,
			properties: [...spec.idProperties, spec.updateProperties[0]],
			prepare(item) {
				const path = spec.itemPath(item);
				return async () => (await send(item, 'GET', path))[key] as IDataObject;
			},
		},
		{
			resource,
			value: 'create',
			name: 'Create',
			action: `Create a ${label}`,
			description: `Add a ${label}`,
			properties: [...spec.idProperties, ...spec.createProperties],
			prepare(item) {
				const path = spec.listPath(item);
				const form = spec.form(item, false);
				return async () => (await send(item, 'POST', path, { form, ...editProducts }))[key] as IDataObject;
			},
		},
		{
			resource,
			value: 'update',
			name: 'Update',
			action: `Update a ${label}`,
			description: `Change a ${label}`,
			properties: [...spec.idProperties, ...spec.updateProperties],
			prepare(item) {
				const path = spec.itemPath(item);
				const form = spec.form(item, true);
				return async () => (await send(item, 'PUT', path, { form, ...editProducts }))[key] as IDataObject;
			},
		},
		{
			resource,
			value: 'delete',
			name: 'Delete',
			action: `Delete a ${label}`,
			description: `Permanently delete a ${label}`,
			properties: [...spec.idProperties, spec.updateProperties[0]],
			prepare(item) {
				const path = spec.itemPath(item);
				return async () => {
					await send(item, 'DELETE', path, editProducts);
					return { id: decodeURIComponent(path.split('/').pop() as string), deleted: true };
				};
			},
		},
	];
}
