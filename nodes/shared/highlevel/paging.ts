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

/**
 * `POST /contacts/search`: `page` while it can reach, then the `searchAfter` cursor of the last
 * contact (the two are never sent together).
 */
export async function paginateSearch(
	client: HighLevelClient,
	body: IDataObject,
	target: PageTarget,
	pageLimit: number,
): Promise<{ contacts: IDataObject[]; total?: number }> {
	const max = wanted(target);
	// One page size throughout: page numbers only line up while every page has the same size.
	const size = Math.min(pageLimit, max);
	const contacts: IDataObject[] = [];
	let page = 1;
	let searchAfter: unknown;
	let total: number | undefined;
	while (contacts.length < max) {
		const response = await client.request<IDataObject>({
			method: 'POST',
			path: '/contacts/search',
			body: { ...body, pageLimit: size, ...(searchAfter === undefined ? { page } : { searchAfter }) },
			idempotent: true,
			itemIndex: target.itemIndex,
		});
		const batch = (response.contacts as IDataObject[] | undefined) ?? [];
		if (typeof response.total === 'number') total = response.total;
		append(contacts, batch, max);
		if (batch.length < size || (total !== undefined && contacts.length >= total)) break;
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
