import { normaliseGumroadRecord } from '../../../shared/gumroad/normalise';
import { returnAllProperties } from '../../../shared/operationProperties';
import { type GumroadOperation, pagedListOperation } from '../../helpers';

export const getManyProducts: GumroadOperation = {
	resource: 'product',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many products',
	description: 'List your products',
	properties: returnAllProperties(),
	prepare(item) {
		return pagedListOperation(item, { path: '/v2/products' }, 'products', (product) => normaliseGumroadRecord('product', product));
	},
};
