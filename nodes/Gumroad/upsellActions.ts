import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { gumroadMoneyAmount } from '../shared/gumroad/normalise';
import { invalidInput, parseList, requireText } from '../shared/input';
import { returnAllProperties } from '../shared/operationProperties';
import { booleanForm, type GumroadItem, type GumroadOperation, idParam, idProperty, listOperation, optionalText, SCOPE, send, wholeNumber } from './helpers';

/**
 * An upsell (Upsell#as_json) typed like the other records: a fixed discount also as
 * `amounts.discount` (`{ cents, amount, currency }`) in the offered product's currency.
 */
export function normaliseUpsell(upsell: IDataObject): IDataObject {
	const discount = upsell.discount as IDataObject | null | undefined;
	const product = upsell.product as IDataObject | undefined;
	const currency = typeof product?.currency_type === 'string' ? product.currency_type : null;
	return {
		...upsell,
		amounts: discount?.type === 'fixed' && typeof discount.cents === 'number' ? { discount: gumroadMoneyAmount(discount.cents, currency) } : {},
	};
}

const upsellIdProperty = idProperty('Upsell ID', 'upsellId', 'ID of a listed or created upsell');

const upsellPath = (item: GumroadItem) => `/v2/upsells/${idParam(item, 'upsellId', 'Upsell ID')}`;

/** What Create takes as options and Update as fields: text, discount, variant, selection, state. */
const upsellOptions: INodeProperties[] = [
	{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Shown with the offer' },
	{
		displayName: 'Discount Amount',
		name: 'discountAmount',
		type: 'number',
		default: 0,
		description: 'Cents off (Fixed) or percent off (Percent, 1–100)',
	},
	{
		displayName: 'Discount Type',
		name: 'discountType',
		type: 'options',
		options: [
			{ name: 'Fixed (Cents)', value: 'fixed' },
			{ name: 'None', value: 'none' },
			{ name: 'Percent', value: 'percent' },
		],
		default: 'none',
	},
	{ displayName: 'Offered Variant ID', name: 'variantId', type: 'string', default: '', description: 'The version of the product offered' },
	{ displayName: 'Paused', name: 'paused', type: 'boolean', default: false, description: 'Whether it is saved without being offered' },
	{
		displayName: 'Replace Selected Products',
		name: 'replaceSelectedProducts',
		type: 'boolean',
		default: false,
		description: 'Whether the offered product replaces the products in the cart that trigger it',
	},
	{
		displayName: 'Selected Product IDs',
		name: 'productIds',
		type: 'string',
		default: '',
		description: 'Products that trigger the offer (comma-separated or a JSON array); with Universal off',
	},
	{ displayName: 'Text', name: 'text', type: 'string', default: '', description: 'The title buyers see' },
	{ displayName: 'Universal', name: 'universal', type: 'boolean', default: false, description: 'Whether any product in the cart triggers it' },
];

/** Update's fields: Create's required ones made optional, with its options. */
const upsellUpdateFieldList: INodeProperties[] = [
	{ displayName: 'Cross-Sell', name: 'crossSell', type: 'boolean', default: true, description: 'Whether it adds the product to the cart (cross-sell) instead of offering another version of it' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Your name for it (buyers do not see it)' },
	{
		displayName: 'Offered Product ID',
		name: 'productId',
		type: 'string',
		default: '',
		description: "The product offered; the old product's version offers and, unless given, its offered variant are dropped",
	},
	...upsellOptions,
];
const upsellUpdateFields = upsellUpdateFieldList.sort((a, b) => a.displayName.localeCompare(b.displayName));

/** SaveUpsellService's offer_code: amount_cents or amount_percentage; none without a discount. */
function offerCode(item: GumroadItem, options: IDataObject, label = 'Options > Discount Amount'): IDataObject | undefined {
	const type = options.discountType;
	if (type === undefined || type === 'none') return undefined;
	if (type === 'percent') return { amount_percentage: wholeNumber(item, options.discountAmount, label, { min: 1, max: 100, unit: ' percent' }) };
	return { amount_cents: wholeNumber(item, options.discountAmount, label, { min: 1, unit: ' cents' }) };
}

/**
 * An upsell as SaveUpsellService takes it back, from Upsell#as_json: the service sets every
 * attribute from the request, so a field not sent is cleared (a discount deleted, version offers
 * dropped). A new offered product drops the variant and version offers of the old one, which
 * Gumroad would refuse as not its own.
 */
function upsellParams(upsell: IDataObject, newProduct: boolean): IDataObject {
	const product = (upsell.product ?? {}) as IDataObject;
	const variant = product.variant as IDataObject | null | undefined;
	const discount = upsell.discount as IDataObject | null | undefined;
	const offers = (upsell.upsell_variants ?? []) as IDataObject[];
	return {
		name: upsell.name,
		text: upsell.text,
		description: upsell.description,
		cross_sell: upsell.cross_sell,
		universal: upsell.universal,
		replace_selected_products: upsell.replace_selected_products,
		paused: upsell.paused,
		product_id: product.id,
		...(variant && !newProduct ? { variant_id: variant.id } : {}),
		product_ids: ((upsell.selected_products ?? []) as IDataObject[]).map((selected) => selected.id),
		...(discount?.type === 'percent' ? { offer_code: { amount_percentage: discount.percents } } : {}),
		...(discount?.type === 'fixed' ? { offer_code: { amount_cents: discount.cents } } : {}),
		upsell_variants: newProduct
			? []
			: offers.map((offer) => ({
					selected_variant_id: (offer.selected_variant as IDataObject | undefined)?.id,
					offered_variant_id: (offer.offered_variant as IDataObject | undefined)?.id,
				})),
	};
}

/** The Update Fields as SaveUpsellService params, checked before any request; at least one field. */
function upsellChange(item: GumroadItem, fields: IDataObject): { params: IDataObject; productId?: string } {
	const node = item.ctx.getNode();
	const label = (name: string) => `Update Fields > ${name}`;
	if (!Object.keys(fields).length) throw invalidInput(node, item.itemIndex, 'Update Fields', 'add at least one field to change');
	const params: IDataObject = {};
	if (fields.name !== undefined) params.name = requireText(node, item.itemIndex, label('Name'), fields.name);
	const productId = fields.productId === undefined ? undefined : requireText(node, item.itemIndex, label('Offered Product ID'), fields.productId);
	if (productId) params.product_id = productId;
	for (const [field, key] of [['text', 'text'], ['description', 'description']]) {
		if (fields[field] !== undefined) params[key] = optionalText(fields[field]) ?? null;
	}
	// Given empty, the whole product is offered, not one of its versions.
	if (fields.variantId !== undefined) params.variant_id = optionalText(fields.variantId) ?? '';
	for (const [field, key] of [['crossSell', 'cross_sell'], ['universal', 'universal'], ['replaceSelectedProducts', 'replace_selected_products'], ['paused', 'paused']]) {
		if (fields[field] !== undefined) params[key] = fields[field] === true;
	}
	if (fields.productIds !== undefined) params.product_ids = parseList(node, item.itemIndex, label('Selected Product IDs'), fields.productIds);
	if (params.universal === true && (params.product_ids as string[] | undefined)?.length) {
		throw invalidInput(node, item.itemIndex, label('Selected Product IDs'), 'a universal upsell is triggered by every product: leave it empty or turn Universal off');
	}
	if (fields.discountType !== undefined || fields.discountAmount !== undefined) {
		if (fields.discountType === undefined) throw invalidInput(node, item.itemIndex, label('Discount Type'), 'is needed with a Discount Amount');
		params.offer_code = offerCode(item, fields, label('Discount Amount')) ?? null;
	}
	return { params, productId };
}

/**
 * /v2/upsells (antiwork/gumroad Api::V2::UpsellsController#index, #show, #create, #update, #destroy
 * and SaveUpsellService; reads with any scope, writes with edit_products).
 */
export const upsellOperations: GumroadOperation[] = [
	{
		resource: 'upsell',
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many upsells',
		description: 'List your upsells and cross-sells',
		properties: returnAllProperties(),
		prepare: (item) => listOperation(item, '/v2/upsells', 'upsells', normaliseUpsell),
	},
	{
		resource: 'upsell',
		value: 'get',
		name: 'Get',
		action: 'Get an upsell',
		description: 'Get an upsell or cross-sell by ID',
		properties: [upsellIdProperty],
		prepare(item) {
			const path = upsellPath(item);
			return async () => normaliseUpsell((await send(item, 'GET', path)).upsell as IDataObject);
		},
	},
	{
		resource: 'upsell',
		value: 'create',
		name: 'Create',
		action: 'Create an upsell',
		description: 'Offer a product at checkout: a cross-sell adds it to the cart, an upsell offers a version of it',
		properties: [
			{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: 'Your name for it (buyers do not see it)' },
			{
				displayName: 'Offered Product ID',
				name: 'productId',
				type: 'string',
				required: true,
				default: '',
				description: 'The product offered (a call cannot be); one upsell per product',
			},
			{
				displayName: 'Cross-Sell',
				name: 'crossSell',
				type: 'boolean',
				default: true,
				description: 'Whether to add the product to the cart (cross-sell) instead of offering another version of it (upsell)',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					...upsellOptions,
				],
			},
		],
		prepare(item) {
			const node = item.ctx.getNode();
			const name = requireText(node, item.itemIndex, 'Name', item.param('name', ''));
			const productId = requireText(node, item.itemIndex, 'Offered Product ID', item.param('productId', ''));
			const options = item.param<IDataObject>('options', {});
			const form: IDataObject = { name, product_id: productId, cross_sell: booleanForm(item.param('crossSell', true)) };
			for (const [option, key] of [['text', 'text'], ['description', 'description'], ['variantId', 'variant_id']]) {
				const value = optionalText(options[option]);
				if (value) form[key] = value;
			}
			for (const [option, key] of [['universal', 'universal'], ['replaceSelectedProducts', 'replace_selected_products'], ['paused', 'paused']]) {
				if (options[option] !== undefined) form[key] = booleanForm(options[option]);
			}
			const productIds = parseList(node, item.itemIndex, 'Options > Selected Product IDs', options.productIds ?? '');
			if (productIds.length && form.universal === 'true') {
				throw invalidInput(node, item.itemIndex, 'Options > Selected Product IDs', 'a universal upsell is triggered by every product: leave it empty or turn Universal off');
			}
			if (productIds.length) form.product_ids = productIds;
			const discount = offerCode(item, options);
			if (discount) form.offer_code = discount;
			return async () => normaliseUpsell((await send(item, 'POST', '/v2/upsells', { form, scope: SCOPE.editProducts })).upsell as IDataObject);
		},
	},
	{
		resource: 'upsell',
		value: 'update',
		name: 'Update',
		action: 'Update an upsell',
		description: 'Change the fields given of an upsell or cross-sell; the others keep their values',
		properties: [
			upsellIdProperty,
			{
				displayName: 'Update Fields',
				name: 'updateFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: upsellUpdateFields,
			},
		],
		prepare(item) {
			const path = upsellPath(item);
			const change = upsellChange(item, item.param<IDataObject>('updateFields', {}));
			return async () => {
				const current = (await send(item, 'GET', path)).upsell as IDataObject;
				const json = { ...upsellParams(current, change.productId !== undefined), ...change.params };
				return normaliseUpsell((await send(item, 'PUT', path, { json, scope: SCOPE.editProducts })).upsell as IDataObject);
			};
		},
	},
	{
		resource: 'upsell',
		value: 'delete',
		name: 'Delete',
		action: 'Delete an upsell',
		description: 'Delete an upsell or cross-sell, with its discount',
		properties: [upsellIdProperty],
		prepare(item) {
			const path = upsellPath(item);
			return async () => {
				await send(item, 'DELETE', path, { scope: SCOPE.editProducts });
				return { id: decodeURIComponent(path.split('/').pop() as string), deleted: true };
			};
		},
	},
];
