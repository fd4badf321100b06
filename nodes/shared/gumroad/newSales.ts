import type { IDataObject } from 'n8n-workflow';

import { SeenEvents } from '../seenEvents';
import { gumroadEventKey } from './eventKey';
import { type GumroadClient, paginatePageKey } from './transport';

/**
 * How far back each check reads again: the Sales API can list a sale some time after it was
 * made, and the sales already emitted in that span are remembered, so re-reading costs nothing.
 */
export const SALES_OVERLAP_MS = 10 * 60_000;

interface SalesCursorState {
	/** `created_at` of the newest sale listed so far (or where the first check started). */
	salesCursor?: string;
	/** Where the first check started: older sales are never emitted, though the overlap reads them. */
	salesFloor?: string;
}

export interface NewSalesOptions {
	/** Where the very first check starts (ms since the epoch): the look-back. */
	firstSince: number;
	productId?: string;
	/** How many emitted sales to remember; more than are made within the overlap. */
	remembered: number;
	now?: number;
}

/**
 * The sales (renewals and free-trial starts included, each its own sale) created since the last
 * check, oldest first, each returned once: GET /v2/sales from the cursor's day (its `after` filter
 * takes a date), newest first, until a sale older than the cursor minus the overlap. The cursor
 * and the emitted sales are kept in the trigger's static data.
 */
export async function newGumroadSales(client: GumroadClient, staticData: IDataObject, options: NewSalesOptions): Promise<IDataObject[]> {
	const state = staticData as SalesCursorState;
	const now = options.now ?? Date.now();
	const cursor = state.salesCursor ? Date.parse(state.salesCursor) : Number.NaN;
	if (!state.salesFloor || Number.isNaN(cursor)) state.salesFloor = new Date(options.firstSince).toISOString();
	const floor = Date.parse(state.salesFloor);
	const since = Math.max(floor, Number.isNaN(cursor) ? options.firstSince : cursor - SALES_OVERLAP_MS);
	const listed = await paginatePageKey(
		client,
		{
			method: 'GET',
			path: '/v2/sales',
			query: { after: new Date(since).toISOString().slice(0, 10), ...(options.productId ? { product_id: options.productId } : {}) },
		},
		'sales',
		Number.POSITIVE_INFINITY,
		(sale) => Date.parse(String(sale.created_at)) < since,
	);
	const seen = new SeenEvents(staticData, options.remembered);
	const fresh = listed.filter((sale) => !seen.has(gumroadEventKey({ resource_name: 'sale', sale_id: sale.id }), now)).reverse();
	for (const sale of fresh) seen.add(gumroadEventKey({ resource_name: 'sale', sale_id: sale.id }), now);
	const newest = Math.max(Number.isNaN(cursor) ? since : cursor, ...listed.map((sale) => Date.parse(String(sale.created_at))).filter((t) => !Number.isNaN(t)));
	state.salesCursor = new Date(Math.min(newest, now)).toISOString();
	return fresh;
}
