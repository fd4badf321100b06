import { editProducts, type GumroadOperation, productIdProperty, send } from '../../helpers';
import { codePath, offerCodeIdProperty } from './common';

export const deleteOfferCode: GumroadOperation = {
	resource: 'offerCode',
	value: 'delete',
	name: 'Delete',
	action: 'Delete an offer code',
	description: 'Delete an offer code so that it can no longer be used',
	properties: [productIdProperty, offerCodeIdProperty],
	prepare(item) {
		const path = codePath(item);
		return async () => {
			await send(item, 'DELETE', path, editProducts);
			return { id: decodeURIComponent(path.split('/').pop() as string), deleted: true };
		};
	},
};
