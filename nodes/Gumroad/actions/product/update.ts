import type { IDataObject } from 'n8n-workflow';

import { invalidInput } from '../../../shared/input';
import { editProducts, type GumroadOperation, productIdProperty, productPath, send } from '../../helpers';
import { byName, priceProperty, productFields, productForm, productOf, publishProperty, setPublished, withWarning } from './common';

/** PUT /v2/products/:id (antiwork/gumroad Api::V2::LinksController#update; edit_products). */
export const updateProduct: GumroadOperation = {
	resource: 'product',
	value: 'update',
	name: 'Update',
	action: 'Update a product',
	description: 'Change the name, price, description, permalink or published state of a product',
	properties: [
		productIdProperty,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: byName([
				...productFields,
				{ displayName: 'Custom Receipt', name: 'custom_receipt', type: 'string', default: '', description: 'Text added to the receipt e-mail' },
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{ ...priceProperty(false), description: "In the smallest unit of the product's currency (500 = $5.00); not for tiered memberships (their tiers are variants)" },
				publishProperty('Published', 'Whether the product can be bought: on publishes it, off unpublishes it'),
			]),
		},
	],
	prepare(item) {
		const path = productPath(item);
		const id = decodeURIComponent(path.split('/').pop() as string);
		const fields = item.param<IDataObject>('updateFields', {});
		const form = productForm(item, fields, true);
		if (Object.keys(form).length === 0 && fields.published === undefined) {
			throw invalidInput(item.node, item.itemIndex, 'Update Fields', 'add at least one field to change');
		}
		return async () => {
			// Only a change of published state: the enable/disable call alone answers the product.
			if (Object.keys(form).length === 0) {
				return productOf(await send(item, 'PUT', `${path}/${fields.published === true ? 'enable' : 'disable'}`, editProducts));
			}
			const response = await send(item, 'PUT', path, { form, ...editProducts });
			const product = await setPublished(item, id, fields.published, response.product as IDataObject);
			return withWarning({ ...response, product });
		};
	},
};
