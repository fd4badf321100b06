import type { IDataObject } from 'n8n-workflow';

import { requireText } from '../../../shared/input';
import { editProducts, type GumroadOperation, productIdProperty, send, wholeNumber } from '../../helpers';
import { codeOf, codesPath, maxUses, maxUsesProperty, minimumAmount, minimumAmountProperty } from './common';

export const createOfferCode: GumroadOperation = {
	resource: 'offerCode',
	value: 'create',
	name: 'Create',
	action: 'Create an offer code',
	description: 'Create a discount code for a product, or for all your products',
	properties: [
		productIdProperty,
		{
			displayName: 'Code',
			name: 'code',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'SPRING25',
			description: 'What buyers type at checkout: letters, digits, "-" and "_"',
		},
		{
			displayName: 'Discount Type',
			name: 'discountType',
			type: 'options',
			options: [
				{ name: 'Fixed Amount (Cents)', value: 'cents', description: "An amount in cents of the product's currency" },
				{ name: 'Percentage', value: 'percent', description: 'A percentage of the price, 1 to 100' },
			],
			default: 'cents',
		},
		{
			displayName: 'Amount Off',
			name: 'amountOff',
			type: 'number',
			typeOptions: { numberPrecision: 0 },
			required: true,
			default: 0,
			description: 'Cents off (500 = $5.00), or percent off, depending on Discount Type',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				maxUsesProperty('How many purchases can use the code; 0 for no limit'),
				minimumAmountProperty("Smallest purchase amount the code applies to, in cents of the product's currency (500 = $5.00); 0 for no minimum"),
				{
					displayName: 'Universal',
					name: 'universal',
					type: 'boolean',
					default: false,
					description: 'Whether the code applies to all your products (in the same currency), not only this one',
				},
			],
		},
	],
	prepare(item) {
		const node = item.node;
		const path = codesPath(item);
		const percent = item.param<string>('discountType', 'cents') === 'percent';
		const fields = item.param<IDataObject>('additionalFields', {});
		const form: IDataObject = {
			name: requireText(node, item.itemIndex, 'Code', item.param('code')),
			offer_type: percent ? 'percent' : 'cents',
			amount_off: percent
				? wholeNumber(item, item.param('amountOff'), 'Amount Off', { min: 1, max: 100, unit: ' (percent)' })
				: wholeNumber(item, item.param('amountOff'), 'Amount Off', { min: 1, unit: ' of cents' }),
			universal: fields.universal === true ? 'true' : 'false',
		};
		const max = maxUses(item, fields.maxPurchaseCount);
		if (max !== '') form.max_purchase_count = max;
		const minimum = minimumAmount(item, fields.minimumAmountCents);
		if (minimum !== '') form.minimum_amount_cents = minimum;
		return async () => codeOf(await send(item, 'POST', path, { form, ...editProducts }));
	},
};
