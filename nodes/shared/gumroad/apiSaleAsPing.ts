import type { IDataObject } from 'n8n-workflow';

import { hasOwn, isPlainObject, setOwn } from './normaliseForm';
import { normaliseGumroadTimestamp, typeGumroadPing } from './normalise';

const SHIPPING_FIELDS = ['full_name', 'street_address', 'country', 'state', 'zip_code', 'city'];

/** Reads a field of the API's sale only when it is there: a ping leaves out what does not apply. */
function copy(into: IDataObject, name: string, value: unknown) {
	if (value !== undefined && value !== null && value !== '') setOwn(into, name, value as IDataObject[string]);
}

/**
 * A sale of GET /v2/sales (API v2) as the `sale` ping Gumroad would have sent for it
 * (Purchase::PingNotification's field names), typed as a ping is (`typeGumroadPing`), so a sale the
 * Sales API found reads like one a ping delivered. `delivery: 'api'` tells them apart.
 *
 * What the API does not carry is absent: `url_params` (only the original ping has them),
 * `short_product_id`, `ip_country`, `discover_fee_charged`, `currency` before the API's 2026 form
 * added it, and `product_permalink`, which in a
 * ping is the product's full URL while the API's `product_permalink` is its slug (→ `permalink`).
 */
export function gumroadSaleAsPing(sale: IDataObject): IDataObject {
	const ping: IDataObject = {};
	copy(ping, 'seller_id', sale.seller_id);
	copy(ping, 'product_id', sale.product_id);
	copy(ping, 'product_name', sale.product_name);
	copy(ping, 'permalink', sale.product_permalink);
	copy(ping, 'email', sale.purchase_email ?? sale.email);
	copy(ping, 'price', sale.price);
	copy(ping, 'gumroad_fee', sale.gumroad_fee);
	copy(ping, 'currency', typeof sale.currency === 'string' ? sale.currency.toLowerCase() : undefined);
	copy(ping, 'quantity', sale.quantity);
	copy(ping, 'can_contact', sale.can_contact);
	copy(ping, 'referrer', sale.referrer);
	if (isPlainObject(sale.card)) ping.card = { visual: sale.card.visual ?? null, type: sale.card.type ?? null };
	copy(ping, 'order_number', sale.order_id);
	copy(ping, 'sale_id', sale.id);
	// A ping's timestamp has whole seconds; the API's may have a fraction.
	copy(ping, 'sale_timestamp', normaliseGumroadTimestamp(sale.created_at)?.replace(/\.\d+Z$/, 'Z'));
	copy(ping, 'purchaser_id', sale.purchaser_id);
	copy(ping, 'subscription_id', sale.subscription_id);
	if (isPlainObject(sale.variants) && Object.keys(sale.variants).length > 0) ping.variants = { ...sale.variants };
	copy(ping, 'offer_code', isPlainObject(sale.offer_code) ? sale.offer_code.code : sale.offer_code);
	if (sale.recurring_charge === true) ping.is_recurring_charge = true;
	const shipping: IDataObject = {};
	for (const field of SHIPPING_FIELDS) copy(shipping, field, sale[field]);
	Object.assign(ping, shipping);
	if (Object.keys(shipping).some((field) => field !== 'full_name')) ping.shipping_information = { ...shipping };
	const customFields = isPlainObject(sale.custom_fields) ? sale.custom_fields : {};
	// The ping copies each checkout field to the top level, except on renewals; never over a standard field.
	if (sale.recurring_charge !== true) {
		for (const [name, value] of Object.entries(customFields)) if (!hasOwn(ping, name)) setOwn(ping, name, value as IDataObject[string]);
	}
	if (Object.keys(customFields).length > 0) ping.custom_fields = { ...customFields };
	copy(ping, 'license_key', sale.license_key);
	copy(ping, 'recurrence', sale.subscription_duration);
	copy(ping, 'affiliate', isPlainObject(sale.affiliate) ? sale.affiliate.email : undefined);
	ping.is_gift_receiver_purchase = sale.is_gift_receiver_purchase === true;
	ping.refunded = sale.refunded === true;
	ping.resource_name = 'sale';
	ping.disputed = sale.disputed === true;
	ping.dispute_won = sale.dispute_won === true;
	return { ...typeGumroadPing(ping), delivery: 'api' };
}
