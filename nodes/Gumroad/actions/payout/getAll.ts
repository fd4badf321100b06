import type { IDataObject } from 'n8n-workflow';

import { returnAllProperties } from '../../../shared/operationProperties';
import { afterBeforeFilterProperties, afterBeforeFilters, type GumroadOperation, pagedListOperation, SCOPE } from '../../helpers';
import { normalisePayout } from './common';

export const getManyPayouts: GumroadOperation = {
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
};
