import type { IDataObject } from 'n8n-workflow';

import { type GumroadOperation, SCOPE, send, wholeNumber } from '../../helpers';
import { saleIdProperty, saleOf, salePath } from './common';

export const refundSale: GumroadOperation = {
	resource: 'sale',
	value: 'refund',
	name: 'Refund',
	action: 'Refund a sale',
	description: 'Refund a sale in full, or part of it by an amount in cents',
	properties: [
		saleIdProperty,
		{
			displayName: 'Refund',
			name: 'refundType',
			type: 'options',
			options: [
				{ name: 'Full', value: 'full', description: 'Refund all that is not refunded yet' },
				{ name: 'Partial', value: 'partial', description: 'Refund a given amount' },
			],
			default: 'full',
		},
		{
			displayName: 'Amount (Cents)',
			name: 'amountCents',
			type: 'number',
			typeOptions: { numberPrecision: 0 },
			default: 0,
			description: "Amount to refund in the smallest unit of the sale's currency (500 = $5.00); a whole number above 0",
			displayOptions: { show: { refundType: ['partial'] } },
		},
	],
	prepare(item) {
		const path = `${salePath(item)}/refund`;
		const form: IDataObject = {};
		if (item.param<string>('refundType', 'full') === 'partial') {
			form.amount_cents = wholeNumber(item, item.param('amountCents'), 'Amount (Cents)', { min: 1, unit: ' of cents' });
		}
		return async () => saleOf(await send(item, 'PUT', path, { form, scope: SCOPE.refund }));
	},
};
