import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidInput, parseList, requireText } from '../../../shared/input';
import { type GumroadItem, type GumroadOperation, idParam, optionalText, SCOPE, send, sentProduct, withSentProductOption } from '../../helpers';
import { normaliseUpsell, offerCode, upsellIdProperty, upsellOptions, upsellPath } from './common';

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
	const node = item.node;
	const label = (name: string) => `Update Fields > ${name}`;
	if (!Object.keys(fields).length) throw invalidInput(node, item.itemIndex, 'Update Fields', 'add at least one field to change');
	const params: IDataObject = {};
	if (fields.name !== undefined) params.name = requireText(node, item.itemIndex, label('Name'), fields.name);
	const productId = fields.productId === undefined ? undefined : idParam(item, sentProduct('updateFields.productId', label('Offered Product ID'), label('Offered Product')));
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

export const updateUpsell: GumroadOperation = {
	resource: 'upsell',
	value: 'update',
	name: 'Update',
	action: 'Update an upsell',
	description: 'Change the fields given of an upsell or cross-sell; the others keep their values',
	properties: [
		upsellIdProperty,
		withSentProductOption(
			{
				displayName: 'Update Fields',
				name: 'updateFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: upsellUpdateFields,
			},
			'productId',
			'Offered Product',
		),
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
};
