import type { IDataObject } from 'n8n-workflow';

/** Gumroad retries for ~14 minutes, HighLevel for ~70, and sellers resend pings later: a week covers them. */
const REMEMBER_MS = 7 * 24 * 60 * 60 * 1000;

interface SeenStore {
	seenEvents?: Record<string, number>;
}

/** A bounded memory of processed event keys in a trigger's static data, to drop redeliveries. */
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

/** How long this process remembers an accepted event beside the static data. */
const CLAIM_MS = 120_000;
const claims = new Map<string, number>();

/**
 * Whether this is the first delivery of `key` within `scope` (an activation) in this process
 * lately. n8n reads a webhook's static data when a request starts and saves it when it ends, so
 * two overlapping deliveries of one event (a retry and a catch-up, two subscriptions) would both
 * find it unseen there.
 */
export function claimEvent(scope: string, key: string, now = Date.now()): boolean {
	// Claims are made at "now", so the map is in time order: the stale ones are at its start.
	for (const [id, at] of claims) {
		if (now - at < CLAIM_MS) break;
		claims.delete(id);
	}
	const id = `${scope}\u0000${key}`;
	if (claims.has(id)) return false;
	claims.set(id, now);
	return true;
}
