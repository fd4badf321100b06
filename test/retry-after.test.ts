import { describe, expect, it } from 'vitest';

import { retryAfterMs } from '../nodes/shared/retryAfter';

const bounds = { minMs: 500, maxMs: 60_000, fallbackMs: 1000 };

describe('retryAfterMs', () => {
	it('reads seconds and HTTP dates, in any header case', () => {
		const now = Date.parse('2026-12-03T10:00:00Z');
		expect(retryAfterMs({ 'retry-after': '7' }, bounds, now)).toBe(7000);
		expect(retryAfterMs({ 'Retry-After': ['2.5'] }, bounds, now)).toBe(2500);
		expect(retryAfterMs({ 'retry-after': 'Thu, 03 Dec 2026 10:00:09 GMT' }, bounds, now)).toBe(9000);
	});

	it('keeps the wait between its bounds, and falls back when there is none to read', () => {
		const now = Date.parse('2026-12-03T10:00:00Z');
		expect(retryAfterMs({ 'retry-after': '0' }, bounds, now)).toBe(500);
		expect(retryAfterMs({ 'retry-after': 'Thu, 03 Dec 2026 09:59:00 GMT' }, bounds, now)).toBe(500);
		expect(retryAfterMs({ 'retry-after': '86400' }, bounds, now)).toBe(60_000);
		expect(retryAfterMs({ 'retry-after': 'soon' }, bounds, now)).toBe(1000);
		expect(retryAfterMs({ 'retry-after': '-3' }, bounds, now)).toBe(1000);
		expect(retryAfterMs({}, bounds, now)).toBe(1000);
		expect(retryAfterMs(undefined, bounds, now)).toBe(1000);
	});
});
