import { checkDateTime, invalidInput } from '../../../shared/input';
import type { GumroadOperation } from '../../helpers';
import { emailAction, emailIdProperty } from './common';

export const scheduleEmail: GumroadOperation = {
	resource: 'email',
	value: 'schedule',
	name: 'Schedule',
	action: 'Schedule an email',
	description: 'Have Gumroad send an e-mail at a later time (again to move the time)',
	properties: [
		emailIdProperty,
		{ displayName: 'Send At', name: 'sendAt', type: 'dateTime', required: true, default: '', description: 'When Gumroad sends it; must be in the future' },
	],
	prepare(item) {
		const sendAt = checkDateTime(item.node, item.itemIndex, 'Send At', item.param('sendAt', ''));
		if (Date.parse(sendAt) <= Date.now()) throw invalidInput(item.node, item.itemIndex, 'Send At', `${sendAt} is not in the future`);
		return emailAction(item, 'schedule', { to_be_published_at: sendAt });
	},
};
