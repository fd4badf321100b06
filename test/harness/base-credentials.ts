import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Stand-ins for the generic OAuth parents that live in n8n-nodes-base (not a dependency of
 * this package). Only the properties that matter to n8n-core's OAuth code paths are kept,
 * with the same names, defaults, displayOptions and `doNotInherit` flags as n8n's
 * `OAuth2Api` / `OAuth1Api` credentials, so defaults merge exactly as in n8n's CLI.
 */
const noDcr = { useDynamicClientRegistration: [false] };

export class OAuth2ApiStandIn implements ICredentialType {
	name = 'oAuth2Api';

	displayName = 'OAuth2 API';

	genericAuth = true;

	properties: INodeProperties[] = [
		{
			displayName: 'Use Dynamic Client Registration',
			name: 'useDynamicClientRegistration',
			type: 'hidden',
			default: false,
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			displayOptions: { show: noDcr },
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
				{ name: 'PKCE', value: 'pkce' },
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			displayOptions: { show: { grantType: ['authorizationCode', 'pkce'], ...noDcr } },
			default: '',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			displayOptions: { show: noDcr },
			default: '',
			required: true,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			displayOptions: { show: noDcr },
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			displayOptions: { show: noDcr },
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			displayOptions: { show: noDcr },
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'string',
			displayOptions: { show: { grantType: ['authorizationCode', 'pkce'], ...noDcr } },
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			displayOptions: { show: noDcr },
			options: [
				{ name: 'Body', value: 'body' },
				{ name: 'Header', value: 'header' },
			],
			default: 'header',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSSLIssues',
			type: 'boolean',
			default: false,
			doNotInherit: true,
		},
		{
			displayName: 'Token Expired Status Code',
			name: 'tokenExpiredStatusCode',
			type: 'number',
			default: 401,
			doNotInherit: true,
		},
	];
}

export class OAuth1ApiStandIn implements ICredentialType {
	name = 'oAuth1Api';

	displayName = 'OAuth1 API';

	genericAuth = true;

	properties: INodeProperties[] = [
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '', required: true },
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: '',
			required: true,
		},
		{ displayName: 'Consumer Key', name: 'consumerKey', type: 'string', default: '', required: true },
		{
			displayName: 'Consumer Secret',
			name: 'consumerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Request Token URL',
			name: 'requestTokenUrl',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Signature Method',
			name: 'signatureMethod',
			type: 'options',
			options: [
				{ name: 'HMAC-SHA1', value: 'HMAC-SHA1' },
				{ name: 'HMAC-SHA256', value: 'HMAC-SHA256' },
				{ name: 'HMAC-SHA512', value: 'HMAC-SHA512' },
			],
			default: 'HMAC-SHA1',
			required: true,
		},
	];
}

/** Parents n8n provides itself; added to the known types unless the caller passes its own. */
export const BUILT_IN_CREDENTIAL_TYPES: ICredentialType[] = [
	new OAuth2ApiStandIn(),
	new OAuth1ApiStandIn(),
];
