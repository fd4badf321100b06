import type { IDataObject } from 'n8n-workflow';

import { type GumroadOperation, send } from '../../helpers';
import { normaliseUpsell, upsellIdProperty, upsellPath } from './common';

export const getUpsell: GumroadOperation = {
	resource: 'upsell',
	value: 'get',
	name: 'Get',
	action: 'Get an upsell',
	description: 'Get an upsell or cross-sell by ID',
	properties: [upsellIdProperty],
	prepare(item) {
		const path = upsellPath(item);
		return async () => normaliseUpsell((await send(item, 'GET', path)).upsell as IDataObject);
	},
};
