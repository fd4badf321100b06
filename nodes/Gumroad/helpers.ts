import type { IDataObject, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import type { Operation, OperationItem, SendItem } from '../shared/operation';
import { gumroadMoneyAmount } from '../shared/gumroad/normalise';
import { type GumroadClient, type GumroadRequest, paginatePageKey } from '../shared/gumroad/transport';
import { invalidInput, locatorValue, pathSegment, requireText } from '../shared/input';
import { locatorProperty, requiredTextProperty, returnAllProperties, withLocators } from '../shared/operationProperties';

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

/** Version 1.2: the product picked from the seller's list, by ID (or permalink) or by its page's URL. */
export const PRODUCT_LOCATOR_VERSION = 1.2;

/**
 * Version 1.3: sales, offer codes, variant categories and subscribers are locators, and so is a
 * product that goes in a query or form.
 */
export const LOCATOR_VERSION = 1.3;

/** Text fields of older versions, with the locator each is from a later version (see `withLocatorFields`). */
const laterLocators = new WeakMap<INodeProperties, { since: number; locator: INodeProperties }>();

/** `property` in the versions before `since`, `locator` (under the same name) from it. */
export function becomesLocator(property: INodeProperties, since: number, locator: INodeProperties): INodeProperties {
	laterLocators.set(property, { since, locator });
	return property;
}

/** The operation with each field `becomesLocator` marked shown as text before its version and as a locator from it. */
export function withLocatorFields(operation: GumroadOperation): GumroadOperation {
	let properties = operation.properties;
	for (const since of [PRODUCT_LOCATOR_VERSION, LOCATOR_VERSION]) {
		const locatorOf = (property: INodeProperties) => {
			const later = laterLocators.get(property);
			return later?.since === since ? later.locator : undefined;
		};
		properties = withLocators(properties, locatorOf, { before: [{ _cnd: { lt: since } }], from: [{ _cnd: { gte: since } }] });
	}
	return { ...operation, properties };
}

/** A product ID (22 URL-safe base64 characters and `==`) or a permalink (letters, digits, `_`, `-`). */
const PRODUCT_ID = /^(?:[A-Za-z0-9_-]{22}==|[A-Za-z0-9_-]+)$/;

/** A product page: `https://<seller>.gumroad.com/l/<permalink>` or `https://gumroad.com/l/<permalink>`. */
const PRODUCT_URL = '^https?://(?:[A-Za-z0-9-]+\\.)?gumroad\\.com/l/([A-Za-z0-9_-]+)/?(?:[?#].*)?$';
const PRODUCT_PAGE = 'a Gumroad product page (https://<seller>.gumroad.com/l/<permalink>)';

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

/** A text Product ID field (versions 1 and 1.1), the Product locator from 1.2. */
export function productIdField(description: string): INodeProperties {
	return becomesLocator(idProperty('Product ID', 'productId', description), PRODUCT_LOCATOR_VERSION, productLocatorProperty);
}

export const productIdProperty = productIdField('ID of the product');

/** How an ID parameter is read: its text field before `since`, its locator from it. */
export interface IdParameter {
	name: string;
	/** The text field's label (older versions). */
	label: string;
	since: number;
	/** The locator's label (from `since`). */
	field: string;
	/** The IDs the locator takes, and what they are called in a refusal. */
	format: RegExp;
	what: string;
	/** What a By URL should be the address of. */
	page?: string;
}

/** The label of the ID field in this item's node version. */
const fieldOf = (item: GumroadItem, parameter: IdParameter) => (item.node.typeVersion >= parameter.since ? parameter.field : parameter.label);

/**
 * The ID of this item, trimmed (undefined when empty and `optional`). Older versions read the text
 * field as they always did; from the locator's version the locator's ID (expressions and `$fromAI`
 * resolved by n8n) is refused, naming the field and item, when not of the API's format or from a
 * URL it cannot read, before anything is sent.
 */
export function idParam(item: GumroadItem, parameter: IdParameter): string;
export function idParam(item: GumroadItem, parameter: IdParameter, optional: true): string | undefined;
export function idParam(item: GumroadItem, parameter: IdParameter, optional = false): string | undefined {
	const { node, itemIndex } = item;
	const locator = node.typeVersion >= parameter.since;
	const field = fieldOf(item, parameter);
	const value = locator ? locatorValue(item.ctx, itemIndex, parameter.name, field, parameter.page ?? '') : item.param(parameter.name);
	if (optional && optionalText(value) === undefined) return undefined;
	const id = requireText(node, itemIndex, field, value);
	if (locator && !parameter.format.test(id)) throw invalidInput(node, itemIndex, field, `"${id}" is not ${parameter.what}`);
	return id;
}

/** A required ID of this item (see `idParam`), encoded as one segment of a path. */
export function idPathSegment(item: GumroadItem, parameter: IdParameter): string {
	// Encoded: an ID's `=`, and whatever older versions take as typed, must not change the path.
	return pathSegment(item.node, item.itemIndex, fieldOf(item, parameter), idParam(item, parameter));
}

const productInPath: IdParameter = {
	name: 'productId',
	label: 'Product ID',
	since: PRODUCT_LOCATOR_VERSION,
	field: 'Product',
	format: PRODUCT_ID,
	what: 'a Gumroad product ID or permalink',
	page: PRODUCT_PAGE,
};

/** The product of this item, encoded for a path (an ID or a permalink: Gumroad's routes take both). */
export const productIdParam = (item: GumroadItem) => idPathSegment(item, productInPath);

/** A text product field of a form that takes a permalink too (an e-mail's audience), the Product locator from 1.3. */
export const productOrPermalinkField = (property: INodeProperties) => becomesLocator(property, LOCATOR_VERSION, productLocatorProperty);

/** How such a field is read: as text before 1.3, as the Product locator's ID or permalink from it. */
export const productOrPermalink: IdParameter = { ...productInPath, since: LOCATOR_VERSION };

/** What a refusal calls a record ID of the wrong form. */
const GUMROAD_ID_NAME = 'a Gumroad ID (letters, digits, "_", "-" and "=")';

/**
 * Gumroad's record IDs: URL-safe base64 (22 characters and `==` today; the length is not insisted
 * on, since an ID of the right characters that names nothing is Gumroad's 404 to report).
 */
const GUMROAD_ID = /^[A-Za-z0-9_=-]+$/;

/**
 * Where a product is sent in a query or form, Gumroad mostly finds it by ID only (the sales filter
 * answers a permalink "Invalid product ID.", exports, licenses and upsells find no product by it),
 * so By ID takes the ID's exact form there.
 */
const PRODUCT_EXTERNAL_ID = /^[A-Za-z0-9_-]{22}==$/;
const PRODUCT_EXTERNAL_ID_NAME = 'a Gumroad product ID (22 characters and "=="; a permalink does not work here)';

/** A record ID field: text before 1.3, from 1.3 a locator (From List, By ID); and how an operation reads it. */
export function recordIdField(spec: {
	label: string;
	name: string;
	description: string;
	field: string;
	fieldDescription: string;
	searchListMethod: string;
}): { property: INodeProperties; parameter: IdParameter } {
	const locator = locatorProperty({
		displayName: spec.field,
		name: spec.name,
		description: spec.fieldDescription,
		searchListMethod: spec.searchListMethod,
		idPlaceholder: 'e.g. G_-mnBf9b1j9A7a4ub4nFQ==',
		idValidation: [{ type: 'regex', properties: { regex: GUMROAD_ID.source, errorMessage: `Not ${GUMROAD_ID_NAME}` } }],
	});
	return {
		property: becomesLocator(idProperty(spec.label, spec.name, spec.description), LOCATOR_VERSION, locator),
		parameter: { name: spec.name, label: spec.label, since: LOCATOR_VERSION, field: spec.field, format: GUMROAD_ID, what: GUMROAD_ID_NAME },
	};
}

/** The locator of a product sent in a query or form (from 1.3): the seller's products, or a product ID. */
function sentProductLocator(displayName: string, name: string, description: string | undefined): INodeProperties {
	return locatorProperty({
		displayName,
		name,
		description: description ?? 'The Gumroad product',
		searchListMethod: 'searchProducts',
		idPlaceholder: 'e.g. A-m3CDDC5dlrSdKZp0RFhA==',
		idValidation: [
			{ type: 'regex', properties: { regex: PRODUCT_EXTERNAL_ID.source, errorMessage: `Not ${PRODUCT_EXTERNAL_ID_NAME}` } },
		],
	});
}

/** A text product field sent in a query or form, which is the product locator `field` from 1.3. */
export function sentProductField(property: INodeProperties, field = 'Product'): INodeProperties {
	return becomesLocator(property, LOCATOR_VERSION, sentProductLocator(field, property.name, property.description));
}

/** A collection whose text product option `name` is the product locator `field` from 1.3. */
export function withSentProductOption(collection: INodeProperties, name: string, field = 'Product'): INodeProperties {
	const options = (collection.options as INodeProperties[]).map((option) => (option.name === name ? sentProductLocator(field, name, option.description) : option));
	return becomesLocator(collection, LOCATOR_VERSION, { ...collection, options });
}

/** How a product sent in a query or form is read (`name`: its parameter, or path in a collection). */
export const sentProduct = (name: string, label: string, field = 'Product'): IdParameter => ({
	name,
	label,
	since: LOCATOR_VERSION,
	field,
	format: PRODUCT_EXTERNAL_ID,
	what: PRODUCT_EXTERNAL_ID_NAME,
});

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
