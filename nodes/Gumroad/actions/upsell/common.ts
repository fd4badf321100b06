import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { gumroadMoneyAmount } from '../../../shared/gumroad/normalise';
import { idSegment } from '../../../shared/operation';
import { type GumroadItem, idProperty, wholeNumber } from '../../helpers';

/**
 * /v2/upsells (antiwork/gumroad Api::V2::UpsellsController#index, #show, #create, #update, #destroy
 * and SaveUpsellService; reads with any scope, writes with edit_products).
 */

/**
 * An upsell (Upsell#as_json) typed like the other records: a fixed discount also as
 * `amounts.discount` (`{ cents, amount, currency }`) in the offered product's currency.
 */
export function normaliseUpsell(upsell: IDataObject): IDataObject {
	const discount = upsell.discount as IDataObject | null | undefined;
	const product = upsell.product as IDataObject | undefined;
	const currency = typeof product?.currency_type === 'string' ? product.currency_type : null;
	return {
		...upsell,
		amounts: discount?.type === 'fixed' && typeof discount.cents === 'number' ? { discount: gumroadMoneyAmount(discount.cents, currency) } : {},
	};
}

export const upsellIdProperty = idProperty('Upsell ID', 'upsellId', 'ID of a listed or created upsell');

export const upsellPath = (item: GumroadItem) => `/v2/upsells/${idSegment(item, 'upsellId', 'Upsell ID')}`;

/** What Create takes as options and Update as fields: text, discount, variant, selection, state. */
export const upsellOptions: INodeProperties[] = [
	{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Shown with the offer' },
	{
		displayName: 'Discount Amount',
		name: 'discountAmount',
		type: 'number',
		default: 0,
		description: 'Cents off (Fixed) or percent off (Percent, 1–100)',
	},
	{
		displayName: 'Discount Type',
		name: 'discountType',
		type: 'options',
		options: [
			{ name: 'Fixed (Cents)', value: 'fixed' },
			{ name: 'None', value: 'none' },
			{ name: 'Percent', value: 'percent' },
		],
		default: 'none',
	},
	{ displayName: 'Offered Variant ID', name: 'variantId', type: 'string', default: '', description: 'The version of the product offered' },
	{ displayName: 'Paused', name: 'paused', type: 'boolean', default: false, description: 'Whether it is saved without being offered' },
	{
		displayName: 'Replace Selected Products',
		name: 'replaceSelectedProducts',
		type: 'boolean',
		default: false,
		description: 'Whether the offered product replaces the products in the cart that trigger it',
	},
	{
		displayName: 'Selected Product IDs',
		name: 'productIds',
		type: 'string',
		default: '',
		description: 'Products that trigger the offer (comma-separated or a JSON array); with Universal off',
	},
	{ displayName: 'Text', name: 'text', type: 'string', default: '', description: 'The title buyers see' },
	{ displayName: 'Universal', name: 'universal', type: 'boolean', default: false, description: 'Whether any product in the cart triggers it' },
];

/** SaveUpsellService's offer_code: amount_cents or amount_percentage; none without a discount. */
export function offerCode(item: GumroadItem, options: IDataObject, label = 'Options > Discount Amount'): IDataObject | undefined {
	const type = options.discountType;
	if (type === undefined || type === 'none') return undefined;
	if (type === 'percent') return { amount_percentage: wholeNumber(item, options.discountAmount, label, { min: 1, max: 100, unit: ' percent' }) };
	return { amount_cents: wholeNumber(item, options.discountAmount, label, { min: 1, unit: ' cents' }) };
}
