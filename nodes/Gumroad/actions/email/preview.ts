import type { IDataObject } from 'n8n-workflow';

import { type GumroadOperation, SCOPE, send } from '../../helpers';
import { emailIdProperty, emailPath, normaliseEmail } from './common';

export const sendEmailPreview: GumroadOperation = {
	resource: 'email',
	value: 'preview',
	name: 'Send Preview',
	action: 'Send a preview of an email to yourself',
	description: "Send a preview to the account's own address (it must be confirmed); output the e-mail and its preview URL",
	properties: [emailIdProperty],
	prepare(item) {
		const path = `${emailPath(item)}/preview`;
		return async () => {
			const response = await send(item, 'POST', path, { scope: SCOPE.editEmails });
			return { ...normaliseEmail(response.email as IDataObject), preview_url: response.preview_url ?? null, preview_sent: true };
		};
	},
};
