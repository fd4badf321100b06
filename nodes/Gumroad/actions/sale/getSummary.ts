import type { IDataObject } from 'n8n-workflow';

import { invalidInput } from '../../../shared/input';
import { daysBetween, type GumroadOperation, optionalText, SCOPE, send, withAmounts } from '../../helpers';
import { dayProperty, dayRange } from './common';

/** AnalyticsController::MAX_DATE_RANGE_DAYS and CreatorAnalytics::Sales::MAX_HOURLY_DATE_RANGE_DAYS. */
const MAX_RANGE_DAYS = 366;
const MAX_HOURLY_RANGE_DAYS = 7;

/** GET /v2/sales/summary (antiwork/gumroad Api::V2::SalesController#summary; view_sales). */
export const getSalesSummary: GumroadOperation = {
	resource: 'sale',
	value: 'getSummary',
	name: 'Get Summary',
	action: 'Get a summary of sales',
	description: 'Totals of sales between two days (gross, net, refunded, units), optionally broken down',
	properties: [
		dayProperty('From', 'from', "First day counted, in the store's time zone; 29 days before To when empty"),
		dayProperty('To', 'to', "Last day counted, in the store's time zone; today when empty"),
		{
			displayName: 'Group By',
			name: 'groupBy',
			type: 'options',
			options: [
				{ name: 'Day', value: 'day' },
				{ name: 'Hour', value: 'hour', description: 'At most 7 days' },
				{ name: 'Month', value: 'month' },
				{ name: 'No Breakdown', value: '' },
				{ name: 'Product', value: 'product', description: 'Highest gross first' },
				{ name: 'Week', value: 'week' },
			],
			default: '',
			description: 'Also list the totals per bucket, in `breakdown`',
		},
	],
	prepare(item) {
		const node = item.node;
		const { from, to } = dayRange(item);
		const groupBy = item.param<string>('groupBy', '');
		if (from && to && daysBetween(from, to) > MAX_RANGE_DAYS) {
			throw invalidInput(node, item.itemIndex, 'To', `the range may span at most ${MAX_RANGE_DAYS} days`);
		}
		if (groupBy === 'hour' && from && to && daysBetween(from, to) > MAX_HOURLY_RANGE_DAYS) {
			throw invalidInput(node, item.itemIndex, 'To', `grouped by hour, the range may span at most ${MAX_HOURLY_RANGE_DAYS} days`);
		}
		const query: IDataObject = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(groupBy ? { group_by: groupBy } : {}) };
		return async () => {
			const response = await send(item, 'GET', '/v2/sales/summary', { query, scope: SCOPE.viewSales });
			const { success: _success, breakdown, ...totals } = response;
			const currency = optionalText(totals.currency) ?? null;
			return {
				...withAmounts(totals, currency),
				...(Array.isArray(breakdown) ? { breakdown: (breakdown as IDataObject[]).map((bucket) => withAmounts(bucket, currency)) } : {}),
			};
		};
	},
};
