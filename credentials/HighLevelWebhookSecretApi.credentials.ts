import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { secretProperty } from './common';

/**
 * The shared secret a HighLevel workflow's Webhook action appends to the trigger's URL. It lives
 * in a credential, encrypted by n8n, so it does not leave with a workflow export or template.
 * There is nothing to test it against: HighLevel never sees it except in the URL it calls.
 */
export class HighLevelWebhookSecretApi implements ICredentialType {
	name = 'highLevelWebhookSecretApi';

	displayName = 'HighLevel Webhook Secret API';

	icon: Icon = {
		light: 'file:../nodes/HighLevelContacts/highLevel.svg',
		dark: 'file:../nodes/HighLevelContacts/highLevel.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-gumroad-highlevel/n8n-nodes-gumroad-highlevel#highlevel-trigger';

	properties: INodeProperties[] = [
		secretProperty(
			'Secret',
			'secret',
			'A long random string. Requests must carry it as ?secret=… in the URL; paste the Production URL with it into the Webhook action of your HighLevel workflow.',
		),
	];
}
