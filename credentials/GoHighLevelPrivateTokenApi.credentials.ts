import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlProperty, bearerAuthentication, secretProperty, testRequestBelowBaseUrl } from './common';

export class GoHighLevelPrivateTokenApi implements ICredentialType {
	name = 'goHighLevelPrivateTokenApi';

	displayName = 'GoHighLevel Private Integration Token API';

	icon: Icon = {
		light: 'file:../nodes/HighLevelContacts/highLevel.svg',
		dark: 'file:../nodes/HighLevelContacts/highLevel.dark.svg',
	};

	documentationUrl =
		'https://marketplace.gohighlevel.com/docs/Authorization/PrivateIntegrationsToken';

	properties: INodeProperties[] = [
		secretProperty('Private Integration Token', 'accessToken', 'Created in the sub-account under Settings > Private Integrations, with the scopes contacts.readonly, contacts.write, locations.readonly, locations/customFields.readonly and users.readonly'),
		{
			displayName: 'Location ID',
			name: 'locationId',
			type: 'string',
			default: '',
			required: true,
			description:
				'ID of the sub-account (location) the token belongs to; shown under Settings > Business Profile. Private tokens do not carry it.',
		},
		baseUrlProperty('https://services.leadconnectorhq.com'),
	];

	authenticate: IAuthenticate = bearerAuthentication('accessToken');

	test: ICredentialTestRequest = testRequestBelowBaseUrl('=/locations/{{$credentials.locationId}}', {
		Version: '2021-07-28',
	});
}
