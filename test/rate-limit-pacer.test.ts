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
