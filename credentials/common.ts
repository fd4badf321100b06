import type { IAuthenticate, ICredentialDataDecryptedObject, ICredentialTestRequest, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

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

/** A token or key field, never shown in clear. */
export function secretProperty(displayName: string, name: string, description?: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		...(description ? { description } : {}),
	};
}

/**
 * `Authorization: Bearer <field>`, applied by n8n to every request of the credential. A function,
 * not a generic `={{$credentials.…}}` header: n8n evaluates such an expression on every request,
 * which costs about a millisecond each, as much as the request itself against a nearby server.
 */
export function bearerAuthentication(field: string): IAuthenticate {
	return async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials[field] ?? '')}` },
	});
}

/** HighLevel's documented authorization page, its pre-2026 path, and the white-label host. */
export function highLevelAuthUrlProperty(description: string): INodeProperties {
	return {
		displayName: 'Authorization URL',
		name: 'authUrl',
		type: 'options',
		options: [
			{
				name: 'GoHighLevel (marketplace.gohighlevel.com/v2/oauth/chooselocation)',
				value: 'https://marketplace.gohighlevel.com/v2/oauth/chooselocation',
			},
			{
				name: 'GoHighLevel, Legacy Path (marketplace.gohighlevel.com/oauth/chooselocation)',
				value: 'https://marketplace.gohighlevel.com/oauth/chooselocation',
			},
			{
				name: 'White-Label (marketplace.leadconnectorhq.com/v2/oauth/chooselocation)',
				value: 'https://marketplace.leadconnectorhq.com/v2/oauth/chooselocation',
			},
			{
				name: 'White-Label, Legacy Path (marketplace.leadconnectorhq.com/oauth/chooselocation)',
				value: 'https://marketplace.leadconnectorhq.com/oauth/chooselocation',
			},
		],
		default: 'https://marketplace.gohighlevel.com/v2/oauth/chooselocation',
		description,
	};
}
