import type { IDataObject } from 'n8n-workflow';

import { idSegment } from '../../../shared/operation';
import { type GumroadOperation, idProperty, SCOPE, send } from '../../helpers';
import { normalisePayout } from './common';

export const getPayout: GumroadOperation = {
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
};
