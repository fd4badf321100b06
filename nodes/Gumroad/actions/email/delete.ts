import { type GumroadOperation, SCOPE, send } from '../../helpers';
import { emailIdProperty, emailPath } from './common';

export const deleteEmail: GumroadOperation = {
	resource: 'email',
	value: 'delete',
	name: 'Delete',
	action: 'Delete an email',
	description: 'Delete an e-mail (a sent one leaves your posts; it is not unsent)',
	properties: [emailIdProperty],
	prepare(item) {
		const path = emailPath(item);
		return async () => {
			await send(item, 'DELETE', path, { scope: SCOPE.editEmails });
			return { id: decodeURIComponent(path.split('/').pop() as string), deleted: true };
		};
	},
};
