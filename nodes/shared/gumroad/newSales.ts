import type { IDataObject } from 'n8n-workflow';

import { pollWindow, type PollWindow } from '../pollWindow';
import { gumroadEventKey } from './eventKey';
import { type GumroadClient, paginatePageKey } from './transport';

export interface NewSalesOptions {
	/** How far before the very first check it reads. */
	lookBackMs: number;
	/** How many emitted sales to remember; more than are made within the overlap. */
	remembered: number;
	productId?: string;
	now?: number;
}

/** The key a sale's ping, its catch-up and its polled copy share, so each starts one run. */
export const saleEventKey = (sale: IDataObject) => gumroadEventKey({ resource_name: 'sale', sale_id: sale.id });

const createdAt = (sale: IDataObject) => Date.parse(String(sale.created_at));

/**
 * The sales created since the window's start, newest first: GET /v2/sales from the window's day
 * (its `after` filter takes a date), until a sale older than the window.
 */
async function listSalesSince(client: GumroadClient, window: PollWindow, productId?: string) {
	return await paginatePageKey(
		client,
		{
			method: 'GET',
			path: '/v2/sales',
			query: { after: new Date(window.since).toISOString().slice(0, 10), ...(productId ? { product_id: productId } : {}) },
		},
		'sales',
		Number.POSITIVE_INFINITY,
		(sale) => createdAt(sale) < window.since,
	);
}

const timesOf = (sales: IDataObject[]) => sales.map(createdAt).filter((time) => !Number.isNaN(time));

/**
 * The sales (renewals and free-trial starts included, each its own sale) created since the last
 * check, oldest first, each returned once. The position and the emitted sales are kept in the
 * trigger's static data (`pollWindow`).
 */
export async function newGumroadSales(client: GumroadClient, staticData: IDataObject, options: NewSalesOptions): Promise<IDataObject[]> {
	const window = pollWindow(staticData, 'sale', options, options.now);
	const listed = await listSalesSince(client, window, options.productId);
	const fresh = listed.filter((sale) => window.isNew(saleEventKey(sale))).reverse();
	window.advance(timesOf(listed));
	return fresh;
}

/**
 * The sales since the last check that no delivery has emitted yet (a ping refused, lost, or sent
 * while n8n was down), oldest first, at most `limit`; `more` when there are others. Nothing is
 * marked emitted: each is emitted by its own delivery. The cursor stops at the oldest one left,
 * so a sale whose delivery fails is found again by the next check.
 */
export async function missedGumroadSales(
	client: GumroadClient,
	staticData: IDataObject,
	options: NewSalesOptions & { limit: number },
): Promise<{ missing: IDataObject[]; more: boolean }> {
	const window = pollWindow(staticData, 'sale', options, options.now);
	const listed = await listSalesSince(client, window, options.productId);
	const missing = listed.filter((sale) => !window.wasEmitted(saleEventKey(sale))).reverse();
	window.advance(timesOf(missing.length > 0 ? missing.slice(0, 1) : listed));
	return { missing: missing.slice(0, options.limit), more: missing.length > options.limit };
}
