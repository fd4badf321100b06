import type { IDataObject } from 'n8n-workflow';

import { type GumroadClient, type GumroadRequest, nextPageKey } from './transport';

const DAY_MS = 86_400_000;

/** Requests in flight at once: Gumroad's answers take a few hundred ms, its pages hold 10 sales. */
export const SALES_READERS = 8;

/**
 * Slower answers get more readers, up to this many, so a listing reads about one page per this
 * many milliseconds whatever the latency: a backfill waits for the whole list before it writes.
 * Gumroad documents no rate limit for page-key listings (Rack::Attack throttles only `page` > 10).
 */
const MS_PER_PAGE = 5;
const MAX_SALES_READERS = 96;

/** Below a day with no lower bound: ranges of a week, then three times as long each, then the rest. */
const FIRST_SPAN_DAYS = 7;
const SPANS_BELOW = 6;

const day = (millis: number) => new Date(millis).toISOString().slice(0, 10);
const dayMillis = (text: string) => Date.parse(`${text}T00:00:00Z`);
const addDays = (text: string, days: number) => day(dayMillis(text) + days * DAY_MS);
const daysBetween = (from: string, to: string) => Math.round((dayMillis(to) - dayMillis(from)) / DAY_MS);

/**
 * Sales of the days from `after` (inclusive; none: no lower bound) to `before` (exclusive), as
 * Gumroad's own day filters take them; `pageKey` goes on inside the range where a page ended.
 */
interface DayRange {
	after?: string;
	before: string;
	pageKey?: string;
	sales: IDataObject[];
	/** Ranges it handed its older days to, newest first: their sales follow its own. */
	older: DayRange[];
}

const dayRange = (after: string | undefined, before: string): DayRange => ({ after, before, sales: [], older: [] });

/** `[after, before)` as ranges, newest first: equal parts of a bounded one, growing spans below an open one. */
function splitDays(after: string | undefined, before: string, parts: number): DayRange[] {
	const ranges: DayRange[] = [];
	let to = before;
	if (after === undefined) {
		for (let i = 0, span = FIRST_SPAN_DAYS; i < SPANS_BELOW; i++, span *= 3) {
			const from = addDays(to, -span);
			ranges.push(dayRange(from, to));
			to = from;
		}
		ranges.push(dayRange(undefined, to));
		return ranges;
	}
	const days = daysBetween(after, before);
	const count = Math.max(1, Math.min(parts, days));
	for (let i = count - 1; i >= 0; i--) {
		const from = addDays(after, Math.floor((i * days) / count));
		ranges.push(dayRange(from, to));
		to = from;
	}
	return ranges;
}

/**
 * Where a range whose page ended on `lastDay` hands its older days to `readers` idle readers:
 * the days left below it cut in equal parts, newest first (an open range: one part, as many days
 * below as it has read); none when only the last day is left.
 */
function handOverAt(range: DayRange, lastDay: string, readers: number): string[] {
	if (range.after === undefined) return [addDays(lastDay, -Math.max(1, daysBetween(lastDay, range.before)))];
	const left = daysBetween(range.after, lastDay);
	const parts = Math.min(readers + 1, left + 1);
	const cuts: string[] = [];
	for (let i = parts - 1; i >= 1; i--) cuts.push(addDays(range.after, Math.ceil((i * left) / parts)));
	return cuts;
}

/**
 * Every sale of a listing, newest first, as one page-by-page walk returns them, read by day
 * ranges side by side: Gumroad pages 10 sales, and a large store's thousands of pages take
 * minutes one after another at Gumroad's latency. Each range is walked by `page_key`; when a
 * reader is idle, the range being walked hands the older half of its days to it. An empty range
 * costs one request; each range ends with one page that is not full.
 */
export async function listSalesByDay(
	client: GumroadClient,
	request: GumroadRequest,
	options: { after?: string; before?: string; readers?: number } = {},
): Promise<IDataObject[]> {
	let fastestMs = Number.POSITIVE_INFINITY;
	const readers = () =>
		options.readers ??
		(Number.isFinite(fastestMs) ? Math.min(MAX_SALES_READERS, Math.max(SALES_READERS, Math.ceil(fastestMs / MS_PER_PAGE))) : SALES_READERS);
	const roots = splitDays(options.after, options.before ?? day(Date.now() + DAY_MS), readers());
	const queue = [...roots];
	let active = 0;

	async function readPage(range: DayRange) {
		const query: IDataObject = { ...request.query, before: range.before };
		if (range.after !== undefined) query.after = range.after;
		if (range.pageKey) query.page_key = range.pageKey;
		const sentAt = Date.now();
		const response = await client.request({ ...request, query });
		fastestMs = Math.min(fastestMs, Date.now() - sentAt);
		const page = (response.sales as IDataObject[] | undefined) ?? [];
		range.sales.push(...page);
		const next = nextPageKey(response);
		const last = page[page.length - 1];
		if (!next || !last) return;
		range.pageKey = next;
		// While a reader is idle, the older days go at once in as many parts as the range likely has
		// pages left at this page's density (at most one per reader), queued for whichever reader is
		// free next. Handing only as many parts as readers were idle at that moment left a last round
		// waiting on the range that answered last.
		const lastDay = day(Date.parse(String(last.created_at)));
		const idle = readers() - active - queue.length;
		const pageDays = Math.max(1, daysBetween(lastDay, day(Date.parse(String(page[0].created_at)))));
		const pagesLeft = range.after === undefined ? 2 : Math.ceil(daysBetween(range.after, lastDay) / pageDays);
		const parts = idle > 0 ? Math.min(readers(), pagesLeft - 1) : 0;
		if (parts > 0) {
			const cuts = handOverAt(range, lastDay, parts);
			const handed: DayRange[] = [];
			let to = range.after;
			for (const cut of [...cuts].reverse()) {
				handed.unshift(dayRange(to, cut));
				to = cut;
			}
			if (cuts.length > 0) range.after = cuts[0];
			range.older.unshift(...handed);
			queue.push(...handed);
		}
		queue.unshift(range);
	}

	let failed = false;
	await new Promise<void>((resolve, reject) => {
		const start = () => {
			while (!failed && active < readers() && queue.length > 0) {
				const range = queue.shift() as DayRange;
				active++;
				readPage(range).then(
					() => {
						active--;
						if (queue.length === 0 && active === 0) resolve();
						else start();
					},
					(error: unknown) => {
						// The first failure is the listing's; nothing more is sent.
						failed = true;
						reject(error);
					},
				);
			}
		};
		start();
	});

	const sales: IDataObject[] = [];
	const collect = (range: DayRange) => {
		sales.push(...range.sales);
		for (const older of range.older) collect(older);
	};
	for (const root of roots) collect(root);
	return sales;
}
