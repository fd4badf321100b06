import type { IDataObject } from 'n8n-workflow';

import type { HighLevelClient } from './transport';

/** How many records a paging call should return: everything, or at most `limit`. */
export interface PageTarget {
	returnAll: boolean;
	limit?: number;
	itemIndex?: number;
}

function wanted(target: PageTarget): number {
	return target.returnAll ? Number.POSITIVE_INFINITY : Math.max(0, target.limit ?? 0);
}

/** Appends in place: Return All over 100,000 records must not copy the list on every page. */
function append(into: IDataObject[], page: IDataObject[], max: number) {
	for (const record of page) {
		if (into.length >= max) break;
		into.push(record);
	}
}

/**
 * `GET /contacts/` cursor paging: `startAfterId` + `startAfter` from `meta` of the previous
 * page, with `locationId`, `limit` and the filters repeated on every page.
 */
export async function paginateStartAfter(
	client: HighLevelClient,
	path: string,
	query: IDataObject,
	target: PageTarget,
	pageSize = 100,
): Promise<IDataObject[]> {
	const max = wanted(target);
	const records: IDataObject[] = [];
	let cursor: IDataObject = {};
	while (records.length < max) {
		const limit = Math.min(pageSize, max - records.length);
		const response = await client.request<IDataObject>({
			method: 'GET',
			path,
			query: { ...query, ...cursor, limit },
			itemIndex: target.itemIndex,
		});
		const page = (response.contacts as IDataObject[] | undefined) ?? [];
		append(records, page, max);
		const meta = (response.meta ?? {}) as IDataObject;
		const last = page[page.length - 1];
		const startAfterId = meta.startAfterId ?? last?.id;
		const startAfter = meta.startAfter ?? (last?.dateAdded ? Date.parse(String(last.dateAdded)) : undefined);
		const total = Number(meta.total ?? response.count);
		if (
			page.length < limit ||
			!startAfterId ||
			(response.meta !== undefined && !meta.startAfterId) ||
			(Number.isFinite(total) && records.length >= total)
		) {
			break;
		}
		cursor = { startAfterId, ...(startAfter !== undefined ? { startAfter } : {}) };
	}
	return records;
}

/** Page-number paging is refused past this many records; `searchAfter` goes further. */
export const SEARCH_PAGE_WINDOW = 10_000;

interface SearchPage {
	contacts: IDataObject[];
	total?: number;
}

/** One `POST /contacts/search` page. */
export async function searchPage(client: HighLevelClient, body: IDataObject, itemIndex?: number): Promise<SearchPage> {
	const response = await client.request<IDataObject>({ method: 'POST', path: '/contacts/search', body, idempotent: true, itemIndex });
	return {
		contacts: (response.contacts as IDataObject[] | undefined) ?? [],
		total: typeof response.total === 'number' ? response.total : undefined,
	};
}

/**
 * `POST /contacts/search`: `page` while it can reach, then the `searchAfter` cursor of the last
 * contact (the two are never sent together). From `after` (a contact's `searchAfter`) when given.
 */
export async function paginateSearch(
	client: HighLevelClient,
	body: IDataObject,
	target: PageTarget,
	pageLimit: number,
	after?: unknown[],
): Promise<{ contacts: IDataObject[]; total?: number }> {
	const max = wanted(target);
	// One page size throughout: page numbers only line up while every page has the same size.
	const size = Math.min(pageLimit, max);
	const contacts: IDataObject[] = [];
	let page = 1;
	let searchAfter: unknown = after;
	let total: number | undefined;
	while (contacts.length < max) {
		const answer = await searchPage(
			client,
			{ ...body, pageLimit: size, ...(searchAfter === undefined ? { page } : { searchAfter }) },
			target.itemIndex,
		);
		const batch = answer.contacts;
		if (answer.total !== undefined) total = answer.total;
		append(contacts, batch, max);
		if (batch.length < size || (after === undefined && total !== undefined && contacts.length >= total)) break;
		const cursor = batch[batch.length - 1]?.searchAfter;
		if (searchAfter !== undefined || (page + 1) * size > SEARCH_PAGE_WINDOW) {
			if (!Array.isArray(cursor)) break;
			searchAfter = cursor;
		} else {
			page++;
		}
	}
	return { contacts, total };
}

/** `skip`/`limit` offset paging (`GET /contacts/business/{businessId}`). */
export async function paginateSkipLimit(
	client: HighLevelClient,
	path: string,
	query: IDataObject,
	listKey: string,
	target: PageTarget,
	pageSize = 100,
	version?: string,
): Promise<IDataObject[]> {
	const max = wanted(target);
	const records: IDataObject[] = [];
	let skip = 0;
	while (records.length < max) {
		const limit = Math.min(pageSize, max - records.length);
		const response = await client.request<IDataObject>({
			method: 'GET',
			path,
			query: { ...query, skip, limit },
			version,
			itemIndex: target.itemIndex,
		});
		const page = (response[listKey] as IDataObject[] | undefined) ?? [];
		append(records, page, max);
		skip += page.length;
		const count = Number(response.count);
		if (page.length < limit || (Number.isFinite(count) && skip >= count)) break;
	}
	return records;
}

/** The most contacts Search returns per request. */
export const SEARCH_PAGE_LIMIT = 500;

/** Where the next segment starts: the date its predecessor did not finish, and how many that one can keep at most. */
interface SegmentEnd {
	from: string;
	mostKept: number;
}

/** All results, or the first failure once every request has ended: none is left running behind an error. */
async function settled<T>(promises: Array<Promise<T>>): Promise<T[]> {
	const outcomes = await Promise.allSettled(promises);
	const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
	if (failed) throw failed.reason;
	return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}

const sameInstant = (a: unknown, b: unknown) => a !== undefined && b !== undefined && Date.parse(String(a)) === Date.parse(String(b));

/**
 * Every contact of a Search (oldest first, as `GET /contacts/` lists them) with the pages in
 * flight together, so a listing takes its requests' share of the rate limit rather than one
 * round trip per page.
 *
 * Page numbers reach the first 10,000 contacts of a query, and a `searchAfter` cursor is known
 * only once the page before it has arrived. So the listing is a chain of segments, each the
 * query plus `dateAdded ≥ from` read by page numbers at once. A segment's last page (20) names
 * the next segment's `from`: the date of its last contact, whose contacts this segment leaves to
 * the next, so no contact sharing that instant is cut in two. Later segments ask for that page
 * first, with page 1, so the chain advances one round trip per 10,000 contacts. Should 10,000
 * contacts share one instant, that segment reads on with `searchAfter`, one page after another.
 */
export async function searchAllByDateAdded(client: HighLevelClient, body: IDataObject, target: PageTarget): Promise<IDataObject[]> {
	const max = wanted(target);
	const size = SEARCH_PAGE_LIMIT;
	const window = SEARCH_PAGE_WINDOW / size;
	const filters = (body.filters as IDataObject[] | undefined) ?? [];
	const queryFrom = (from: string | undefined): IDataObject => ({
		...body,
		...(from === undefined ? {} : { filters: [...filters, { field: 'dateAdded', operator: 'range', value: { gte: from } }] }),
		sort: [{ field: 'dateAdded', direction: 'asc' }],
		pageLimit: size,
	});
	const search = (query: IDataObject, at: IDataObject) => searchPage(client, { ...query, ...at }, target.itemIndex);

	/** Reads one segment; `reportEnd` learns where the next one starts (undefined: this one is the last) as soon as that is known. */
	const readSegment = async (from: string | undefined, lastPage: number, reportEnd: (end: SegmentEnd | undefined) => void) => {
		const query = queryFrom(from);
		const pages = new Map<number, IDataObject[]>();
		const speculate = from !== undefined && lastPage > 1;
		const [first, last] = (await settled([
			search(query, { page: 1 }),
			speculate ? search(query, { page: lastPage }) : Promise.resolve(undefined),
		])) as [SearchPage, SearchPage | undefined];
		pages.set(1, first.contacts);
		if (last) pages.set(lastPage, last.contacts);
		const endOf = (page: number): SegmentEnd | undefined => {
			const contacts = pages.get(page) ?? [];
			if (page !== lastPage || contacts.length < size) return undefined;
			const end = contacts[contacts.length - 1].dateAdded;
			if (typeof end !== 'string' || sameInstant(end, from)) return undefined;
			return { from: end, mostKept: lastPage * size - contacts.filter((c) => sameInstant(c.dateAdded, end)).length };
		};
		if (speculate) reportEnd(endOf(lastPage));
		// A later page with contacts means every page before it is full, whatever `total` says.
		const known = last && last.contacts.length > 0 ? lastPage : first.total === undefined ? lastPage : Math.ceil(first.total / size);
		const through = Math.min(lastPage, Math.max(1, known));
		const middle: number[] = [];
		for (let page = 2; page <= through; page++) if (!pages.has(page)) middle.push(page);
		const answers = await settled(middle.map(async (page) => (await search(query, { page })).contacts));
		middle.forEach((page, i) => pages.set(page, answers[i]));
		// `total` may lag behind the index (eventually consistent): read on while pages come back full.
		let highest = through;
		while (highest < lastPage && (pages.get(highest)?.length ?? 0) === size && !pages.has(highest + 1)) {
			highest++;
			pages.set(highest, (await search(query, { page: highest })).contacts);
		}
		const end = endOf(lastPage);
		if (!speculate) reportEnd(end);
		const contacts: IDataObject[] = [];
		for (let page = 1; page <= lastPage; page++) contacts.push(...(pages.get(page) ?? []));
		if (end) return contacts.filter((c) => !sameInstant(c.dateAdded, end.from));
		const tail = pages.get(lastPage) ?? [];
		const cursor = tail[tail.length - 1]?.searchAfter;
		if (tail.length === size && contacts.length < max && Array.isArray(cursor)) {
			// The window ended inside one instant (or without dates): the rest of this query by cursor.
			const rest = Number.isFinite(max) ? { returnAll: false, limit: max - contacts.length } : { returnAll: true };
			contacts.push(...(await paginateSearch(client, query, { ...rest, itemIndex: target.itemIndex }, size, cursor)).contacts);
		}
		return contacts;
	};

	const seen = new Set<unknown>();
	const contacts: IDataObject[] = [];
	let from: string | undefined;
	let more = true;
	while (more && contacts.length < max) {
		// Segments run concurrently; each is started as soon as its predecessor names its start.
		const segments: Array<Promise<IDataObject[]>> = [];
		let mostKept = contacts.length;
		let end: SegmentEnd | undefined;
		do {
			const lastPage = Math.min(window, Math.ceil((max - mostKept) / size));
			let reportEnd!: (end: SegmentEnd | undefined) => void;
			let failEnd!: (error: unknown) => void;
			const ended = new Promise<SegmentEnd | undefined>((resolve, reject) => {
				reportEnd = resolve;
				failEnd = reject;
			});
			const segment = readSegment(from, lastPage, reportEnd);
			segment.catch(failEnd);
			segments.push(segment);
			try {
				end = await ended;
			} catch {
				end = undefined;
			}
			if (end) {
				from = end.from;
				mostKept += end.mostKept;
			}
		} while (end && mostKept < max);
		for (const segment of await settled(segments)) {
			for (const contact of segment) {
				// Page numbers over a changing index can repeat a contact across a page boundary.
				if (seen.has(contact.id)) continue;
				seen.add(contact.id);
				contacts.push(contact);
			}
		}
		more = end !== undefined;
	}
	return contacts.slice(0, max);
}
