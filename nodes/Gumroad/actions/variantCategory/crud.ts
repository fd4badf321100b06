import type { INodeProperties } from 'n8n-workflow';

import { requireText } from '../../../shared/input';
import { crudRows, type GumroadItem, type GumroadOperation, idPathSegment, productIdProperty, productPath, recordIdField } from '../../helpers';

/** Get Many, Get, Create, Update and Delete of the variant categories of a product (antiwork/gumroad Api::V2::VariantCategoriesController; writes need edit_products). */

export const { property: categoryIdProperty, parameter: categoryIdParameter } = recordIdField({
	label: 'Variant Category ID',
	name: 'variantCategoryId',
	description: 'ID of the variant category (e.g. "Size")',
	field: 'Variant Category',
	fieldDescription: 'One of the variant categories of the Product (e.g. "Size"), or its ID',
	searchListMethod: 'searchVariantCategories',
});

const titleProperty: INodeProperties = {
	displayName: 'Title',
	name: 'title',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'Size',
	description: 'Name of the category of options, shown to buyers',
};

const categoriesPath = (item: GumroadItem) => `${productPath(item)}/variant_categories`;

export const categoryPath = (item: GumroadItem) => `${categoriesPath(item)}/${idPathSegment(item, categoryIdParameter)}`;

export const variantCategoryOperations: GumroadOperation[] = crudRows({
	resource: 'variantCategory',
	label: 'variant category',
	key: 'variant_category',
	listKey: 'variant_categories',
	idProperties: [productIdProperty],
	listPath: categoriesPath,
	itemPath: categoryPath,
	createProperties: [titleProperty],
	updateProperties: [categoryIdProperty, titleProperty],
	form: (item) => ({ title: requireText(item.node, item.itemIndex, 'Title', item.param('title')) }),
}).map((operation) => (operation.value === 'getAll' ? { ...operation, action: 'Get many variant categories', description: 'List the variant categories of a product' } : operation));
