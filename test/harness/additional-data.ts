import { ExecutionLifecycleHooks } from 'n8n-core';
import type {
	IDataObject,
	INodeParameters,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentials-helper';

export const HARNESS_BASE_URL = 'http://127.0.0.1:5678';

export interface AdditionalDataOptions {
	credentialsHelper: TestCredentialsHelper;
	workflow: Workflow;
	mode: WorkflowExecuteMode;
	executionId?: string;
	/** What `getCurrentNodeParameter(s)` returns in load-options contexts. */
	currentNodeParameters?: INodeParameters;
	/** `$vars` */
	variables?: IDataObject;
	/** Base of `getNodeWebhookUrl` and friends; default http://127.0.0.1:5678 */
	baseUrl?: string;
	/** Extra fields (e.g. `httpRequest` / `httpResponse` for webhook contexts). */
	overrides?: Partial<IWorkflowExecuteAdditionalData>;
}

let executionCounter = 0;

/** The IWorkflowBase n8n-core's lifecycle hooks expect, built from a Workflow. */
export function workflowBaseOf(workflow: Workflow): IWorkflowBase {
	return {
		id: workflow.id,
		name: workflow.name ?? 'Harness workflow',
		active: false,
		isArchived: false,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		settings: workflow.settings,
		staticData: workflow.staticData,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
}

/**
 * A plain `IWorkflowExecuteAdditionalData` with the fields n8n-core reads, lifecycle hooks
 * attached, and throwing stubs for the functions a single-package test never needs.
 */
export function createAdditionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	const executionId = options.executionId ?? `harness-${++executionCounter}`;
	const base = (options.baseUrl ?? HARNESS_BASE_URL).replace(/\/+$/, '');
	const notAvailable = (what: string) => () => {
		throw new UnexpectedError(`${what} is not available in the test harness`);
	};
	const hooks = new ExecutionLifecycleHooks(options.mode, executionId, workflowBaseOf(options.workflow));

	return {
		credentialsHelper: options.credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: options.variables ?? {},
		currentNodeParameters: options.currentNodeParameters,
		workflowId: options.workflow.id,
		executeWorkflow: notAvailable('executeWorkflow'),
		getRunExecutionData: notAvailable('getRunExecutionData'),
		getRuntimeCredential: notAvailable('getRuntimeCredential'),
		startRunnerTask: notAvailable('startRunnerTask'),
		logAiEvent: () => {},
		...options.overrides,
	} as unknown as IWorkflowExecuteAdditionalData;
}
