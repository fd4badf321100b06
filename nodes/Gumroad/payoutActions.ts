import type { IDataObject } from 'n8n-workflow';

import { gumroadMoneyAmount, normaliseGumroadTimestamp } from '../shared/gumroad/normalise';
import { returnAllProperties } from '../shared/operationProperties';
import { idSegment } from '../shared/operation';
import { afterBeforeFilterProperties, afterBeforeFilters, type GumroadOperation, idProperty, pagedListOperation, SCOPE, send } from './helpers';

/**
 * A payout (Payment#as_json) typed like the other records: ISO timestamps, `amounts.amount` from
 * Gumroad's decimal text ("150.00"), and `upcoming`: the unpaid balance Gumroad lists first has no ID.
 */
export function normalisePayout(payout: IDataObject): IDataObject {
	const decimal = typeof payout.amount === 'string' || typeof payout.amount === 'number' ? Number(payout.amount) : Number.NaN;
	const currency = typeof payout.currency === 'string' && payout.currency ? payout.currency : null;
	return {
		...payout,
		upcoming: payout.id === null || payout.id === undefined,
		created_at: normaliseGumroadTimestamp(payout.created_at),
		processed_at: normaliseGumroadTimestamp(payout.processed_at),
		amounts: Number.isFinite(decimal) ? { amount: gumroadMoneyAmount(Math.round(decimal * 100), currency) } : {},
	};
}

/** GET /v2/payouts[/:id] (antiwork/gumroad Api::V2::PayoutsController#index, #show; view_payouts). */
export const payoutOperations: GumroadOperation[] = [
	{
		resource: 'payout',
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many payouts',
		description: 'List your payouts, newest first, the upcoming one (not paid yet, no ID) first',
		properties: [
			...returnAllProperties(),
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					...afterBeforeFilterProperties('payouts'),
					{
						displayName: 'Include Upcoming',
						name: 'includeUpcoming',
						type: 'boolean',
						default: true,
						description: 'Whether to list the balance of the next payout first (when Before does not exclude it)',
					},
				],
			},
		],
		prepare(item) {
			const filters = item.param<IDataObject>('filters', {});
			const { after, before } = afterBeforeFilters(item, filters);
			const query: IDataObject = { ...(after ? { after } : {}), ...(before ? { before } : {}), ...(filters.includeUpcoming === false ? { include_upcoming: 'false' } : {}) };
			return pagedListOperation(item, { path: '/v2/payouts', query, scope: SCOPE.viewPayouts }, 'payouts', normalisePayout);
		},
	},
	{
		resource: 'payout',
		value: 'get',
		name: 'Get',
		action: 'Get a payout',
		description: 'Get a payout by ID; with the view_sales scope too, with the IDs of its sales, refunds and disputes',
		properties: [idProperty('Payout ID', 'payoutId', 'ID of a listed payout')],
		prepare(item) {
			const path = `/v2/payouts/${idSegment(item, 'payoutId', 'Payout ID')}`;
			return async () => normalisePayout((await send(item, 'GET', path, { scope: SCOPE.viewPayouts })).payout as IDataObject);
		},
	},
];
