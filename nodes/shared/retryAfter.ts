import { headerValue } from './headers';

/** Bounds for a server's `Retry-After`, and the wait when it sends none or one that cannot be read. */
export interface RetryAfterBounds {
	minMs: number;
	maxMs: number;
	fallbackMs: number;
}

/**
 * How long a `Retry-After` header asks to wait, in seconds or as an HTTP date (RFC 9110), kept
 * between the bounds: `0` or a date already past would resend at once, again and again; a date
 * far ahead would hold the run for hours.
 */
export function retryAfterMs(headers: Record<string, unknown> | undefined, bounds: RetryAfterBounds, now = Date.now()): number {
	const value = String(headerValue(headers, 'retry-after') ?? '').trim();
	let wait: number | undefined;
	if (/^\d+(\.\d+)?$/.test(value)) wait = Number(value) * 1000;
	else if (/^[a-z]{3},/i.test(value)) {
		const at = Date.parse(value);
		if (Number.isFinite(at)) wait = at - now;
	}
	return Math.min(bounds.maxMs, Math.max(bounds.minMs, wait ?? bounds.fallbackMs));
}
