import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidInput, requireText } from '../../../shared/input';
import { idSegment } from '../../../shared/operation';
import { crudRows, type GumroadItem, type GumroadOperation, idProperty, limitOrNone, optionalText, productIdProperty, wholeNumber } from '../../helpers';
import { categoryIdProperty, categoryPath } from '../variantCategory/crud';

/** Get Many, Get, Create, Update and Delete of the variants of a variant category (antiwork/gumroad Api::V2::VariantsController; writes need edit_products). */

const variantIdProperty = idProperty('Variant ID', 'variantId', 'ID of the variant (e.g. "Large")');

const variantsPath = (item: GumroadItem) => `${categoryPath(item)}/variants`;

const variantPath = (item: GumroadItem) => `${variantsPath(item)}/${idSegment(item, 'variantId', 'Variant ID')}`;

const variantFields: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Max Purchase Count',
		name: 'max_purchase_count',
		type: 'number',
		typeOptions: { numberPrecision: 0 },
		default: 0,
		description: 'How many of this variant can be sold; 0 for no limit (on update, 0 removes the limit)',
	},
	{
		displayName: 'Price Difference (Cents)',
		name: 'price_difference_cents',
		type: 'number',
		typeOptions: { numberPrecision: 0 },
		default: 0,
		description: "Added to the product's price when this variant is chosen, in cents of the product's currency",
	},
];

function variantForm(item: GumroadItem, update: boolean): IDataObject {
	const node = item.node;
	const fields = item.param<IDataObject>(update ? 'updateFields' : 'additionalFields', {});
	const form: IDataObject = {};
	if (update) {
		const name = optionalText(fields.name);
		if (name) form.name = name;
	} else {
		form.name = requireText(node, item.itemIndex, 'Name', item.param('name'));
	}
	const description = optionalText(fields.description);
	if (description) form.description = description;
	if (fields.max_purchase_count !== undefined && fields.max_purchase_count !== '') {
		// Gumroad reads nil as unlimited and 0 as sold out; on create, leaving it out is nil.
		const max = limitOrNone(item, fields.max_purchase_count, 'Max Purchase Count');
		if (update || max !== '') form.max_purchase_count = max;
	}
	if (fields.price_difference_cents !== undefined && fields.price_difference_cents !== '') {
		form.price_difference_cents = wholeNumber(item, fields.price_difference_cents, 'Price Difference (Cents)', { min: 0 });
	}
	if (Object.keys(form).length === 0) throw invalidInput(node, item.itemIndex, 'Update Fields', 'add at least one field to change');
	return form;
}

export const variantOperations: GumroadOperation[] = crudRows({
	resource: 'variant',
	label: 'variant',
	key: 'variant',
	listKey: 'variants',
	idProperties: [productIdProperty, categoryIdProperty],
	listPath: variantsPath,
	itemPath: variantPath,
	createProperties: [
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', placeholder: 'Large', description: 'Name of the option, shown to buyers' },
		{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: variantFields },
	],
	updateProperties: [
		variantIdProperty,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [...variantFields, { displayName: 'Name', name: 'name', type: 'string', default: '' } as INodeProperties].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	],
	form: variantForm,
});
