import type { IDataObject } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../../../shared/gumroad/normalise';
import { get, type GumroadOperation, productIdProperty, productPath } from '../../helpers';

export const getProduct: GumroadOperation = {
	resource: 'product',
	value: 'get',
	name: 'Get',
	action: 'Get a product',
	description: 'Get a product by ID',
	properties: [productIdProperty],
	prepare(item) {
		const path = productPath(item);
		return async () => normaliseGumroadRecord('product', (await get(item, path)).product as IDataObject);
	},
};
