import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The request(s) of one item, ready to send: its input has been checked. */
export type SendItem = () => Promise<IDataObject | IDataObject[]>;

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
 * The one per-item loop of the action nodes. All items are checked first, so bad input stops
 * the node before a single request is sent (with Continue On Fail, the bad item becomes an error
 * item and the rest goes on); then each item's requests are sent in input order. Every output
 * item, result or error, is paired with the input item it came from.
 */
export async function executePerItem(
	ctx: IExecuteFunctions,
	prepare: (itemIndex: number) => SendItem | Promise<SendItem>,
): Promise<INodeExecutionData[][]> {
	const itemCount = ctx.getInputData().length;
	const continueOnFail = ctx.continueOnFail();

	const prepared: Array<SendItem | Error> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			prepared.push(await prepare(itemIndex));
		} catch (error) {
			const itemError = withItemIndex(ctx, error, itemIndex);
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
			const itemError = withItemIndex(ctx, error, itemIndex);
			if (!continueOnFail) throw itemError;
			output.push(failedItem(itemError, itemIndex));
		}
	}
	return [output];
}
