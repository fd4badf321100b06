import { sleep } from 'n8n-workflow';

import { ExecutionStoppedError, throwIfAborted } from '../abort';
import { headerValue } from '../headers';

/** HighLevel's documented burst limit: 100 requests per 10 s per app and location. */
export const DEFAULT_BURST = { max: 100, intervalMs: 10_000 };

const DAILY_QUOTA_RECHECK_MS = 60_000;

/**
 * How long traffic of someone else's makes us share the window carefully after it was last seen
 * (unless an answer counts a whole window with nothing of theirs first), and ask before taking it
 * after an idle spell.
 */
const OTHERS_MEMORY_MS = 60_000;

/** How often to look again while waiting for the answer that says how full the window is. */
const STALE_POLL_MS = 50;

/** Requests sent when what we know of the window is stale (as before the first answer). */
const STALE_PROBES = 2;

/**
 * The limit's own pace keeps this many requests of credit: after a pause, two more may go at once,
 * and a request up to two paces late is made up by the next ones (see `paceAt`).
 */
const PACE_SLACK = 1;

/** Longest single wait of the queue: an answer or a stop wakes it sooner, and no long timer is left behind. */
const LONGEST_NAP_MS = 1000;

/** Requests sent this close together may reach the server in either order. */
const SAME_MOMENT_MS = 2;

/** How many answers the fastest latency is taken from: enough to include a quick one. */
const RECENT_LATENCIES = 100;

export interface Booking {
	/** When the request left. */
	sentAt: number;
	/** When it counts from: a little after it left, when the server counted it on arrival. */
	at: number;
	/** Sent and not answered yet. */
	inFlight?: boolean;
	/** When its answer came. */
	answeredAt?: number;
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
	const value = headerValue(headers, name);
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
 * is followed without configuration.
 *
 * Others on the bucket (another queue-mode worker, workflow or app) show only in the server's
 * count, one latency late. What it counts beyond our requests is booked as theirs; until an
 * answer says otherwise their slots stay taken, and of the room left each takes a share (see
 * `slotsForOurs`), sending no faster than the limit's own pace so the news keeps coming.
 * Until a second answer has shown nobody else, we assume somebody may be starting too.
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
		// Idle for two windows: whoever starts next may not be alone, unless nobody else has shown
		// on the bucket for a minute and we sent less than a minute ago (a run's next node, after one
		// that read elsewhere, need not start carefully again).
		if (this.sent.length === 0 && this.firstAnswerAt !== undefined && !this.stillAlone(now)) {
			this.firstAnswerAt = undefined;
			this.aloneConfirmed = false;
		}
	}

	private stillAlone(now: number) {
		return this.aloneConfirmed && now - this.lastSentAt < OTHERS_MEMORY_MS && (this.othersSeenAt === 0 || now - this.othersSeenAt >= OTHERS_MEMORY_MS);
	}

	/** Milliseconds to wait before the next request may go out (0 = now). */
	waitTime(now = Date.now()): number {
		this.dropOld(now);
		const pause = Math.max(0, this.pausedUntil - now);
		if (!this.enforced) return pause;
		const ours = this.sent.filter((booking) => !booking.foreign);
		const inWindow = ours
			.map((booking) => this.countsFrom(booking, now))
			.filter((at) => at > now - this.intervalMs)
			.sort((a, b) => a - b);
		if (this.aloneConfirmed && !this.othersSeen(now)) return Math.max(pause, this.turnIn(inWindow, this.max, now));
		// Others may send too. Seen, or not ruled out since the first answer: no faster than the
		// limit's own pace, so that answers (the only news of their requests) keep coming instead of
		// a window's worth at once. A third of the window sent at once on the first answer was
		// refilled at that pace a window later, beside the other worker, each slot later than the last.
		const spacing = this.othersSeen(now) || this.firstAnswerAt !== undefined ? Math.max(0, this.paceAt - PACE_SLACK * this.paceMs() - now) : 0;
		if (now - this.knownUntil <= this.staleAfterMs()) {
			return Math.max(pause, spacing, this.turnIn(inWindow, this.slotsForOurs(this.knownUntil), now));
		}
		// What we know is older than an answer takes (or nothing yet): the others may have filled
		// the window since. Two requests ask the server; the rest wait for their answers.
		const asking = ours.filter((booking) => booking.inFlight).length;
		if (asking >= STALE_PROBES) return Math.max(pause, STALE_POLL_MS);
		return Math.max(pause, spacing, this.turnIn(inWindow, Math.min(inWindow.length + STALE_PROBES - asking, this.slotsForOurs(now)), now));
	}

	/**
	 * When a request of ours may go, with `slots` of the window ours (`inWindow` sorted). With
	 * none, the next answer (or our knowledge going stale) tells when.
	 */
	private turnIn(inWindow: number[], slots: number, now: number): number {
		if (slots <= 0) return STALE_POLL_MS;
		if (inWindow.length < slots) return 0;
		return inWindow[inWindow.length - slots] + this.intervalMs - now + 1;
	}

	private lastSentAt = 0;

	/**
	 * The limit's own pace as a schedule: the next request may go PACE_SLACK paces before this.
	 * A request sent late (the event loop was busy, a timer fired a millisecond after its time)
	 * does not push the ones after it back, or every slip would slow the pace.
	 */
	private paceAt = 0;

	private paceMs() {
		return this.intervalMs / this.max;
	}

	/** The latest arrival at the server whose count an answer has told us. */
	private knownUntil = 0;

	/** When an answer last showed requests of someone else's (another worker, workflow or app). */
	private othersSeenAt = 0;

	/**
	 * When an answer last counted a whole window with nothing of theirs: whoever shared the bucket
	 * has stopped, and the window is ours until they show again. Still, they were seen: after an
	 * idle spell the next run asks first (see `stillAlone`), as they may be back.
	 */
	private othersGoneAt = 0;

	/** When the first answer since the bucket was last idle came. */
	private firstAnswerAt: number | undefined;

	/**
	 * Set by an answer to a request sent after the first answer that shows nobody else. Until
	 * then others may be starting too: workers that start together each see a nearly empty
	 * window in their first answers, and the first to arrive sees nobody at all.
	 */
	private aloneConfirmed = false;

	private othersSeen(now: number) {
		return this.othersSeenAt > this.othersGoneAt && now - this.othersSeenAt < OTHERS_MEMORY_MS;
	}

	private staleAfterMs() {
		return Math.max(STALE_POLL_MS, 2 * Math.min(this.fastestMs, this.intervalMs));
	}

	/** How much later than we do the others may count their request's arrival, and refill its slot. */
	private othersSkewMs() {
		return 5 * this.marginStepMs();
	}

	/**
	 * How many of our requests the window can hold while others may send, as of `heardAt`.
	 * We hear of their requests one latency late, so until we hear otherwise a slot of theirs
	 * that left the window is taken again (as we take ours), a little after we would. Of the room
	 * that was free when we last heard we take a third, as they may too: taking it all, two
	 * workers on one location both take every slot that frees, and even half each overshoots
	 * whenever both misjudge the room a little.
	 */
	private slotsForOurs(heardAt: number): number {
		let foreign = 0;
		let oursWhenHeard = 0;
		for (const booking of this.sent) {
			if (booking.foreign) {
				if (booking.at > heardAt - this.intervalMs - this.othersSkewMs()) foreign++;
			} else if (booking.at > heardAt - this.intervalMs && booking.at <= heardAt) oursWhenHeard++;
		}
		const free = Math.max(0, this.max - foreign - oursWhenHeard);
		// Nobody seen yet (a start): the last slot is ours, or a limit of 1 would never be used.
		if (foreign === 0 && !this.othersSeen(heardAt)) return oursWhenHeard + Math.ceil(free / 3);
		// Else the last free slot is left to the others: both taking it is a 429.
		let slots = oursWhenHeard + (free > 1 ? Math.ceil(free / 3) : 0);
		// What arrived before our first answer came: every worker starting with us had sent the
		// same first requests as we had, so twice ours beyond them are two others, and each of us
		// may take that share of the window at once. Two workers that start together then take half
		// each; with a third each, as later, a third of the first window went unused while the news
		// of each other's requests took a latency to come. The one that arrived first saw nobody:
		// it takes its third, as another may not have arrived yet.
		if (foreign > 0 && oursWhenHeard > 0 && this.firstAnswerAt !== undefined && heardAt < this.firstAnswerAt) {
			const senders = 1 + Math.ceil(foreign / oursWhenHeard);
			slots = Math.max(slots, Math.min(Math.floor((this.max - 1) / senders), oursWhenHeard + free - 1));
		}
		// Someone else sends a quarter of the window, or half as much as we do: no more than half
		// is ours. Two workers that start together then do not overshoot on each other's stale
		// news, and the shares do not stay as the start dealt them: both end together, where the
		// one with the smaller share used to go on alone, taking the freed room only a third at a
		// time and a latency late.
		return foreign > 0 && foreign >= Math.min(this.max / 4, oursWhenHeard / 2) ? Math.min(slots, Math.ceil(this.max / 2)) : slots;
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
		const margin = Math.max(this.marginFloorMs(), this.learntMarginMs);
		return this.latencyMs === undefined ? margin : Math.min(margin, this.latencyMs);
	}

	private marginStepMs() {
		return Math.min(100, Math.max(10, this.intervalMs * 0.01));
	}

	/**
	 * The margin with no 429 to say otherwise. A turn comes this long after the request it
	 * follows left the window, every window: a margin of 1 % ran the pacer 1 % under the limit.
	 * Requests that take longer on the way show it in their answers (see `settle`).
	 */
	private marginFloorMs() {
		return Math.max(2, this.intervalMs * 0.002);
	}

	/**
	 * A 429 answer to `booking`: the server did not count the request, so neither do we (if it
	 * did count it, the next answer's count shows it as someone else's). When nobody else is in
	 * the window, the 429 says we sent too early for the server's count.
	 */
	rateLimited(booking?: Booking, now = Date.now()) {
		if (booking) this.sent = this.sent.filter((other) => other !== booking);
		if (this.othersSeen(now)) return;
		this.learntMarginMs = Math.min(this.latencyMs ?? 1000, this.arrivalMarginMs() + this.marginStepMs());
	}

	/** Requests waiting for their turn, first come first served. */
	private waiting: Array<{ take: (booking: Booking) => void; signal?: AbortSignal; onAbort?: () => void }> = [];

	/** Wakes the queue before its wait is over: an answer, a 429 or a stop may change the turn. */
	private wake: (() => void) | undefined;

	private serving = false;

	/** Set for a timer tick after a request is let go: the next one goes after that tick. */
	private releasing: Promise<void> | undefined;

	/**
	 * Resolves when a request may be sent, and books it; rejects when `signal` aborts the wait.
	 * Call `settle` with the booking when the answer arrives. One queue serves every request of
	 * the bucket in order: a timer each, a hundred requests in flight would all wake and count
	 * the window again for every slot that frees, on the event loop that handles the answers.
	 */
	async acquire(signal?: AbortSignal): Promise<Booking> {
		throwIfAborted(signal);
		return await new Promise<Booking>((resolve, reject) => {
			const waiter: (typeof this.waiting)[number] = { take: resolve, signal };
			if (signal) {
				waiter.onAbort = () => {
					this.waiting = this.waiting.filter((other) => other !== waiter);
					reject(new ExecutionStoppedError());
					this.wake?.();
				};
				signal.addEventListener('abort', waiter.onAbort, { once: true });
			}
			this.waiting.push(waiter);
			void this.serveWaiting();
		});
	}

	private async serveWaiting() {
		if (this.serving) {
			this.wake?.();
			return;
		}
		this.serving = true;
		try {
			while (this.waiting.length > 0) {
				const wait = this.waitTime();
				if (wait <= 0) {
					// n8n takes about a millisecond to put a request on the wire: a window's worth
					// released at once would go out interleaved, every one of them arriving late.
					if (this.releasing) {
						await this.releasing;
						continue;
					}
					const waiter = this.waiting.shift() as (typeof this.waiting)[number];
					if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
					waiter.take(this.bookSend(Date.now()));
					this.releasing = sleep(0).then(() => {
						this.releasing = undefined;
					});
					continue;
				}
				// An answer to a request in flight may free a slot before `wait` is over.
				const nap = this.sent.some((booking) => booking.inFlight) ? Math.min(wait, STALE_POLL_MS) : Math.min(wait, LONGEST_NAP_MS);
				await new Promise<void>((resolve) => {
					this.wake = resolve;
					void sleep(nap).then(resolve);
				});
				this.wake = undefined;
			}
		} finally {
			this.serving = false;
		}
	}

	private bookSend(now: number): Booking {
		this.lastSentAt = now;
		this.paceAt = Math.max(this.paceAt, now - PACE_SLACK * this.paceMs()) + this.paceMs();
		return this.book({ sentAt: now, at: now + this.arrivalMarginMs(), inFlight: true });
	}

	/**
	 * Latencies of the last window's answers (the last RECENT_LATENCIES of them at most); their
	 * minimum is the server's own time plus the quickest way there and back. Older ones tell of a
	 * server that may have changed since: a queue-mode worker that ran a sync against quick answers
	 * kept three requests in flight for the next one's first hundred answers of 150 ms.
	 */
	private recentLatencies: Array<{ answeredAt: number; ms: number }> = [];

	/** Their minimum (infinite before the first answer), kept here as every answer and turn reads it. */
	private fastestMs = Number.POSITIVE_INFINITY;

	/**
	 * Learns the latency from an answer to the booked request, and moves the booking to its
	 * likely arrival when the answer shows it was slow: whatever exceeds the fastest recent
	 * answer was spent before or after the server saw it, and before is the safe guess (plus the
	 * way there of the fastest one).
	 */
	settle(booking: Booking, now = Date.now()) {
		const sample = Math.max(0, now - booking.sentAt);
		this.latencyMs = this.latencyMs === undefined ? sample : this.latencyMs * 0.8 + sample * 0.2;
		this.recentLatencies.push({ answeredAt: now, ms: sample });
		// Answers come in order: the old and the surplus ones are at the front.
		while (this.recentLatencies.length > RECENT_LATENCIES || this.recentLatencies[0].answeredAt <= now - this.intervalMs) this.recentLatencies.shift();
		this.learntMarginMs *= 0.995;
		booking.inFlight = false;
		booking.answeredAt = now;
		const fasterThanBefore = sample < this.fastestMs;
		this.fastestMs = Math.min(...this.recentLatencies.map(({ ms }) => ms));
		// A new fastest answer shows that earlier ones spent longer on the way (the first ones also
		// open the connection): those may have arrived later than we thought, so they leave later.
		if (fasterThanBefore) for (const settled of this.sent) this.moveToArrival(settled);
		this.moveToArrival(booking);
		this.wake?.();
	}

	private moveToArrival(booking: Booking) {
		if (booking.answeredAt === undefined) return;
		// Never after the answer: the server had counted it by then.
		booking.at = Math.min(booking.answeredAt, Math.max(booking.at, booking.answeredAt - this.fastestMs + this.arrivalMarginMs()));
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
		if (!Number.isFinite(this.fastestMs)) return 2;
		const needed = (this.max / this.intervalMs) * this.fastestMs;
		return Math.max(1, Math.min(this.max, Math.ceil(needed * 2) + 2));
	}

	/**
	 * Learns the limits from an answer's headers. `answered` is the booking of the request the
	 * answer belongs to: the server counted its window when that request arrived, so the count
	 * holds our requests sent up to it (not those sent after, still in flight) that had not left
	 * the window by then. Only what the server counts beyond those, and beyond the others'
	 * requests we already know of, is new traffic of someone else's; it is booked at that
	 * arrival, so it leaves our window no earlier than it leaves the server's. Counting against
	 * our own window instead would mistake our requests that just left it for foreign ones, and
	 * book phantom requests that stall every window's last slots.
	 */
	observe(limits: RateLimitHeaders, now = Date.now(), answered?: Booking, refused = false) {
		this.enforced = limits.max !== undefined || limits.remaining !== undefined;
		if (limits.intervalMs && limits.intervalMs > 0) this.intervalMs = limits.intervalMs;
		if (limits.max && limits.max > 0) this.max = limits.max;
		if (limits.dailyRemaining !== undefined) {
			this.dailyRemaining = limits.dailyRemaining;
			this.dailyObservedAt = now;
		}
		if (limits.remaining !== undefined) {
			this.dropOld(now);
			const sentAt = answered?.sentAt ?? now;
			const arrivedAt = answered ? Math.min(answered.at, now) : now;
			// Ours the server may have counted: not out of the window, and sent before the answered
			// one could have arrived (what its answer took beyond the fastest may have been spent on
			// the way there, while later ones overtook it); and those sent before it in order, the
			// fewest it surely counted.
			const arrivedBy = sentAt + Math.max(SAME_MOMENT_MS, now - sentAt - Math.min(this.fastestMs, now - sentAt));
			let ours = 0;
			let oursBefore = 0;
			let foreign = 0;
			let before = answered !== undefined && this.sent.includes(answered);
			for (const booking of this.sent) {
				if (booking.foreign) {
					if (booking.at > arrivedAt - this.intervalMs) foreign++;
					continue;
				}
				const inWindow = this.countsFrom(booking, now) > sentAt - this.intervalMs;
				if (inWindow && booking.sentAt <= arrivedBy) ours++;
				if (inWindow && before) oursBefore++;
				if (booking === answered) before = false;
			}
			const used = this.max - limits.remaining;
			const unexplained = Math.min(used - ours - foreign, this.max);
			for (let i = 0; i < unexplained; i++) this.book({ sentAt: arrivedAt, at: arrivedAt, foreign: true });
			// A 429 says "full", not how full: a request of ours sent too early gets one as well.
			if (!refused) {
				if (unexplained > 0) this.othersSeenAt = now;
				else if (this.firstAnswerAt !== undefined && sentAt >= this.firstAnswerAt && used <= oursBefore + foreign) {
					this.aloneConfirmed = true;
					// A worker waiting for its share sends within a window. Sharing on for the minute left
					// the last one to finish a window's third at a time.
					if (foreign === 0) this.othersGoneAt = now;
				}
				this.firstAnswerAt ??= now;
			}
			this.knownUntil = Math.max(this.knownUntil, arrivedAt);
		}
		this.wake?.();
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
