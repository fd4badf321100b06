import type { IDataObject } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../../../shared/gumroad/normalise';
import { idSegment } from '../../../shared/operation';
import { get, type GumroadOperation, idProperty } from '../../helpers';

/** GET /v2/subscribers/:id (view_sales). */
export const getSubscriber: GumroadOperation = {
	resource: 'subscriber',
	value: 'get',
	name: 'Get',
	action: 'Get a subscriber',
	description: 'Get a subscriber (a membership subscription) by ID',
	properties: [idProperty('Subscriber ID', 'subscriberId', 'The subscription_id of a ping, or id of a listed subscriber')],
	prepare(item) {
		const path = `/v2/subscribers/${idSegment(item, 'subscriberId', 'Subscriber ID')}`;
		return async () => {
			const response = await get(item, path);
			return normaliseGumroadRecord('subscriber', response.subscriber as IDataObject);
		};
	},
};
