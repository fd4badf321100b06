import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { baseUrlProperty, oAuth2TokenUrlFromBaseUrl, testRequestBelowBaseUrl } from './common';

export class GumroadAppOAuth2Api implements ICredentialType {
	name = 'gumroadAppOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Gumroad App OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/GumroadTrigger/gumroad.svg',
		dark: 'file:../nodes/GumroadTrigger/gumroad.dark.svg',
	};

	documentationUrl = 'https://gumroad.com/api#api-authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://gumroad.com/oauth/authorize',
		},
		baseUrlProperty(
			'https://api.gumroad.com',
			'API host; the token URL is <Base URL>/oauth/token. Change only to point at a proxy or a local test double.',
		),
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'view_sales',
			description:
				'Space-separated Gumroad scopes. view_sales is all the trigger and the read operations need.',
		},
		...oAuth2TokenUrlFromBaseUrl,
	];

	test: ICredentialTestRequest = testRequestBelowBaseUrl('/v2/user');
}
