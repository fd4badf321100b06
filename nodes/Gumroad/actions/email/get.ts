import type { IDataObject } from 'n8n-workflow';

import { type GumroadOperation, SCOPE, send } from '../../helpers';
import { emailIdProperty, emailPath, normaliseEmail } from './common';

export const getEmail: GumroadOperation = {
	resource: 'email',
	value: 'get',
	name: 'Get',
	action: 'Get an email',
	description: 'Get an e-mail by ID',
	properties: [emailIdProperty],
	prepare(item) {
		const path = emailPath(item);
		return async () => normaliseEmail((await send(item, 'GET', path, { scope: SCOPE.editEmails })).email as IDataObject);
	},
};
