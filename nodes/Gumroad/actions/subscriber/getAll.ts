import type { IDataObject } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../../../shared/gumroad/normalise';
import { returnAllProperties } from '../../../shared/operationProperties';
import { type GumroadOperation, pagedListOperation, productIdField, productPath } from '../../helpers';

export const getManySubscribers: GumroadOperation = {
	resource: 'subscriber',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many subscribers of a product',
	description: 'List the active subscribers of a membership product',
	properties: [
		productIdField('ID of the membership product'),
		...returnAllProperties(),
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Only the subscriber with this e-mail' },
	],
	prepare(item) {
		const path = `${productPath(item)}/subscribers`;
		const email = String(item.param('email', '')).trim();
		const query: IDataObject = { paginated: 'true', ...(email ? { email } : {}) };
		return pagedListOperation(item, { path, query }, 'subscribers', (subscriber) => normaliseGumroadRecord('subscriber', subscriber));
	},
};
