import { editProducts, type GumroadOperation, productIdProperty, send } from '../../helpers';
import { fieldNameProperty, fieldPath } from './common';

export const deleteCustomField: GumroadOperation = {
	resource: 'customField',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a custom field of a product',
	description: 'Remove a checkout field from a product',
	properties: [productIdProperty, fieldNameProperty('Name of the field to remove, as listed')],
	prepare(item) {
		const { name, path } = fieldPath(item);
		return async () => {
			await send(item, 'DELETE', path, editProducts);
			return { name, deleted: true };
		};
	},
};
