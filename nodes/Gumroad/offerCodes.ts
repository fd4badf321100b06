import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { requireText } from '../shared/input';
import { returnAllProperties } from '../shared/operationProperties';
import {
	type GumroadItem,
	type GumroadOperation,
	get,
	idParam,
	idProperty,
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
const codePath = (item: GumroadItem) => `${codesPath(item)}/${idParam(item, 'offerCodeId', 'Offer Code ID')}`;
const codeOf = (response: IDataObject) => response.offer_code as IDataObject;

const maxUsesProperty = (description: string): INodeProperties => ({
	displayName: 'Max Uses',
	name: 'maxPurchaseCount',
	type: 'number',
	typeOptions: { numberPrecision: 0 },
	default: 0,
	description,
});

/** Max Uses: 0 means no limit (sent as an empty value, which Gumroad stores as none). */
function maxUses(item: GumroadItem, value: unknown) {
	const count = wholeNumber(item, value ?? 0, 'Max Uses', { min: 0 });
	return count === 0 ? '' : count;
}

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
			const node = item.ctx.getNode();
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
			return async () => codeOf(await send(item, 'POST', path, { form, ...edit }));
		},
	},
	{
		resource: 'offerCode',
		value: 'update',
		name: 'Update',
		action: 'Update an offer code',
		description: 'Change how many times an offer code can be used (Gumroad allows no other change)',
		properties: [productIdProperty, offerCodeIdProperty, maxUsesProperty('How many purchases can use the code; 0 removes the limit')],
		prepare(item) {
			const path = codePath(item);
			const form = { max_purchase_count: maxUses(item, item.param('maxPurchaseCount', 0)) };
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
