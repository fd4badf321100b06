import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { GoHighLevelOAuth2Api } from '../credentials/GoHighLevelOAuth2Api.credentials';
import { GoHighLevelPrivateTokenApi } from '../credentials/GoHighLevelPrivateTokenApi.credentials';
import {
	TestCredentialsHelper,
	loadOptions,
	runNode,
	startTestServer,
	testCredential,
	type RecordedRequest,
	type TestServer,
} from './harness';

const credentialTypes = [new GoHighLevelPrivateTokenApi(), new GoHighLevelOAuth2Api()];

/** A tiny node: one authenticated GET per item, to `<baseUrl><path>`. */
class ProbeNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'Harness probe',
		defaults: { name: 'Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'goHighLevelPrivateTokenApi',
				required: true,
				displayOptions: { show: { authentication: ['privateToken'] } },
			},
			{
				name: 'goHighLevelOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'Private Token', value: 'privateToken' },
					{ name: 'OAuth2', value: 'oAuth2' },
				],
				default: 'privateToken',
			},
			{ displayName: 'Path', name: 'path', type: 'string', default: '/ping' },
			{
				displayName: 'Tag',
				name: 'tag',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTags' },
				default: '',
			},
		],
	};

	methods = {
		loadOptions: {
			async getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const credentials = await this.getCredentials('goHighLevelPrivateTokenApi');
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					'goHighLevelPrivateTokenApi',
					{
						method: 'GET',
						url: `${credentials.baseUrl as string}/tags`,
						qs: { locationId: credentials.locationId, path: this.getCurrentNodeParameter('path') },
						json: true,
					},
				)) as { tags: Array<{ id: string; name: string }> };
				return response.tags.map((t) => ({ name: t.name, value: t.id }));
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const authentication = this.getNodeParameter('authentication', 0) as string;
		const credType =
			authentication === 'oAuth2' ? 'goHighLevelOAuth2Api' : 'goHighLevelPrivateTokenApi';
		const credentials = await this.getCredentials(credType);
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, credType, {
					method: (items[i].json.method as IHttpRequestMethods) ?? 'GET',
					url: `${(credentials.baseUrl as string).replace(/\/+$/, '')}${this.getNodeParameter('path', i) as string}`,
					qs: { n: items[i].json.n as number },
					json: true,
				})) as IDataObject;
				out.push({ json: response, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error instanceof NodeApiError ? error : new NodeApiError(this.getNode(), error as never);
			}
		}
		return [out];
	}
}

let server: TestServer;
let handler: (req: RecordedRequest) => { status?: number; json?: unknown };

beforeAll(async () => {
	server = await startTestServer((req) => handler(req));
});
afterAll(async () => {
	await server.close();
});
beforeEach(() => {
	server.requests.length = 0;
});

const privateToken = () => ({
	goHighLevelPrivateTokenApi: { accessToken: 'pit-123', locationId: 'loc-1', baseUrl: server.url },
});

describe('runNode', () => {
	it('applies the generic Bearer authenticate and returns every item with pairedItem', async () => {
		handler = (req) =>
			req.headers.authorization === 'Bearer pit-123'
				? { json: { ok: true, n: Number(req.query.n) } }
				: { status: 401, json: { message: 'bad token' } };

		const result = await runNode({
			node: new ProbeNode(),
			parameters: { path: '/ping' },
			credentials: privateToken(),
			credentialTypes,
			items: [{ n: 1 }, { n: 2 }],
		});

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{ ok: true, n: 1 },
			{ ok: true, n: 2 },
		]);
		expect(result.output[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(server.requests).toHaveLength(2);
		expect(server.requests[0].path).toBe('/ping');
		expect(server.requests[0].headers.authorization).toBe('Bearer pit-123');
	});

	it('refreshes an OAuth2 token on 401 through n8n-core and retries with the new one', async () => {
		handler = (req) => {
			if (req.method === 'POST' && req.path === '/oauth/token') {
				const body = req.body as Record<string, string>;
				const valid =
					body.grant_type === 'refresh_token' &&
					body.refresh_token === 'refresh-old' &&
					body.client_id === 'cid' &&
					body.client_secret === 'csecret' &&
					req.headers.authorization === undefined;
				return valid
					? {
							json: {
								access_token: 'access-new',
								refresh_token: 'refresh-new',
								token_type: 'Bearer',
								expires_in: 86399,
								locationId: 'loc-1',
							},
						}
					: { status: 400, json: { error: 'invalid_request' } };
			}
			if (req.headers.authorization === 'Bearer access-new') return { json: { ok: true } };
			return { status: 401, json: { message: 'Invalid JWT' } };
		};

		const result = await runNode({
			node: new ProbeNode(),
			parameters: { authentication: 'oAuth2', path: '/contacts/' },
			credentials: {
				goHighLevelOAuth2Api: {
					clientId: 'cid',
					clientSecret: 'csecret',
					baseUrl: `${server.url}/`,
					oauthTokenData: {
						access_token: 'access-old',
						refresh_token: 'refresh-old',
						locationId: 'loc-1',
					},
				},
			},
			credentialTypes,
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.json).toEqual([{ ok: true }]);
		expect(server.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization ?? ''}`)).toEqual([
			'GET /contacts/ Bearer access-old',
			'POST /oauth/token ',
			'GET /contacts/ Bearer access-new',
		]);
		// token request: form-encoded, client credentials in the body (authentication: 'body')
		expect(server.requests[1].headers['content-type']).toContain('application/x-www-form-urlencoded');

		const stored = result.credentialsHelper.getStored('goHighLevelOAuth2Api');
		expect(stored?.oauthTokenData).toMatchObject({
			access_token: 'access-new',
			refresh_token: 'refresh-new',
			locationId: 'loc-1',
		});
		expect(result.credentialsHelper.updates.map((u) => u.kind)).toEqual(['oauthTokenData']);

		// A second run with the same helper uses the rotated token directly.
		server.requests.length = 0;
		const again = await runNode({
			node: new ProbeNode(),
			parameters: { authentication: 'oAuth2', path: '/contacts/' },
			credentialTypes,
			credentialsHelper: result.credentialsHelper,
		});
		expect(again.json).toEqual([{ ok: true }]);
		expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer access-new']);
	});

	it('passes the stacked items on in a non-manual mode too', async () => {
		handler = (req) => ({ json: { n: Number(req.query.n) } });
		const result = await runNode({
			node: new ProbeNode(),
			parameters: {},
			credentials: privateToken(),
			credentialTypes,
			items: [{ n: 7 }, { n: 8 }, { n: 9 }],
			mode: 'trigger',
		});
		expect(result.status).toBe('success');
		expect(result.json).toEqual([{ n: 7 }, { n: 8 }, { n: 9 }]);
		expect(result.output[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('continueOnFail turns a failing item into an error item with pairedItem', async () => {
		handler = (req) =>
			req.query.n === '2'
				? { status: 404, json: { message: 'Contact not found' } }
				: { json: { ok: true } };

		const result = await runNode({
			node: new ProbeNode(),
			parameters: {},
			credentials: privateToken(),
			credentialTypes,
			items: [{ n: 1 }, { n: 2 }],
			continueOnFail: true,
		});

		expect(result.status).toBe('success');
		expect(result.nodeUnderTest.onError).toBe('continueRegularOutput');
		expect(result.output[0]).toHaveLength(2);
		expect(result.output[0][0]).toMatchObject({ json: { ok: true }, pairedItem: { item: 0 } });
		expect(result.output[0][1].pairedItem).toEqual({ item: 1 });
		expect(result.output[0][1].json).toEqual({
			error: 'The resource you are requesting could not be found',
		});
		expect(server.requests.map((r) => r.query.n)).toEqual(['1', '2']);
	});

	it('a failing node gives status error and a plain error object', async () => {
		handler = () => ({ status: 422, json: { message: 'locationId is invalid' } });

		const result = await runNode({
			node: new ProbeNode(),
			parameters: {},
			credentials: privateToken(),
			credentialTypes,
		});

		expect(result.status).toBe('error');
		expect(result.json).toEqual([]);
		expect(result.error).toBeDefined();
		expect(result.error).not.toBeInstanceOf(Error);
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '422' });
		expect(result.error).toMatchObject({
			message: 'Your request is invalid or could not be processed by the service',
			description: 'locationId is invalid',
			node: { name: 'Probe', type: 'probe' },
		});
		expect(result.run.data.resultData.error).toMatchObject({ httpCode: '422' });
	});
});

describe('loadOptions', () => {
	it('runs methods.loadOptions through LoadOptionsContext with credentials', async () => {
		handler = (req) =>
			req.path === '/tags' && req.headers.authorization === 'Bearer pit-123'
				? {
						json: {
							tags: [
								{ id: 't1', name: 'VIP' },
								{ id: 't2', name: 'Lead' },
							],
						},
					}
				: { status: 401, json: {} };

		const options = await loadOptions({
			node: new ProbeNode(),
			method: 'getTags',
			parameters: { path: '/x' },
			credentials: privateToken(),
			credentialTypes,
		});

		expect(options).toEqual([
			{ name: 'VIP', value: 't1' },
			{ name: 'Lead', value: 't2' },
		]);
		expect(server.requests[0].query).toEqual({ locationId: 'loc-1', path: '/x' });
	});
});

describe('testCredential', () => {
	it('OK on 2xx with the private token credential', async () => {
		handler = (req) =>
			req.path === '/locations/loc-1' &&
			req.headers.authorization === 'Bearer pit-123' &&
			req.headers.version === '2021-07-28'
				? { json: { location: { id: 'loc-1' } } }
				: { status: 401, json: { message: 'Invalid JWT' } };

		const result = await testCredential({
			credentialType: new GoHighLevelPrivateTokenApi(),
			data: { accessToken: 'pit-123', locationId: 'loc-1', baseUrl: `${server.url}//` },
			credentialTypes,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(server.requests).toHaveLength(1);
	});

	it('Error with the status text n8n shows on 401', async () => {
		handler = () => ({ status: 401, json: { message: 'Invalid JWT' } });

		const result = await testCredential({
			credentialType: new GoHighLevelPrivateTokenApi(),
			data: { accessToken: 'wrong', locationId: 'loc-1', baseUrl: server.url },
			credentialTypes,
		});
		expect(result).toEqual({ status: 'Error', message: 'Unauthorized', statusCode: 401 });
	});

	it('signs the OAuth2 test request with the stored access token', async () => {
		handler = (req) =>
			req.path === '/locations/loc-9' && req.headers.authorization === 'Bearer at-9'
				? { json: { location: { id: 'loc-9' } } }
				: { status: 403, json: {} };

		const result = await testCredential({
			credentialType: new GoHighLevelOAuth2Api(),
			data: {
				clientId: 'cid',
				clientSecret: 'cs',
				baseUrl: server.url,
				oauthTokenData: { access_token: 'at-9', refresh_token: 'rt-9', locationId: 'loc-9' },
			},
			credentialTypes,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});

describe('TestCredentialsHelper', () => {
	it('calls a function-style authenticate', async () => {
		const fnCred = {
			name: 'fnApi',
			displayName: 'Fn API',
			properties: [{ displayName: 'Key', name: 'key', type: 'string' as const, default: '' }],
			authenticate: async (creds: IDataObject, options: IDataObject) => ({
				...options,
				headers: { 'X-Key': creds.key as string },
			}),
		};
		const helper = new TestCredentialsHelper([fnCred as never], { fnApi: { key: 'k1' } });
		const options = await helper.authenticate({ key: 'k1' }, 'fnApi', { url: 'http://x' });
		expect(options.headers).toEqual({ 'X-Key': 'k1' });
	});

	it('walks extends, applies defaults and resolves $self expressions', async () => {
		const helper = new TestCredentialsHelper(credentialTypes, {
			goHighLevelOAuth2Api: {
				clientId: 'cid',
				clientSecret: 'cs',
				baseUrl: 'http://127.0.0.1:9/',
				accessTokenUrl: 'https://ignored.example/token',
				oauthTokenData: { access_token: 'a' },
			},
		});
		expect(helper.getParentTypes('goHighLevelOAuth2Api')).toEqual(['oAuth2Api']);
		expect(helper.getParentTypes('goHighLevelPrivateTokenApi')).toEqual([]);

		const data = await helper.getDecrypted(
			{ variables: {}, webhookWaitingBaseUrl: 'x', formWaitingBaseUrl: 'y' } as never,
			{ id: '1', name: 'c' },
			'goHighLevelOAuth2Api',
			'internal',
		);
		expect(data).toMatchObject({
			clientId: 'cid',
			clientSecret: 'cs',
			grantType: 'authorizationCode',
			authentication: 'body',
			accessTokenUrl: 'http://127.0.0.1:9/oauth/token',
			oauthTokenData: { access_token: 'a' },
		});
		expect(data.scope).toContain('contacts.write');

		const defaults = await new TestCredentialsHelper(credentialTypes, {
			goHighLevelOAuth2Api: {},
		}).getDecrypted(
			{ variables: {} } as never,
			{ id: '1', name: 'c' },
			'goHighLevelOAuth2Api',
			'internal',
		);
		expect(defaults.accessTokenUrl).toBe('https://services.leadconnectorhq.com/oauth/token');
	});
});
