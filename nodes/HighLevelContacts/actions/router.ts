import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	createHighLevelClient,
	DEFAULT_RETRY_POLICY,
	type HighLevelCredentialType,
	type RetryPolicy,
} from '../../shared/highlevel/transport';
import { LocationCustomFields } from '../customFields';
import { findOperation } from './operations';
import type { ItemContext, SendItem } from './types';

function retryPolicyOf(ctx: IExecuteFunctions): RetryPolicy {
	const options = ctx.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	return {
		maxRetries: Math.max(0, Number(options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries)),
		maxWaitMs:
			Math.max(1, Number(options.maxWaitSeconds ?? DEFAULT_RETRY_POLICY.maxWaitMs / 1000)) * 1000,
	};
}

function failedItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description) json.description = description;
	const httpCode = (error as { httpCode?: unknown }).httpCode;
	if (httpCode) json.httpCode = httpCode as string;
	return { json, pairedItem: { item: itemIndex } };
}

function withItemIndex(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeOperationError || (error as { node?: unknown })?.node) {
		const nodeError = error as NodeOperationError;
		nodeError.context = { ...nodeError.context, itemIndex };
		return nodeError;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * The one per-item loop of the node. All items are checked first, so bad input stops the
 * node before a single request is sent (unless Continue On Fail, where the bad item becomes an
 * error item and the rest goes on); then each item's requests are sent in input order. Every
 * output item, result or error, is paired with the input item it came from.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `Unsupported operation "${operationName}" of "${resource}"`);
	}
	const credentialType = this.getNodeParameter('authentication', 0) as HighLevelCredentialType;
	const client = await createHighLevelClient(this, credentialType, retryPolicyOf(this));
	const customFields = new LocationCustomFields(client);
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();

	const prepared: Array<SendItem | Error> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item: ItemContext = {
			ctx: this,
			node,
			itemIndex,
			client,
			customFields,
			param: <T>(name: string, fallback?: T) => this.getNodeParameter(name, itemIndex, fallback) as T,
		};
		try {
			prepared.push(await operation.prepare(item));
		} catch (error) {
			const itemError = withItemIndex(this, error, itemIndex);
			if (!continueOnFail) throw itemError;
			prepared.push(itemError);
		}
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < prepared.length; itemIndex++) {
		const send = prepared[itemIndex];
		if (send instanceof Error) {
			output.push(failedItem(send, itemIndex));
			continue;
		}
		try {
			const result = await send();
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const itemError = withItemIndex(this, error, itemIndex);
			if (!continueOnFail) throw itemError;
			output.push(failedItem(itemError, itemIndex));
		}
	}
	return [output];
}
