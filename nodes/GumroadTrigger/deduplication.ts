import type { IDataObject } from 'n8n-workflow';

/** Gumroad retries for ~14 minutes and sellers resend pings later; remember keys for a week. */
const REMEMBER_MS = 7 * 24 * 60 * 60 * 1000;

const SUBSCRIPTION_EVENT_TIME: Record<string, string> = {
	cancellation: 'cancelled_at',
	subscription_ended: 'ended_at',
	subscription_restarted: 'restarted_at',
	subscription_updated: 'effective_as_of',
};

/**
 * What makes two pings the same event. Retries, resent pings and copies from several
 * subscriptions share it; distinct events do not: a subscription can be cancelled and restarted
 * many times (hence the event time), and partial refunds of one sale differ only in the sale's
 * refundable amount, which the trigger reads back from the API (`refundState`).
 */
export function gumroadEventKey(event: IDataObject, refundState?: string): string {
	const name = String(event.resource_name ?? 'test');
	const timeField = SUBSCRIPTION_EVENT_TIME[name];
	if (timeField) return `${name}:${String(event.subscription_id)}:${String(event[timeField] ?? '')}`;
	const base = `${name}:${String(event.sale_id)}`;
	return name === 'refund' ? `${base}:${String(event.refunded)}:${refundState ?? ''}` : base;
}

interface SeenStore {
	seenEvents?: Record<string, number>;
}

/** A bounded memory of processed event keys in the workflow's static data. */
export class SeenEvents {
	constructor(
		private readonly staticData: IDataObject,
		private readonly capacity: number,
	) {}

	private get entries(): Record<string, number> {
		const store = this.staticData as SeenStore;
		store.seenEvents ??= {};
		return store.seenEvents;
	}

	has(key: string, now = Date.now()): boolean {
		const seenAt = this.entries[key];
		return seenAt !== undefined && now - seenAt < REMEMBER_MS;
	}

	add(key: string, now = Date.now()) {
		const entries = this.entries;
		entries[key] = now;
		const keys = Object.keys(entries);
		if (keys.length <= this.capacity) return;
		// Oldest first out; also drops what is past the memory window.
		keys
			.sort((a, b) => entries[a] - entries[b])
			.slice(0, keys.length - this.capacity)
			.forEach((old) => delete entries[old]);
		for (const key of Object.keys(entries)) if (now - entries[key] >= REMEMBER_MS) delete entries[key];
	}
}
