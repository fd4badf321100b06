import type { IDataObject } from 'n8n-workflow';

import { pollWindow } from '../pollWindow';
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

/**
 * The sales (renewals and free-trial starts included, each its own sale) created since the last
 * check, oldest first, each returned once: GET /v2/sales from the window's day (its `after` filter
 * takes a date), newest first, until a sale older than the window. The position and the emitted
 * sales are kept in the trigger's static data (`pollWindow`).
 */
export async function newGumroadSales(client: GumroadClient, staticData: IDataObject, options: NewSalesOptions): Promise<IDataObject[]> {
	const window = pollWindow(staticData, 'sale', options, options.now);
	const listed = await paginatePageKey(
		client,
		{
			method: 'GET',
			path: '/v2/sales',
			query: { after: new Date(window.since).toISOString().slice(0, 10), ...(options.productId ? { product_id: options.productId } : {}) },
		},
		'sales',
		Number.POSITIVE_INFINITY,
		(sale) => Date.parse(String(sale.created_at)) < window.since,
	);
	const fresh = listed.filter((sale) => window.isNew(gumroadEventKey({ resource_name: 'sale', sale_id: sale.id }))).reverse();
	window.advance(listed.map((sale) => Date.parse(String(sale.created_at))).filter((time) => !Number.isNaN(time)));
	return fresh;
}
