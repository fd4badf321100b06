import type { IDataObject } from 'n8n-workflow';

import { booleanForm, editProducts, type GumroadOperation, productIdProperty, send } from '../../helpers';
import { fieldNameProperty, fieldPath, requiredProperty } from './common';

export const updateCustomField: GumroadOperation = {
	resource: 'customField',
	value: 'update',
	name: 'Update',
	action: 'Update a custom field of a product',
	description: 'Change whether a checkout field is required (Gumroad allows no other change)',
	properties: [productIdProperty, fieldNameProperty('Name of the field to change, as listed'), requiredProperty],
	prepare(item) {
		const { path } = fieldPath(item);
		const form = { required: booleanForm(item.param('required', false)) };
		return async () => (await send(item, 'PUT', path, { form, ...editProducts })).custom_field as IDataObject;
	},
};
