import { describe, expect, it } from 'vitest';

import { RateLimitPacer, readRateLimitHeaders } from '../nodes/shared/highlevel/rateLimit';

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
		const pacer = new RateLimitPacer();
		pacer.observe({ max: 3, intervalMs: 1000, remaining: 3 });
		const bookings = await Promise.all([pacer.acquire(), pacer.acquire(), pacer.acquire()]);
		const now = Date.now();
		for (const booking of bookings) pacer.settle(booking, now);
		const wait = pacer.waitTime(now);
		expect(wait).toBeGreaterThan(990);
		expect(wait).toBeLessThanOrEqual(1001);
		expect(pacer.waitTime(now + 1001)).toBe(0);
	});

	it('holds back for traffic it did not send when the server reports fewer remaining requests', () => {
		const pacer = new RateLimitPacer();
		const now = Date.now();
		pacer.observe({ max: 10, intervalMs: 1000, remaining: 0 }, now);
		expect(pacer.waitTime(now)).toBeGreaterThan(900);
		const shared = new RateLimitPacer();
		shared.observe({ max: 10, intervalMs: 1000, remaining: 2 }, now);
		// Eight requests of someone else are in the window: two left for us.
		expect(shared.waitTime(now)).toBe(0);
	});

	it('does not mistake its own requests that just left its window for someone else\'s', () => {
		// The server counts from when a request arrives, we from when its answer arrives: a
		// request of ours can still be in the server's window after leaving ours.
		const pacer = new RateLimitPacer();
		pacer.observe({ max: 3, intervalMs: 1000, remaining: 3 }, 0);
		const early = { sentAt: 0, at: 0 };
		const current = { sentAt: 1004, at: 1004 };
		pacer.settle(early, 6);
		pacer['sent'].push(early, current);
		pacer.settle(current, 1010);
		// The server saw `early` at 5 and `current` at 1004: both in its window (4, 1004].
		pacer.observe({ max: 3, intervalMs: 1000, remaining: 1 }, 1010, current);
		expect(pacer.waitTime(1010)).toBe(0);
		pacer['sent'].push({ sentAt: 1010, at: 1010 });
		// Our window (10, 1010] holds two of ours: one slot is still free, none was taken by phantoms.
		expect(pacer.waitTime(1010)).toBe(0);
		pacer['sent'].push({ sentAt: 1010, at: 1010 });
		expect(pacer.waitTime(1010)).toBe(1001);
	});

	it('books traffic of another worker that the server counted beyond all of ours', () => {
		const pacer = new RateLimitPacer();
		pacer.observe({ max: 10, intervalMs: 1000, remaining: 10 }, 0);
		const mine = { sentAt: 100, at: 100 };
		pacer['sent'].push(mine);
		pacer.settle(mine, 110);
		// One of ours in the window, yet the server has 7 used: 6 belong to someone else.
		pacer.observe({ max: 10, intervalMs: 1000, remaining: 3 }, 110, mine);
		for (let i = 0; i < 3; i++) {
			expect(pacer.waitTime(110)).toBe(0);
			pacer['sent'].push({ sentAt: 110, at: 110 });
		}
		expect(pacer.waitTime(110)).toBe(1001);
		// A second answer with the same count adds no more phantoms.
		pacer.observe({ max: 10, intervalMs: 1000, remaining: 0 }, 120, mine);
		expect(pacer.waitTime(120)).toBe(991);
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
