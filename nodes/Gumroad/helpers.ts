import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import type { SendItem } from '../shared/executePerItem';
import type { GumroadClient } from '../shared/gumroad/transport';
import { invalidInput, requireText } from '../shared/input';
import { requiredTextProperty } from '../shared/operationProperties';

export interface GumroadItem {
	ctx: IExecuteFunctions;
	itemIndex: number;
	client: GumroadClient;
	param<T = unknown>(name: string, fallback?: T): T;
}

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
	| 'upsell';

export interface GumroadOperation {
	resource: GumroadResource;
	value: string;
	name: string;
	action: string;
	description: string;
	properties: INodeProperties[];
	/** Gumroad answers it without a token, so it also runs with Authentication "None". */
	needsNoCredential?: boolean;
	prepare(item: GumroadItem): SendItem;
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
} as const;

export const idProperty = requiredTextProperty;

export const productIdProperty = idProperty('Product ID', 'productId', 'ID of the product');

/** An ID put into a path: Gumroad IDs are URL-safe base64 (with `==`), so encode, do not restrict. */
export function idParam(item: GumroadItem, name: string, label: string) {
	return encodeURIComponent(requireText(item.ctx.getNode(), item.itemIndex, label, item.param(name)));
}

export const productPath = (item: GumroadItem) => `/v2/products/${idParam(item, 'productId', 'Product ID')}`;

export function maxOf(item: GumroadItem) {
	return item.param<boolean>('returnAll', false) ? Number.POSITIVE_INFINITY : item.param<number>('limit', 50);
}

export interface SendOptions {
	query?: IDataObject;
	form?: IDataObject;
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
		throw invalidInput(item.ctx.getNode(), item.itemIndex, label, `"${String(value)}" is not a whole number ${range}${unit}`);
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
		throw invalidInput(item.ctx.getNode(), item.itemIndex, label, `"${text}" is not a date (use YYYY-MM-DD)`);
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
		throw invalidInput(item.ctx.getNode(), item.itemIndex, 'Filters > Before', 'must be later than After');
	}
	return { after, before };
}

/** Days from one YYYY-MM-DD to another (both UTC). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
