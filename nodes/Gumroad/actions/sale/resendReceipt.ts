import { type GumroadOperation, idParam, SCOPE, send } from '../../helpers';
import { saleIdParameter, saleIdProperty, salePath } from './common';

export const resendSaleReceipt: GumroadOperation = {
	resource: 'sale',
	value: 'resendReceipt',
	name: 'Resend Receipt',
	action: 'Resend the receipt of a sale',
	description: "E-mail the sale's receipt to the buyer again",
	properties: [saleIdProperty],
	prepare(item) {
		const saleId = idParam(item, saleIdParameter);
		const path = `${salePath(item)}/resend_receipt`;
		return async () => {
			await send(item, 'POST', path, { scope: SCOPE.editSales });
			return { sale_id: saleId, receipt_resent: true };
		};
	},
};
