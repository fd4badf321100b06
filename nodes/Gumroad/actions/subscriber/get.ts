import type { IDataObject } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../../../shared/gumroad/normalise';
import { get, type GumroadOperation, idPathSegment, LOCATOR_VERSION, productLocatorProperty, recordIdField } from '../../helpers';

const { property: subscriberIdProperty, parameter: subscriberIdParameter } = recordIdField({
	label: 'Subscriber ID',
	name: 'subscriberId',
	description: 'The subscription_id of a ping, or id of a listed subscriber',
	field: 'Subscriber',
	fieldDescription: "One of the Product's subscribers (search by e-mail), or the subscription_id of a ping",
	searchListMethod: 'searchSubscribers',
});

/** GET /v2/subscribers/:id (view_sales). */
export const getSubscriber: GumroadOperation = {
	resource: 'subscriber',
	value: 'get',
	name: 'Get',
	action: 'Get a subscriber',
	description: 'Get a subscriber (a membership subscription) by ID',
	properties: [
		// Gumroad lists subscribers per product only, and finds one by its ID alone: the product is
		// what the Subscriber's From List shows, and not sent.
		{
			...productLocatorProperty,
			required: false,
			description: 'The membership product whose subscribers the Subscriber list shows; not needed By ID',
			displayOptions: { show: { '@version': [{ _cnd: { gte: LOCATOR_VERSION } }] } },
		},
		subscriberIdProperty,
	],
	prepare(item) {
		const path = `/v2/subscribers/${idPathSegment(item, subscriberIdParameter)}`;
		return async () => {
			const response = await get(item, path);
			return normaliseGumroadRecord('subscriber', response.subscriber as IDataObject);
		};
	},
};
