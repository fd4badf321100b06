import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** The Authentication selector and the two sub-account credentials of every HighLevel node. */
export const highLevelAuthenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2 (Marketplace App)', value: 'goHighLevelOAuth2Api' },
		{ name: 'Private Integration Token', value: 'goHighLevelPrivateTokenApi' },
	],
	default: 'goHighLevelOAuth2Api',
};

export const highLevelCredentials: INodeCredentialDescription[] = [
	{
		name: 'goHighLevelOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['goHighLevelOAuth2Api'] } },
	},
	{
		name: 'goHighLevelPrivateTokenApi',
		required: true,
		displayOptions: { show: { authentication: ['goHighLevelPrivateTokenApi'] } },
	},
];
