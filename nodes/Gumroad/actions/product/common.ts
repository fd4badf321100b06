import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../../../shared/gumroad/normalise';
import { invalidInput } from '../../../shared/input';
import { booleanForm, editProducts, type GumroadItem, limitOrNone, optionalText, send, wholeNumber } from '../../helpers';

export const productOf = (response: IDataObject) => normaliseGumroadRecord('product', response.product as IDataObject);

/** A collection's options in the alphabetical order n8n's lint wants. */
export const byName = (fields: INodeProperties[]) => [...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** Product fields both writes send; Gumroad takes each only when present (`params.key?`). */
export const productFields: INodeProperties[] = [
	{ displayName: 'Currency', name: 'price_currency_type', type: 'string', default: '', placeholder: 'usd', description: "ISO code of the price's currency; on create, your account currency when empty" },
	{ displayName: 'Custom Permalink', name: 'custom_permalink', type: 'string', default: '', placeholder: 'my-ebook', description: 'The end of the product URL (…/l/my-ebook)' },
	{ displayName: 'Custom Summary', name: 'custom_summary', type: 'string', default: '', description: 'What the buyer gets, shown next to the buy button' },
	{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 4 }, default: '', description: 'HTML shown on the product page' },
	{ displayName: 'Max Purchase Count', name: 'max_purchase_count', type: 'number', typeOptions: { numberPrecision: 0 }, default: 0, description: 'How many can be sold; 0 for no limit (on update, 0 removes the limit)' },
	{ displayName: 'Pay What You Want', name: 'customizable_price', type: 'boolean', default: false, description: 'Whether buyers may pay more than the price' },
	{ displayName: 'Suggested Price (Cents)', name: 'suggested_price_cents', type: 'number', typeOptions: { numberPrecision: 0 }, default: 0, description: 'Amount suggested to buyers of a pay-what-you-want product, in cents' },
];

export const priceProperty = (required: boolean): INodeProperties => ({
	displayName: 'Price (Cents)',
	name: 'price',
	type: 'number',
	typeOptions: { numberPrecision: 0 },
	required,
	default: 0,
	description: "In the smallest unit of the product's currency (500 = $5.00); 0 for a free product",
});

export const publishProperty = (displayName: string, description: string): INodeProperties => ({
	displayName,
	name: 'published',
	type: 'boolean',
	default: true,
	description,
});

/** The fields of a product write given in `fields`, checked and put as Gumroad reads them. */
export function productForm(item: GumroadItem, fields: IDataObject, update: boolean): IDataObject {
	const node = item.node;
	const form: IDataObject = {};
	for (const key of ['custom_permalink', 'custom_summary', 'description', 'custom_receipt', 'name']) {
		if (fields[key] === undefined) continue;
		const text = optionalText(fields[key]);
		if (key === 'name' && !text) throw invalidInput(node, item.itemIndex, 'Name', 'is required and must not be empty');
		if (text !== undefined || update) form[key] = text ?? '';
	}
	if (typeof form.custom_permalink === 'string' && form.custom_permalink && !/^[A-Za-z0-9_-]+$/.test(form.custom_permalink)) {
		throw invalidInput(node, item.itemIndex, 'Custom Permalink', `"${form.custom_permalink}" may contain only letters, digits, "-" and "_"`);
	}
	const currency = optionalText(fields.price_currency_type);
	if (currency !== undefined) {
		if (!/^[A-Za-z]{3}$/.test(currency)) throw invalidInput(node, item.itemIndex, 'Currency', `"${currency}" is not a three-letter ISO currency code`);
		form.price_currency_type = currency.toLowerCase();
	}
	if (fields.price !== undefined && fields.price !== '') form.price = wholeNumber(item, fields.price, 'Price (Cents)', { min: 0, unit: ' of cents' });
	if (fields.customizable_price !== undefined) form.customizable_price = booleanForm(fields.customizable_price);
	if (fields.suggested_price_cents !== undefined && fields.suggested_price_cents !== '') {
		form.suggested_price_cents = wholeNumber(item, fields.suggested_price_cents, 'Suggested Price (Cents)', { min: 0, unit: ' of cents' });
	}
	if (fields.max_purchase_count !== undefined && fields.max_purchase_count !== '') {
		// Rails casts "" to nil, Gumroad's "no limit"; on create, leaving it out is nil.
		const max = limitOrNone(item, fields.max_purchase_count, 'Max Purchase Count');
		if (update || max !== '') form.max_purchase_count = max;
	}
	return form;
}

/** Publish (PUT …/enable) or unpublish (…/disable) after a write, when asked: Gumroad creates drafts. */
export async function setPublished(item: GumroadItem, id: string, published: unknown, product: IDataObject): Promise<IDataObject> {
	if (published === undefined || published === product.published) return product;
	const path = `/v2/products/${encodeURIComponent(id)}/${published === true ? 'enable' : 'disable'}`;
	return (await send(item, 'PUT', path, editProducts)).product as IDataObject;
}

/** The product with Gumroad's `warning` (offer codes the new price or currency invalidates), when it gave one. */
export const withWarning = (response: IDataObject) => ({ ...productOf(response), ...(typeof response.warning === 'string' ? { warning: response.warning } : {}) });
