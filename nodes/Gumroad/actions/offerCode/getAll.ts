import { returnAllProperties } from '../../../shared/operationProperties';
import { type GumroadOperation, listOperation, productIdProperty } from '../../helpers';
import { codesPath } from './common';

export const getManyOfferCodes: GumroadOperation = {
	resource: 'offerCode',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many offer codes of a product',
	description: "List the product's offer codes, and your universal ones",
	properties: [productIdProperty, ...returnAllProperties()],
	prepare: (item) => listOperation(item, codesPath(item), 'offer_codes'),
};
