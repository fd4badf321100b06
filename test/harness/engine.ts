import { ExecuteContext, LoadOptionsContext, RoutingNode, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialType,
	IDataObject,
	IExecuteData,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IRun,
	IVersionedNodeType,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeConnectionTypes, UnexpectedError, Workflow, createRunExecutionData } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { TestCredentialsHelper, type CredentialsByType } from './credentials-helper';
import {
	MANUAL_TRIGGER_TYPE,
	MapNodeTypes,
	createManualTrigger,
	defaultTypeName,
	defaultVersionOf,
	describeNodeType,
} from './node-types';

export const HARNESS_WORKFLOW_ID = 'harness-workflow';

/** What identifies the node under test; shared by runNode, loadOptions (and later webhook helpers). */
export interface NodeUnderTestOptions {
	/** Node class instance, e.g. `new HighLevelContacts()` (versioned node types work too). */
	node: INodeType | IVersionedNodeType;
	/** Full type name; default: the node's `description.name`. */
	typeName?: string;
	/** Default: `defaultVersion`, else the highest version. */
	typeVersion?: number;
	/** Node name in the workflow; default: `description.defaults.name`, else `displayName`. */
	nodeName?: string;
	/** Node parameters (defaults from the description are filled in by `Workflow`). */
	parameters: INodeParameters;
	/** Credential data by credential type name; every type with data is attached to the node. */
	credentials?: CredentialsByType;
	/** All credential type instances of the package (the OAuth parents are built in). */
	credentialTypes: ICredentialType[];
	/** Reuse a helper (and its stored, e.g. refreshed, credentials) across calls; `credentials` then replace/add entries. */
	credentialsHelper?: TestCredentialsHelper;
}

export interface RunNodeOptions extends NodeUnderTestOptions {
	/** Input items (their `json`), default `[{}]`. */
	items?: IDataObject[];
	/** Full input items (binary, pairedItem, …); wins over `items`. */
	inputItems?: INodeExecutionData[];
	/** Sets `node.onError = 'continueRegularOutput'` (n8n-core's `continueOnFail()` reads `onError` first, then the legacy `continueOnFail` flag). */
	continueOnFail?: boolean;
	/** Execution mode, default `manual` (Manual Trigger's `trigger()` emits the items). */
	mode?: WorkflowExecuteMode;
	/** Workflow settings (e.g. `timezone`). */
	settings?: IWorkflowSettings;
	/** Workflow static data, kept on the returned `workflow`. */
	staticData?: IDataObject;
	/** Called with the running execution, whose `cancel()` stops it as n8n's Stop button does. */
	onStarted?: (execution: { cancel: () => void }) => void;
}

export interface RunNodeResult {
	/** `success` or `error` (n8n's execution status). */
	status: 'success' | 'error' | string;
	/** The node's output, per main output index (`[]` for an output that sent nothing). */
	output: INodeExecutionData[][];
	/** `output[0].map(i => i.json)` */
	json: IDataObject[];
	/** The node's error (a plain object: name, message, description, httpCode, …), if any. */
	error?: IDataObject;
	credentialsHelper: TestCredentialsHelper;
	run: IRun;
	workflow: Workflow;
	/** The node as placed in the workflow (parameters with defaults applied). */
	nodeUnderTest: INode;
}

interface BuiltNode {
	node: INode;
	typeName: string;
	description: INodeTypeDescription;
	credentialsHelper: TestCredentialsHelper;
}

export function buildNodeUnderTest(opts: NodeUnderTestOptions, position: [number, number]): BuiltNode {
	const typeName = opts.typeName ?? defaultTypeName(opts.node);
	const typeVersion = opts.typeVersion ?? defaultVersionOf(opts.node);
	const description = describeNodeType(opts.node, typeVersion);
	const credentials = opts.credentials ?? {};

	let credentialsHelper = opts.credentialsHelper;
	if (credentialsHelper) {
		for (const [name, data] of Object.entries(credentials)) credentialsHelper.setCredentials(name, data);
	} else {
		credentialsHelper = new TestCredentialsHelper(opts.credentialTypes, credentials);
	}

	const nodeCredentials: INodeCredentials = {};
	for (const name of credentialsHelper.storedTypes()) {
		nodeCredentials[name] = { id: `${name}-id`, name: `${name} (test)` };
	}

	const node: INode = {
		id: 'node-under-test',
		name: opts.nodeName ?? description.defaults?.name ?? description.displayName,
		type: typeName,
		typeVersion,
		position,
		parameters: structuredClone(opts.parameters),
		...(Object.keys(nodeCredentials).length ? { credentials: nodeCredentials } : {}),
	};
	return { node, typeName, description, credentialsHelper };
}

function toPlainError(error: unknown): IDataObject | undefined {
	if (error === undefined || error === null) return undefined;
	if (error instanceof Error) {
		const plain: IDataObject = { name: error.name, message: error.message };
		for (const [key, value] of Object.entries(error)) plain[key] = value as IDataObject[string];
		return plain;
	}
	return error as IDataObject;
}

/**
 * Runs one node through n8n-core's real `WorkflowExecute`: Manual Trigger stand-in → node.
 * The node receives exactly the given items (index i = item i) and its output, with the
 * `pairedItem`s it set, is returned per output.
 */
export async function runNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	const { node, typeName, credentialsHelper } = buildNodeUnderTest(opts, [220, 0]);
	if (opts.continueOnFail) node.onError = 'continueRegularOutput';

	const inputItems: INodeExecutionData[] =
		opts.inputItems ?? (opts.items ?? [{}]).map((json) => ({ json }));

	const trigger: INode = {
		id: 'manual-trigger',
		name: 'Manual Trigger',
		type: MANUAL_TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	if (trigger.name === node.name) trigger.name = 'Manual Trigger (harness)';

	const nodeTypes = new MapNodeTypes({
		[MANUAL_TRIGGER_TYPE]: createManualTrigger(inputItems),
		[typeName]: opts.node,
	});
	const workflow = new Workflow({
		id: HARNESS_WORKFLOW_ID,
		name: 'Harness workflow',
		nodes: [trigger, node],
		connections: {
			[trigger.name]: {
				[NodeConnectionTypes.Main]: [[{ node: node.name, type: NodeConnectionTypes.Main, index: 0 }]],
			},
		},
		active: false,
		nodeTypes,
		settings: opts.settings,
		staticData: opts.staticData,
	});
	const nodeInWorkflow = workflow.getNode(node.name)!;

	const mode = opts.mode ?? 'manual';
	const additionalData = createAdditionalData({ credentialsHelper, workflow, mode });
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: workflow.getNode(trigger.name)!,
					data: { [NodeConnectionTypes.Main]: [inputItems] },
					source: null,
				},
			],
		},
	});
	const execution = new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	opts.onStarted?.(execution);
	const run = await execution;

	const taskData = run.data.resultData.runData[node.name]?.[0];
	const output = (taskData?.data?.[NodeConnectionTypes.Main] ?? []).map((items) => items ?? []);
	const error = toPlainError(taskData?.error ?? run.data.resultData.error);

	return {
		status: run.status,
		output,
		json: (output[0] ?? []).map((item) => item.json),
		...(error ? { error } : {}),
		credentialsHelper,
		run,
		workflow,
		nodeUnderTest: nodeInWorkflow,
	};
}

export interface LoadOptionsOptions extends NodeUnderTestOptions {
	/** Name in `methods.loadOptions` (or `methods.listSearch` for `listSearch()`). */
	method: string;
	/** Parameter path for the context; default: `parameters.<property using this method>`. */
	path?: string;
	/** What `getCurrentNodeParameter(s)` returns; default: the node's parameters with defaults. */
	currentNodeParameters?: INodeParameters;
}

function createMethodContext(opts: LoadOptionsOptions, kind: 'loadOptions' | 'listSearch') {
	const { node, typeName, description, credentialsHelper } = buildNodeUnderTest(opts, [0, 0]);
	const workflow = new Workflow({
		id: HARNESS_WORKFLOW_ID,
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new MapNodeTypes({ [typeName]: opts.node }),
	});
	const nodeInWorkflow = workflow.getNode(node.name)!;
	const additionalData = createAdditionalData({
		credentialsHelper,
		workflow,
		mode: 'internal',
		currentNodeParameters: opts.currentNodeParameters ?? nodeInWorkflow.parameters,
	});

	let path = opts.path;
	if (!path) {
		const key = kind === 'loadOptions' ? 'loadOptionsMethod' : 'searchListMethod';
		const property = description.properties.find(
			(p) =>
				p.typeOptions?.[key] === opts.method ||
				p.modes?.some((m) => m.typeOptions?.searchListMethod === opts.method),
		);
		path = `parameters.${property?.name ?? opts.method}`;
	}

	const nodeType = workflow.nodeTypes.getByNameAndVersion(typeName, node.typeVersion);
	const method = nodeType.methods?.[kind]?.[opts.method];
	if (typeof method !== 'function') {
		throw new UnexpectedError(`Node type "${typeName}" has no methods.${kind}.${opts.method}`);
	}
	const context = new LoadOptionsContext(workflow, nodeInWorkflow, additionalData, path);
	return { context, method, credentialsHelper };
}

/** Calls `methods.loadOptions.<method>` through n8n-core's `LoadOptionsContext`, as n8n's CLI does. */
export async function loadOptions(opts: LoadOptionsOptions): Promise<INodePropertyOptions[]> {
	const { context, method } = createMethodContext(opts, 'loadOptions');
	return await (method as (this: typeof context) => Promise<INodePropertyOptions[]>).call(context);
}

/** Calls `methods.listSearch.<method>(filter, paginationToken)` through `LoadOptionsContext`. */
export async function listSearch(
	opts: LoadOptionsOptions & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const { context, method } = createMethodContext(opts, 'listSearch');
	return await (
		method as (
			this: typeof context,
			filter?: string,
			paginationToken?: string,
		) => Promise<INodeListSearchResult>
	).call(context, opts.filter, opts.paginationToken);
}

export interface TestCredentialOptions {
	/** The credential type under test (class instance). */
	credentialType: ICredentialType;
	/** The credential data as a user would have saved it. */
	data: ICredentialDataDecryptedObject;
	/** All credential types of the package (for `extends`); the type under test is added. */
	credentialTypes?: ICredentialType[];
}

export interface TestCredentialResult {
	status: 'OK' | 'Error';
	message: string;
	/** HTTP status of a failed test request (harness extra; n8n shows only `message`). */
	statusCode?: number;
}

/**
 * Mimics n8n's CLI `CredentialsTester` for credentials with `test: ICredentialTestRequest`:
 * data gets the type's defaults and expressions applied, then the `test.request` runs through
 * n8n-core's `RoutingNode` on a temporary `n8n-nodes-base.noOp` node, so `$credentials`
 * expressions, the generic `authenticate` and OAuth2 signing behave exactly as in n8n.
 * Non-2xx → `Error` with the response's status text (or `Received HTTP status code: N`).
 */
export async function testCredential(opts: TestCredentialOptions): Promise<TestCredentialResult> {
	const { credentialType } = opts;
	const type = credentialType.name;
	if (!credentialType.test) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}
	const testRequest = credentialType.test;

	const credentialsHelper = new TestCredentialsHelper(
		[...(opts.credentialTypes ?? []).filter((t) => t.name !== type), credentialType],
		{ [type]: opts.data },
	);

	const noOp: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: `${type}-id`,
		name: `${type} (test)`,
		type,
		data: opts.data,
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: noOp.description.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new MapNodeTypes({ [noOp.description.name]: noOp }),
	});
	const mode = 'internal';
	const additionalData = createAdditionalData({ credentialsHelper, workflow, mode });

	try {
		credentialsDecrypted.data = await credentialsHelper.applyDefaultsAndOverwrites(
			additionalData,
			opts.data,
			type,
			mode,
		);
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	const nodeInWorkflow = workflow.getNode(node.name)!;
	const executeData: IExecuteData = { node: nodeInWorkflow, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		nodeInWorkflow,
		additionalData,
		mode,
		createRunExecutionData(),
		0,
		[],
		{ [NodeConnectionTypes.Main]: [[{ json: {} }]] },
		executeData,
		[],
	);
	const routingNode = new RoutingNode(context, noOp, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } })
			.cause;
		if (cause?.response) {
			const statusCode = cause.response.status;
			const statusMessage = cause.response.statusText;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message, statusCode };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: statusMessage || `Received HTTP status code: ${statusCode}`,
					statusCode,
				};
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String((error as Error).message) };
	}

	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const responseData = response?.[0]?.[0]?.json ?? {};
			if (getPath(responseData, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

function getPath(data: unknown, path: string): unknown {
	let current: unknown = data;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}
