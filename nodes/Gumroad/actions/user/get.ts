import type { IDataObject } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../../../shared/gumroad/normalise';
import { get, type GumroadOperation } from '../../helpers';

export const getUser: GumroadOperation = {
	resource: 'user',
	value: 'get',
	name: 'Get',
	action: 'Get the authenticated user',
	description: 'Get the Gumroad account of the credential',
	properties: [],
	prepare(item) {
		return async () => normaliseGumroadRecord('user', (await get(item, '/v2/user')).user as IDataObject);
	},
};
