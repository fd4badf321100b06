import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlProperty, bearerAuthentication, secretProperty, testRequestBelowBaseUrl } from './common';

export class GoHighLevelAgencyPrivateTokenApi implements ICredentialType {
	name = 'goHighLevelAgencyPrivateTokenApi';

	displayName = 'GoHighLevel Agency Private Integration Token API';

	icon: Icon = {
		light: 'file:../nodes/HighLevelContacts/highLevel.svg',
		dark: 'file:../nodes/HighLevelContacts/highLevel.dark.svg',
	};

	documentationUrl =
		'https://marketplace.gohighlevel.com/docs/Authorization/PrivateIntegrationsToken';

	properties: INodeProperties[] = [
		secretProperty('Private Integration Token', 'accessToken', 'Created in the agency under Settings > Private Integrations, with the scopes locations.readonly, locations.write, snapshots.readonly, saas/location.read and saas/location.write'),
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'string',
			default: '',
			required: true,
			description: 'ID of the agency (company) the token belongs to; agency tokens do not carry it',
		},
		baseUrlProperty('https://services.leadconnectorhq.com'),
	];

	authenticate: IAuthenticate = bearerAuthentication('accessToken');

	test: ICredentialTestRequest = testRequestBelowBaseUrl('=/locations/search?companyId={{$credentials.companyId}}&limit=1', {
		Version: '2021-07-28',
	});
}
