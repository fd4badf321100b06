import type { IDataObject } from 'n8n-workflow';

import { returnAllProperties } from '../../../shared/operationProperties';
import { type GumroadOperation, pagedListOperation, SCOPE } from '../../helpers';
import { normaliseEmail } from './common';

export const getManyEmails: GumroadOperation = {
	resource: 'email',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many emails',
	description: 'List your e-mails (posts), newest first',
	properties: [
		...returnAllProperties(),
		{
			displayName: 'State',
			name: 'state',
			type: 'options',
			options: [
				{ name: 'Any', value: '' },
				{ name: 'Draft', value: 'draft' },
				{ name: 'Published', value: 'published', description: 'Sent' },
				{ name: 'Scheduled', value: 'scheduled' },
			],
			default: '',
			description: 'Only the e-mails in this state',
		},
	],
	prepare(item) {
		const state = item.param<string>('state', '');
		const query: IDataObject = state ? { type: state } : {};
		return pagedListOperation(item, { path: '/v2/emails', query, scope: SCOPE.editEmails }, 'emails', normaliseEmail);
	},
};
