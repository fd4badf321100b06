import type { IDataObject } from 'n8n-workflow';

import { invalidInput, parseList, requireText } from '../../../shared/input';
import { booleanForm, type GumroadOperation, idParam, optionalText, SCOPE, send, sentProduct, sentProductField } from '../../helpers';
import { normaliseUpsell, offerCode, upsellOptions } from './common';

export const createUpsell: GumroadOperation = {
	resource: 'upsell',
	value: 'create',
	name: 'Create',
	action: 'Create an upsell',
	description: 'Offer a product at checkout: a cross-sell adds it to the cart, an upsell offers a version of it',
	properties: [
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: 'Your name for it (buyers do not see it)' },
		sentProductField(
			{
				displayName: 'Offered Product ID',
				name: 'productId',
				type: 'string',
				required: true,
				default: '',
				description: 'The product offered (a call cannot be); one upsell per product',
			},
			'Offered Product',
		),
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
			options: upsellOptions,
		},
	],
	prepare(item) {
		const node = item.node;
		const name = requireText(node, item.itemIndex, 'Name', item.param('name', ''));
		const productId = idParam(item, sentProduct('productId', 'Offered Product ID', 'Offered Product'));
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
