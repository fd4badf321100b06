import type { IDataObject } from 'n8n-workflow';

import { type GumroadOperation, SCOPE, send } from '../../helpers';
import { normalisePayout } from './common';

/**
 * GET /v2/payouts/upcoming (antiwork/gumroad config/routes.rb, Api::V2::PayoutsController#upcoming
 * as its spec and Gumroad's API page describe it; view_payouts): the next payouts, up to two, not
 * paid yet (no ID), each with its sales unless `include_sales=false`, and with the payout export's
 * transactions on `include_transactions=true`. One answer, no paging.
 */
export const getUpcomingPayouts: GumroadOperation = {
	resource: 'payout',
	value: 'getUpcoming',
	name: 'Get Upcoming',
	action: 'Get the upcoming payouts',
	description: 'The next payouts (at most two), not paid yet, with their sales and optionally their transactions',
	properties: [
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Include Sales',
					name: 'includeSales',
					type: 'boolean',
					default: true,
					description: 'Whether to list the IDs of the sales, refunded sales and disputed sales each payout pays',
				},
				{
					displayName: 'Include Transactions',
					name: 'includeTransactions',
					type: 'boolean',
					default: false,
					description: "Whether to list each payout's balance transactions (sales, refunds, chargebacks, fees…) as the payout CSV export has them",
				},
			],
		},
	],
	prepare(item) {
		const options = item.param<IDataObject>('options', {});
		const query: IDataObject = {
			...(options.includeSales === false ? { include_sales: 'false' } : {}),
			...(options.includeTransactions === true ? { include_transactions: 'true' } : {}),
		};
		return async () => {
			const answer = await send(item, 'GET', '/v2/payouts/upcoming', { query, scope: SCOPE.viewPayouts });
			return ((answer.payouts as IDataObject[] | undefined) ?? []).map(normalisePayout);
		};
	},
};
