import { abortableSleep, throwIfAborted } from '../abort';

/** HighLevel's documented burst limit: 100 requests per 10 s per app and location. */
export const DEFAULT_BURST = { max: 100, intervalMs: 10_000 };

const DAILY_QUOTA_RECHECK_MS = 60_000;

/** How many answers the fastest latency is taken from: enough to include a quick one. */
const RECENT_LATENCIES = 100;

export interface Booking {
	/** When the request left. */
	sentAt: number;
	/** When it counts from: a little after it left, when the server counted it on arrival. */
	at: number;
	/** Sent and not answered yet. */
	inFlight?: boolean;
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
	 * Bookings of the last two intervals: answering "how many of these could the server have
	 * counted" needs the ones that just left our own window (see `observe`).
	 */
	private sent: Booking[] = [];

	private pausedUntil = 0;

	/** Smoothed time from sending a request to its answer; undefined until one came back. */
	latencyMs: number | undefined;

	/**
	 * Until its answer comes, a request may not even have arrived: it stays in the window
	 * whatever its `at`. Answered ones count from their (likely) arrival.
	 */
	private countsFrom(booking: Booking, now: number) {
		return booking.inFlight ? Math.max(booking.at, now) : booking.at;
	}

	private dropOld(now: number) {
		const keepFrom = now - 2 * this.intervalMs;
		if (this.sent.some((booking) => this.countsFrom(booking, now) <= keepFrom)) {
			this.sent = this.sent.filter((booking) => this.countsFrom(booking, now) > keepFrom);
		}
	}

	private countSince(since: number, now: number): { ours: number; foreign: number } {
		const count = { ours: 0, foreign: 0 };
		for (const booking of this.sent) {
			if (this.countsFrom(booking, now) <= since) continue;
			if (booking.foreign) count.foreign++;
			else count.ours++;
		}
		return count;
	}

	/** Milliseconds to wait before the next request may go out (0 = now). */
	waitTime(now = Date.now()): number {
		this.dropOld(now);
		const pause = Math.max(0, this.pausedUntil - now);
		if (!this.enforced) return pause;
		const inWindow = this.sent
			.map((booking) => this.countsFrom(booking, now))
			.filter((at) => at > now - this.intervalMs)
			.sort((a, b) => a - b);
		if (inWindow.length < this.max) return pause;
		return Math.max(pause, inWindow[inWindow.length - this.max] + this.intervalMs - now + 1);
	}

	/** Grown by 429s, shrunk by answers: see arrivalMarginMs. */
	private learntMarginMs = 0;

	/**
	 * How long a request takes to reach HighLevel, which counts it on arrival and answers after
	 * processing it: counting from the answer (a few hundred milliseconds later) would leave that
	 * much of every window unused. It shows only when a window we thought had room is answered
	 * 429: each such answer adds a step (never beyond the latency: counting from the answer is
	 * always safe), and every answer takes a little off again.
	 */
	private arrivalMarginMs() {
		const margin = Math.max(this.marginStepMs(), this.learntMarginMs);
		return this.latencyMs === undefined ? margin : Math.min(margin, this.latencyMs);
	}

	private marginStepMs() {
		return Math.min(100, Math.max(10, this.intervalMs * 0.01));
	}

	/** A 429 of a full window: we sent too early for the server's count. */
	rateLimited() {
		this.learntMarginMs = Math.min(this.latencyMs ?? 1000, this.arrivalMarginMs() + this.marginStepMs());
	}

	/**
	 * Resolves when a request may be sent, and books it; rejects when `signal` aborts the wait.
	 * Call `settle` with the booking when the answer arrives.
	 */
	async acquire(signal?: AbortSignal): Promise<Booking> {
		for (;;) {
			throwIfAborted(signal);
			const wait = this.waitTime();
			if (wait <= 0) {
				const now = Date.now();
				return this.book({ sentAt: now, at: now + this.arrivalMarginMs(), inFlight: true });
			}
			// An answer to a request in flight may free a slot before `wait` is over.
			await abortableSleep(this.sent.some((booking) => booking.inFlight) ? Math.min(wait, 50) : wait, signal);
		}
	}

	/** Recent latencies; their minimum is the server's own time plus the quickest way there and back. */
	private recentLatencies: number[] = [];

	/**
	 * Learns the latency from an answer to the booked request, and moves the booking to its
	 * likely arrival when the answer shows it was slow: whatever exceeds the fastest recent
	 * answer was spent before or after the server saw it, and before is the safe guess (plus the
	 * way there of the fastest one).
	 */
	settle(booking: Booking, now = Date.now()) {
		const sample = Math.max(0, now - booking.sentAt);
		this.latencyMs = this.latencyMs === undefined ? sample : this.latencyMs * 0.8 + sample * 0.2;
		this.recentLatencies.push(sample);
		if (this.recentLatencies.length > RECENT_LATENCIES) this.recentLatencies.shift();
		this.learntMarginMs *= 0.995;
		booking.inFlight = false;
		booking.at = Math.max(booking.at, now - Math.min(...this.recentLatencies) + this.arrivalMarginMs());
	}

	/**
	 * How many requests to keep in flight so that the rate limit, not the latency, sets the pace:
	 * the limit's rate times the server's latency, twice over for latency that varies. Extra
	 * ones only wait here for their turn. The fastest recent answer stands for the server's
	 * latency: the average also holds the time requests queue in this process (a garbage
	 * collection, a busy event loop), and following it would send more the slower it gets.
	 * Two until a first answer has told the latency.
	 */
	concurrency(): number {
		if (this.recentLatencies.length === 0) return 2;
		const needed = (this.max / this.intervalMs) * Math.min(...this.recentLatencies);
		return Math.max(1, Math.min(this.max, Math.ceil(needed * 2) + 2));
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
			const { ours, foreign } = this.countSince((answered?.sentAt ?? now) - this.intervalMs, now);
			// The server's window ends no later than now: the foreign requests leave it by now + interval.
			const unexplained = Math.min(this.max - limits.remaining - ours - foreign, this.max);
			for (let i = 0; i < unexplained; i++) this.book({ sentAt: now, at: now, foreign: true });
		}
	}

	private book(booking: Booking): Booking {
		this.sent.push(booking);
		return booking;
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
