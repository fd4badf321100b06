import { sleep } from 'n8n-workflow';

/** HighLevel's documented burst limit: 100 requests per 10 s per app and location. */
export const DEFAULT_BURST = { max: 100, intervalMs: 10_000 };

const DAILY_QUOTA_RECHECK_MS = 60_000;

export interface Booking {
	/** When the request left. */
	sentAt: number;
	/** When it counts from: its send time while in flight, the time its answer arrived after. */
	at: number;
	/** A request someone else sent (another workflow, worker or app on the same bucket). */
	foreign?: boolean;
}

export interface RateLimitHeaders {
	max?: number;
	remaining?: number;
	intervalMs?: number;
	dailyRemaining?: number;
}

function headerNumber(headers: Record<string, unknown>, name: string): number | undefined {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const raw = key === undefined ? undefined : headers[key];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (value === undefined || value === null || value === '') return undefined;
	const parsed = Number(value);
	return Number.isFinite(parsed) ? parsed : undefined;
}

export function readRateLimitHeaders(headers: Record<string, unknown> = {}): RateLimitHeaders {
	return {
		max: headerNumber(headers, 'x-ratelimit-max'),
		remaining: headerNumber(headers, 'x-ratelimit-remaining'),
		intervalMs: headerNumber(headers, 'x-ratelimit-interval-milliseconds'),
		dailyRemaining: headerNumber(headers, 'x-ratelimit-daily-remaining'),
	};
}

/**
 * Client-side pacing for one HighLevel rate-limit bucket (one location or company per app).
 *
 * A sliding window of send times guarantees that we never send more than `max` requests in
 * any `intervalMs` window, whichever way the server aligns its windows; the limits themselves
 * are learnt from the `X-RateLimit-*` headers of every answer, so a changed or scaled limit
 * is followed without configuration. When the server reports fewer remaining requests than
 * we think we have (another workflow or app shares the bucket), we hold back until our
 * oldest request leaves the window.
 */
export class RateLimitPacer {
	max = DEFAULT_BURST.max;

	intervalMs = DEFAULT_BURST.intervalMs;

	dailyRemaining: number | undefined;

	private dailyObservedAt = 0;

	/**
	 * False once answers come without rate-limit headers (a proxy or double without limits):
	 * then only 429s slow us down. HighLevel itself sends the headers on every answer.
	 */
	enforced = true;

	/**
	 * Bookings sorted by `at`, kept for two intervals: answering "how many of these could the
	 * server have counted" needs the ones that just left our own window (see `observe`).
	 */
	private sent: Booking[] = [];

	private pausedUntil = 0;

	private dropOld(now: number) {
		const keepFrom = now - 2 * this.intervalMs;
		let old = 0;
		while (old < this.sent.length && this.sent[old].at <= keepFrom) old++;
		if (old > 0) this.sent.splice(0, old);
	}

	private countSince(since: number): { ours: number; foreign: number } {
		const count = { ours: 0, foreign: 0 };
		for (let i = this.sent.length - 1; i >= 0 && this.sent[i].at > since; i--) {
			if (this.sent[i].foreign) count.foreign++;
			else count.ours++;
		}
		return count;
	}

	/** Milliseconds to wait before the next request may go out (0 = now). */
	waitTime(now = Date.now()): number {
		this.dropOld(now);
		const pause = Math.max(0, this.pausedUntil - now);
		if (!this.enforced) return pause;
		const { ours, foreign } = this.countSince(now - this.intervalMs);
		if (ours + foreign < this.max) return pause;
		return Math.max(pause, this.sent[this.sent.length - this.max].at + this.intervalMs - now + 1);
	}

	/**
	 * Resolves when a request may be sent, and books it. Call `settle` with the booking when the
	 * answer arrives: the server saw the request somewhere between the two, and counting it from
	 * the later moment keeps us inside the server's window however long the request took.
	 */
	async acquire(): Promise<Booking> {
		for (;;) {
			const wait = this.waitTime();
			if (wait <= 0) {
				const now = Date.now();
				const booking = { sentAt: now, at: now };
				this.sent.push(booking);
				return booking;
			}
			await sleep(wait);
		}
	}

	settle(booking: Booking, now = Date.now()) {
		booking.at = now;
		this.sent.sort((a, b) => a.at - b.at);
	}

	/**
	 * Learns the limits from an answer's headers. `answered` is the booking of the request the
	 * answer belongs to: the server counted its window from some moment after that request left,
	 * so any of our requests answered since then minus one interval may be in the server's count.
	 * Only what the server counts beyond those is someone else's traffic: counting against our
	 * own window instead would mistake our requests that just left it for foreign ones, and
	 * book phantom requests that stall every window's last slots.
	 */
	observe(limits: RateLimitHeaders, now = Date.now(), answered?: Booking) {
		this.enforced = limits.max !== undefined || limits.remaining !== undefined;
		if (limits.intervalMs && limits.intervalMs > 0) this.intervalMs = limits.intervalMs;
		if (limits.max && limits.max > 0) this.max = limits.max;
		if (limits.dailyRemaining !== undefined) {
			this.dailyRemaining = limits.dailyRemaining;
			this.dailyObservedAt = now;
		}
		if (limits.remaining !== undefined) {
			this.dropOld(now);
			const { ours, foreign } = this.countSince((answered?.sentAt ?? now) - this.intervalMs);
			// The server's window ends no later than now: the foreign requests leave it by now + interval.
			const unexplained = Math.min(this.max - limits.remaining - ours - foreign, this.max);
			for (let i = 0; i < unexplained; i++) this.sent.push({ sentAt: now, at: now, foreign: true });
		}
	}

	/**
	 * Whether the daily quota was reported spent. The answer expires after a minute: HighLevel
	 * does not say when the day resets, and a long-running n8n must try again at some point.
	 */
	dailyQuotaSpent(now = Date.now()): boolean {
		return this.dailyRemaining === 0 && now - this.dailyObservedAt < DAILY_QUOTA_RECHECK_MS;
	}

	pauseFor(ms: number, now = Date.now()) {
		this.enforced = true;
		this.pausedUntil = Math.max(this.pausedUntil, now + ms);
	}
}

const pacers = new Map<string, RateLimitPacer>();

/** One pacer per bucket, shared by every node execution in this n8n process. */
export function getRateLimitPacer(bucket: string): RateLimitPacer {
	let pacer = pacers.get(bucket);
	if (!pacer) {
		pacer = new RateLimitPacer();
		pacers.set(bucket, pacer);
	}
	return pacer;
}

export function resetRateLimitPacers() {
	pacers.clear();
}
