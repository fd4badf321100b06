import type { IDataObject } from 'n8n-workflow';

import { type GumroadOperation, idParam, SCOPE, send, sentProduct, sentProductField } from '../../helpers';
import { dayProperty, dayRange } from './common';

/** POST /v2/sales/exports (antiwork/gumroad Api::V2::SalesController#export; view_sales). */
export const exportSales: GumroadOperation = {
	resource: 'sale',
	value: 'export',
	name: 'Export',
	action: 'Export sales as a CSV e-mail',
	description: "Have Gumroad e-mail a CSV of sales to the account's address (it is queued, not returned)",
	properties: [
		dayProperty('From', 'from', 'First day exported; all past sales when empty'),
		dayProperty('To', 'to', 'Last day exported; up to now when empty'),
		sentProductField({ displayName: 'Product ID', name: 'productId', type: 'string', default: '', description: 'Only the sales of this product' }),
	],
	prepare(item) {
		const { from, to } = dayRange(item);
		const productId = idParam(item, sentProduct('productId', 'Product ID'), true);
		const form: IDataObject = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(productId ? { product_id: productId } : {}) };
		return async () => {
			const { status, recipient_email: recipientEmail } = await send(item, 'POST', '/v2/sales/exports', { form, scope: SCOPE.viewSales });
			return { status, recipient_email: recipientEmail, ...form };
		};
	},
};
