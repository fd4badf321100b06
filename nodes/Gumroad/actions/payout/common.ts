import type { IDataObject } from 'n8n-workflow';

import { gumroadMoneyAmount, normaliseGumroadTimestamp } from '../../../shared/gumroad/normalise';

/** GET /v2/payouts[/:id], /v2/payouts/upcoming (antiwork/gumroad Api::V2::PayoutsController#index, #show, #upcoming; view_payouts). */

/**
 * A payout (Payment#as_json) typed like the other records: ISO timestamps, `amounts.amount` from
 * Gumroad's decimal text ("150.00"), and `upcoming`: the unpaid balance Gumroad lists first has no ID.
 */
export function normalisePayout(payout: IDataObject): IDataObject {
	const decimal = typeof payout.amount === 'string' || typeof payout.amount === 'number' ? Number(payout.amount) : Number.NaN;
	const currency = typeof payout.currency === 'string' && payout.currency ? payout.currency : null;
	return {
		...payout,
		upcoming: payout.id === null || payout.id === undefined,
		created_at: normaliseGumroadTimestamp(payout.created_at),
		processed_at: normaliseGumroadTimestamp(payout.processed_at),
		amounts: Number.isFinite(decimal) ? { amount: gumroadMoneyAmount(Math.round(decimal * 100), currency) } : {},
	};
}
