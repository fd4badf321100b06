import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

/** Every credential names its API host, so tests, demos and proxies can point the same code elsewhere. */
export function baseUrlProperty(defaultUrl: string, description = 'Change only to point at a proxy or a local test double'): INodeProperties {
	return { displayName: 'Base URL', name: 'baseUrl', type: 'string', default: defaultUrl, description };
}

/**
 * The hidden fields of an authorization-code OAuth2 credential whose token endpoint is
 * `<Base URL>/oauth/token` and which takes the client credentials in the request body.
 */
export const oAuth2TokenUrlFromBaseUrl: INodeProperties[] = [
	{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
	{
		displayName: 'Access Token URL',
		name: 'accessTokenUrl',
		type: 'hidden',
		default: '={{$self["baseUrl"].replace(/\\/+$/, "")}}/oauth/token',
	},
	{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
	{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
];

/** A credential test: GET `path` below the credential's Base URL. */
export function testRequestBelowBaseUrl(path: string, headers?: Record<string, string>): ICredentialTestRequest {
	return {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: path,
			...(headers ? { headers } : {}),
		},
	};
}
