import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { cancelSignalOf, ExecutionStoppedError } from './abort';

/**
 * One output item with binary data (a downloaded file) besides its JSON. A class, not a plain
 * `{ json, binary }`: an API record may itself have fields named `json` or `binary`.
 */
export class BinaryItem {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** The request(s) of one item, ready to send: its input has been checked. */
export type SendItem = () => Promise<IDataObject | IDataObject[] | BinaryItem>;

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

export interface PerItemOptions {
	/**
	 * How many items are sent at once: a number, or a function asked again each time an item
	 * starts (HighLevel's pacer answers from the latency it measures). 1 by default.
	 */
	concurrency?: number | (() => number);
	/**
	 * Items with the same key (e.g. one contact's email) are sent one after the other, in input
	 * order, however many run at once: two upserts of one buyer must not race.
	 */
	sequenceKey?: (itemIndex: number) => string | undefined;
}

/** How long preparing items may hold the event loop before answers and sends get their turn. */
const PREPARE_SLICE_MS = 10;

/**
 * The one per-item loop of the action nodes. Without Continue On Fail, all items are checked
 * first, so bad input stops the node before a single request is sent. With it, a bad item becomes
 * an error item whenever it is met, so items are checked while the first ones are already being
 * sent: n8n evaluates each item's expressions in about a millisecond, and thousands of items would
 * otherwise keep the API idle for seconds. Each item's requests are sent, several items at once
 * when `concurrency` allows. Every output item, result or error, is paired with the input item it
 * came from, and the output keeps the input order. A stopped execution starts no further item.
 */
export async function executePerItem(
	ctx: IExecuteFunctions,
	prepare: (itemIndex: number) => SendItem | Promise<SendItem>,
	options: PerItemOptions = {},
): Promise<INodeExecutionData[][]> {
	const itemCount = ctx.getInputData().length;
	const continueOnFail = ctx.continueOnFail();
	const signal = cancelSignalOf(ctx);

	const prepared: Array<SendItem | Error> = new Array(itemCount);
	const keys: Array<string | undefined> = new Array(itemCount);
	const prepareItem = async (itemIndex: number) => {
		try {
			prepared[itemIndex] = await prepare(itemIndex);
			keys[itemIndex] = options.sequenceKey?.(itemIndex);
		} catch (error) {
			const itemError = withItemIndex(ctx, error, itemIndex);
			if (!continueOnFail) throw itemError;
			prepared[itemIndex] = itemError;
		}
	};
	/** Items below this index are prepared. */
	let preparedCount = 0;
	if (!continueOnFail) for (; preparedCount < itemCount; preparedCount++) await prepareItem(preparedCount);

	// Results are collected per item and flattened in input order, however many run at once.
	const results: INodeExecutionData[][] = new Array(itemCount);
	let stop: Error | undefined;
	const runItem = async (itemIndex: number) => {
		const send = prepared[itemIndex];
		if (send instanceof Error) {
			results[itemIndex] = [failedItem(send, itemIndex)];
			return;
		}
		try {
			const result = await send();
			const pairedItem = { item: itemIndex };
			results[itemIndex] =
				result instanceof BinaryItem
					? [{ json: result.json, binary: result.binary, pairedItem }]
					: (Array.isArray(result) ? result : [result]).map((json) => ({ json, pairedItem }));
		} catch (error) {
			// A stop is not the item's failure: it ends the node whatever Continue On Fail says.
			if (error instanceof ExecutionStoppedError) {
				stop ??= error;
				return;
			}
			const itemError = withItemIndex(ctx, error, itemIndex);
			if (!continueOnFail) {
				stop ??= itemError;
				return;
			}
			results[itemIndex] = [failedItem(itemError, itemIndex)];
		}
	};

	const limit = () => {
		const { concurrency = 1 } = options;
		return Math.max(1, Math.floor(typeof concurrency === 'function' ? concurrency() : concurrency));
	};
	let next = 0;
	/** Items passed over because an earlier item of their key was running, in input order. */
	const deferred: number[] = [];
	const busyKeys = new Set<string>();
	let running = 0;
	await new Promise<void>((resolve) => {
		const start = (itemIndex: number) => {
			const key = keys[itemIndex];
			if (key !== undefined) busyKeys.add(key);
			running++;
			void runItem(itemIndex).then(() => {
				running--;
				if (key !== undefined) busyKeys.delete(key);
				startMore();
			});
		};
		const free = (itemIndex: number) => keys[itemIndex] === undefined || !busyKeys.has(keys[itemIndex] as string);
		const startMore = () => {
			if (signal?.aborted) stop ??= new ExecutionStoppedError();
			for (let i = 0; !stop && i < deferred.length && running < limit(); ) {
				if (free(deferred[i])) start(deferred.splice(i, 1)[0]);
				else i++;
			}
			while (!stop && next < preparedCount && running < limit()) {
				const itemIndex = next++;
				if (free(itemIndex)) start(itemIndex);
				else deferred.push(itemIndex);
			}
			if (running === 0 && (stop || next >= itemCount)) resolve();
		};
		// With Continue On Fail, items are prepared here, in slices between which requests go out
		// and answers come in.
		const prepareRest = async () => {
			let sliceStart = Date.now();
			while (!stop && preparedCount < itemCount) {
				await prepareItem(preparedCount);
				preparedCount++;
				startMore();
				if (Date.now() - sliceStart >= PREPARE_SLICE_MS) {
					await sleep(0);
					sliceStart = Date.now();
				}
			}
			startMore();
		};
		if (preparedCount < itemCount)
			prepareRest().catch((error: unknown) => {
				stop ??= withItemIndex(ctx, error, preparedCount);
				startMore();
			});
		else startMore();
	});
	if (stop) throw stop;
	return [results.flatMap((itemResults) => itemResults ?? [])];
}
