import type { IDataObject } from 'n8n-workflow';

import { requireText } from '../../../shared/input';
import { booleanForm, editProducts, type GumroadOperation, productIdProperty, productPath, send } from '../../helpers';
import { fieldNameProperty, requiredProperty } from './common';

export const createCustomField: GumroadOperation = {
	resource: 'customField',
	value: 'create',
	name: 'Create',
	action: 'Create a custom field on a product',
	description: 'Add a field that buyers fill in at checkout',
	properties: [
		productIdProperty,
		fieldNameProperty('Label shown at checkout; for a Terms field, the URL of the terms'),
		{
			displayName: 'Type',
			name: 'fieldType',
			type: 'options',
			options: [
				{ name: 'Checkbox', value: 'checkbox' },
				{ name: 'File', value: 'file', description: 'A file the buyer uploads' },
				{ name: 'Long Text', value: 'long_text' },
				{ name: 'Terms', value: 'terms', description: 'A checkbox to accept the terms at the URL given as name' },
				{ name: 'Text', value: 'text' },
			],
			default: 'text',
		},
		requiredProperty,
	],
	prepare(item) {
		const path = `${productPath(item)}/custom_fields`;
		const name = requireText(item.node, item.itemIndex, 'Field Name', item.param('fieldName'));
		const form = { name, type: item.param<string>('fieldType', 'text'), required: booleanForm(item.param('required', false)) };
		return async () => (await send(item, 'POST', path, { form, ...editProducts })).custom_field as IDataObject;
	},
};
