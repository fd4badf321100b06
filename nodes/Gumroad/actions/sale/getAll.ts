import type { IDataObject } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../../../shared/gumroad/normalise';
import { listSalesByDay } from '../../../shared/gumroad/salesByDay';
import { paginatePageKey } from '../../../shared/gumroad/transport';
import { invalidInput } from '../../../shared/input';
import { returnAllProperties } from '../../../shared/operationProperties';
import { afterBeforeFilterProperties, afterBeforeFilters, type GumroadOperation, idParam, maxOf, sentProduct, withSentProductOption } from '../../helpers';

export const getManySales: GumroadOperation = {
	resource: 'sale',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many sales',
	description: 'List sales, newest first, with optional filters',
	properties: [
		...returnAllProperties(),
		withSentProductOption({
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
		}, 'product_id'),
	],
	prepare(item) {
		const filters = item.param<IDataObject>('filters', {});
		const { after, before } = afterBeforeFilters(item, filters);
		const query: IDataObject = {};
		for (const key of ['email', 'order_id', 'name', 'license_key']) {
			const value = String(filters[key] ?? '').trim();
			if (value) query[key] = value;
		}
		if (filters.product_id !== undefined) {
			const productId = idParam(item, sentProduct('filters.product_id', 'Filters > Product ID', 'Filters > Product'), true);
			if (productId) query.product_id = productId;
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
};
