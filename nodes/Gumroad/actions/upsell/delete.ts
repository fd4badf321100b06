import { type GumroadOperation, SCOPE, send } from '../../helpers';
import { upsellIdProperty, upsellPath } from './common';

export const deleteUpsell: GumroadOperation = {
	resource: 'upsell',
	value: 'delete',
	name: 'Delete',
	action: 'Delete an upsell',
	description: 'Delete an upsell or cross-sell, with its discount',
	properties: [upsellIdProperty],
	prepare(item) {
		const path = upsellPath(item);
		return async () => {
			await send(item, 'DELETE', path, { scope: SCOPE.editProducts });
			return { id: decodeURIComponent(path.split('/').pop() as string), deleted: true };
		};
	},
};
