import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../../../shared/gumroad/normalise';
import { invalidInput } from '../../../shared/input';
import { dayParam, type GumroadItem, idPathSegment, recordIdField } from '../../helpers';

/** Sales (antiwork/gumroad Api::V2::SalesController; the scopes of writes: config/initializers/doorkeeper.rb). */

export const { property: saleIdProperty, parameter: saleIdParameter } = recordIdField({
	label: 'Sale ID',
	name: 'saleId',
	description: 'The sale_id of a ping, or id of a listed sale',
	field: 'Sale',
	fieldDescription: "The sale: From List searches by the buyer's e-mail, By ID takes the sale_id of a ping or id of a listed sale",
	searchListMethod: 'searchSales',
});

export const salePath = (item: GumroadItem) => `/v2/sales/${idPathSegment(item, saleIdParameter)}`;

export const saleOf = (response: IDataObject) => normaliseGumroadRecord('sale', response.sale as IDataObject);

export const dayProperty = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'dateTime',
	default: '',
	description,
});

/** `from`/`to` days, checked as Gumroad would refuse them (400), before any request. */
export function dayRange(item: GumroadItem) {
	const from = dayParam(item, item.param('from', ''), 'From');
	const to = dayParam(item, item.param('to', ''), 'To');
	if (from && to && from > to) throw invalidInput(item.node, item.itemIndex, 'To', 'must be on or after From');
	return { from, to };
}
