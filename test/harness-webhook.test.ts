import { request as httpRequest } from 'node:http';

import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { GoHighLevelPrivateTokenApi } from '../credentials/GoHighLevelPrivateTokenApi.credentials';
import {
	createTriggerHarness,
	startTestServer,
	type RecordedRequest,
	type TestServer,
	type TriggerHarness,
} from './harness';

const CREDENTIAL = 'goHighLevelPrivateTokenApi';
const credentialTypes = [new GoHighLevelPrivateTokenApi()];
const WEBHOOK_ID = '0b0e7a8e-5c3f-4d1e-9a53-2f4d1a6c7e11';

interface Seen {
	rawBody: unknown;
	body: unknown;
	query: unknown;
	headers: IDataObject;
	params: unknown;
	url: string;
}

/** What the node's webhook() saw, per call (filled by the node below). */
const seen: Seen[] = [];

/**
 * A tiny webhook trigger: registers its URL with a "remote service" through
 * httpRequestWithAuthentication, keeps the hook id in static data, checks a shared token
 * on delivery (answering 401 itself when it is wrong) and counts deliveries in static data.
 */
class PingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ping Trigger',
		name: 'pingTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Harness webhook trigger',
		defaults: { name: 'Ping Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: '={{$parameter["responseMode"]}}',
				responseCode: '={{$parameter["responseCode"]}}',
				path: 'webhook',
			},
		],
		properties: [
			{ displayName: 'Event', name: 'event', type: 'string', default: 'ping' },
			{ displayName: 'Token', name: 'token', type: 'string', default: 'secret' },
			{
				displayName: 'Response Mode',
				name: 'responseMode',
				type: 'options',
				options: [
					{ name: 'On Received', value: 'onReceived' },
					{ name: 'Last Node', value: 'lastNode' },
				],
				default: 'onReceived',
			},
			{ displayName: 'Response Code', name: 'responseCode', type: 'number', default: 200 },
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				const { baseUrl } = await this.getCredentials(CREDENTIAL);
				const hooks = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, {
					method: 'GET',
					url: `${baseUrl as string}/hooks`,
					json: true,
				})) as Array<{ id: string; url: string }>;
				const mine = hooks.find((h) => h.url === this.getNodeWebhookUrl('default'));
				if (mine) {
					staticData.hookId = mine.id;
					return true;
				}
				delete staticData.hookId;
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const { baseUrl } = await this.getCredentials(CREDENTIAL);
				const created = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, {
					method: 'POST',
					url: `${baseUrl as string}/hooks`,
					body: {
						url: this.getNodeWebhookUrl('default'),
						event: this.getNodeParameter('event') as string,
						mode: this.getMode(),
						activation: this.getActivationMode(),
					},
					json: true,
				})) as { id: string };
				this.getWorkflowStaticData('node').hookId = created.id;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				if (staticData.hookId === undefined) return false;
				const { baseUrl } = await this.getCredentials(CREDENTIAL);
				await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, {
					method: 'DELETE',
					url: `${baseUrl as string}/hooks/${staticData.hookId as string}`,
					json: true,
				});
				delete staticData.hookId;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		seen.push({
			rawBody: req.rawBody,
			body: this.getBodyData(),
			query: this.getQueryData(),
			headers: this.getHeaderData() as IDataObject,
			params: this.getParamsData(),
			url: this.getNodeWebhookUrl('default') ?? '',
		});
		if (this.getHeaderData()['x-explode']) throw new Error('boom');
		if (this.getHeaderData()['x-token'] !== this.getNodeParameter('token')) {
			const res = this.getResponseObject();
			res.status(401).json({ error: 'bad token' });
			return { noWebhookResponse: true };
		}
		const staticData = this.getWorkflowStaticData('node');
		staticData.deliveries = ((staticData.deliveries as number | undefined) ?? 0) + 1;
		return {
			workflowData: [
				this.helpers.returnJsonArray({
					body: this.getBodyData() as IDataObject,
					delivery: staticData.deliveries as number,
				}),
			],
		};
	}
}

interface Hook {
	id: string;
	url: string;
	event: string;
	mode: string;
	activation: string;
}

/** The remote service double: a hooks API, and deliveries to the registered URLs. */
let remote: TestServer;
let hooks: Hook[] = [];
let nextId = 1;

function remoteHandler(req: RecordedRequest) {
	if (req.headers.authorization !== 'Bearer tok-123') return { status: 401, json: { message: 'no' } };
	if (req.method === 'GET' && req.path === '/hooks') return { json: hooks };
	if (req.method === 'POST' && req.path === '/hooks') {
		const hook = { id: `hook-${nextId++}`, ...(req.body as Omit<Hook, 'id'>) };
		hooks.push(hook);
		return { status: 201, json: { id: hook.id } };
	}
	const del = /^\/hooks\/([^/]+)$/.exec(req.path);
	if (req.method === 'DELETE' && del) {
		const before = hooks.length;
		hooks = hooks.filter((h) => h.id !== del[1]);
		return before === hooks.length ? { status: 404, json: { message: 'unknown hook' } } : { status: 204 };
	}
	return { status: 404, json: { message: 'not found' } };
}

/** The remote service POSTs exact bytes to a registered hook URL (node:http, no fetch). */
async function remotePost(
	url: string,
	body: Buffer,
	headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
	return await new Promise((resolve, reject) => {
		const req = httpRequest(
			url,
			{ method: 'POST', headers: { ...headers, 'content-length': String(body.length) } },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						text: Buffer.concat(chunks).toString('utf8'),
					}),
				);
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

function deferred() {
	let open!: () => void;
	const promise = new Promise<void>((resolve) => {
		open = resolve;
	});
	return { promise, open };
}

beforeAll(async () => {
	remote = await startTestServer(remoteHandler);
});

afterAll(async () => {
	await remote.close();
});

beforeEach(() => {
	hooks = [];
	nextId = 1;
	seen.length = 0;
	remote.requests.length = 0;
});

describe('trigger harness: webhookMethods through HookContext', () => {
	let harness: TriggerHarness;

	afterEach(async () => {
		await harness?.close();
	});

	async function create(parameters: IDataObject = {}, downstream?: (items: INodeExecutionData[]) => unknown) {
		harness = await createTriggerHarness({
			node: new PingTrigger(),
			parameters: { event: 'sale', ...parameters },
			credentials: { [CREDENTIAL]: { accessToken: 'tok-123', locationId: 'loc', baseUrl: remote.url } },
			credentialTypes,
			webhookId: WEBHOOK_ID,
			downstream,
		});
		return harness;
	}

	it('builds the webhook URL like getNodeWebhookUrl and IWebhookData like getNodeWebhooks', async () => {
		await create();
		expect(harness.webhookUrl()).toBe(`http://127.0.0.1:5678/webhook/${WEBHOOK_ID}/webhook`);
		expect(harness.webhookUrl(true)).toBe(`http://127.0.0.1:5678/webhook-test/${WEBHOOK_ID}/webhook`);
		const [webhook] = harness.webhooks();
		expect(webhook).toMatchObject({ httpMethod: 'POST', node: 'Ping Trigger', path: `${WEBHOOK_ID}/webhook` });
		expect(harness.node.webhookId).toBe(WEBHOOK_ID);
	});

	it('activate: checkExists → create registers the URL, ids go to static data; deactivate deletes exactly those', async () => {
		await create();
		const server = await harness.listen();
		const url = harness.webhookUrl();
		expect(url).toBe(`${server.url}/webhook/${WEBHOOK_ID}/webhook`);

		// an unrelated hook of someone else on the remote service
		hooks.push({ id: 'foreign', url: 'http://elsewhere/x', event: 'sale', mode: '', activation: '' });

		expect(await harness.activate()).toEqual({ existed: false, created: true });
		expect(hooks.map((h) => h.id)).toEqual(['foreign', 'hook-1']);
		expect(hooks[1]).toMatchObject({ url, event: 'sale', mode: 'trigger', activation: 'activate' });
		expect(harness.staticData()).toEqual({ hookId: 'hook-1' });
		expect(harness.workflow.staticData['node:Ping Trigger']).toEqual({ hookId: 'hook-1' });
		expect(remote.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /hooks', 'POST /hooks']);
		expect(remote.requests.every((r) => r.headers.authorization === 'Bearer tok-123')).toBe(true);

		// re-activation (e.g. n8n restart): checkExists finds it, no second create
		expect(await harness.activate('init')).toEqual({ existed: true, created: false });
		expect(hooks).toHaveLength(2);

		expect(await harness.deactivate()).toBe(true);
		expect(remote.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/hooks/hook-1' });
		expect(hooks.map((h) => h.id)).toEqual(['foreign']);
		expect(harness.staticData()).toEqual({});
		expect(harness.active).toBe(false);
	});

	it('a real form-encoded POST from the remote service reaches webhook() with rawBody and querystring.parse body', async () => {
		await create();
		await harness.listen();
		await harness.activate();

		const payload = Buffer.from(
			'email=jane%40example.com&name=Jane+Doe&url_params[source]=ads&custom%255Bfield%255D=x&city=caf%C3%A9&amount=9.99',
			'utf8',
		);
		const response = await remotePost(hooks[0].url, payload, {
			'content-type': 'application/x-www-form-urlencoded',
			'x-token': 'secret',
		});
		expect(response.status).toBe(200);
		expect(JSON.parse(response.text)).toEqual({ message: 'Workflow was started' });

		expect(seen).toHaveLength(1);
		const [call] = seen;
		expect(Buffer.isBuffer(call.rawBody)).toBe(true);
		expect((call.rawBody as Buffer).equals(payload)).toBe(true);
		expect({ ...(call.body as object) }).toEqual({
			email: 'jane@example.com',
			name: 'Jane Doe',
			'url_params[source]': 'ads',
			'custom%5Bfield%5D': 'x',
			city: 'café',
			amount: '9.99',
		});
		expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(call.params).toEqual({ path: `${WEBHOOK_ID}/webhook` });
		expect(call.url).toBe(hooks[0].url);

		const [execution] = await harness.waitForExecutions(1);
		expect(execution.status).toBe('success');
		expect(execution.items.map((i) => i.json)).toEqual([
			{ body: call.body, delivery: 1 },
		]);
		expect(execution.run.data.resultData.runData['Harness Collector']).toHaveLength(1);
		expect(execution.run.mode).toBe('webhook');
	});

	it('a webhook() that answers 401 itself starts no execution; a throwing one gets 500', async () => {
		await create();
		await harness.listen();
		const url = harness.webhookUrl();

		const rejected = await remotePost(url, Buffer.from('{"a":1}'), {
			'content-type': 'application/json',
			'x-token': 'wrong',
		});
		expect(rejected.status).toBe(401);
		expect(JSON.parse(rejected.text)).toEqual({ error: 'bad token' });

		const viaDeliver = await harness.deliver({ body: { a: 1 }, headers: { 'x-token': 'wrong' } });
		expect(viaDeliver).toMatchObject({ status: 401, body: { error: 'bad token' }, executions: [] });

		const exploded = await harness.deliver({ body: { a: 1 }, headers: { 'x-explode': '1' } });
		expect(exploded.status).toBe(500);
		expect(exploded.body).toEqual({
			code: 0,
			message: 'Workflow Webhook Error: Workflow could not be started!',
		});
		expect(exploded.webhookError?.message).toBe('boom');

		expect(seen).toHaveLength(3);
		expect(harness.executions).toHaveLength(0);
		expect(harness.staticData().deliveries).toBeUndefined();
	});

	it('onReceived answers (with the node responseCode) before a slow downstream finishes', async () => {
		const gate = deferred();
		let downstreamSaw: INodeExecutionData[] = [];
		await create({ responseCode: 202 }, async (items) => {
			downstreamSaw = items;
			await gate.promise;
		});
		await harness.listen();

		const response = await remotePost(harness.webhookUrl(), Buffer.from('{"n":1}'), {
			'content-type': 'application/json',
			'x-token': 'secret',
		});
		expect(response.status).toBe(202);
		expect(JSON.parse(response.text)).toEqual({ message: 'Workflow was started' });
		// the workflow is still running (held by the gate)
		expect(harness.executions).toHaveLength(0);

		gate.open();
		const [execution] = await harness.waitForExecutions(1);
		expect(execution.items[0].json).toEqual({ body: { n: 1 }, delivery: 1 });
		expect(downstreamSaw.map((i) => i.json)).toEqual([{ body: { n: 1 }, delivery: 1 }]);
	});

	it('lastNode waits for the workflow and answers with the first item', async () => {
		await create({ responseMode: 'lastNode' });
		const result = await harness.deliver({
			body: '{"x":"y"}',
			contentType: 'application/json; charset=utf-8',
			headers: { 'x-token': 'secret' },
		});
		expect(result.status).toBe(200);
		expect(result.body).toEqual({ body: { x: 'y' }, delivery: 1 });
		expect(result.executions).toHaveLength(1);
	});

	it('static data persists across deliveries and deactivation', async () => {
		await create();
		await harness.listen();
		await harness.activate();
		for (const n of [1, 2, 3]) {
			const result = await harness.deliver({
				body: `n=${n}`,
				contentType: 'application/x-www-form-urlencoded',
				headers: { 'x-token': 'secret' },
			});
			expect(result.status).toBe(200);
			expect(result.executions[0].items[0].json).toEqual({ body: { n: String(n) }, delivery: n });
		}
		expect(harness.staticData()).toEqual({ hookId: 'hook-1', deliveries: 3 });
		await harness.deactivate();
		expect(harness.staticData()).toEqual({ deliveries: 3 });
		expect(harness.executions.map((e) => e.items[0].json.delivery)).toEqual([1, 2, 3]);
	});

	it('unknown paths and methods get n8n 404s; broken JSON gets 422', async () => {
		await create();
		const wrongMethod = await harness.deliver({ method: 'GET' });
		expect(wrongMethod.status).toBe(404);
		expect(wrongMethod.body).toMatchObject({
			message: 'This webhook is not registered for GET requests. Did you mean to make a POST request?',
		});
		const wrongPath = await harness.deliver({ path: 'nope/webhook' });
		expect(wrongPath.status).toBe(404);
		const broken = await harness.deliver({
			body: '{not json',
			contentType: 'application/json',
			headers: { 'x-token': 'secret' },
		});
		expect(broken.status).toBe(422);
		expect(broken.body).toMatchObject({ message: 'Failed to parse request body' });
		expect(seen).toHaveLength(0);
	});
});
