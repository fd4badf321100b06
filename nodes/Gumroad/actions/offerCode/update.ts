import type { IDataObject } from 'n8n-workflow';

import { invalidInput } from '../../../shared/input';
import { editProducts, type GumroadOperation, productIdProperty, send } from '../../helpers';
import { codeOf, codePath, LATER, maxUses, maxUsesProperty, minimumAmount, minimumAmountProperty, offerCodeIdProperty, V1 } from './common';

export const updateOfferCode: GumroadOperation = {
	resource: 'offerCode',
	value: 'update',
	name: 'Update',
	action: 'Update an offer code',
	description: 'Change how many times an offer code can be used, or the minimum amount it needs (its code, discount and products stay)',
	properties: [
		productIdProperty,
		offerCodeIdProperty,
		{ ...maxUsesProperty('How many purchases can use the code; 0 removes the limit'), displayOptions: V1 },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [minimumAmountProperty('Smallest purchase amount the code applies to, in cents; 0 removes the minimum')],
			displayOptions: V1,
		},
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				maxUsesProperty('How many purchases can use the code; 0 removes the limit'),
				minimumAmountProperty("Smallest purchase amount the code applies to, in cents of the product's currency (500 = $5.00); 0 removes the minimum"),
			],
			displayOptions: LATER,
		},
	],
	prepare(item) {
		const path = codePath(item);
		const form: IDataObject = {};
		const v1 = item.node.typeVersion < 1.1;
		const fields = item.param<IDataObject>(v1 ? 'additionalFields' : 'updateFields', {});
		// Each field is sent only when given: a field left out keeps Gumroad's value.
		if (v1) form.max_purchase_count = maxUses(item, item.param('maxPurchaseCount', 0));
		else if (fields.maxPurchaseCount !== undefined) form.max_purchase_count = maxUses(item, fields.maxPurchaseCount);
		if (fields.minimumAmountCents !== undefined) form.minimum_amount_cents = minimumAmount(item, fields.minimumAmountCents);
		if (Object.keys(form).length === 0) throw invalidInput(item.node, item.itemIndex, 'Update Fields', 'add at least one field to change');
		return async () => codeOf(await send(item, 'PUT', path, { form, ...editProducts }));
	},
};
