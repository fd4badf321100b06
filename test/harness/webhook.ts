/**
 * Webhook TRIGGER nodes through n8n-core's real `HookContext` / `WebhookContext`, driven the
 * way n8n's CLI drives them:
 *
 * - activation (`ActiveWorkflowManager.addWebhooks` → `WebhookService.createWebhookIfNotExists`):
 *   `checkExists()`, then `create()` if it returned false, in mode `trigger`; if either throws,
 *   n8n clears the webhooks again (`delete()`, mode `internal`, activation `update`) and rethrows.
 * - deactivation (`clearWebhooks`): `delete()`, mode `internal`, activation `update`.
 * - a request (`LiveWebhooks` → `WebhookHelpers.executeWebhook`): body parsed like n8n's
 *   `parseBody` (raw body kept as `req.rawBody`), `webhook()` called in mode `webhook`, the
 *   response given according to `noWebhookResponse` / `webhookResponse` and the description's
 *   `responseMode` / `responseCode`, then the workflow (trigger → collector) run with
 *   `WorkflowExecute` in `webhook` mode.
 *
 * One `Workflow` object lives as long as the harness, so `getWorkflowStaticData('node')`
 * (`workflow.staticData['node:<name>']`) persists across activate / deliveries / deactivate
 * exactly as n8n persists it between calls.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
	createServer,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type ServerResponse,
	STATUS_CODES,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';
import { createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

import { HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	IRun,
	IVersionedNodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	NodeConnectionTypes,
	NodeHelpers,
	UnexpectedError,
	Workflow,
	createRunExecutionData,
	jsonParse,
	resolveWebhookDescriptionField,
} from 'n8n-workflow';

import { HARNESS_BASE_URL, createAdditionalData } from './additional-data';
import { TestCredentialsHelper } from './credentials-helper';
import { MapNodeTypes, defaultTypeName, defaultVersionOf, describeNodeType } from './node-types';

export const TRIGGER_HARNESS_WORKFLOW_ID = 'harness-trigger-workflow';
export const COLLECTOR_NODE_TYPE = 'n8n-nodes-harness.collector';
export const COLLECTOR_NODE_NAME = 'Harness Collector';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface TriggerExecution {
	/** The trigger node's output on main[0] (what the next node receives). */
	items: INodeExecutionData[];
	/** All main outputs of the trigger node. */
	output: INodeExecutionData[][];
	run: IRun;
	executionId: string;
	status: IRun['status'];
}

export interface DeliverRequest {
	/** Default: the webhook's (first) httpMethod. */
	method?: string;
	/**
	 * Path below the webhook base URL, e.g. `<webhookId>/webhook` (a leading `/webhook/` is
	 * accepted too). Default: the node's registered webhook path.
	 */
	path?: string;
	query?: IDataObject;
	headers?: Record<string, string>;
	/** String/Buffer: sent byte for byte. Object: JSON, or form-encoded if `contentType` says so. */
	body?: string | Buffer | IDataObject;
	/** Sets the `content-type` header (default for an object body: `application/json`). */
	contentType?: string;
	/** Wait for the workflow runs this request started before resolving (default true). */
	waitForRun?: boolean;
}

export interface DeliveryResult {
	status: number;
	/** Parsed JSON when the response is JSON, else the text ('' for an empty body). */
	body: unknown;
	/** The raw response body. */
	rawBody: Buffer;
	/** Response headers, lower-cased names. */
	headers: Record<string, string>;
	/** Workflow runs started by this request (empty with `waitForRun: false`). */
	executions: TriggerExecution[];
	/** What `webhook()` returned (undefined when it threw). */
	webhookResult?: IWebhookResponseData;
	/** The error `webhook()` threw (n8n answers 500 and starts no run here). */
	webhookError?: Error;
}

export interface ListeningServer {
	/** `http://127.0.0.1:<port>` — the harness's `webhookBaseUrl` is `<url>/webhook`. */
	url: string;
	close(): Promise<void>;
}

export interface TriggerHarness {
	/** One Workflow for all calls, so static data persists like in n8n. */
	workflow: Workflow;
	/** The trigger node as placed in the workflow (with `webhookId`). */
	node: INode;
	credentialsHelper: TestCredentialsHelper;
	/** The IWebhookData n8n would register (one per HTTP method). */
	webhooks(): IWebhookData[];
	/** What `this.getNodeWebhookUrl('default')` returns inside the node. */
	webhookUrl(isTest?: boolean): string;
	/** checkExists(), and create() if it returned false (mode `trigger`). */
	activate(activation?: WorkflowActivateMode): Promise<{ existed: boolean; created: boolean }>;
	/** delete() (mode `internal`, activation `update`); true unless a delete() returned false. */
	deactivate(): Promise<boolean>;
	readonly active: boolean;
	/** The node's static data (`workflow.staticData['node:<name>']`), the live object. */
	staticData(): IDataObject;
	/** Starts a real HTTP receiver on 127.0.0.1; `webhookUrl()` then points at it. */
	listen(): Promise<ListeningServer>;
	/** One request through the same code path as `listen()`, without network. */
	deliver(req?: DeliverRequest): Promise<DeliveryResult>;
	/** Every workflow run started by a delivery, in the order they finished. */
	executions: TriggerExecution[];
	waitForExecutions(n: number, timeoutMs?: number): Promise<TriggerExecution[]>;
	/** Closes the HTTP receiver (if any). */
	close(): Promise<void>;
}

export interface TriggerHarnessOptions {
	node: INodeType | IVersionedNodeType;
	/** Default: `description.name`. */
	typeName?: string;
	typeVersion?: number;
	nodeName?: string;
	parameters: INodeParameters;
	/** Credential data by type name; every type given is attached to the node. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes: ICredentialType[];
	credentialsHelper?: TestCredentialsHelper;
	/** Default: a random uuid. */
	webhookId?: string;
	/** Initial static data of the NODE (becomes `workflow.staticData['node:<name>']`). */
	staticData?: IDataObject;
	/** Initial static data of the whole workflow (wins over `staticData`). */
	workflowStaticData?: IDataObject;
	/** Base of the instance URLs before `listen()`; default http://127.0.0.1:5678 */
	baseUrl?: string;
	/** Called by the collector node after the trigger with its items (e.g. to make it slow). */
	downstream?: (items: INodeExecutionData[]) => unknown;
	/**
	 * Each request gets its own copy of the static data, written back whole when `webhook()`
	 * returns, as n8n's LiveWebhooks does (overlapping requests then race like in n8n).
	 */
	staticDataPerRequest?: boolean;
	/** With `staticDataPerRequest`: how long after a node's own answer its static data is saved (n8n's database write). */
	staticDataSaveDelayMs?: number;
	/** How long `deliver()` waits for an answer when the node took over the response. */
	responseTimeoutMs?: number;
}

// ---------------------------------------------------------------------------------------------
// Express-like request / response
// ---------------------------------------------------------------------------------------------

/** The request a node sees via `getRequestObject()`: n8n's Express request, as far as nodes use it. */
export interface HarnessRequest {
	method: string;
	/** Path + query string as received. */
	url: string;
	originalUrl: string;
	path: string;
	headers: IncomingHttpHeaders;
	query: IDataObject;
	params: Record<string, string>;
	body: unknown;
	/** The raw body bytes (n8n's `rawBodyReader` sets this when it reads the body). */
	rawBody: Buffer;
	/** Content type without parameters, lower-cased (n8n's `parseIncomingMessage`). */
	contentType?: string;
	encoding?: BufferEncoding;
	readRawBody(): Promise<void>;
	get(name: string): string | undefined;
	header(name: string): string | undefined;
	[key: string]: unknown;
}

interface FinishedResponse {
	status: number;
	headers: Record<string, string>;
	body: Buffer;
}

/** Enough of an Express response for nodes that answer themselves, and for n8n's own answers. */
export class HarnessResponse extends EventEmitter {
	statusCode = 200;

	statusMessage = '';

	locals: IDataObject = {};

	private readonly headerMap = new Map<string, string | string[]>();

	private readonly chunks: Buffer[] = [];

	private ended = false;

	private wroteHead = false;

	readonly finished: Promise<FinishedResponse>;

	private resolveFinished!: (value: FinishedResponse) => void;

	constructor() {
		super();
		this.finished = new Promise((resolve) => {
			this.resolveFinished = resolve;
		});
	}

	get headersSent(): boolean {
		return this.wroteHead || this.ended;
	}

	get writableEnded(): boolean {
		return this.ended;
	}

	get writableFinished(): boolean {
		return this.ended;
	}

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	sendStatus(code: number): this {
		this.statusCode = code;
		return this.send(STATUS_CODES[code] ?? String(code));
	}

	setHeader(name: string, value: string | number | readonly string[]): this {
		this.headerMap.set(
			name.toLowerCase(),
			Array.isArray(value) ? [...(value as string[])] : String(value),
		);
		return this;
	}

	set(field: string | Record<string, string>, value?: string | string[]): this {
		if (typeof field === 'object') {
			for (const [k, v] of Object.entries(field)) this.setHeader(k, v);
		} else if (value !== undefined) {
			this.setHeader(field, value);
		}
		return this;
	}

	header(field: string | Record<string, string>, value?: string | string[]): this {
		return this.set(field, value);
	}

	append(field: string, value: string | string[]): this {
		const prev = this.headerMap.get(field.toLowerCase());
		const next = [...(prev === undefined ? [] : ([] as string[]).concat(prev)), ...([] as string[]).concat(value)];
		this.headerMap.set(field.toLowerCase(), next);
		return this;
	}

	getHeader(name: string): string | string[] | undefined {
		return this.headerMap.get(name.toLowerCase());
	}

	get(name: string): string | undefined {
		const value = this.getHeader(name);
		return Array.isArray(value) ? value.join(', ') : value;
	}

	getHeaders(): Record<string, string | string[]> {
		return Object.fromEntries(this.headerMap);
	}

	hasHeader(name: string): boolean {
		return this.headerMap.has(name.toLowerCase());
	}

	removeHeader(name: string): void {
		this.headerMap.delete(name.toLowerCase());
	}

	type(contentType: string): this {
		return this.setHeader('content-type', contentType.includes('/') ? contentType : `application/${contentType}`);
	}

	contentType(contentType: string): this {
		return this.type(contentType);
	}

	writeHead(
		statusCode: number,
		messageOrHeaders?: string | Record<string, string | string[]>,
		headers?: Record<string, string | string[]>,
	): this {
		this.statusCode = statusCode;
		const hdrs = typeof messageOrHeaders === 'object' ? messageOrHeaders : headers;
		if (typeof messageOrHeaders === 'string') this.statusMessage = messageOrHeaders;
		for (const [k, v] of Object.entries(hdrs ?? {})) this.setHeader(k, v);
		this.wroteHead = true;
		return this;
	}

	write(chunk: string | Buffer | Uint8Array, encoding?: BufferEncoding): boolean {
		if (this.ended) return false;
		this.wroteHead = true;
		this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk));
		return true;
	}

	/** Express `res.json`. */
	json(body: unknown): this {
		if (!this.hasHeader('content-type')) this.setHeader('content-type', 'application/json; charset=utf-8');
		const text = JSON.stringify(body);
		return this.send(text === undefined ? '' : text);
	}

	/** Express `res.send`. */
	send(body?: unknown): this {
		if (body === undefined || body === null) {
			// Express sends both as an empty body
			this.end();
			return this;
		}
		if (typeof body === 'string') {
			if (!this.hasHeader('content-type')) this.setHeader('content-type', 'text/html; charset=utf-8');
			this.end(body);
			return this;
		}
		if (Buffer.isBuffer(body) || body instanceof Uint8Array) {
			if (!this.hasHeader('content-type')) this.setHeader('content-type', 'application/octet-stream');
			this.end(Buffer.from(body));
			return this;
		}
		if (typeof body === 'boolean' || typeof body === 'number' || typeof body === 'object') {
			return this.json(body);
		}
		this.end(String(body));
		return this;
	}

	redirect(statusOrUrl: number | string, maybeUrl?: string): void {
		const url = typeof statusOrUrl === 'string' ? statusOrUrl : (maybeUrl ?? '/');
		this.statusCode = typeof statusOrUrl === 'number' ? statusOrUrl : 302;
		this.setHeader('location', url);
		this.end();
	}

	end(chunk?: string | Buffer | Uint8Array | (() => void), encoding?: BufferEncoding | (() => void)): this {
		if (this.ended) return this;
		if (chunk !== undefined && typeof chunk !== 'function') {
			this.chunks.push(
				typeof chunk === 'string'
					? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8')
					: Buffer.from(chunk),
			);
		}
		this.ended = true;
		this.wroteHead = true;
		const headers: Record<string, string> = {};
		for (const [k, v] of this.headerMap) headers[k] = Array.isArray(v) ? v.join(', ') : v;
		this.resolveFinished({ status: this.statusCode, headers, body: Buffer.concat(this.chunks) });
		this.emit('finish');
		this.emit('close');
		return this;
	}
}

// ---------------------------------------------------------------------------------------------
// n8n's request pre-processing
// ---------------------------------------------------------------------------------------------

/** n8n's `parseIncomingMessage` (content type and charset of the request). */
function parseContentType(header: string | undefined): { type: string; charset: BufferEncoding } | null {
	if (!header) return null;
	const [type, ...parameters] = header.split(';');
	let charset = 'utf-8';
	for (const param of parameters) {
		const eq = param.indexOf('=');
		if (eq === -1) continue;
		if (param.slice(0, eq).trim().toLowerCase() === 'charset') {
			charset = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
		}
	}
	return { type: type.toLowerCase(), charset: charset.toLowerCase() as BufferEncoding };
}

function isParsableContentType(contentType: string | undefined): boolean {
	if (!contentType) return false;
	return (
		contentType.startsWith('application/json') ||
		contentType.startsWith('text/plain') ||
		contentType.startsWith('application/x-www-form-urlencoded') ||
		contentType.endsWith('/xml') ||
		contentType.endsWith('+xml')
	);
}

class BodyParseError extends Error {
	constructor(readonly hint: string) {
		super('Failed to parse request body');
	}
}

/**
 * n8n's `parseBody` (middlewares/body-parser.ts): JSON with `jsonParse`, form-urlencoded with
 * Node's `querystring.parse` (so `a[b]` stays a flat key and `%255B` is decoded once),
 * text/plain as a string; anything else leaves `body` undefined. XML is not parsed here.
 */
function parseBody(req: HarnessRequest): void {
	const { rawBody, contentType } = req;
	const encoding = req.encoding ?? 'utf-8';
	if (!rawBody?.length) return;
	try {
		if (contentType === 'application/json') {
			req.body = jsonParse(rawBody.toString(encoding));
		} else if (contentType === 'application/x-www-form-urlencoded') {
			req.body = parseQueryString(rawBody.toString(encoding), undefined, undefined, {
				maxKeys: 1000,
			});
		} else if (contentType === 'text/plain') {
			req.body = rawBody.toString(encoding);
		}
	} catch (error) {
		throw new BodyParseError((error as Error).message);
	}
}

function buildRequest(init: {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	query: IDataObject;
	target?: Record<string, unknown>;
}): HarnessRequest {
	const pathOnly = init.url.split('?')[0];
	const parsed = parseContentType(init.headers['content-type'] as string | undefined);
	const getHeader = (name: string) => {
		const value = init.headers[name.toLowerCase()];
		return Array.isArray(value) ? value.join(', ') : value;
	};
	const fields = {
		method: init.method.toUpperCase(),
		url: init.url,
		originalUrl: init.url,
		path: pathOnly,
		query: init.query,
		params: {},
		body: undefined,
		rawBody: init.rawBody,
		...(parsed ? { contentType: parsed.type, encoding: parsed.charset } : {}),
		readRawBody: async () => {},
		get: getHeader,
		header: getHeader,
	};
	if (init.target) {
		// A real IncomingMessage: keep it (socket, stream API) and add what Express/n8n add.
		return Object.assign(init.target, fields) as unknown as HarnessRequest;
	}
	return { headers: init.headers, ...fields } as HarnessRequest;
}

async function readIncomingBody(req: IncomingMessage): Promise<Buffer> {
	let stream: Readable = req;
	const encoding = req.headers['content-encoding'];
	if (encoding === 'gzip') stream = req.pipe(createGunzip());
	else if (encoding === 'deflate') stream = req.pipe(createInflate());
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

// ---------------------------------------------------------------------------------------------
// The harness
// ---------------------------------------------------------------------------------------------

function createCollector(downstream?: (items: INodeExecutionData[]) => unknown): INodeType {
	return {
		description: {
			displayName: COLLECTOR_NODE_NAME,
			name: 'collector',
			group: ['transform'],
			version: 1,
			description: 'Receives what the trigger emits (harness)',
			defaults: { name: COLLECTOR_NODE_NAME },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const items = this.getInputData();
			if (downstream) await downstream(items);
			return [items];
		},
	};
}

interface ErrorBody {
	code: number;
	message: string;
	hint?: string;
}

function sendError(res: HarnessResponse, status: number, body: ErrorBody): void {
	if (res.writableEnded) return;
	res.status(status).json(body);
}

/** `sendStaticResponse` / `sendLegacyResponse(raw = true)` of n8n's webhook request handler. */
function sendStatic(res: HarnessResponse, body: unknown, code: number): void {
	if (res.writableEnded) return;
	res.status(code);
	if (typeof body === 'string') res.send(body);
	else res.json(body);
}

function decodeBody(headers: Record<string, string>, body: Buffer): unknown {
	const text = body.toString('utf8');
	if ((headers['content-type'] ?? '').includes('json') && text.length) {
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return text;
}

export async function createTriggerHarness(opts: TriggerHarnessOptions): Promise<TriggerHarness> {
	const typeName = opts.typeName ?? defaultTypeName(opts.node);
	const typeVersion = opts.typeVersion ?? defaultVersionOf(opts.node);
	const description: INodeTypeDescription = describeNodeType(opts.node, typeVersion);
	if (!description.webhooks?.length) {
		throw new UnexpectedError(`Node type "${typeName}" has no description.webhooks`);
	}

	let credentialsHelper = opts.credentialsHelper;
	if (credentialsHelper) {
		for (const [name, data] of Object.entries(opts.credentials ?? {})) {
			credentialsHelper.setCredentials(name, data);
		}
	} else {
		credentialsHelper = new TestCredentialsHelper(opts.credentialTypes, opts.credentials ?? {});
	}
	const nodeCredentials: INodeCredentials = {};
	for (const name of credentialsHelper.storedTypes()) {
		nodeCredentials[name] = { id: `${name}-id`, name: `${name} (test)` };
	}

	const nodeName = opts.nodeName ?? description.defaults?.name ?? description.displayName;
	const triggerNode: INode = {
		id: 'trigger-under-test',
		name: nodeName,
		type: typeName,
		typeVersion,
		position: [0, 0],
		webhookId: opts.webhookId ?? randomUUID(),
		parameters: structuredClone(opts.parameters),
		...(Object.keys(nodeCredentials).length ? { credentials: nodeCredentials } : {}),
	};
	const collectorNode: INode = {
		id: 'harness-collector',
		name: nodeName === COLLECTOR_NODE_NAME ? `${COLLECTOR_NODE_NAME} 2` : COLLECTOR_NODE_NAME,
		type: COLLECTOR_NODE_TYPE,
		typeVersion: 1,
		position: [220, 0],
		parameters: {},
	};

	const staticData: IDataObject =
		opts.workflowStaticData !== undefined
			? structuredClone(opts.workflowStaticData)
			: opts.staticData !== undefined
				? { [`node:${nodeName}`]: structuredClone(opts.staticData) }
				: {};

	const makeWorkflow = (data: IDataObject) => new Workflow({
		id: TRIGGER_HARNESS_WORKFLOW_ID,
		name: 'Harness trigger workflow',
		nodes: [triggerNode, collectorNode],
		connections: {
			[triggerNode.name]: {
				[NodeConnectionTypes.Main]: [
					[{ node: collectorNode.name, type: NodeConnectionTypes.Main, index: 0 }],
				],
			},
		},
		active: true,
		nodeTypes: new MapNodeTypes({
			[typeName]: opts.node,
			[COLLECTOR_NODE_TYPE]: createCollector(opts.downstream),
		}),
		staticData: data,
	});
	const workflow = makeWorkflow(staticData);
	const node = workflow.getNode(triggerNode.name)!;
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);

	let baseUrl = (opts.baseUrl ?? HARNESS_BASE_URL).replace(/\/+$/, '');
	let active = false;
	const executions: TriggerExecution[] = [];
	const waiters: Array<() => void> = [];
	let server: ListeningServer | undefined;
	const helper = credentialsHelper;

	const additionalDataFor = (
		mode: WorkflowExecuteMode,
		overrides?: Partial<IWorkflowExecuteAdditionalData>,
	) => createAdditionalData({ credentialsHelper: helper, workflow, mode, baseUrl, overrides });

	/** Expression evaluation with an isolate held, as n8n does around its own evaluations. */
	const withExpressions = async <T>(fn: () => T): Promise<T> => {
		const acquired = await workflow.expression.acquireIsolate();
		try {
			return fn();
		} finally {
			if (acquired) await workflow.expression.releaseIsolate();
		}
	};

	const evaluateField = (
		webhookDescription: IWebhookDescription,
		field: string,
		mode: WorkflowExecuteMode,
		defaultValue?: unknown,
	): unknown => {
		const native = resolveWebhookDescriptionField(node, webhookDescription, field);
		if (native.resolved) return native.value;
		return workflow.expression.getSimpleParameterValue(
			node,
			webhookDescription[field] as string | undefined,
			mode,
			{},
			undefined,
			defaultValue as string | undefined,
		);
	};

	/** `WebhookService.getNodeWebhooks` */
	const buildWebhooks = (additionalData: IWorkflowExecuteAdditionalData): IWebhookData[] => {
		if (node.disabled === true) return [];
		const returnData: IWebhookData[] = [];
		for (const webhookDescription of description.webhooks ?? []) {
			if (webhookDescription.restartWebhook === true) continue;
			let nodeWebhookPath = evaluateField(webhookDescription, 'path', 'internal');
			if (nodeWebhookPath === undefined) continue;
			nodeWebhookPath = String(nodeWebhookPath);
			let path = nodeWebhookPath as string;
			if (path.startsWith('/')) path = path.slice(1);
			if (path.endsWith('/')) path = path.slice(0, -1);
			const isFullPath = evaluateField(webhookDescription, 'isFullPath', 'internal', false) as boolean;
			const fullPath = NodeHelpers.getNodeWebhookPath(workflow.id, node, path, isFullPath, false);
			const methods = evaluateField(webhookDescription, 'httpMethod', 'internal', 'GET');
			if (methods === undefined) continue;
			const webhookId =
				(fullPath.startsWith(':') || fullPath.includes('/:')) && node.webhookId
					? node.webhookId
					: undefined;
			for (const method of String(methods).split(',')) {
				if (!method) continue;
				returnData.push({
					httpMethod: method.trim() as IHttpRequestMethods,
					node: node.name,
					path: fullPath,
					webhookDescription,
					workflowId: workflow.id,
					workflowExecuteAdditionalData: additionalData,
					webhookId,
				});
			}
		}
		return returnData;
	};

	const webhooks = () => buildWebhooks(additionalDataFor('internal'));

	const runWebhookMethod = async (
		method: 'checkExists' | 'create' | 'delete',
		webhookData: IWebhookData,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
	): Promise<boolean | undefined> => {
		const fn = nodeType.webhookMethods?.[webhookData.webhookDescription.name]?.[method];
		if (fn === undefined) return undefined;
		const context = new HookContext(
			workflow,
			node,
			webhookData.workflowExecuteAdditionalData,
			mode,
			activation,
			webhookData,
		);
		return (await fn.call(context)) as boolean;
	};

	const activate = async (activation: WorkflowActivateMode = 'activate') => {
		const mode: WorkflowExecuteMode = 'trigger';
		let existed = false;
		let created = false;
		for (const webhookData of buildWebhooks(additionalDataFor(mode))) {
			try {
				const exists = await runWebhookMethod('checkExists', webhookData, mode, activation);
				if (exists) existed = true;
				else {
					const result = await runWebhookMethod('create', webhookData, mode, activation);
					if (result !== undefined && result !== false) created = true;
				}
			} catch (error) {
				// n8n: clearWebhooks() — delete() every webhook of the workflow, then rethrow
				for (const wd of buildWebhooks(additionalDataFor('internal'))) {
					try {
						await runWebhookMethod('delete', wd, 'internal', 'update');
					} catch {
						// n8n only logs this
					}
				}
				active = false;
				throw error;
			}
		}
		active = true;
		return { existed, created };
	};

	const deactivate = async () => {
		let ok = true;
		for (const webhookData of buildWebhooks(additionalDataFor('internal'))) {
			const result = await runWebhookMethod('delete', webhookData, 'internal', 'update');
			if (result === false) ok = false;
		}
		active = false;
		return ok;
	};

	const webhookUrl = (isTest = false): string => {
		const [webhookData] = webhooks();
		const context = new HookContext(
			workflow,
			node,
			additionalDataFor('internal'),
			'internal',
			'activate',
			{ ...webhookData, isTest },
		);
		const url = context.getNodeWebhookUrl(webhookData.webhookDescription.name);
		if (url === undefined) throw new UnexpectedError('Could not resolve the node webhook URL');
		return url;
	};

	const recordExecution = (execution: TriggerExecution) => {
		executions.push(execution);
		for (const wake of waiters.splice(0)) wake();
	};

	const runWorkflow = async (workflowData: INodeExecutionData[][]): Promise<TriggerExecution> => {
		const additionalData = additionalDataFor('webhook');
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node, data: { main: workflowData }, source: null }],
			},
		});
		const run = await new WorkflowExecute(
			additionalData,
			'webhook',
			runExecutionData,
		).processRunExecutionData(workflow);
		const taskData = run.data.resultData.runData[node.name]?.[0];
		const output = (taskData?.data?.[NodeConnectionTypes.Main] ?? []).map((items) => items ?? []);
		const execution: TriggerExecution = {
			items: output[0] ?? [],
			output,
			run,
			executionId: additionalData.executionId!,
			status: run.status,
		};
		recordExecution(execution);
		return execution;
	};

	interface HandleOutcome {
		runs: Array<Promise<TriggerExecution>>;
		webhookResult?: IWebhookResponseData;
		webhookError?: Error;
	}

	/** `LiveWebhooks.executeWebhook` + `WebhookHelpers.executeWebhook` + the request handler. */
	const handle = async (req: HarnessRequest, res: HarnessResponse): Promise<HandleOutcome> => {
		const outcome: HandleOutcome = { runs: [] };
		const method = req.method.toUpperCase();

		// route: <webhookBaseUrl path>/<webhook path>
		const basePath = new URL(`${baseUrl}/webhook`).pathname;
		let relPath = req.path;
		if (relPath.startsWith(`${basePath}/`)) relPath = relPath.slice(basePath.length + 1);
		else relPath = relPath.replace(/^\/+/, '');
		if (relPath.endsWith('/')) relPath = relPath.slice(0, -1);
		relPath = decodeURI(relPath);

		const all = webhooks();
		const matches = (wd: IWebhookData) => {
			const want = wd.path.split('/');
			const got = relPath.split('/');
			if (want.length !== got.length) return undefined;
			const params: Record<string, string> = {};
			for (let i = 0; i < want.length; i++) {
				if (want[i].startsWith(':')) params[want[i].slice(1)] = got[i];
				else if (want[i] !== got[i]) return undefined;
			}
			return params;
		};
		const forPath = all.filter((wd) => matches(wd) !== undefined);
		const webhookData = forPath.find((wd) => wd.httpMethod.toUpperCase() === method);
		if (!webhookData) {
			if (forPath.length) {
				const methods = forPath.map((wd) => wd.httpMethod).join(' or ');
				sendError(res, 404, {
					code: 404,
					message: `This webhook is not registered for ${method} requests. Did you mean to make a ${methods} request?`,
				});
			} else {
				sendError(res, 404, {
					code: 404,
					message: `The requested webhook "${method} ${relPath}" is not registered.`,
					hint: 'The workflow must be active for a production URL to run successfully. You can activate the workflow using the toggle in the top-right of the editor. Note that unlike test URL calls, production URL calls aren\'t shown on the canvas (only in the executions list)',
				});
			}
			return outcome;
		}
		req.params = { path: relPath, ...matches(webhookData) };

		const additionalData = additionalDataFor('webhook', {
			httpRequest: req as never,
			httpResponse: res as never,
		});
		webhookData.workflowExecuteAdditionalData = additionalData;
		const { webhookDescription } = webhookData;

		const { responseMode, responseCode, responseData } = await withExpressions(() => ({
			responseMode: evaluateField(webhookDescription, 'responseMode', 'webhook', 'onReceived') as string,
			responseCode: Number(evaluateField(webhookDescription, 'responseCode', 'webhook', 200)),
			responseData: evaluateField(webhookDescription, 'responseData', 'webhook') as string | undefined,
		}));
		if (!['onReceived', 'lastNode'].includes(responseMode)) {
			sendError(res, 500, {
				code: 0,
				message: `The response mode '${responseMode}' is not supported by the test harness (only onReceived and lastNode)`,
			});
			return outcome;
		}

		// parseRequestBody
		if (typeVersion === 1 || isParsableContentType(req.contentType)) {
			try {
				parseBody(req);
			} catch (error) {
				if (error instanceof BodyParseError) {
					sendError(res, 422, { code: 422, message: error.message, hint: error.hint });
					return outcome;
				}
				throw error;
			}
		}

		// runWebhook
		let result: IWebhookResponseData;
		try {
			if (typeof nodeType.webhook !== 'function') {
				throw new UnexpectedError('Node does not have any webhooks defined');
			}
			// n8n's LiveWebhooks: static data read when the request starts, saved whole when it ends.
			const requestWorkflow = opts.staticDataPerRequest
				? makeWorkflow(JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject)
				: workflow;
			const context = new WebhookContext(
				requestWorkflow,
				requestWorkflow.getNode(node.name)!,
				additionalData,
				'webhook',
				webhookData,
				[],
				null,
			);
			result = (await nodeType.webhook.call(context)) as IWebhookResponseData;
			if (requestWorkflow !== workflow && requestWorkflow.staticData.__dataChanged === true) {
				const saved = JSON.parse(JSON.stringify(requestWorkflow.staticData)) as IDataObject;
				delete saved.__dataChanged;
				const writeBack = () => {
					for (const key of Object.keys(workflow.staticData)) delete workflow.staticData[key];
					Object.assign(workflow.staticData, saved);
				};
				// A node that answered the request itself is answered before n8n's save is done.
				if (opts.staticDataSaveDelayMs && result.noWebhookResponse === true) setTimeout(writeBack, opts.staticDataSaveDelayMs);
				else writeBack();
			}
			outcome.webhookResult = result;
		} catch (error) {
			outcome.webhookError = error as Error;
			sendError(res, 500, {
				code: 0,
				message: 'Workflow Webhook Error: Workflow could not be started!',
			});
			return outcome;
		}

		let responded = false;
		if (result.noWebhookResponse === true) responded = true; // the node owns the response
		if (result.workflowData === undefined) {
			if (!responded) {
				sendStatic(
					res,
					result.webhookResponse !== undefined
						? result.webhookResponse
						: { message: 'Webhook call received' },
					responseCode,
				);
			}
			return outcome;
		}

		const run = runWorkflow(result.workflowData);
		// Keep a failing run from becoming an unhandled rejection when nobody awaits it
		// (HTTP deliveries, `waitForRun: false`); `deliver()` still sees the rejection.
		run.catch(() => undefined);
		outcome.runs.push(run);

		if (responseMode === 'onReceived') {
			if (!responded) {
				let body: unknown;
				if (responseData === 'noData') body = undefined;
				else if (responseData) body = responseData;
				else if (result.webhookResponse !== undefined) body = result.webhookResponse;
				else body = { message: 'Workflow was started' };
				sendStatic(res, body, responseCode);
			}
			return outcome;
		}

		// lastNode: answer when the run is done
		void run.then(
			(execution) => {
				if (responded || res.writableEnded) return;
				const runData = execution.run.data.resultData;
				const lastName = runData.lastNodeExecuted;
				const lastTask = lastName ? runData.runData[lastName]?.at(-1) : undefined;
				if (runData.error || lastTask?.error !== undefined) {
					sendStatic(res, { message: 'Error in workflow' }, 500);
					return;
				}
				const items = lastTask?.data?.[NodeConnectionTypes.Main]?.[0] ?? [];
				const mode = responseData ?? 'firstEntryJson';
				if (mode === 'noData') sendStatic(res, undefined, responseCode);
				else if (mode === 'allEntries') sendStatic(res, items.map((i) => i.json), responseCode);
				else if (!items.length) {
					sendError(res, 500, { code: 0, message: 'No item to return got found' });
				} else {
					const propertyName = evaluateField(webhookDescription, 'responsePropertyName', 'webhook') as
						| string
						| undefined;
					const json = items[0].json;
					sendStatic(res, propertyName ? json[propertyName] : json, responseCode);
				}
			},
			(error: Error) => {
				sendError(res, 500, { code: 0, message: 'There was a problem executing the workflow' });
				outcome.webhookError ??= error;
			},
		);
		return outcome;
	};

	const timeoutMs = opts.responseTimeoutMs ?? 5000;

	const awaitResponse = async (res: HarnessResponse, what: string): Promise<FinishedResponse> => {
		let timer: NodeJS.Timeout | undefined;
		try {
			return await Promise.race([
				res.finished,
				new Promise<never>((_, reject) => {
					timer = setTimeout(
						() =>
							reject(
								new UnexpectedError(
									`${what}: no response after ${timeoutMs} ms (a node returning noWebhookResponse must end the response itself)`,
								),
							),
						timeoutMs,
					);
				}),
			]);
		} finally {
			clearTimeout(timer);
		}
	};

	const deliver = async (request: DeliverRequest = {}): Promise<DeliveryResult> => {
		const [first] = webhooks();
		const method = (request.method ?? first.httpMethod).toUpperCase();
		let path = request.path ?? first.path;
		path = path.replace(/^\/+/, '');
		const basePath = new URL(`${baseUrl}/webhook`).pathname.replace(/^\/+/, '');
		if (!path.startsWith(`${basePath}/`)) path = `${basePath}/${path}`;

		const headers: IncomingHttpHeaders = {};
		for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = v;
		let rawBody: Buffer = Buffer.alloc(0);
		let contentType = request.contentType ?? (headers['content-type'] as string | undefined);
		if (request.body !== undefined) {
			if (typeof request.body === 'string') rawBody = Buffer.from(request.body, 'utf8');
			else if (Buffer.isBuffer(request.body)) rawBody = request.body;
			else if (contentType?.startsWith('application/x-www-form-urlencoded')) {
				rawBody = Buffer.from(
					new URLSearchParams(
						Object.entries(request.body).map(([k, v]): [string, string] => [k, String(v)]),
					).toString(),
				);
			} else {
				contentType ??= 'application/json';
				rawBody = Buffer.from(JSON.stringify(request.body));
			}
			headers['content-length'] = String(rawBody.length);
		}
		if (contentType) headers['content-type'] = contentType;

		const query = structuredClone(request.query ?? {});
		const search = new URLSearchParams(
			Object.entries(query).map(([k, v]): [string, string] => [
				k,
				typeof v === 'string' ? v : JSON.stringify(v),
			]),
		).toString();
		const req = buildRequest({
			method,
			url: `/${path}${search ? `?${search}` : ''}`,
			headers,
			rawBody,
			query,
		});
		const res = new HarnessResponse();
		const outcome = await handle(req, res);
		const finished = await awaitResponse(res, `deliver(${method} /${path})`);
		const executions =
			request.waitForRun === false ? [] : await Promise.all(outcome.runs);
		return {
			status: finished.status,
			headers: finished.headers,
			rawBody: finished.body,
			body: decodeBody(finished.headers, finished.body),
			executions,
			webhookResult: outcome.webhookResult,
			webhookError: outcome.webhookError,
		};
	};

	const listen = async (): Promise<ListeningServer> => {
		if (server) return server;
		const httpServer = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
			void (async () => {
				try {
					const rawBody = await readIncomingBody(incoming);
					const url = incoming.url ?? '/';
					const search = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
					const req = buildRequest({
						method: incoming.method ?? 'GET',
						url,
						headers: incoming.headers,
						rawBody,
						query: parseQueryString(search) as IDataObject,
						target: incoming as unknown as Record<string, unknown>,
					});
					const res = new HarnessResponse();
					await handle(req, res);
					const finished = await awaitResponse(res, `${req.method} ${url}`);
					outgoing.writeHead(finished.status, res.statusMessage || undefined, finished.headers);
					outgoing.end(finished.body);
				} catch (error) {
					if (!outgoing.headersSent) {
						outgoing.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
					}
					outgoing.end(JSON.stringify({ code: 0, message: (error as Error).message }));
				}
			})();
		});
		await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
		const { port } = httpServer.address() as AddressInfo;
		const previousBase = baseUrl;
		baseUrl = `http://127.0.0.1:${port}`;
		const listening: ListeningServer = {
			url: baseUrl,
			close: async () => {
				if (server === listening) {
					server = undefined;
					baseUrl = previousBase;
				}
				await new Promise<void>((resolve, reject) => {
					httpServer.closeAllConnections();
					httpServer.close((err) => (err ? reject(err) : resolve()));
				});
			},
		};
		server = listening;
		return listening;
	};

	const waitForExecutions = async (n: number, ms = 5000): Promise<TriggerExecution[]> => {
		const deadline = Date.now() + ms;
		while (executions.length < n) {
			const left = deadline - Date.now();
			if (left <= 0) {
				throw new UnexpectedError(
					`Expected ${n} execution(s) within ${ms} ms, got ${executions.length}`,
				);
			}
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left);
				waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
		return executions.slice(0, n);
	};

	return {
		workflow,
		node,
		credentialsHelper: helper,
		webhooks,
		webhookUrl,
		activate,
		deactivate,
		get active() {
			return active;
		},
		staticData: () => workflow.getStaticData('node', node),
		listen,
		deliver,
		executions,
		waitForExecutions,
		close: async () => {
			// An active trigger may keep timers (the Gumroad Trigger's catch-up): deactivate as n8n would.
			if (active) await deactivate().catch(() => false);
			await server?.close();
		},
	};
}
