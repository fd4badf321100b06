import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlProperty, bearerAuthentication, secretProperty, testRequestBelowBaseUrl } from './common';

export class GumroadAccessTokenApi implements ICredentialType {
	name = 'gumroadAccessTokenApi';

	displayName = 'Gumroad Access Token API';

	icon: Icon = {
		light: 'file:../nodes/GumroadTrigger/gumroad.svg',
		dark: 'file:../nodes/GumroadTrigger/gumroad.dark.svg',
	};

	documentationUrl = 'https://gumroad.com/api#api-authentication';

	properties: INodeProperties[] = [
		secretProperty('Access Token', 'accessToken', 'In Gumroad open Settings > Advanced > Applications, create an application (any redirect URI) and click "Generate access token"'),
		baseUrlProperty('https://api.gumroad.com'),
	];

	authenticate: IAuthenticate = bearerAuthentication('accessToken');

	test: ICredentialTestRequest = testRequestBelowBaseUrl('/v2/user');
}
