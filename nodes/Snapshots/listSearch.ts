import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createHighLevelClient, HIGHLEVEL_API_VERSION, type HighLevelCredentialType } from '../shared/highlevel/transport';
import { listFilter } from '../shared/listSearch';
import { createSnapshotsClient } from '../shared/snapshots/transport';
import { subAccountUrl } from './locators';
import { listPage } from './snapshotsApiOperations';

/** Records asked for per request; the largest page both APIs allow. */
const PAGE = 100;
/** Enough entries for one screen of the list; the next pages follow as the user scrolls. */
const WANTED = 50;
/** Neither API searches by name: a filter that matches little reads at most this many pages at once. */
const MAX_PAGES = 10;

/**
 * Reads pages from `token` on until enough entries match or the list ends; the token of the page
 * after the last one read goes back to n8n for the next part of the list.
 */
async function collect(
	token: string | undefined,
	readPage: (token: string | undefined) => Promise<{ entries: INodeListSearchItems[]; next?: string }>,
): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	let next = token;
	for (let pages = 0; pages < MAX_PAGES && results.length < WANTED; pages++) {
		const page = await readPage(next);
		results.push(...page.entries);
		next = page.next;
		if (!next) break;
	}
	return { results, ...(next ? { paginationToken: next } : {}) };
}

/** The Snapshots API's locations whose name or location_id contains the filter (cursor pages of `GET /locations`). */
export async function searchLocations(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await createSnapshotsClient(this);
	const matches = listFilter(filter);
	return await collect(paginationToken, async (cursor) => {
		const { body } = await client.request({ method: 'GET', path: '/locations', query: { limit: PAGE, ...(cursor ? { cursor } : {}) } });
		const page = listPage(body, 'locations');
		if (!page) throw new NodeOperationError(this.getNode(), 'GET /locations: the answer holds no list of locations');
		const entries = page.records
			.filter((location) => location.location_id !== undefined && matches(location.name, String(location.location_id)))
			.map((location) => {
				const id = String(location.location_id);
				return { name: location.name ? `${String(location.name)} (${id})` : id, value: id };
			});
		return { entries, next: page.cursor };
	});
}

async function agencyClient(ctx: ILoadOptionsFunctions) {
	const credentialType = (ctx.getCurrentNodeParameter('authentication') ?? 'goHighLevelAgencyOAuth2Api') as HighLevelCredentialType;
	return await createHighLevelClient(ctx, credentialType);
}

/** The agency's sub-accounts whose name, e-mail or ID contains the filter (`GET /locations/search`, skip/limit pages). */
export async function searchSubAccounts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await agencyClient(this);
	const companyId = client.requireCompanyId();
	const matches = listFilter(filter);
	return await collect(paginationToken, async (token) => {
		const skip = Number(token) || 0;
		const response = await client.request<{ locations?: IDataObject[] }>({
			method: 'GET',
			path: '/locations/search',
			query: { companyId, skip: String(skip), limit: String(PAGE), order: 'asc' },
			version: HIGHLEVEL_API_VERSION.locations,
		});
		const locations = (response.locations ?? []).filter((location) => typeof location.id === 'string' && location.id);
		const entries = locations
			.filter((location) => matches(location.name, location.email, location.id))
			.map((location) => {
				const id = String(location.id);
				return { name: String(location.name || id), value: id, url: subAccountUrl(id), ...(location.email ? { description: String(location.email) } : {}) };
			});
		return { entries, next: locations.length === PAGE ? String(skip + PAGE) : undefined };
	});
}

/** The agency's own and imported snapshots whose name contains the filter (`GET /snapshots/`, one answer). */
export async function searchSnapshots(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await agencyClient(this);
	const response = await client.request<{ snapshots?: IDataObject[] }>({
		method: 'GET',
		path: '/snapshots/',
		query: { companyId: client.requireCompanyId() },
		version: HIGHLEVEL_API_VERSION.snapshots,
	});
	const matches = listFilter(filter);
	return {
		results: (response.snapshots ?? [])
			.filter((snapshot) => typeof snapshot.id === 'string' && snapshot.id && matches(snapshot.name, snapshot.id))
			.map((snapshot) => ({
				name: `${String(snapshot.name || snapshot.id)}${snapshot.type === 'imported' ? ' (imported)' : ''}`,
				value: String(snapshot.id),
			})),
	};
}
