import { returnAllProperties } from '../../../shared/operationProperties';
import { type GumroadOperation, listOperation, productIdProperty, productPath } from '../../helpers';

export const getManyCustomFields: GumroadOperation = {
	resource: 'customField',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many custom fields of a product',
	description: 'List the checkout fields of a product',
	properties: [productIdProperty, ...returnAllProperties()],
	prepare: (item) => listOperation(item, `${productPath(item)}/custom_fields`, 'custom_fields'),
};
