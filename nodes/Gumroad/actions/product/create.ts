import type { IDataObject } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../../../shared/gumroad/normalise';
import { invalidInput } from '../../../shared/input';
import { editProducts, type GumroadOperation, send } from '../../helpers';
import { byName, priceProperty, productFields, productForm, publishProperty, setPublished } from './common';

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

/** POST /v2/products (antiwork/gumroad Api::V2::LinksController#create; edit_products). */
export const createProduct: GumroadOperation = {
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
			const created = (await send(item, 'POST', '/v2/products', { form, ...editProducts })).product as IDataObject;
			return normaliseGumroadRecord('product', await setPublished(item, String(created.id), fields.published, created));
		};
	},
};
