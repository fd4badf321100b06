import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../shared/gumroad/normalise';
import { invalidInput, pathSegment, requireText } from '../shared/input';
import { returnAllProperties } from '../shared/operationProperties';
import { idSegment } from '../shared/operation';
import {
	booleanForm,
	type GumroadItem,
	type GumroadOperation,
	idProperty,
	limitOrNone,
	listOperation,
	optionalText,
	productIdProperty,
	productPath,
	SCOPE,
	send,
	wholeNumber,
} from './helpers';

const returnAll = returnAllProperties();
const edit = { scope: SCOPE.editProducts };
const productOf = (response: IDataObject) => normaliseGumroadRecord('product', response.product as IDataObject);

/** Product writes (antiwork/gumroad Api::V2::LinksController: enable, disable, destroy, create, update; edit_products). */
export const productActions: GumroadOperation[] = [
	...(['enable', 'disable'] as const).map(
		(value): GumroadOperation => ({
			resource: 'product',
			value,
			name: value === 'enable' ? 'Enable' : 'Disable',
			action: value === 'enable' ? 'Enable a product' : 'Disable a product',
			description: value === 'enable' ? 'Publish a product so that it can be bought' : 'Unpublish a product so that it can no longer be bought',
			properties: [productIdProperty],
			prepare(item) {
				const path = `${productPath(item)}/${value}`;
				return async () => productOf(await send(item, 'PUT', path, edit));
			},
		}),
	),
	{
		resource: 'product',
		value: 'delete',
		name: 'Delete',
		action: 'Delete a product',
		description: 'Permanently delete a product',
		properties: [productIdProperty],
		prepare(item) {
			const path = productPath(item);
			return async () => {
				await send(item, 'DELETE', path, edit);
				return { id: decodeURIComponent(path.split('/').pop() as string), deleted: true };
			};
		},
	},
];

// ------------------------------------------------------------------ product create and update (LinksController#create, #update)

/** Link native types POST /v2/products accepts (physical and the legacy types are refused); fixed once created. */
const PRODUCT_TYPES = ['bundle', 'call', 'coffee', 'commission', 'course', 'digital', 'ebook', 'membership'];
const SUBSCRIPTION_DURATIONS = [
	{ name: 'Every 2 Years', value: 'every_two_years' },
	{ name: 'Every 3 Months', value: 'quarterly' },
	{ name: 'Every 6 Months', value: 'biannually' },
	{ name: 'Monthly', value: 'monthly' },
	{ name: 'Yearly', value: 'yearly' },
];
const titleCase = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);
/** A collection's options in the alphabetical order n8n's lint wants. */
const byName = (fields: INodeProperties[]) => [...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** Product fields both writes send; Gumroad takes each only when present (`params.key?`). */
const productFields: INodeProperties[] = [
	{ displayName: 'Currency', name: 'price_currency_type', type: 'string', default: '', placeholder: 'usd', description: "ISO code of the price's currency; on create, your account currency when empty" },
	{ displayName: 'Custom Permalink', name: 'custom_permalink', type: 'string', default: '', placeholder: 'my-ebook', description: 'The end of the product URL (…/l/my-ebook)' },
	{ displayName: 'Custom Summary', name: 'custom_summary', type: 'string', default: '', description: 'What the buyer gets, shown next to the buy button' },
	{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 4 }, default: '', description: 'HTML shown on the product page' },
	{ displayName: 'Max Purchase Count', name: 'max_purchase_count', type: 'number', typeOptions: { numberPrecision: 0 }, default: 0, description: 'How many can be sold; 0 for no limit (on update, 0 removes the limit)' },
	{ displayName: 'Pay What You Want', name: 'customizable_price', type: 'boolean', default: false, description: 'Whether buyers may pay more than the price' },
	{ displayName: 'Suggested Price (Cents)', name: 'suggested_price_cents', type: 'number', typeOptions: { numberPrecision: 0 }, default: 0, description: 'Amount suggested to buyers of a pay-what-you-want product, in cents' },
];

const priceProperty = (required: boolean): INodeProperties => ({
	displayName: 'Price (Cents)',
	name: 'price',
	type: 'number',
	typeOptions: { numberPrecision: 0 },
	required,
	default: 0,
	description: "In the smallest unit of the product's currency (500 = $5.00); 0 for a free product",
});

const publishProperty = (displayName: string, description: string): INodeProperties => ({
	displayName,
	name: 'published',
	type: 'boolean',
	default: true,
	description,
});

/** The fields of a product write given in `fields`, checked and put as Gumroad reads them. */
function productForm(item: GumroadItem, fields: IDataObject, update: boolean): IDataObject {
	const node = item.node;
	const form: IDataObject = {};
	for (const key of ['custom_permalink', 'custom_summary', 'description', 'custom_receipt', 'name']) {
		if (fields[key] === undefined) continue;
		const text = optionalText(fields[key]);
		if (key === 'name' && !text) throw invalidInput(node, item.itemIndex, 'Name', 'is required and must not be empty');
		if (text !== undefined || update) form[key] = text ?? '';
	}
	if (typeof form.custom_permalink === 'string' && form.custom_permalink && !/^[A-Za-z0-9_-]+$/.test(form.custom_permalink)) {
		throw invalidInput(node, item.itemIndex, 'Custom Permalink', `"${form.custom_permalink}" may contain only letters, digits, "-" and "_"`);
	}
	const currency = optionalText(fields.price_currency_type);
	if (currency !== undefined) {
		if (!/^[A-Za-z]{3}$/.test(currency)) throw invalidInput(node, item.itemIndex, 'Currency', `"${currency}" is not a three-letter ISO currency code`);
		form.price_currency_type = currency.toLowerCase();
	}
	if (fields.price !== undefined && fields.price !== '') form.price = wholeNumber(item, fields.price, 'Price (Cents)', { min: 0, unit: ' of cents' });
	if (fields.customizable_price !== undefined) form.customizable_price = booleanForm(fields.customizable_price);
	if (fields.suggested_price_cents !== undefined && fields.suggested_price_cents !== '') {
		form.suggested_price_cents = wholeNumber(item, fields.suggested_price_cents, 'Suggested Price (Cents)', { min: 0, unit: ' of cents' });
	}
	if (fields.max_purchase_count !== undefined && fields.max_purchase_count !== '') {
		// Rails casts "" to nil, Gumroad's "no limit"; on create, leaving it out is nil.
		const max = limitOrNone(item, fields.max_purchase_count, 'Max Purchase Count');
		if (update || max !== '') form.max_purchase_count = max;
	}
	return form;
}

/** Publish (PUT …/enable) or unpublish (…/disable) after a write, when asked: Gumroad creates drafts. */
async function setPublished(item: GumroadItem, id: string, published: unknown, product: IDataObject): Promise<IDataObject> {
	if (published === undefined || published === product.published) return product;
	const path = `/v2/products/${encodeURIComponent(id)}/${published === true ? 'enable' : 'disable'}`;
	return (await send(item, 'PUT', path, edit)).product as IDataObject;
}

/** The product with Gumroad's `warning` (offer codes the new price or currency invalidates), when it gave one. */
const withWarning = (response: IDataObject) => ({ ...productOf(response), ...(typeof response.warning === 'string' ? { warning: response.warning } : {}) });

export const productWrites: GumroadOperation[] = [
	{
		resource: 'product',
		value: 'create',
		name: 'Create',
		action: 'Create a product',
		description: 'Create a product, as a draft unless published',
		properties: [
			{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', placeholder: 'Pencil Icon PSD' },
			priceProperty(true),
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: byName([
					...productFields,
					publishProperty('Publish', 'Whether to publish the product at once (Gumroad creates it as an unpublished draft)'),
					{
						displayName: 'Subscription Duration',
						name: 'subscription_duration',
						type: 'options',
						options: SUBSCRIPTION_DURATIONS,
						default: 'monthly',
						description: 'Billing period of a membership (Type Membership only)',
					},
					{
						displayName: 'Type',
						name: 'native_type',
						type: 'options',
						options: PRODUCT_TYPES.map((value) => ({ name: titleCase(value), value })),
						default: 'digital',
						description: 'Kind of product; it cannot be changed later',
					},
				]),
			},
		],
		prepare(item) {
			const fields = item.param<IDataObject>('additionalFields', {});
			const form: IDataObject = {
				...productForm(item, { ...fields, name: item.param('name'), price: item.param('price') }, false),
				...(fields.native_type ? { native_type: fields.native_type } : {}),
			};
			if (fields.subscription_duration !== undefined) {
				if (form.native_type !== 'membership') {
					throw invalidInput(item.node, item.itemIndex, 'Subscription Duration', 'applies to Type Membership only');
				}
				form.subscription_duration = fields.subscription_duration;
			}
			return async () => {
				const created = (await send(item, 'POST', '/v2/products', { form, ...edit })).product as IDataObject;
				return normaliseGumroadRecord('product', await setPublished(item, String(created.id), fields.published, created));
			};
		},
	},
	{
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
					return productOf(await send(item, 'PUT', `${path}/${fields.published === true ? 'enable' : 'disable'}`, edit));
				}
				const response = await send(item, 'PUT', path, { form, ...edit });
				const product = await setPublished(item, id, fields.published, response.product as IDataObject);
				return withWarning({ ...response, product });
			};
		},
	},
];

// ------------------------------------------------------------------ custom fields (CustomFieldsController)

const fieldNameProperty = (description: string): INodeProperties => ({
	displayName: 'Field Name',
	name: 'fieldName',
	type: 'string',
	required: true,
	default: '',
	description,
});
const requiredProperty: INodeProperties = {
	displayName: 'Required',
	name: 'required',
	type: 'boolean',
	default: false,
	description: 'Whether the buyer must fill in (or tick) the field to check out',
};
/**
 * A field name as the last segment of a path. Rails routes `custom_fields/:id(.:format)`, so `:id`
 * stops at the first `.` (and a second one matches no route), then decodes the percent-escapes:
 * a `.` sent as `%2E` reaches the controller as part of the name (every Terms field's name is a
 * URL). A name of dots alone would become a `.`/`..` path segment, which URL parsers remove.
 */
const fieldPath = (item: GumroadItem) => {
	const name = requireText(item.node, item.itemIndex, 'Field Name', item.param('fieldName'));
	if (/^\.+$/.test(name)) {
		throw invalidInput(item.node, item.itemIndex, 'Field Name', `"${name}" cannot be addressed in a URL path`);
	}
	return { name, path: `${productPath(item)}/custom_fields/${pathSegment(item.node, item.itemIndex, 'Field Name', name, { encodeDots: true })}` };
};

export const customFieldOperations: GumroadOperation[] = [
	{
		resource: 'customField',
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many custom fields of a product',
		description: 'List the checkout fields of a product',
		properties: [productIdProperty, ...returnAll],
		prepare: (item) => listOperation(item, `${productPath(item)}/custom_fields`, 'custom_fields'),
	},
	{
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
			return async () => (await send(item, 'POST', path, { form, ...edit })).custom_field as IDataObject;
		},
	},
	{
		resource: 'customField',
		value: 'update',
		name: 'Update',
		action: 'Update a custom field of a product',
		description: 'Change whether a checkout field is required (Gumroad allows no other change)',
		properties: [productIdProperty, fieldNameProperty('Name of the field to change, as listed'), requiredProperty],
		prepare(item) {
			const { path } = fieldPath(item);
			const form = { required: booleanForm(item.param('required', false)) };
			return async () => (await send(item, 'PUT', path, { form, ...edit })).custom_field as IDataObject;
		},
	},
	{
		resource: 'customField',
		value: 'delete',
		name: 'Delete',
		action: 'Delete a custom field of a product',
		description: 'Remove a checkout field from a product',
		properties: [productIdProperty, fieldNameProperty('Name of the field to remove, as listed')],
		prepare(item) {
			const { name, path } = fieldPath(item);
			return async () => {
				await send(item, 'DELETE', path, edit);
				return { name, deleted: true };
			};
		},
	},
];

// ------------------------------------------------------------------ variant categories and variants

const categoryIdProperty = idProperty('Variant Category ID', 'variantCategoryId', 'ID of the variant category (e.g. "Size")');
const variantIdProperty = idProperty('Variant ID', 'variantId', 'ID of the variant (e.g. "Large")');
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
const categoryPath = (item: GumroadItem) => `${categoriesPath(item)}/${idSegment(item, 'variantCategoryId', 'Variant Category ID')}`;
const variantsPath = (item: GumroadItem) => `${categoryPath(item)}/variants`;
const variantPath = (item: GumroadItem) => `${variantsPath(item)}/${idSegment(item, 'variantId', 'Variant ID')}`;

/** Get, create, update and delete rows of a nested Gumroad object; they differ only in path, key and fields. */
function crudRows(spec: {
	resource: GumroadOperation['resource'];
	label: string;
	key: string;
	listKey: string;
	idProperties: INodeProperties[];
	listPath: (item: GumroadItem) => string;
	itemPath: (item: GumroadItem) => string;
	createProperties: INodeProperties[];
	updateProperties: INodeProperties[];
	form: (item: GumroadItem, update: boolean) => IDataObject;
}): GumroadOperation[] {
	const { resource, label, key } = spec;
	return [
		{
			resource,
			value: 'getAll',
			name: 'Get Many',
			action: `Get many ${label}s`,
			description: `List the ${label}s`,
			properties: [...spec.idProperties, ...returnAll],
			prepare: (item) => listOperation(item, spec.listPath(item), spec.listKey),
		},
		{
			resource,
			value: 'get',
			name: 'Get',
			action: `Get a ${label}`,
			description: `Get a ${label} by ID`,
			properties: [...spec.idProperties, spec.updateProperties[0]],
			prepare(item) {
				const path = spec.itemPath(item);
				return async () => (await send(item, 'GET', path))[key] as IDataObject;
			},
		},
		{
			resource,
			value: 'create',
			name: 'Create',
			action: `Create a ${label}`,
			description: `Add a ${label}`,
			properties: [...spec.idProperties, ...spec.createProperties],
			prepare(item) {
				const path = spec.listPath(item);
				const form = spec.form(item, false);
				return async () => (await send(item, 'POST', path, { form, ...edit }))[key] as IDataObject;
			},
		},
		{
			resource,
			value: 'update',
			name: 'Update',
			action: `Update a ${label}`,
			description: `Change a ${label}`,
			properties: [...spec.idProperties, ...spec.updateProperties],
			prepare(item) {
				const path = spec.itemPath(item);
				const form = spec.form(item, true);
				return async () => (await send(item, 'PUT', path, { form, ...edit }))[key] as IDataObject;
			},
		},
		{
			resource,
			value: 'delete',
			name: 'Delete',
			action: `Delete a ${label}`,
			description: `Permanently delete a ${label}`,
			properties: [...spec.idProperties, spec.updateProperties[0]],
			prepare(item) {
				const path = spec.itemPath(item);
				return async () => {
					await send(item, 'DELETE', path, edit);
					return { id: decodeURIComponent(path.split('/').pop() as string), deleted: true };
				};
			},
		},
	];
}

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
