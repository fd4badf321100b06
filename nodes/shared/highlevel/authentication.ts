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

/**
 * The Authentication selector of HighLevel Contacts: the sub-account credentials, and an agency app
 * that acts in any sub-account where it is installed (with a sub-account token per sub-account).
 * An agency Private Integration Token is not offered: HighLevel issues it no sub-account tokens.
 */
export const highLevelContactsAuthenticationProperty: INodeProperties = {
	...highLevelAuthenticationProperty,
	options: [
		{
			name: 'Agency OAuth2 (Sub-Accounts of an Agency App)',
			value: 'goHighLevelAgencyOAuth2Api',
			description: 'An agency Marketplace app, working in the sub-account chosen per item',
		},
		...(highLevelAuthenticationProperty.options ?? []),
	],
};

export const highLevelContactsCredentials: INodeCredentialDescription[] = [
	...highLevelCredentials,
	{
		name: 'goHighLevelAgencyOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['goHighLevelAgencyOAuth2Api'] } },
	},
];

/** The sub-account an agency credential works in, per item. */
export const subAccountProperty: INodeProperties = {
	displayName: 'Sub-Account',
	name: 'subAccount',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		"The sub-account (location) to work in; the agency app gets a sub-account token for it. An expression in By ID gives each item its own, such as the location ID an item carries.",
	displayOptions: { show: { authentication: ['goHighLevelAgencyOAuth2Api'] } },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a sub-account...',
			typeOptions: { searchListMethod: 'searchSubAccounts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. ve9EPM428h8vShlRW1KT',
		},
	],
};
