import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export class GumroadAccessTokenApi implements ICredentialType {
	name = 'gumroadAccessTokenApi';

	displayName = 'Gumroad Access Token API';

	icon: Icon = {
		light: 'file:../nodes/GumroadTrigger/gumroad.svg',
		dark: 'file:../nodes/GumroadTrigger/gumroad.dark.svg',
	};

	documentationUrl = 'https://gumroad.com/api#api-authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In Gumroad open Settings > Advanced > Applications, create an application (any redirect URI) and click "Generate access token"',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.gumroad.com',
			description: 'Change only to point at a proxy or a local test double',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v2/user',
		},
	};
}
