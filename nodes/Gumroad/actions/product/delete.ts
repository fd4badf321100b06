import { editProducts, type GumroadOperation, productIdProperty, productPath, send } from '../../helpers';

/** DELETE /v2/products/:id (antiwork/gumroad Api::V2::LinksController#destroy; edit_products). */
export const deleteProduct: GumroadOperation = {
	resource: 'product',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a product',
	description: 'Permanently delete a product',
	properties: [productIdProperty],
	prepare(item) {
		const path = productPath(item);
		return async () => {
			await send(item, 'DELETE', path, editProducts);
			return { id: decodeURIComponent(path.split('/').pop() as string), deleted: true };
		};
	},
};
