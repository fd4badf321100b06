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
	options: { concurrency?: number } = {},
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

	// Results are collected per item and flattened in input order, however many run at once.
	const results: INodeExecutionData[][] = new Array(prepared.length);
	let firstFailure: Error | undefined;
	const runItem = async (itemIndex: number) => {
		const send = prepared[itemIndex];
		if (send instanceof Error) {
			results[itemIndex] = [failedItem(send, itemIndex)];
			return;
		}
		try {
			const result = await send();
			results[itemIndex] = (Array.isArray(result) ? result : [result]).map((json) => ({
				json,
				pairedItem: { item: itemIndex },
			}));
		} catch (error) {
			const itemError = withItemIndex(ctx, error, itemIndex);
			if (!continueOnFail) {
				firstFailure ??= itemError;
				return;
			}
			results[itemIndex] = [failedItem(itemError, itemIndex)];
		}
	};

	let next = 0;
	const worker = async () => {
		while (next < prepared.length && !firstFailure) await runItem(next++);
	};
	const workers = Math.max(1, Math.min(options.concurrency ?? 1, prepared.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (firstFailure) throw firstFailure;
	return [results.flatMap((itemResults) => itemResults ?? [])];
}
