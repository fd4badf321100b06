import type { IDataObject } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import { type GumroadPingBody, hasOwn, isPlainObject, nestGumroadPing, parseGumroadFormBody, setOwn, unflattenGumroadForm } from './normaliseForm';

export { parseGumroadFormBody, unflattenGumroadForm };

/**
 * Gumroad pings and API records → typed n8n items, shared by the Gumroad Trigger and the Gumroad
 * node so both put out the same shapes. Field meanings: Gumroad's API docs (gumroad.com/api, "Ping"
 * and the resource sections) and the ping fixtures in test/fixtures/gumroad/pings/.
 *
 * Conventions of the output:
 * - Types are decided by field NAME from the tables below, never by what a value looks like:
 *   a custom field `00123` or a variant `42` stays a string.
 * - Known integer, boolean and timestamp fields that arrive empty become `null` (Gumroad's nil);
 *   so do known text fields (`user_id=` of a guest). A known field whose value cannot be read
 *   as its type also becomes `null` rather than a value of the wrong type.
 * - Timestamps: ISO 8601 in UTC with a `Z` suffix, seconds precision, milliseconds only when
 *   non-zero. Gumroad's own form (`2026-03-14T16:22:05Z`) is kept character for character;
 *   other spellings (`2026-03-14 16:22:05 UTC`, `+01:00` offsets, no zone = UTC) are converted.
 * - Money: `amounts` holds one `{ cents, amount, currency }` entry per money field present.
 *   `currency` is upper-case ISO 4217, or `null` when the payload does not say which.
 * - Unknown fields are kept as received (strings from a form body), an empty one as `null`.
 * - Empty is `null` everywhere: custom fields, URL parameters and variants included.
 */

export type GumroadResourceName =
	| 'sale'
	| 'refund'
	| 'dispute'
	| 'dispute_won'
	| 'cancellation'
	| 'subscription_updated'
	| 'subscription_ended'
	| 'subscription_restarted';

/** Gumroad's `ResourceSubscription::VALID_RESOURCE_NAMES`: there are no others. */
export const GUMROAD_RESOURCE_NAMES: GumroadResourceName[] = [
	'sale',
	'refund',
	'dispute',
	'dispute_won',
	'cancellation',
	'subscription_updated',
	'subscription_ended',
	'subscription_restarted',
];

/** `event` of the Settings > Advanced "Send test ping", which carries no `resource_name`. */
export const GUMROAD_TEST_EVENT = 'test';

export type GumroadRecordKind = 'sale' | 'subscriber' | 'product' | 'user' | 'license';

export interface GumroadPingOptions {
	/** Add `raw`: a copy of the input as received (or of `raw` below when given); of a raw body, its fields nested. */
	includeRaw?: boolean;
	/** What to put in `raw` instead of `payload`, e.g. n8n's flat body when `payload` is the raw body. */
	raw?: IDataObject;
	/**
	 * The product's price currency (`currency` of GET /v2/products/:id), if the caller knows it.
	 * `subscription_updated` plan prices are in that currency and the ping does not say which;
	 * without it their amounts have `currency: null`.
	 */
	productCurrency?: string;
}

type FieldType = 'integer' | 'boolean' | 'timestamp' | 'text';

/** Top-level scalar fields of all ping kinds (antiwork/gumroad: Purchase::PingNotification, Subscription::PingNotification); no name has two types. */
const PING_FIELD_TYPES = new Map<string, FieldType>([
	// Purchase pings: sale, refund, dispute, dispute_won and the Settings test ping.
	['seller_id', 'text'],
	['product_id', 'text'],
	['product_name', 'text'],
	['permalink', 'text'],
	['product_permalink', 'text'],
	['short_product_id', 'text'],
	['email', 'text'],
	['price', 'integer'],
	['gumroad_fee', 'integer'],
	['currency', 'text'],
	['quantity', 'integer'],
	['discover_fee_charged', 'boolean'],
	['can_contact', 'boolean'],
	['referrer', 'text'],
	['order_number', 'integer'],
	['sale_id', 'text'],
	['sale_timestamp', 'timestamp'],
	['full_name', 'text'],
	['purchaser_id', 'text'],
	['subscription_id', 'text'],
	['affiliate_credit_amount_cents', 'integer'],
	['offer_code', 'text'],
	['test', 'boolean'],
	['is_recurring_charge', 'boolean'],
	['is_preorder_authorization', 'boolean'],
	['street_address', 'text'],
	['country', 'text'],
	['state', 'text'],
	['zip_code', 'text'],
	['city', 'text'],
	['license_key', 'text'],
	['is_multiseat_license', 'boolean'],
	['ip_country', 'text'],
	['shipping_rate', 'integer'],
	['recurrence', 'text'],
	['affiliate', 'text'],
	['is_gift_receiver_purchase', 'boolean'],
	['gift_price', 'integer'],
	['gifter_email', 'text'],
	['sku_id', 'text'],
	['original_sku_id', 'text'],
	['refunded', 'boolean'],
	['resource_name', 'text'],
	['disputed', 'boolean'],
	['dispute_won', 'boolean'],
	['retry_count', 'integer'],
	// Subscription pings: cancellation, subscription_updated/_ended/_restarted.
	['user_id', 'text'],
	['user_email', 'text'],
	['created_at', 'timestamp'],
	['charge_occurrence_count', 'integer'],
	['free_trial_ends_at', 'timestamp'],
	['cancelled', 'boolean'],
	['cancelled_at', 'timestamp'],
	['cancelled_by_admin', 'boolean'],
	['cancelled_by_buyer', 'boolean'],
	['cancelled_by_seller', 'boolean'],
	['cancelled_due_to_payment_failures', 'boolean'],
	['ended_at', 'timestamp'],
	['ended_reason', 'text'],
	['restarted_at', 'timestamp'],
	['type', 'text'],
	['effective_as_of', 'timestamp'],
]);

const CARD_FIELD_TYPES = new Map<string, FieldType>([
	['visual', 'text'],
	['type', 'text'],
	// Legacy, always nil today; integers in the Ruby payload if they ever come back.
	['bin', 'text'],
	['expiry_month', 'integer'],
	['expiry_year', 'integer'],
]);

const SHIPPING_FIELD_TYPES = new Map<string, FieldType>([
	['full_name', 'text'],
	['street_address', 'text'],
	['country', 'text'],
	['state', 'text'],
	['zip_code', 'text'],
	['city', 'text'],
]);

const PLAN_FIELD_TYPES = new Map<string, FieldType>([
	['recurrence', 'text'],
	['price_cents', 'integer'],
	['quantity', 'integer'],
]);

const TIER_FIELD_TYPES = new Map<string, FieldType>([
	['id', 'text'],
	['name', 'text'],
]);

/** Nested fields; everything a ping can carry besides these and PING_FIELD_TYPES is a custom-field copy or unknown. */
const PING_CONTAINER_FIELDS = new Set([
	'card',
	'url_params',
	'variants',
	'shipping_information',
	'custom_fields',
	'old_plan',
	'new_plan',
	'purchase_ids',
]);

const isStandardPingField = (name: string) => PING_FIELD_TYPES.has(name) || PING_CONTAINER_FIELDS.has(name);

/** Ping money fields that are USD cents whatever the product currency is (antiwork/gumroad Purchase::PingNotification). */
const PING_USD_CENTS_FIELDS: Array<[field: string, amountName: string]> = [
	['price', 'price'],
	['gumroad_fee', 'gumroad_fee'],
	['shipping_rate', 'shipping_rate'],
	['affiliate_credit_amount_cents', 'affiliate_credit'],
	['gift_price', 'gift_price'],
];

/** ISO 4217 currencies without minor units among those Gumroad sells in: their "cents" are whole units. */
const CURRENCIES_WITHOUT_MINOR_UNIT = new Set(['jpy', 'krw']);

// ---- scalar typing ------------------------------------------------------------------------

function toInteger(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string') return null;
	const text = value.trim();
	return /^-?\d+$/.test(text) ? Number(text) : null;
}

function toBoolean(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	if (value === 'true') return true;
	if (value === 'false') return false;
	return null;
}

function toText(value: unknown): string | null {
	if (typeof value === 'string') return value === '' ? null : value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return null;
}

/** Date, optional time, optional zone: Gumroad's ISO form, Ruby's `Time#to_s`, and offsets. */
const TIMESTAMP =
	/^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * → ISO 8601 UTC (`2026-03-14T16:22:05Z`), milliseconds only when non-zero; `null` when empty
 * or not a timestamp. A time without a zone is UTC, as all of Gumroad's times are: it must not
 * depend on the time zone of the n8n host.
 */
export function normaliseGumroadTimestamp(value: unknown): string | null {
	let millis: number;
	if (value instanceof Date) {
		millis = value.getTime();
	} else if (typeof value === 'string') {
		const match = TIMESTAMP.exec(value.trim());
		if (!match) return null;
		const [, date, time = '00:00:00', zone = 'Z'] = match;
		let offset = zone.toUpperCase();
		if (offset === 'UTC' || offset === 'GMT') offset = 'Z';
		else if (offset !== 'Z') offset = `${offset.slice(0, 3)}:${offset.slice(3).replace(':', '') || '00'}`;
		const fullTime = time.length === 5 ? `${time}:00` : time;
		millis = Date.parse(`${date}T${fullTime}${offset}`);
	} else {
		return null;
	}
	if (Number.isNaN(millis)) return null;
	return new Date(millis).toISOString().replace(/\.000Z$/, 'Z');
}

function typeScalar(type: FieldType, value: unknown): IDataObject[string] {
	switch (type) {
		case 'integer':
			return toInteger(value);
		case 'boolean':
			return toBoolean(value);
		case 'timestamp':
			return normaliseGumroadTimestamp(value);
		case 'text':
			return toText(value);
	}
}

/**
 * A form body has no nil: Gumroad sends an empty string for it. Free-form values (custom fields,
 * URL parameters, variants, fields this normaliser does not know) keep their text, but an empty
 * one is `null` like every other empty field, so `is empty` and `=== null` tests agree.
 */
function emptyAsNull(value: unknown): IDataObject[string] {
	if (value === '') return null;
	if (Array.isArray(value)) return value.map((entry) => emptyAsNull(entry)) as IDataObject[string];
	if (isPlainObject(value)) {
		const copy: IDataObject = {};
		for (const [key, entry] of Object.entries(value)) setOwn(copy, key, emptyAsNull(entry));
		return copy;
	}
	return value as IDataObject[string];
}

/** Known fields by their type, other keys kept as they are (empty as `null`). */
function typeObjectFields(
	source: IDataObject,
	types: Map<string, FieldType>,
	nested: Record<string, Map<string, FieldType>> = {},
): IDataObject {
	const typed: IDataObject = {};
	for (const [key, value] of Object.entries(source)) {
		const type = types.get(key);
		if (type) setOwn(typed, key, typeScalar(type, value));
		else if (hasOwn(nested, key) && isPlainObject(value)) setOwn(typed, key, typeObjectFields(value, nested[key]));
		else setOwn(typed, key, emptyAsNull(value));
	}
	return typed;
}

/** Checkbox and terms fields are `true`/`false` on the wire; every other value stays as the buyer typed it, a blank one `null`. */
function typeCustomFieldValue(value: unknown): IDataObject[string] {
	if (value === 'true') return true;
	if (value === 'false') return false;
	return emptyAsNull(value);
}

function typeCustomFields(customFields: IDataObject): IDataObject {
	const typed: IDataObject = {};
	for (const [name, value] of Object.entries(customFields)) setOwn(typed, name, typeCustomFieldValue(value));
	return typed;
}

function typeContainer(name: string, value: unknown): IDataObject[string] {
	if (name === 'purchase_ids') {
		if (Array.isArray(value)) return value.map((id) => toText(id)).filter((id): id is string => id !== null);
		const single = toText(value);
		return single === null ? [] : [single];
	}
	// A container that arrived as a scalar was replaced by something else (a custom-field copy
	// with the same name): there is no structure left to type.
	if (!isPlainObject(value)) return null;
	switch (name) {
		case 'card':
			return typeObjectFields(value, CARD_FIELD_TYPES);
		case 'shipping_information':
			return typeObjectFields(value, SHIPPING_FIELD_TYPES);
		case 'old_plan':
		case 'new_plan':
			return typeObjectFields(value, PLAN_FIELD_TYPES, { tier: TIER_FIELD_TYPES });
		case 'custom_fields':
			return typeCustomFields(value);
		default:
			// url_params, variants: free-form names and values, kept as sent.
			return emptyAsNull(value);
	}
}

// ---- money --------------------------------------------------------------------------------

/** `{ cents, amount, currency }`. `cents / 100` of an integer is the double nearest the decimal: 1999 → 19.99. */
export function gumroadMoneyAmount(cents: number, currency: string | null): IDataObject {
	const code = currency ? currency.toUpperCase() : null;
	const hasMinorUnit = !(code && CURRENCIES_WITHOUT_MINOR_UNIT.has(code.toLowerCase()));
	return { cents, amount: hasMinorUnit ? cents / 100 : cents, currency: code };
}

function addAmount(amounts: IDataObject, name: string, cents: unknown, currency: string | null): void {
	const value = toInteger(cents);
	if (value !== null) setOwn(amounts, name, gumroadMoneyAmount(value, currency));
}

function pingAmounts(typed: IDataObject, productCurrency: string | null): IDataObject {
	const amounts: IDataObject = {};
	for (const [field, name] of PING_USD_CENTS_FIELDS) addAmount(amounts, name, typed[field], 'USD');
	for (const plan of ['old_plan', 'new_plan']) {
		const details = typed[plan];
		if (isPlainObject(details)) addAmount(amounts, `${plan}_price`, details.price_cents, productCurrency);
	}
	return amounts;
}

// ---- pings --------------------------------------------------------------------------------

/** Both empty-ish or both the same text: how a top-level custom-field copy compares to its original. */
function sameWireValue(left: unknown, right: unknown): boolean {
	const asWire = (value: unknown) => (value === null || value === undefined ? '' : String(value));
	if (isPlainObject(left) || isPlainObject(right) || Array.isArray(left) || Array.isArray(right)) return false;
	return asWire(left) === asWire(right);
}

/** Test purchase (`test=true`) or the Settings-page test ping (no `resource_name`). Flat, nested or typed input. */
export function isGumroadTestPing(payload: IDataObject): boolean {
	const test = payload.test;
	if (test === true || test === 'true' || (Array.isArray(test) && test[0] === 'true')) return true;
	const resourceName = payload.resource_name;
	return resourceName === undefined || resourceName === null || resourceName === '';
}

/**
 * A ping (the raw form body, n8n's flat body, `parseGumroadFormBody` output, or a JSON ping;
 * strings or already typed) → typed event, its fields nested in one pass:
 *
 * - every field Gumroad sent, under its own name, typed by name (see the tables above), with
 *   `card`, `variants`, `custom_fields`, `url_params`, `shipping_information`,
 *   `old_plan`/`new_plan` (with `tier`) nested and `purchase_ids` always an array;
 * - `event`: `resource_name`, or `'test'` when it is missing (Settings "Send test ping"); an
 *   unknown resource name is passed on as it is;
 * - `is_test`: see `isGumroadTestPing`;
 * - `amounts`: `price`, `gumroad_fee`, `shipping_rate`, `affiliate_credit` (from
 *   `affiliate_credit_amount_cents`), `gift_price` in USD — Gumroad sends them as USD cents even
 *   when `currency` (the product currency, kept as is) is not usd — and `old_plan_price`/
 *   `new_plan_price` in the product currency (`options.productCurrency`, else `null`);
 * - `raw` with `options.includeRaw`.
 *
 * Custom-field copies: Gumroad copies each checkout custom field to the top level, and a field
 * named like a standard key (`email`, `price`, `test`) overwrites that key. Such a top-level value
 * that equals the custom field's value is still typed as the standard field (so `price` stays a
 * number or `null`, never free text), and its name is listed in
 * `standard_fields_replaced_by_custom_fields` (present only when not empty): the original value
 * is lost on the wire, read the field from `custom_fields` and re-fetch the sale if it matters.
 * If a sender repeats the key instead of overwriting it, the first (standard) value is used.
 * Copies under non-standard names get the same value as in `custom_fields` (`true`/`false`
 * as booleans). The added keys `event`, `is_test`, `amounts`, `raw` win over a custom field of
 * the same name, which stays readable under `custom_fields`.
 */
export function normaliseGumroadPing(payload: GumroadPingBody, options: GumroadPingOptions = {}): IDataObject {
	const nested = nestGumroadPing(payload);
	return typePing(nested, options, isPlainObject(payload) ? payload : nested);
}

/**
 * A ping built nested, its keys the fields' own names (from an API record, not the wire): typed as
 * `normaliseGumroadPing` types one, without decoding its names as the wire's.
 */
export function typeGumroadPing(ping: IDataObject, options: GumroadPingOptions = {}): IDataObject {
	return typePing(ping, options, ping);
}

function typePing(nested: IDataObject, options: GumroadPingOptions, received: IDataObject): IDataObject {
	const sentCustomFields = isPlainObject(nested.custom_fields) ? nested.custom_fields : {};
	const typedCustomFields = typeCustomFields(sentCustomFields);

	const fields: IDataObject = {};
	const replacedStandardFields: string[] = [];
	for (const [key, sent] of Object.entries(nested)) {
		const copiesCustomField = hasOwn(sentCustomFields, key) && sameWireValue(sent, sentCustomFields[key]);
		if (isStandardPingField(key)) {
			if (copiesCustomField) replacedStandardFields.push(key);
			if (PING_CONTAINER_FIELDS.has(key)) {
				setOwn(fields, key, typeContainer(key, sent));
			} else {
				const value = Array.isArray(sent) ? sent[0] : sent;
				setOwn(fields, key, typeScalar(PING_FIELD_TYPES.get(key) as FieldType, value));
			}
		} else if (copiesCustomField) {
			setOwn(fields, key, typedCustomFields[key]);
		} else {
			setOwn(fields, key, emptyAsNull(sent));
		}
	}

	const resourceName = toText(fields.resource_name);
	const event: IDataObject = {
		event: resourceName ?? GUMROAD_TEST_EVENT,
		is_test: isGumroadTestPing(fields),
	};
	const result: IDataObject = { ...event };
	for (const [key, value] of Object.entries(fields)) {
		if (!hasOwn(event, key)) setOwn(result, key, value);
	}
	result.amounts = pingAmounts(fields, options.productCurrency ?? null);
	if (replacedStandardFields.length > 0) result.standard_fields_replaced_by_custom_fields = replacedStandardFields;
	if (options.includeRaw) result.raw = deepCopy(options.raw ?? received);
	return result;
}

// ---- API records --------------------------------------------------------------------------

const RECORD_TIMESTAMP_FIELDS: Record<GumroadRecordKind, string[]> = {
	sale: ['created_at'],
	subscriber: [
		'created_at',
		'user_requested_cancellation_at',
		'cancelled_at',
		'ended_at',
		'failed_at',
		'free_trial_ends_at',
	],
	product: [],
	user: [],
	license: [
		'sale_timestamp',
		'created_at',
		'subscription_ended_at',
		'subscription_cancelled_at',
		'subscription_failed_at',
	],
};

function recordAmounts(kind: GumroadRecordKind, record: IDataObject): IDataObject {
	const amounts: IDataObject = {};
	if (kind === 'sale' || kind === 'license') {
		// API sale and licence-purchase `price`/`gumroad_fee` are USD cents, like the ping's.
		addAmount(amounts, 'price', record.price, 'USD');
		addAmount(amounts, 'gumroad_fee', record.gumroad_fee, 'USD');
	} else if (kind === 'product') {
		// A product's `price` is in its own currency.
		addAmount(amounts, 'price', record.price, toText(record.currency));
		addAmount(amounts, 'sales_usd', record.sales_usd_cents, 'USD');
	}
	return amounts;
}

function normaliseRecordFields(kind: GumroadRecordKind, record: IDataObject): IDataObject {
	const result: IDataObject = { ...record };
	for (const field of RECORD_TIMESTAMP_FIELDS[kind]) {
		if (hasOwn(record, field)) setOwn(result, field, normaliseGumroadTimestamp(record[field]));
	}
	if (kind === 'subscriber' && hasOwn(record, 'charge_occurrence_count')) {
		result.charge_occurrence_count = toInteger(record.charge_occurrence_count);
	}
	if (kind !== 'user') result.amounts = recordAmounts(kind, record);
	return result;
}

/**
 * An API v2 record → the ping conventions (ISO UTC timestamps, `amounts`), so the node's output
 * looks like the trigger's. Already JSON-typed fields are kept; nothing is renamed.
 * - `sale` (GET /v2/sales, /v2/sales/:id): `created_at`; `amounts.price`/`gumroad_fee` in USD.
 * - `subscriber`: its timestamps, `charge_occurrence_count`; no money fields.
 * - `product`: `amounts.price` in the product `currency`, `amounts.sales_usd` from `sales_usd_cents`.
 * - `user`: copied unchanged.
 * - `license` (POST /v2/licenses/verify): the whole response (its `purchase` is normalised) or
 *   the purchase alone; purchase timestamps, `amounts.price`/`gumroad_fee` in USD.
 */
export function normaliseGumroadRecord(kind: GumroadRecordKind, record: IDataObject): IDataObject {
	if (kind === 'license' && isPlainObject(record.purchase)) {
		return { ...record, purchase: normaliseRecordFields(kind, record.purchase) };
	}
	return normaliseRecordFields(kind, record);
}
