import { returnAllProperties } from '../../../shared/operationProperties';
import { type GumroadOperation, listOperation, productIdProperty, productPath } from '../../helpers';

/** GET /v2/products/:id/skus (antiwork/gumroad Api::V2::SkusController#index; any public scope). */
export const getManySkus: GumroadOperation = {
	resource: 'sku',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many SKUs of a product',
	description: "List a product's SKUs (combinations of variants); a physical product without SKUs lists its variants",
	properties: [productIdProperty, ...returnAllProperties()],
	prepare: (item) => listOperation(item, `${productPath(item)}/skus`, 'skus'),
};
