import { editProducts, type GumroadOperation, productIdProperty, productPath, send } from '../../helpers';
import { productOf } from './common';

/** Product Enable and Disable (antiwork/gumroad Api::V2::LinksController#enable, #disable; edit_products). */
export const enableDisableProduct: GumroadOperation[] = (['enable', 'disable'] as const).map(
	(value): GumroadOperation => ({
		resource: 'product',
		value,
		name: value === 'enable' ? 'Enable' : 'Disable',
		action: value === 'enable' ? 'Enable a product' : 'Disable a product',
		description: value === 'enable' ? 'Publish a product so that it can be bought' : 'Unpublish a product so that it can no longer be bought',
		properties: [productIdProperty],
		prepare(item) {
			const path = `${productPath(item)}/${value}`;
			return async () => productOf(await send(item, 'PUT', path, editProducts));
		},
	}),
);
