import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { bearerAuthentication, secretProperty, testRequestBelowBaseUrl } from './common';

export const SNAPSHOTS_REQUIRED_SCOPE = 'saas/location.read';

export class SnapshotsApi implements ICredentialType {
	name = 'snapshotsApi';

	displayName = 'Snapshots API';

	icon: Icon = {
		light: 'file:../nodes/Snapshots/snapshots.svg',
		dark: 'file:../nodes/Snapshots/snapshots.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-gumroad-highlevel/n8n-nodes-gumroad-highlevel/blob/main/docs/snapshots-api.openapi.yaml';

	properties: INodeProperties[] = [
		secretProperty('API Key', 'apiKey'),
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://snapshots.example.com/v1',
			description: 'Root of your Snapshots API (there is no public default host)',
		},
		{
			displayName: 'Granted Scopes',
			name: 'scopes',
			type: 'string',
			default: SNAPSHOTS_REQUIRED_SCOPE,
			required: true,
			description: `Space- or comma-separated scopes of the key; it must include ${SNAPSHOTS_REQUIRED_SCOPE}`,
		},
	];

	authenticate: IAuthenticate = bearerAuthentication('apiKey');

	test: ICredentialTestRequest = testRequestBelowBaseUrl('/locations?limit=1');
}
