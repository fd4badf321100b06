import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { type GumroadItem, idPathSegment, limitOrNone, productPath, recordIdField } from '../../helpers';

/** Offer codes of a product (antiwork/gumroad Api::V2::OfferCodesController; writes need edit_products). */

export const { property: offerCodeIdProperty, parameter: offerCodeIdParameter } = recordIdField({
	label: 'Offer Code ID',
	name: 'offerCodeId',
	description: 'ID of the offer code (not the code buyers type)',
	field: 'Offer Code',
	fieldDescription: "One of the Product's offer codes (and your universal ones), or its ID (not the code buyers type)",
	searchListMethod: 'searchOfferCodes',
});

export const codesPath = (item: GumroadItem) => `${productPath(item)}/offer_codes`;

export const codePath = (item: GumroadItem) => `${codesPath(item)}/${idPathSegment(item, offerCodeIdParameter)}`;

export const codeOf = (response: IDataObject) => response.offer_code as IDataObject;

export const maxUsesProperty = (description: string): INodeProperties => ({
	displayName: 'Max Uses',
	name: 'maxPurchaseCount',
	type: 'number',
	typeOptions: { numberPrecision: 0 },
	default: 0,
	description,
});

export const minimumAmountProperty = (description: string): INodeProperties => ({
	displayName: 'Minimum Amount (Cents)',
	name: 'minimumAmountCents',
	type: 'number',
	typeOptions: { numberPrecision: 0 },
	default: 0,
	description,
});

export const maxUses = (item: GumroadItem, value: unknown) => limitOrNone(item, value, 'Max Uses');

export const minimumAmount = (item: GumroadItem, value: unknown) => limitOrNone(item, value, 'Minimum Amount (Cents)', ' of cents');

/** Version 1 of the node took Max Uses as a field of its own, always sent; later ones as an update field. */
export const V1 = { show: { '@version': [1] } };
export const LATER = { hide: { '@version': [1] } };
