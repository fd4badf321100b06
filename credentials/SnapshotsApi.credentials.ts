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
	];

	authenticate: IAuthenticate = bearerAuthentication('apiKey');

	/**
	 * `GET /locations` is the call the scope guards, so the test proves the key has it (a field
	 * where the user typed the key's scopes proved nothing; credentials saved with one still load).
	 */
	test: ICredentialTestRequest = {
		...testRequestBelowBaseUrl('/locations?limit=1'),
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'The Snapshots API refused the key: check the API Key' } },
			{ type: 'responseCode', properties: { value: 403, message: `The key lacks the scope ${SNAPSHOTS_REQUIRED_SCOPE}: create a key with it` } },
		],
	};
}
