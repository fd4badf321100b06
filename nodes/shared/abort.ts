import { sleep } from 'n8n-workflow';

/**
 * The execution was stopped (by the user, a timeout or n8n shutting down): thrown from every
 * wait so the node ends at once instead of finishing its items; never turned into an error item.
 */
export class ExecutionStoppedError extends Error {
	constructor() {
		super('The execution was stopped');
		this.name = 'ExecutionStoppedError';
	}
}

/** n8n's cancel signal of the running execution; only action nodes (`execute`) have one. */
export function cancelSignalOf(ctx: object): AbortSignal | undefined {
	const withSignal = ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined };
	return typeof withSignal.getExecutionCancelSignal === 'function' ? withSignal.getExecutionCancelSignal() : undefined;
}

export function throwIfAborted(signal: AbortSignal | undefined) {
	if (signal?.aborted) throw new ExecutionStoppedError();
}

/** Longest single timer: a stopped wait leaves no long timer behind. */
const SLEEP_SLICE_MS = 1000;

/** Waits `ms`, or rejects with ExecutionStoppedError as soon as `signal` aborts. */
export async function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
	if (!signal) return await sleep(ms);
	throwIfAborted(signal);
	let onAbort = () => {};
	const stopped = new Promise<never>((_resolve, reject) => {
		onAbort = () => reject(new ExecutionStoppedError());
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		for (let left = ms; left > 0; left -= SLEEP_SLICE_MS) await Promise.race([sleep(Math.min(left, SLEEP_SLICE_MS)), stopped]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}
