import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidInput, requireText } from '../shared/input';
import { returnAllProperties } from '../shared/operationProperties';
import { idSegment } from '../shared/operation';
import {
	type GumroadItem,
	type GumroadOperation,
	get,
	idProperty,
	limitOrNone,
	listOperation,
	productIdProperty,
	productPath,
	SCOPE,
	send,
	wholeNumber,
} from './helpers';

const edit = { scope: SCOPE.editProducts };
const offerCodeIdProperty = idProperty('Offer Code ID', 'offerCodeId', 'ID of the offer code (not the code buyers type)');
const codesPath = (item: GumroadItem) => `${productPath(item)}/offer_codes`;
const codePath = (item: GumroadItem) => `${codesPath(item)}/${idSegment(item, 'offerCodeId', 'Offer Code ID')}`;
const codeOf = (response: IDataObject) => response.offer_code as IDataObject;

const maxUsesProperty = (description: string): INodeProperties => ({
	displayName: 'Max Uses',
	name: 'maxPurchaseCount',
	type: 'number',
	typeOptions: { numberPrecision: 0 },
	default: 0,
	description,
});

const minimumAmountProperty = (description: string): INodeProperties => ({
	displayName: 'Minimum Amount (Cents)',
	name: 'minimumAmountCents',
	type: 'number',
	typeOptions: { numberPrecision: 0 },
	default: 0,
	description,
});

const maxUses = (item: GumroadItem, value: unknown) => limitOrNone(item, value, 'Max Uses');
const minimumAmount = (item: GumroadItem, value: unknown) => limitOrNone(item, value, 'Minimum Amount (Cents)', ' of cents');

/** Version 1 of the node took Max Uses as a field of its own, always sent; later ones as an update field. */
const V1 = { show: { '@version': [1] } };
const LATER = { hide: { '@version': [1] } };

/** Offer codes of a product (antiwork/gumroad Api::V2::OfferCodesController; writes need edit_products). */
export const offerCodeOperations: GumroadOperation[] = [
	{
		resource: 'offerCode',
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many offer codes of a product',
		description: "List the product's offer codes, and your universal ones",
		properties: [productIdProperty, ...returnAllProperties()],
		prepare: (item) => listOperation(item, codesPath(item), 'offer_codes'),
	},
	{
		resource: 'offerCode',
		value: 'get',
		name: 'Get',
		action: 'Get an offer code',
		description: 'Get an offer code of a product by ID',
		properties: [productIdProperty, offerCodeIdProperty],
		prepare(item) {
			const path = codePath(item);
			return async () => codeOf(await get(item, path));
		},
	},
	{
		resource: 'offerCode',
		value: 'create',
		name: 'Create',
		action: 'Create an offer code',
		description: 'Create a discount code for a product, or for all your products',
		properties: [
			productIdProperty,
			{
				displayName: 'Code',
				name: 'code',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'SPRING25',
				description: 'What buyers type at checkout: letters, digits, "-" and "_"',
			},
			{
				displayName: 'Discount Type',
				name: 'discountType',
				type: 'options',
				options: [
					{ name: 'Fixed Amount (Cents)', value: 'cents', description: "An amount in cents of the product's currency" },
					{ name: 'Percentage', value: 'percent', description: 'A percentage of the price, 1 to 100' },
				],
				default: 'cents',
			},
			{
				displayName: 'Amount Off',
				name: 'amountOff',
				type: 'number',
				typeOptions: { numberPrecision: 0 },
				required: true,
				default: 0,
				description: 'Cents off (500 = $5.00), or percent off, depending on Discount Type',
			},
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: [
					maxUsesProperty('How many purchases can use the code; 0 for no limit'),
					minimumAmountProperty("Smallest purchase amount the code applies to, in cents of the product's currency (500 = $5.00); 0 for no minimum"),
					{
						displayName: 'Universal',
						name: 'universal',
						type: 'boolean',
						default: false,
						description: 'Whether the code applies to all your products (in the same currency), not only this one',
					},
				],
			},
		],
		prepare(item) {
			const node = item.node;
			const path = codesPath(item);
			const percent = item.param<string>('discountType', 'cents') === 'percent';
			const fields = item.param<IDataObject>('additionalFields', {});
			const form: IDataObject = {
				name: requireText(node, item.itemIndex, 'Code', item.param('code')),
				offer_type: percent ? 'percent' : 'cents',
				amount_off: percent
					? wholeNumber(item, item.param('amountOff'), 'Amount Off', { min: 1, max: 100, unit: ' (percent)' })
					: wholeNumber(item, item.param('amountOff'), 'Amount Off', { min: 1, unit: ' of cents' }),
				universal: fields.universal === true ? 'true' : 'false',
			};
			const max = maxUses(item, fields.maxPurchaseCount);
			if (max !== '') form.max_purchase_count = max;
			const minimum = minimumAmount(item, fields.minimumAmountCents);
			if (minimum !== '') form.minimum_amount_cents = minimum;
			return async () => codeOf(await send(item, 'POST', path, { form, ...edit }));
		},
	},
	{
		resource: 'offerCode',
		value: 'update',
		name: 'Update',
		action: 'Update an offer code',
		description: 'Change how many times an offer code can be used, or the minimum amount it needs (its code, discount and products stay)',
		properties: [
			productIdProperty,
			offerCodeIdProperty,
			{ ...maxUsesProperty('How many purchases can use the code; 0 removes the limit'), displayOptions: V1 },
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: [minimumAmountProperty('Smallest purchase amount the code applies to, in cents; 0 removes the minimum')],
				displayOptions: V1,
			},
			{
				displayName: 'Update Fields',
				name: 'updateFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: [
					maxUsesProperty('How many purchases can use the code; 0 removes the limit'),
					minimumAmountProperty("Smallest purchase amount the code applies to, in cents of the product's currency (500 = $5.00); 0 removes the minimum"),
				],
				displayOptions: LATER,
			},
		],
		prepare(item) {
			const path = codePath(item);
			const form: IDataObject = {};
			const v1 = item.node.typeVersion < 1.1;
			const fields = item.param<IDataObject>(v1 ? 'additionalFields' : 'updateFields', {});
			// Each field is sent only when given: a field left out keeps Gumroad's value.
			if (v1) form.max_purchase_count = maxUses(item, item.param('maxPurchaseCount', 0));
			else if (fields.maxPurchaseCount !== undefined) form.max_purchase_count = maxUses(item, fields.maxPurchaseCount);
			if (fields.minimumAmountCents !== undefined) form.minimum_amount_cents = minimumAmount(item, fields.minimumAmountCents);
			if (Object.keys(form).length === 0) throw invalidInput(item.node, item.itemIndex, 'Update Fields', 'add at least one field to change');
			return async () => codeOf(await send(item, 'PUT', path, { form, ...edit }));
		},
	},
	{
		resource: 'offerCode',
		value: 'delete',
		name: 'Delete',
		action: 'Delete an offer code',
		description: 'Delete an offer code so that it can no longer be used',
		properties: [productIdProperty, offerCodeIdProperty],
		prepare(item) {
			const path = codePath(item);
			return async () => {
				await send(item, 'DELETE', path, edit);
				return { id: decodeURIComponent(path.split('/').pop() as string), deleted: true };
			};
		},
	},
];
