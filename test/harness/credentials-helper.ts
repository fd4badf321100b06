import { getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentials,
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	Workflow,
	isExpression,
} from 'n8n-workflow';

import { BUILT_IN_CREDENTIAL_TYPES } from './base-credentials';

/** Credential data for one run, keyed by credential type name. */
export type CredentialsByType = Record<string, ICredentialDataDecryptedObject>;

/**
 * Hidden OAuth endpoint/flow fields owned by the credential type: n8n's CLI drops stored
 * values for them so the type's default (often an expression) always applies.
 */
const OAUTH_PINNED_FIELDS = [
	'authUrl',
	'accessTokenUrl',
	'grantType',
	'authentication',
	'requestTokenUrl',
	'signatureMethod',
];

const mockNode: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const mockNodeType = { description: { properties: [] as INodeProperties[] } } as unknown as INodeType;

const mockNodeTypes: INodeTypes = {
	getByName: () => mockNodeType,
	getByNameAndVersion: () => mockNodeType,
	getKnownTypes: () => ({}),
};

/** Minimal in-memory `ICredentials` (n8n-core's `Credentials` would need the cipher). */
class PlainCredentials extends ICredentials {
	private plain: ICredentialDataDecryptedObject;

	constructor(details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		super(details, type);
		this.plain = structuredClone(data);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return structuredClone(this.plain);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.plain) };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.plain = structuredClone(data);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		this.plain = { ...this.plain, ...(toUpdate as ICredentialDataDecryptedObject) };
		for (const key of toDelete) delete this.plain[key];
	}
}

export interface CredentialUpdate {
	type: string;
	kind: 'credentials' | 'oauthTokenData';
	data: ICredentialDataDecryptedObject;
}

/**
 * In-memory credentials helper for one run, behaving like n8n's CLI `CredentialsHelper`:
 * parent types via `extends`, defaults + `$self` expressions applied on `getDecrypted`,
 * generic/function `authenticate`, `preAuthentication` with an expirable property, and
 * persisted updates (e.g. a refreshed OAuth2 token) that later requests use.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	private readonly store: CredentialsByType = {};

	/** Every `updateCredentials*` call, in order (tests can assert on refreshes). */
	readonly updates: CredentialUpdate[] = [];

	constructor(credentialTypes: ICredentialType[], credentials: CredentialsByType = {}) {
		super();
		for (const type of BUILT_IN_CREDENTIAL_TYPES) this.types.set(type.name, type);
		for (const type of credentialTypes) this.types.set(type.name, type);
		for (const [name, data] of Object.entries(credentials)) this.setCredentials(name, data);
	}

	/** Sets (replaces) the stored data of a credential type. */
	setCredentials(typeName: string, data: ICredentialDataDecryptedObject): void {
		this.getType(typeName);
		this.store[typeName] = structuredClone(data);
	}

	/** The stored (raw, undecorated) data of a credential type, e.g. after a token refresh. */
	getStored(typeName: string): ICredentialDataDecryptedObject | undefined {
		const data = this.store[typeName];
		return data === undefined ? undefined : structuredClone(data);
	}

	/** Names of the credential types that currently have stored data. */
	storedTypes(): string[] {
		return Object.keys(this.store);
	}

	/** Known credential types, including the built-in `oAuth2Api` / `oAuth1Api` stand-ins. */
	getType(typeName: string): ICredentialType {
		const type = this.types.get(typeName);
		if (!type) {
			throw new UnexpectedError(`Unknown credential type "${typeName}"`, {
				extra: { known: [...this.types.keys()] },
			});
		}
		return type;
	}

	getParentTypes(name: string): string[] {
		const result: string[] = [];
		const visit = (typeName: string) => {
			for (const parent of this.types.get(typeName)?.extends ?? []) {
				if (result.includes(parent)) continue;
				result.push(parent);
				visit(parent);
			}
		};
		visit(name);
		return result;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.getType(typeName);
		if (!authenticate) return requestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}

		if (!workflow || !node) {
			throw new UnexpectedError(
				'Workflow and node are required for declarative credential authentication',
			);
		}
		requestOptions.headers ??= {};
		if (authenticate.type === 'generic') {
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as IDataObject)) {
					const keyResolved = resolveValue(key, { $credentials: credentials }, workflow, node);
					const valueResolved = resolveValue(
						value as string,
						{ $credentials: credentials },
						workflow,
						node,
					);
					target[outerKey] ??= {};
					target[outerKey][keyResolved] = valueResolved;
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getType(typeName);
		const expirable = credentialType.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (expirable?.name === undefined) return undefined;
		if (typeof credentialType.preAuthentication !== 'function') return undefined;

		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] === '' || credentialsExpired || isTestingCredentials) {
			const output = (await credentialType.preAuthentication.call(
				helpers,
				credentials,
			)) as ICredentialDataDecryptedObject;
			if (output[expirable.name] === undefined) return undefined;
			if (node.credentials) {
				const stored = this.store[credentialType.name] ?? {};
				const toPersist: ICredentialDataDecryptedObject = { ...stored };
				for (const [key, value] of Object.entries(output)) {
					if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value;
				}
				await this.updateCredentials(
					node.credentials[credentialType.name],
					credentialType.name,
					toPersist,
				);
				return Object.assign(credentials, output);
			}
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getType(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		return (output as ICredentialDataDecryptedObject | undefined) ?? undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new PlainCredentials(nodeCredentials, type, this.getStoredOrThrow(type));
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.getStoredOrThrow(type);
		if (raw === true) return stored;
		return await this.applyDefaultsAndOverwrites(
			additionalData,
			stored,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/** Property defaults + expression resolution (`$self` = the data itself), as in n8n's CLI. */
	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.getCredentialsProperties(type);
		const storedData = { ...decryptedDataOriginal };
		for (const field of OAUTH_PINNED_FIELDS) {
			if (properties.some((p) => p.name === field && p.type === 'hidden')) delete storedData[field];
		}

		let decryptedData = NodeHelpers.getNodeParameters(
			properties,
			storedData as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (decryptedDataOriginal.oauthTokenData !== undefined) {
			decryptedData.oauthTokenData = decryptedDataOriginal.oauthTokenData;
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });

		if (expressionResolveValues) {
			try {
				decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
					decryptedData as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				(e as Error).message += ' [Error resolving credentials]';
				throw e;
			}
		} else {
			const workflow = new Workflow({
				nodes: [mockNode],
				connections: {},
				active: false,
				nodeTypes: mockNodeTypes,
			});
			const acquired = await workflow.expression.acquireIsolate();
			try {
				decryptedData = workflow.expression.getComplexParameterValue(
					mockNode,
					decryptedData as INodeParameters,
					mode,
					additionalKeys,
					undefined,
					undefined,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} finally {
				if (acquired) await workflow.expression.releaseIsolate();
			}
		}
		return decryptedData;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = structuredClone(data);
		this.updates.push({ type, kind: 'credentials', data: structuredClone(data) });
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const oauthTokenData = structuredClone(data.oauthTokenData);
		this.store[type] = { ...(this.store[type] ?? {}), oauthTokenData };
		this.updates.push({ type, kind: 'oauthTokenData', data: { oauthTokenData } });
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.getType(type);
		if (credentialType.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialType.properties,
					{
						displayName: 'oauthTokenData',
						name: 'oauthTokenData',
						type: 'json',
						required: false,
						default: {},
					},
				];
			}
			return credentialType.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	private getStoredOrThrow(type: string): ICredentialDataDecryptedObject {
		const data = this.store[type];
		if (data === undefined) {
			throw new UnexpectedError(`No test credentials of type "${type}" were given to the harness`);
		}
		return structuredClone(data);
	}
}

/** Resolves a value if it is an expression, like n8n's CLI (`getSimpleParameterValue`). */
function resolveValue(
	parameterValue: string,
	additionalKeys: IWorkflowDataProxyAdditionalKeys,
	workflow: Workflow,
	node: INode,
): string {
	if (!isExpression(parameterValue)) return parameterValue;
	const value = workflow.expression.getSimpleParameterValue(
		node,
		parameterValue,
		'internal',
		additionalKeys,
		undefined,
		'',
	);
	if (!value) return '';
	return value.toString();
}
