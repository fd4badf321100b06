import { timingSafeEqual } from 'crypto';

/** Compares a secret from a request without leaking through timing how much of it matched. */
export function isSameSecret(given: unknown, expected: string | undefined): boolean {
	if (typeof given !== 'string' || !expected) return false;
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}
