import type { GumroadOperation } from '../../helpers';
import { emailAction, emailIdProperty } from './common';

export const unscheduleEmail: GumroadOperation = {
	resource: 'email',
	value: 'unschedule',
	name: 'Unschedule',
	action: 'Unschedule an email',
	description: 'Turn a scheduled e-mail back into a draft',
	properties: [emailIdProperty],
	prepare: (item) => emailAction(item, 'unschedule'),
};
