import type { IDataObject } from 'n8n-workflow';

import { invalidInput, parseList, requireText } from '../../../shared/input';
import { booleanForm, type GumroadItem, type GumroadOperation, optionalText, SCOPE, send, wholeNumber } from '../../helpers';
import { normaliseUpsell } from './common';

/** SaveUpsellService's offer_code: amount_cents or amount_percentage; none without a discount. */
function offerCode(item: GumroadItem, options: IDataObject): IDataObject | undefined {
	const type = options.discountType;
	if (type === undefined || type === 'none') return undefined;
	if (type === 'percent') return { amount_percentage: wholeNumber(item, options.discountAmount, 'Options > Discount Amount', { min: 1, max: 100, unit: ' percent' }) };
	return { amount_cents: wholeNumber(item, options.discountAmount, 'Options > Discount Amount', { min: 1, unit: ' cents' }) };
}

export const createUpsell: GumroadOperation = {
	resource: 'upsell',
	value: 'create',
	name: 'Create',
	action: 'Create an upsell',
	description: 'Offer a product at checkout: a cross-sell adds it to the cart, an upsell offers a version of it',
	properties: [
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: 'Your name for it (buyers do not see it)' },
		{
			displayName: 'Offered Product ID',
			name: 'productId',
			type: 'string',
			required: true,
			default: '',
			description: 'The product offered (a call cannot be); one upsell per product',
		},
		{
			displayName: 'Cross-Sell',
			name: 'crossSell',
			type: 'boolean',
			default: true,
			description: 'Whether to add the product to the cart (cross-sell) instead of offering another version of it (upsell)',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
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
				{ displayName: 'Paused', name: 'paused', type: 'boolean', default: false, description: 'Whether to create it without offering it yet' },
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
			],
		},
	],
	prepare(item) {
		const node = item.node;
		const name = requireText(node, item.itemIndex, 'Name', item.param('name', ''));
		const productId = requireText(node, item.itemIndex, 'Offered Product ID', item.param('productId', ''));
		const options = item.param<IDataObject>('options', {});
		const form: IDataObject = { name, product_id: productId, cross_sell: booleanForm(item.param('crossSell', true)) };
		for (const [option, key] of [['text', 'text'], ['description', 'description'], ['variantId', 'variant_id']]) {
			const value = optionalText(options[option]);
			if (value) form[key] = value;
		}
		for (const [option, key] of [['universal', 'universal'], ['replaceSelectedProducts', 'replace_selected_products'], ['paused', 'paused']]) {
			if (options[option] !== undefined) form[key] = booleanForm(options[option]);
		}
		const productIds = parseList(node, item.itemIndex, 'Options > Selected Product IDs', options.productIds ?? '');
		if (productIds.length && form.universal === 'true') {
			throw invalidInput(node, item.itemIndex, 'Options > Selected Product IDs', 'a universal upsell is triggered by every product: leave it empty or turn Universal off');
		}
		if (productIds.length) form.product_ids = productIds;
		const discount = offerCode(item, options);
		if (discount) form.offer_code = discount;
		return async () => normaliseUpsell((await send(item, 'POST', '/v2/upsells', { form, scope: SCOPE.editProducts })).upsell as IDataObject);
	},
};
