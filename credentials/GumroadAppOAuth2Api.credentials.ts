import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

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
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://gumroad.com/oauth/authorize',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.gumroad.com',
			description:
				'API host; the token URL is <Base URL>/oauth/token. Change only to point at a proxy or a local test double.',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{$self["baseUrl"].replace(/\\/+$/, "")}}/oauth/token',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'view_sales',
			description:
				'Space-separated Gumroad scopes. view_sales is all the trigger and the read operations need.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v2/user',
		},
	};
}
