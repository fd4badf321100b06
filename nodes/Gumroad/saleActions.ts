import type { IDataObject } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../shared/gumroad/normalise';
import { invalidInput } from '../shared/input';
import { idSegment } from '../shared/operation';
import { type GumroadItem, type GumroadOperation, idProperty, optionalText, SCOPE, send, wholeNumber } from './helpers';

const saleIdProperty = idProperty('Sale ID', 'saleId', 'The sale_id of a ping, or id of a listed sale');
const salePath = (item: GumroadItem) => `/v2/sales/${idSegment(item, 'saleId', 'Sale ID')}`;
const saleOf = (response: IDataObject) => normaliseGumroadRecord('sale', response.sale as IDataObject);

/** Sale writes (scopes: antiwork/gumroad config/initializers/doorkeeper.rb; Api::V2::SalesController). */
export const saleActions: GumroadOperation[] = [
	{
		resource: 'sale',
		value: 'markAsShipped',
		name: 'Mark as Shipped',
		action: 'Mark a sale as shipped',
		description: 'Mark a physical sale as shipped, with an optional tracking URL',
		properties: [
			saleIdProperty,
			{
				displayName: 'Tracking URL',
				name: 'trackingUrl',
				type: 'string',
				default: '',
				placeholder: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=...',
				description: 'Where the buyer can follow the parcel; shown in the shipping e-mail',
			},
		],
		prepare(item) {
			const path = `${salePath(item)}/mark_as_shipped`;
			const trackingUrl = optionalText(item.param('trackingUrl', ''));
			if (trackingUrl && !/^https?:\/\/\S+$/i.test(trackingUrl)) {
				throw invalidInput(item.node, item.itemIndex, 'Tracking URL', `"${trackingUrl}" is not an http(s) URL`);
			}
			const form = trackingUrl ? { tracking_url: trackingUrl } : {};
			return async () => saleOf(await send(item, 'PUT', path, { form, scope: SCOPE.markShipped }));
		},
	},
	{
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
	},
	{
		resource: 'sale',
		value: 'resendReceipt',
		name: 'Resend Receipt',
		action: 'Resend the receipt of a sale',
		description: "E-mail the sale's receipt to the buyer again",
		properties: [saleIdProperty],
		prepare(item) {
			const saleId = decodeURIComponent(idSegment(item, 'saleId', 'Sale ID'));
			const path = `${salePath(item)}/resend_receipt`;
			return async () => {
				await send(item, 'POST', path, { scope: SCOPE.editSales });
				return { sale_id: saleId, receipt_resent: true };
			};
		},
	},
];
