import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { stableJson } from '../stableJson';

/**
 * Gumroad's ping worker: attempt k+1 is scheduled this many seconds after attempt k failed
 * (60, 180, 600; at most 4 attempts), and an attempt fails after 5 s to connect plus 5 s to read.
 */
const RETRY_AFTER_S = [60, 180, 600];
const ATTEMPT_TIMEOUT_S = 10;
/** How late a scheduled retry may start (Sidekiq polls its schedule every few seconds, queues may lag). */
const SCHEDULING_SLACK_S = 30;
/** The longest a retry chain lasts, with its timeouts and slack: older deliveries cannot be retried any more. */
const CHAIN_MS = (RETRY_AFTER_S.reduce((sum, s) => sum + s + ATTEMPT_TIMEOUT_S, 0) + 2 * SCHEDULING_SLACK_S) * 1000;
const MAX_REMEMBERED = 1000;

interface RefundDelivery {
	/** Hash of the ping without `retry_count`: two partial refunds of one sale share it. */
	body: string;
	retry: number;
	at: number;
	key: string;
}

interface RefundState {
	refundDeliveries?: RefundDelivery[];
	/** `refund:<sale>:<refundable>` → how many refund events were emitted for it. */
	refundCounts?: Record<string, number>;
}

/**
 * Which refund event a refund ping is. Partial refunds of one sale send byte-identical pings (no
 * refund id, no amount), so the body cannot tell a second refund from a repeat. What can: Gumroad
 * repeats a ping we answered (our answer was later than its timeout) only as the next attempt of
 * its retry chain, `retry_count` one higher, on its schedule. Such a retry is a duplicate; every
 * other refund ping, whatever its delay, is a refund of its own and gets a new key:
 * `refund:<sale>:<refundable amount when it arrived>:<ordinal>`.
 */
export function refundEventOf(
	staticData: IDataObject,
	event: IDataObject,
	refundable: string,
	now = Date.now(),
): { key: string; duplicate: boolean } {
	const state = staticData as RefundState;
	const { retry_count: retryCount, raw: _raw, ...ping } = event;
	const retry = typeof retryCount === 'number' && retryCount > 0 ? retryCount : 0;
	const body = createHash('sha256').update(stableJson(ping)).digest('hex').slice(0, 32);
	const deliveries = (state.refundDeliveries ?? []).filter((delivery) => now - delivery.at < CHAIN_MS);
	state.refundDeliveries = deliveries;

	const after = RETRY_AFTER_S[retry - 1];
	const earlier =
		retry > 0 && after !== undefined
			? deliveries.find((delivery) => {
					const since = (now - delivery.at) / 1000;
					return (
						delivery.body === body &&
						delivery.retry === retry - 1 &&
						since >= after - SCHEDULING_SLACK_S &&
						since <= after + ATTEMPT_TIMEOUT_S + SCHEDULING_SLACK_S
					);
				})
			: undefined;
	let key = earlier?.key;
	if (!key) {
		const refundState = `refund:${String(event.sale_id)}:${refundable}`;
		const counts = (state.refundCounts ??= {});
		counts[refundState] = (counts[refundState] ?? 0) + 1;
		key = `${refundState}:${counts[refundState]}`;
		const names = Object.keys(counts);
		if (names.length > MAX_REMEMBERED) for (const name of names.slice(0, names.length - MAX_REMEMBERED)) delete counts[name];
	}
	deliveries.push({ body, retry, at: now, key });
	if (deliveries.length > MAX_REMEMBERED) deliveries.splice(0, deliveries.length - MAX_REMEMBERED);
	return { key, duplicate: earlier !== undefined };
}
