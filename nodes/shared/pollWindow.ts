import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SeenEvents } from './seenEvents';

/**
 * How far back each check reads again: an API may list a record some time after it happened
 * (Gumroad's sales, HighLevel's eventually consistent search index), and what was emitted in that
 * span is remembered, so re-reading it emits nothing twice.
 */
export const POLL_OVERLAP_MS = 10 * 60_000;

interface PollWindowState {
	/** Per stream: the time of the newest record read so far. */
	cursors?: Record<string, string>;
	/** Per stream: where the first check started; older records are never emitted, though the overlap reads them. */
	floors?: Record<string, string>;
}

export interface PollWindow {
	/** Read from here on (ms since the epoch). */
	since: number;
	/** Whether a record with this key was not emitted before; if so, it is remembered as emitted now. */
	isNew(key: string): boolean;
	/** Whether a record with this key was emitted before (remembers nothing). */
	wasEmitted(key: string): boolean;
	/** After the read: moves the cursor to the newest of these times (never past now). */
	advance(times: Iterable<number>): void;
}

/** A polling trigger's position in one stream of records (sales, contacts created, …), kept in its static data. */
export function pollWindow(staticData: IDataObject, stream: string, options: { lookBackMs: number; remembered: number }, now = Date.now()): PollWindow {
	const state = staticData as PollWindowState;
	const cursors = (state.cursors ??= {});
	const floors = (state.floors ??= {});
	const cursor = cursors[stream] ? Date.parse(cursors[stream]) : Number.NaN;
	// Kept until a cursor exists: a first check that failed must not move the start later.
	if (!floors[stream]) floors[stream] = new Date(now - options.lookBackMs).toISOString();
	const floor = Date.parse(floors[stream]);
	const since = Number.isNaN(cursor) ? floor : Math.max(floor, cursor - POLL_OVERLAP_MS);
	const seen = new SeenEvents(staticData, options.remembered);
	return {
		since,
		isNew(key) {
			if (seen.has(key, now)) return false;
			seen.add(key, now);
			return true;
		},
		wasEmitted: (key) => seen.has(key, now),
		advance(times) {
			let newest = Number.isNaN(cursor) ? since : cursor;
			for (const time of times) if (time > newest) newest = time;
			cursors[stream] = new Date(Math.min(newest, now)).toISOString();
		},
	};
}

/** The options every polling trigger of this package has: the first check's look-back, and the memory of what it emitted. */
export function pollingOptionsProperty(rememberedName: string, rememberedWhat: string, more: INodeProperties[] = []): INodeProperties {
	const options: INodeProperties[] = [
			{
				displayName: 'Look Back on First Check (Hours)',
				name: 'lookBackHours',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 720 },
				default: 0,
				description:
					'On the first check after the workflow is activated, also emit what happened this many hours before; 0 starts from the activation. Later checks continue where the last one stopped, however long n8n was down.',
			},
			{
				displayName: `Remembered ${rememberedWhat}`,
				name: rememberedName,
				type: 'number',
				typeOptions: { minValue: 100 },
				default: 1000,
				description: `How many emitted events to remember, so the ${POLL_OVERLAP_MS / 60_000} minutes each check reads again emit nothing twice`,
			},
			...more,
	];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The look-back (ms) and memory size of `pollingOptionsProperty`, checked. */
export function readPollingOptions(ctx: IPollFunctions, rememberedName: string): { lookBackMs: number; remembered: number; options: IDataObject } {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const lookBackHours = Number(options.lookBackHours ?? 0);
	if (!Number.isFinite(lookBackHours) || lookBackHours < 0) {
		throw new NodeOperationError(ctx.getNode(), 'Look Back on First Check (Hours) must be 0 or more');
	}
	return { lookBackMs: lookBackHours * 3_600_000, remembered: Math.max(100, Number(options[rememberedName] ?? 1000)), options };
}
