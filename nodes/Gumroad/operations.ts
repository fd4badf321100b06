import type { IDataObject } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../shared/gumroad/normalise';
import { listSalesByDay } from '../shared/gumroad/salesByDay';
import { paginatePageKey } from '../shared/gumroad/transport';
import { invalidInput } from '../shared/input';
import { returnAllProperties } from '../shared/operationProperties';
import { idSegment } from '../shared/operation';
import { customFieldOperations, productActions, productWrites, variantCategoryOperations, variantOperations } from './productActions';
import { emailOperations } from './emailActions';
import { upsellOperations } from './upsellActions';
import {
	afterBeforeFilterProperties,
	afterBeforeFilters,
	get,
	type GumroadOperation,
	idProperty,
	maxOf,
	pagedListOperation,
	productIdField,
	productIdProperty,
	productPath,
	withProductLocator,
} from './helpers';
import { licenseActions } from './licenseActions';
import { licenseVerifyOperation } from './licenseVerify';
import { offerCodeOperations } from './offerCodes';
import { payoutOperations } from './payoutActions';
import { saleActions } from './saleActions';
import { saleReports } from './saleReports';
import { skuOperations } from './skuActions';
import { subscriberActions } from './subscriberActions';
import { userActions } from './userActions';

export type { GumroadItem, GumroadOperation } from './helpers';

const returnAll = returnAllProperties();

const readOperations: GumroadOperation[] = [
	{
		resource: 'sale',
		value: 'get',
		name: 'Get',
		action: 'Get a sale',
		description: 'Get a sale by ID',
		properties: [idProperty('Sale ID', 'saleId', 'The sale_id of a ping, or id of a listed sale')],
		prepare(item) {
			const path = `/v2/sales/${idSegment(item, 'saleId', 'Sale ID')}`;
			return async () => normaliseGumroadRecord('sale', (await get(item, path)).sale as IDataObject);
		},
	},
	{
		resource: 'sale',
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many sales',
		description: 'List sales, newest first, with optional filters',
		properties: [
			...returnAll,
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					...afterBeforeFilterProperties('sales'),
					{ displayName: 'Buyer Name', name: 'name', type: 'string', default: '', description: "Only sales whose buyer's full name contains this text" },
					{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Only sales to this buyer e-mail' },
					{ displayName: 'License Key', name: 'license_key', type: 'string', default: '', description: 'Only the sale of this license key' },
					{ displayName: 'Order ID', name: 'order_id', type: 'string', default: '', description: 'Only the sale with this order number (digits)' },
					{ displayName: 'Product ID', name: 'product_id', type: 'string', default: '' },
				],
			},
		],
		prepare(item) {
			const filters = item.param<IDataObject>('filters', {});
			const { after, before } = afterBeforeFilters(item, filters);
			const query: IDataObject = {};
			for (const key of ['email', 'order_id', 'product_id', 'name', 'license_key']) {
				const value = String(filters[key] ?? '').trim();
				if (value) query[key] = value;
			}
			// Gumroad answers 400 "Invalid order ID." unless the text is the digits of a number.
			if (query.order_id !== undefined && !/^[1-9]\d*$/.test(query.order_id as string)) {
				throw invalidInput(item.node, item.itemIndex, 'Filters > Order ID', `"${String(query.order_id)}" is not an order number (digits only)`);
			}
			const request = { method: 'GET' as const, path: '/v2/sales', query, itemIndex: item.itemIndex };
			const max = maxOf(item);
			return async () => {
				// A buyer's, an order's or a key's sales are a page or two: one walk is quicker than day ranges.
				const sales =
					max === Number.POSITIVE_INFINITY && !query.email && !query.order_id && !query.license_key
						? await listSalesByDay(item.client, request, { after, before })
						: await paginatePageKey(item.client, { ...request, query: { ...query, ...(after ? { after } : {}), ...(before ? { before } : {}) } }, 'sales', max);
				return sales.map((sale) => normaliseGumroadRecord('sale', sale));
			};
		},
	},
	{
		resource: 'product',
		value: 'get',
		name: 'Get',
		action: 'Get a product',
		description: 'Get a product by ID',
		properties: [productIdProperty],
		prepare(item) {
			const path = productPath(item);
			return async () => normaliseGumroadRecord('product', (await get(item, path)).product as IDataObject);
		},
	},
	{
		resource: 'product',
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many products',
		description: 'List your products',
		properties: returnAll,
		prepare(item) {
			return pagedListOperation(item, { path: '/v2/products' }, 'products', (product) => normaliseGumroadRecord('product', product));
		},
	},
	{
		resource: 'subscriber',
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many subscribers of a product',
		description: 'List the active subscribers of a membership product',
		properties: [
			productIdField('ID of the membership product'),
			...returnAll,
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Only the subscriber with this e-mail' },
		],
		prepare(item) {
			const path = `${productPath(item)}/subscribers`;
			const email = String(item.param('email', '')).trim();
			const query: IDataObject = { paginated: 'true', ...(email ? { email } : {}) };
			return pagedListOperation(item, { path, query }, 'subscribers', (subscriber) => normaliseGumroadRecord('subscriber', subscriber));
		},
	},
	{
		resource: 'user',
		value: 'get',
		name: 'Get',
		action: 'Get the authenticated user',
		description: 'Get the Gumroad account of the credential',
		properties: [],
		prepare(item) {
			return async () => normaliseGumroadRecord('user', (await get(item, '/v2/user')).user as IDataObject);
		},
	},
	licenseVerifyOperation,
];

export const gumroadOperations: GumroadOperation[] = [
	...readOperations,
	...saleActions,
	...saleReports,
	...productActions,
	...productWrites,
	...customFieldOperations,
	...variantCategoryOperations,
	...variantOperations,
	...offerCodeOperations,
	...subscriberActions,
	...licenseActions,
	...payoutOperations,
	...userActions,
	...skuOperations,
	...emailOperations,
	...upsellOperations,
].map(withProductLocator);
