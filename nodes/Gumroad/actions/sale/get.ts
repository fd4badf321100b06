import { get, type GumroadOperation } from '../../helpers';
import { saleIdProperty, salePath, saleOf } from './common';

export const getSale: GumroadOperation = {
	resource: 'sale',
	value: 'get',
	name: 'Get',
	action: 'Get a sale',
	description: 'Get a sale by ID',
	properties: [saleIdProperty],
	prepare(item) {
		const path = salePath(item);
		return async () => saleOf(await get(item, path));
	},
};
