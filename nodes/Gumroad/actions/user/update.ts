import type { IDataObject } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../../../shared/gumroad/normalise';
import { invalidInput } from '../../../shared/input';
import { type GumroadOperation, SCOPE, send } from '../../helpers';

/** PUT /v2/user (antiwork/gumroad Api::V2::UsersController#update: name and bio; edit_profile). */
export const updateUser: GumroadOperation = {
	resource: 'user',
	value: 'update',
	name: 'Update',
	action: 'Update the authenticated user',
	description: 'Change the name or bio of the Gumroad account of the credential',
	properties: [
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Bio', name: 'bio', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'Shown on your profile; empty clears it' },
				{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Your name as buyers see it' },
			],
		},
	],
	prepare(item) {
		const fields = item.param<IDataObject>('updateFields', {});
		const form: IDataObject = {};
		for (const key of ['name', 'bio']) if (fields[key] !== undefined) form[key] = String(fields[key] ?? '').trim();
		if (Object.keys(form).length === 0) throw invalidInput(item.node, item.itemIndex, 'Update Fields', 'add at least one field to change');
		return async () => normaliseGumroadRecord('user', (await send(item, 'PUT', '/v2/user', { form, scope: SCOPE.editProfile })).user as IDataObject);
	},
};
