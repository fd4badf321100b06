import type { GumroadOperation } from '../../helpers';
import { emailAction, emailIdProperty } from './common';

export const sendEmail: GumroadOperation = {
	resource: 'email',
	value: 'send',
	name: 'Send',
	action: 'Send an email to its audience',
	description: 'Send a draft now (not one already sent or scheduled)',
	properties: [emailIdProperty],
	prepare: (item) => emailAction(item, 'send'),
};
