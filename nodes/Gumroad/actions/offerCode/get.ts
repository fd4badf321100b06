import { get, type GumroadOperation, productIdProperty } from '../../helpers';
import { codeOf, codePath, offerCodeIdProperty } from './common';

export const getOfferCode: GumroadOperation = {
	resource: 'offerCode',
	value: 'get',
	name: 'Get',
	action: 'Get an offer code',
	description: 'Get an offer code of a product by ID',
	properties: [productIdProperty, offerCodeIdProperty],
	prepare(item) {
		const path = codePath(item);
		return async () => codeOf(await get(item, path));
	},
};
