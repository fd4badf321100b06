import { describe, expect, it } from 'vitest';

import { RateLimitPacer, readRateLimitHeaders, type Booking } from '../nodes/shared/highlevel/rateLimit';

/** A pacer whose answers have shown nobody else on the bucket (after a first answer at 0). */
function alonePacer(limits: { max: number; intervalMs: number }) {
	const pacer = new RateLimitPacer();
	pacer.observe({ ...limits, remaining: limits.max }, 0);
	pacer['aloneConfirmed'] = true;
	pacer['lastSentAt'] = Date.now();
	return pacer;
}

/**
 * Sends at `at` while the pacer lets requests go (at most 100): through its own booking, which
 * keeps the pace's schedule, or booked by hand, which leaves the pace out.
 */
function sendWhileFree(pacer: RateLimitPacer, at: number, paced = false): Booking[] {
	const sent: Booking[] = [];
	while (pacer.waitTime(at) === 0 && sent.length < 100) {
		const booking: Booking = paced ? pacer['bookSend'](at) : { sentAt: at, at: at + 2, inFlight: true };
		if (!paced) pacer['sent'].push(booking);
		sent.push(booking);
	}
	return sent;
}

describe('RateLimitPacer', () => {
	it('reads HighLevel rate-limit headers in any case', () => {
		expect(
			readRateLimitHeaders({
				'x-ratelimit-max': '100',
				'X-RateLimit-Remaining': '7',
				'x-ratelimit-interval-milliseconds': ['10000'],
				'x-ratelimit-daily-remaining': '199000',
			}),
		).toEqual({ max: 100, remaining: 7, intervalMs: 10000, dailyRemaining: 199000 });
	});

	it('never books more than max requests in any window, and lets the next one go when the oldest expires', async () => {
		const pacer = alonePacer({ max: 3, intervalMs: 1000 });
		const sentFrom = Date.now();
		const bookings = await Promise.all([pacer.acquire(), pacer.acquire(), pacer.acquire()]);
		const now = Date.now();
		// Each answered 50 ms after it left (the three may leave in different milliseconds).
		for (const booking of bookings) pacer.settle(booking, booking.sentAt + 50);
		// Counted from their arrival (send time + a 2 ms margin), not from their answers.
		for (const booking of bookings) expect(booking.at - booking.sentAt).toBe(2);
		const wait = pacer.waitTime(now);
		expect(wait).toBeGreaterThan(1000 - (now - sentFrom));
		expect(wait).toBeLessThanOrEqual(1003);
		expect(pacer.waitTime(bookings[0].at + 1001)).toBe(0);
	});

	it('counts a request from its arrival, not its answer: a slow answer does not delay the window', () => {
		const pacer = alonePacer({ max: 2, intervalMs: 1000 });
		const first = { sentAt: 0, at: 10 };
		pacer['sent'].push(first, { sentAt: 0, at: 10 });
		pacer.settle(first, 500);
		// Free when the requests leave the window counted from 10, however late the answer came.
		expect(pacer.waitTime(600)).toBe(411);
		expect(pacer.waitTime(1011)).toBe(0);
	});

	it('widens its arrival margin a step per 429 of a window it thought had room, up to the latency, and narrows it again', async () => {
		const pacer = alonePacer({ max: 100, intervalMs: 1000 });
		pacer.settle({ sentAt: 0, at: 0 }, 150);
		const margin = async () => {
			const booking = await pacer.acquire();
			return booking.at - booking.sentAt;
		};
		expect(await margin()).toBe(2);
		pacer.rateLimited();
		expect(await margin()).toBe(12);
		for (let i = 0; i < 3; i++) pacer.rateLimited();
		expect(await margin()).toBe(42);
		for (let i = 0; i < 20; i++) pacer.rateLimited();
		expect(await margin()).toBe(150);
		for (let i = 0; i < 1000; i++) pacer.settle({ sentAt: 0, at: 0 }, 150);
		expect(await margin()).toBe(2);
	});

	it("starts its arrival margin at 0.2 % of the window: 20 ms of HighLevel's 10 s", async () => {
		const pacer = alonePacer({ max: 100, intervalMs: 10_000 });
		pacer.settle({ sentAt: 0, at: 0 }, 300);
		const booking = await pacer.acquire();
		expect(booking.at - booking.sentAt).toBe(20);
	});

	it('moves requests answered earlier to a later arrival when a faster answer shows they spent longer on the way', () => {
		const pacer = alonePacer({ max: 2, intervalMs: 1000 });
		// The first request also opened the connection: its answer alone cannot tell.
		const first: Booking = { sentAt: 0, at: 2, inFlight: true };
		const second: Booking = { sentAt: 0, at: 2, inFlight: true };
		pacer['sent'].push(first, second);
		pacer.settle(first, 530);
		expect(first.at).toBe(2);
		pacer.settle(second, 505);
		expect(second.at).toBe(2);
		expect(first.at).toBe(27);
		// The window's next turn waits for the first one's slot as the server counts it.
		pacer['sent'].push({ sentAt: 1003, at: 1005, inFlight: true });
		expect(pacer.waitTime(1010)).toBe(18);
	});

	it('suggests as many requests in flight as the limit and the latency call for', () => {
		const pacer = new RateLimitPacer();
		expect(pacer.concurrency()).toBe(2);
		pacer.observe({ max: 20, intervalMs: 1000, remaining: 20 });
		pacer.settle({ sentAt: 1850, at: 1850 }, 2000);
		// 20 per s × 0.15 s = 3 busy at any moment, with room for variation.
		expect(pacer.concurrency()).toBe(8);
		// Slow answers while some still come back fast: requests queued here, not a slower server.
		for (let i = 0; i < 50; i++) pacer.settle({ sentAt: 0, at: 0 }, 2000);
		expect(pacer.concurrency()).toBe(8);
		for (let i = 0; i < 100; i++) pacer.settle({ sentAt: 0, at: 0 }, 500);
		// 20 per s × 0.5 s × 2 + 2 = 22: never more than the limit itself.
		expect(pacer.concurrency()).toBe(20);
		for (let i = 0; i < 100; i++) pacer.settle({ sentAt: 0, at: 0 }, 60_000);
		expect(pacer.concurrency()).toBe(20);
	});

	it('forgets the latency of answers more than a window old: a slower server gets enough requests in flight at once', () => {
		const pacer = new RateLimitPacer();
		pacer.observe({ max: 20, intervalMs: 1000, remaining: 20 });
		// A run against answers of 1 ms: 20 per s × 0.001 s × 2 + 2.
		for (let i = 0; i < 100; i++) pacer.settle({ sentAt: i * 10, at: i * 10 }, i * 10 + 1);
		expect(pacer.concurrency()).toBe(3);
		// The next run, a few seconds later, is answered after 150 ms.
		pacer.settle({ sentAt: 5000, at: 5000 }, 5150);
		expect(pacer.concurrency()).toBe(8);
	});

	it('stops waiting for a turn at once when the execution is stopped', async () => {
		const pacer = new RateLimitPacer();
		pacer.observe({ max: 1, intervalMs: 60_000, remaining: 1 });
		await pacer.acquire();
		const controller = new AbortController();
		const started = Date.now();
		const waiting = pacer.acquire(controller.signal);
		setTimeout(() => controller.abort(), 50);
		await expect(waiting).rejects.toThrow('The execution was stopped');
		expect(Date.now() - started).toBeLessThan(1000);
	});

	it('serves waiting requests in the order they asked, each one\'s sending done before the next goes, and a stopped one leaves the others waiting', async () => {
		const pacer = alonePacer({ max: 3, intervalMs: 400 });
		const controller = new AbortController();
		const events: string[] = [];
		const servedAt: number[] = [];
		const asks = [0, 1, 2, 3, 4].map((index) =>
			pacer.acquire(index === 3 ? controller.signal : undefined).then(async (booking) => {
				events.push(`go ${index}`);
				servedAt.push(Date.now());
				// What n8n does between a turn and the wire: a chain of promises on one event loop.
				for (let step = 0; step < 50; step++) await Promise.resolve();
				events.push(`sent ${index}`);
				// Answered at once: a request in flight holds its slot.
				pacer.settle(booking);
			}),
		);
		const stopped = expect(asks[3]).rejects.toThrow('The execution was stopped');
		controller.abort();
		await stopped;
		await Promise.all([asks[0], asks[1], asks[2], asks[4]]);
		// Released all at once, the three would go out interleaved: go 0, go 1, go 2, sent 0, ...
		expect(events).toEqual(['go 0', 'sent 0', 'go 1', 'sent 1', 'go 2', 'sent 2', 'go 4', 'sent 4']);
		// The fourth waits for the first to leave the window.
		expect(servedAt[3] - servedAt[0]).toBeGreaterThanOrEqual(400);
	});

	it('keeps the limit\'s own pace beside another worker without losing what a late request slipped', () => {
		const t = 1_000_000;
		const pacer = new RateLimitPacer();
		pacer.observe({ max: 100, intervalMs: 1000, remaining: 100 }, t);
		pacer['othersSeenAt'] = t;
		const send = (at: number) => {
			expect(pacer.waitTime(at)).toBe(0);
			pacer['bookSend'](at);
		};
		// One per 10 ms, with two requests of catch-up.
		send(t);
		send(t);
		send(t);
		expect(pacer.waitTime(t)).toBe(10);
		// The fourth, due at t + 10, leaves 15 ms late (a busy event loop): the fifth may go at once
		// to make up for it, and the sixth is due at t + 30, on the pace, not 10 ms after the fifth.
		send(t + 25);
		send(t + 25);
		expect(pacer.waitTime(t + 25)).toBe(5);
	});

	describe('sharing the window with another worker', () => {
		/** Sixty of ours in the window, and an answer counting `foreign` more than those. */
		const sharing = (foreign: number) => {
			const pacer = new RateLimitPacer();
			pacer.observe({ max: 100, intervalMs: 1000, remaining: 100 }, 0);
			const ours = Array.from({ length: 60 }, (): Booking => ({ sentAt: 100, at: 102 }));
			pacer['sent'].push(...ours);
			pacer.observe({ max: 100, intervalMs: 1000, remaining: 100 - 60 - foreign }, 600, ours[59]);
			expect(pacer['sent'].filter((booking) => booking.foreign)).toHaveLength(foreign);
			return pacer;
		};

		it('holds no more than half the window while the other sends a quarter of it, so that both end together', () => {
			// A third of the ten free slots would be ours; but sixty is more than our half already.
			expect(sharing(30).waitTime(600)).toBeGreaterThan(0);
		});

		it('still takes its third of the room beside a small other client', () => {
			expect(sharing(5).waitTime(600)).toBe(0);
		});
	});

	it('holds back for traffic it did not send when the server reports a full window, until it leaves', () => {
		const pacer = new RateLimitPacer();
		const now = Date.now();
		pacer.observe({ max: 10, intervalMs: 1000, remaining: 0 }, now);
		expect(pacer.waitTime(now)).toBeGreaterThan(0);
		expect(pacer.waitTime(now + 900)).toBeGreaterThan(0);
		// Nothing heard since: after two intervals (no latency known yet) one request asks again.
		expect(pacer.waitTime(now + 2001)).toBe(0);
	});

	it('takes a third of the room others leave, and leaves them a last free slot', () => {
		const pacer = new RateLimitPacer();
		pacer.observe({ max: 10, intervalMs: 1000, remaining: 4 }, 0);
		// Six requests of someone else in the window, four free: they may take some too.
		expect(pacer.waitTime(0)).toBe(0);
		pacer['sent'].push({ sentAt: 0, at: 10, inFlight: true });
		expect(pacer.waitTime(0)).toBe(0);
		pacer['sent'].push({ sentAt: 0, at: 10, inFlight: true });
		expect(pacer.waitTime(0)).toBeGreaterThan(0);
		const last = new RateLimitPacer();
		last.observe({ max: 10, intervalMs: 1000, remaining: 1 }, 0);
		expect(last.waitTime(0)).toBeGreaterThan(0);
	});

	it('does not mistake its own requests that just left its window for someone else\'s', () => {
		// We count a request from shortly after sending it; the server from its arrival, which
		// may be a little later: a request of ours can still be in the server's window after leaving ours.
		const pacer = new RateLimitPacer();
		pacer.observe({ max: 3, intervalMs: 1000, remaining: 3 }, 0);
		const early = { sentAt: 0, at: 10 };
		const current = { sentAt: 1004, at: 1007 };
		pacer['sent'].push(early, current);
		// The server saw `early` at 5 and `current` at 1004: both in its window (4, 1004].
		pacer.observe({ max: 3, intervalMs: 1000, remaining: 1 }, 1010, current);
		expect(pacer.waitTime(1010)).toBe(0);
		pacer['sent'].push({ sentAt: 1010, at: 1010 });
		// Our window (10, 1010] holds two of ours: one slot is still free, none was taken by phantoms.
		expect(pacer.waitTime(1010)).toBe(0);
		pacer['sent'].push({ sentAt: 1010, at: 1010 });
		expect(pacer.waitTime(1010)).toBe(998);
	});

	it('counts as ours only what it sent up to the answered request, so another worker\'s requests are not hidden behind ours in flight', () => {
		const pacer = new RateLimitPacer();
		pacer.observe({ max: 20, intervalMs: 1000, remaining: 20 }, 0);
		const answered: Booking = { sentAt: 100, at: 110, inFlight: true };
		pacer['sent'].push(answered);
		// Ten more of ours leave after it: the server had not seen them when it counted.
		for (let i = 0; i < 10; i++) pacer['sent'].push({ sentAt: 150, at: 160, inFlight: true });
		pacer.settle(answered, 200);
		// The server counts 8: ours and 7 of someone else's.
		pacer.observe({ max: 20, intervalMs: 1000, remaining: 12 }, 200, answered);
		// 11 ours + 7 theirs of 20: two free, and the last is left to them.
		expect(pacer.waitTime(200)).toBeGreaterThan(0);
		// Their seven stay counted until an answer shows they left: the one we hear next at 1200.
		expect(pacer.waitTime(1150)).toBeGreaterThan(0);
	});

	it('counts as ours the requests sent while a slow answer\'s request may still have been on its way', () => {
		const pacer = new RateLimitPacer();
		pacer.observe({ max: 20, intervalMs: 1000, remaining: 20 }, 0);
		for (let i = 0; i < 3; i++) pacer.settle({ sentAt: 600, at: 610 }, 1100);
		// Sent over 20 ms; the first was answered 30 ms slower than the fastest: the others may
		// have reached the server before it.
		const burst = Array.from({ length: 10 }, (_, i): Booking => ({ sentAt: 1000 + 2 * i, at: 1010 + 2 * i, inFlight: true }));
		pacer['sent'].push(...burst);
		pacer.settle(burst[0], 1530);
		pacer.observe({ max: 20, intervalMs: 1000, remaining: 10 }, 1530, burst[0]);
		expect(pacer['sent'].filter((booking) => booking.foreign)).toHaveLength(0);
	});

	describe('after two idle windows', () => {
		const t = 1_000_000;
		/** An alone pacer that sent its last requests at t + 200, and how many go at once `idleMs` after them. */
		const burstAfterIdle = (idleMs: number, othersSeenAt = 0) => {
			const pacer = alonePacer({ max: 20, intervalMs: 1000 });
			const last: Booking = { sentAt: t, at: t + 10, inFlight: true };
			pacer['sent'].push(last);
			pacer.settle(last, t + 100);
			pacer.observe({ max: 20, intervalMs: 1000, remaining: 19 }, t + 100, last);
			// Still alone a moment later: the whole window is ours.
			for (let i = 0; i < 5; i++) {
				expect(pacer.waitTime(t + 200)).toBe(0);
				pacer['sent'].push({ sentAt: t + 200, at: t + 210, inFlight: false });
				pacer['lastSentAt'] = t + 200;
			}
			pacer['othersSeenAt'] = othersSeenAt;
			const later = t + 210 + idleMs;
			let sent = 0;
			while (pacer.waitTime(later) === 0 && sent < 20) {
				pacer['sent'].push({ sentAt: later, at: later + 10, inFlight: true });
				sent++;
			}
			return sent;
		};

		it('takes the window at once when nobody else has shown for a minute and it sent a moment ago (the next node of a run)', () => {
			expect(burstAfterIdle(2001 + 3000)).toBe(20);
		});

		it('asks again before taking the window when it was idle for a minute: another worker may have started meanwhile', () => {
			// Two requests ask, the rest wait for their answers.
			expect(burstAfterIdle(60_000)).toBe(2);
		});

		it('asks again before taking the window when another worker showed within the minute', () => {
			expect(burstAfterIdle(2001 + 3000, t + 200)).toBe(2);
		});
	});

	it('does not take a 429 of its own for another worker: alone, it goes on without spacing its requests', () => {
		const pacer = alonePacer({ max: 100, intervalMs: 1000 });
		const t = 1_000_000;
		const early: Booking = { sentAt: t, at: t + 10, inFlight: true };
		pacer['sent'].push(early);
		pacer.settle(early, t + 150);
		// Answered 429 with "Remaining: 0" although only ours were in the window.
		pacer.observe({ max: 100, intervalMs: 1000, remaining: 0 }, t + 150, early, true);
		pacer.rateLimited(early, t + 150);
		// Once the window it saw full is over, requests go back to back, not one per 10 ms.
		const later = t + 1200;
		for (let i = 0; i < 5; i++) {
			expect(pacer.waitTime(later)).toBe(0);
			pacer['sent'].push({ sentAt: later, at: later + 10, inFlight: true });
			pacer['lastSentAt'] = later;
		}
	});

	describe('when the others stop', () => {
		/** Beside six of another worker's at 100; then an answer to a request sent at `lateAt`, the server counting `remaining`. */
		const answeredLater = (lateAt: number, remaining: number) => {
			const pacer = new RateLimitPacer();
			pacer.observe({ max: 20, intervalMs: 1000, remaining: 20 }, 0);
			const early: Booking = { sentAt: 100, at: 102, inFlight: true };
			pacer['sent'].push(early);
			pacer.settle(early, 110);
			pacer.observe({ max: 20, intervalMs: 1000, remaining: 13 }, 110, early);
			const late: Booking = { sentAt: lateAt, at: lateAt + 2, inFlight: true };
			pacer['sent'].push(late);
			pacer.settle(late, lateAt + 10);
			pacer.observe({ max: 20, intervalMs: 1000, remaining }, lateAt + 10, late);
			pacer['lastSentAt'] = lateAt;
			return pacer;
		};
		/** A window later: the first six have left; the server counts ours and `theirs` new ones. */
		const aWindowLater = (theirs: number) => answeredLater(1300, 19 - theirs);

		it('takes the whole window again once the server counted a window with nothing of theirs in it', () => {
			expect(sendWhileFree(aWindowLater(0), 1310)).toHaveLength(19);
		});

		it('goes on sharing while one of theirs is counted', () => {
			// A third of the room: 1 of ours and 1 of theirs leave 18, of which 6.
			expect(sendWhileFree(aWindowLater(1), 1310)).toHaveLength(6);
		});

		it('goes on sharing while theirs are still in the window, though none came since: they may be waiting for their share', () => {
			// Two of ours and their six leave 12, of which 4.
			expect(sendWhileFree(answeredLater(900, 12), 910)).toHaveLength(4);
		});

		it('asks first after an idle spell within the minute: they may be back', () => {
			// Alone a moment ago; two idle windows later, two requests ask before the window is taken.
			expect(sendWhileFree(aWindowLater(0), 5000)).toHaveLength(2);
		});
	});

	it('books traffic of another worker once: a second answer with the same count adds no phantoms', () => {
		const pacer = new RateLimitPacer();
		pacer.observe({ max: 10, intervalMs: 1000, remaining: 10 }, 0);
		const mine = { sentAt: 100, at: 110 };
		pacer['sent'].push(mine);
		// One of ours in the window, yet the server has 7 used: 6 belong to someone else.
		pacer.observe({ max: 10, intervalMs: 1000, remaining: 3 }, 110, mine);
		expect(pacer['sent'].filter((booking) => booking.foreign)).toHaveLength(6);
		pacer.observe({ max: 10, intervalMs: 1000, remaining: 3 }, 120, mine);
		expect(pacer['sent'].filter((booking) => booking.foreign)).toHaveLength(6);
		// Of the three free, a third is ours.
		expect(pacer.waitTime(120)).toBe(0);
		pacer['sent'].push({ sentAt: 120, at: 130, inFlight: true });
		expect(pacer.waitTime(120)).toBeGreaterThan(0);
	});

	it('does not take the whole window before a second answer has shown nobody else is starting too', () => {
		const pacer = new RateLimitPacer();
		const t = 1_000_000;
		// Nothing known yet: two requests ask first.
		const probes: Booking[] = [];
		for (let i = 0; i < 2; i++) {
			expect(pacer.waitTime(t)).toBe(0);
			probes.push({ sentAt: t, at: t + 10, inFlight: true });
			pacer['sent'].push(probes[i]);
		}
		expect(pacer.waitTime(t)).toBeGreaterThan(0);
		for (const probe of probes) pacer.settle(probe, t + 100);
		pacer.observe({ max: 20, intervalMs: 1000, remaining: 18 }, t + 100, probes[1]);
		// The first answer saw only us, but another worker's first request may not have arrived
		// yet: a third of the room, as it may take as much.
		const third = sendWhileFree(pacer, t + 100);
		expect(third).toHaveLength(6);
		// An answer to a request sent after the first answer, with nothing but ours counted: alone.
		pacer.settle(third[0], t + 200);
		pacer.observe({ max: 20, intervalMs: 1000, remaining: 17 }, t + 200, third[0]);
		expect(sendWhileFree(pacer, t + 200)).toHaveLength(12);
	});

	describe('at the start beside workers that start with it', () => {
		/** Two requests ask first; their answers count `foreign` requests beyond them. */
		const started = (foreign: number) => {
			const pacer = new RateLimitPacer();
			const probes = [0, 1].map(() => {
				expect(pacer.waitTime(0)).toBe(0);
				return pacer['bookSend'](0);
			});
			for (const probe of probes) pacer.settle(probe, 500);
			pacer.observe({ max: 100, intervalMs: 1000, remaining: 100 - 2 - foreign }, 500, probes[1]);
			return pacer;
		};

		it('takes half the window when its first answers show one other worker starting too, a third beside two', () => {
			// Each sends the same two requests first: twice ours beyond them is two others.
			expect(sendWhileFree(started(2), 500)).toHaveLength(47);
			expect(sendWhileFree(started(4), 500)).toHaveLength(32);
		});

		it('takes a third while its first answers show nobody: another may not have arrived yet', () => {
			expect(sendWhileFree(started(0), 500)).toHaveLength(33);
		});

		it('reads only the first answers for how many started: later, shares follow the room, a third at a time', () => {
			const pacer = new RateLimitPacer();
			pacer.observe({ max: 100, intervalMs: 1000, remaining: 100 }, 0);
			const ours = Array.from({ length: 20 }, (): Booking => ({ sentAt: 100, at: 102 }));
			pacer['sent'].push(...ours);
			// As many of someone else's as ours: as two that started together, but they may have been
			// sending for a while, at any share. A third of the sixty free slots is ours.
			pacer.observe({ max: 100, intervalMs: 1000, remaining: 60 }, 600, ours[19]);
			expect(sendWhileFree(pacer, 600)).toHaveLength(20);
		});

		it('sends its share at the limit\'s own pace, so that what it sent is refilled on time beside the others', () => {
			const pacer = started(0);
			// Two of catch-up, then one per 10 ms.
			expect(sendWhileFree(pacer, 500, true)).toHaveLength(3);
			expect(pacer.waitTime(500)).toBe(10);
		});
	});

	it('stops pacing when answers carry no rate-limit headers, but honours a pause after a 429', () => {
		const pacer = new RateLimitPacer();
		const now = Date.now();
		pacer.observe({}, now);
		expect(pacer.enforced).toBe(false);
		pacer.pauseFor(500, now);
		expect(pacer.enforced).toBe(true);
		expect(pacer.waitTime(now)).toBe(500);
	});

	it('treats a spent daily quota as spent for a minute, then lets a request probe again', () => {
		const pacer = new RateLimitPacer();
		const now = Date.now();
		pacer.observe({ dailyRemaining: 0 }, now);
		expect(pacer.dailyQuotaSpent(now + 1000)).toBe(true);
		expect(pacer.dailyQuotaSpent(now + 61_000)).toBe(false);
	});
});
