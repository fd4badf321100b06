import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** The Authentication selector and the two credentials of every Gumroad node. */
export const gumroadAuthenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Access Token', value: 'gumroadAccessTokenApi' },
		{ name: 'OAuth2', value: 'gumroadAppOAuth2Api' },
	],
	default: 'gumroadAccessTokenApi',
};

export const gumroadCredentials: INodeCredentialDescription[] = [
	{
		name: 'gumroadAccessTokenApi',
		required: true,
		displayOptions: { show: { authentication: ['gumroadAccessTokenApi'] } },
	},
	{
		name: 'gumroadAppOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['gumroadAppOAuth2Api'] } },
	},
];
