import { createHash } from 'node:crypto';

/** A sub-account (location) token that HighLevel issued for an agency token (`POST /oauth/locationToken`). */
export interface SubAccountToken {
	accessToken: string;
	/** When to stop using it: shortly before HighLevel says it expires. */
	usableUntil: number;
}

/** What HighLevel answered: the token and its lifetime in seconds (86399 today). */
export interface IssuedSubAccountToken {
	accessToken: string;
	expiresInSeconds: number | undefined;
}

/** Lifetime assumed when the answer carries no `expires_in`: a 401 renews the token earlier if need be. */
const FALLBACK_LIFETIME_MS = 10 * 60_000;

/**
 * How long before its expiry a token is no longer used: a tenth of its lifetime, at most five minutes
 * (HighLevel's day-long tokens are then renewed five minutes early, so a request sent at the last second
 * does not arrive with a token that expired on the way).
 */
export function usableLifetimeMs(expiresInSeconds: number | undefined): number {
	const lifetime =
		typeof expiresInSeconds === 'number' && Number.isFinite(expiresInSeconds) && expiresInSeconds > 0
			? expiresInSeconds * 1000
			: FALLBACK_LIFETIME_MS;
	return lifetime - Math.min(5 * 60_000, lifetime / 10);
}

/**
 * The key of a sub-account token: a hash of the API host, the agency access token it was issued for,
 * the company and the location. Only whoever holds that agency token (who could ask HighLevel for the
 * same sub-account token) finds it, and no token is kept in clear as a key.
 */
export function subAccountTokenKey(baseUrl: string, agencyAccessToken: string, companyId: string, locationId: string): string {
	return createHash('sha256').update(JSON.stringify([baseUrl, agencyAccessToken, companyId, locationId])).digest('hex');
}

interface Entry {
	token: Promise<SubAccountToken>;
	settled?: SubAccountToken;
}

/**
 * Sub-account tokens of this n8n process: shared by the items of a run, by its runs and by the
 * workflows using the same agency credential, until shortly before they expire. Items asking while a
 * token is being issued wait for that one request.
 */
const tokens = new Map<string, Entry>();

export function resetSubAccountTokens() {
	tokens.clear();
}

function dropExpired(now: number) {
	for (const [key, entry] of tokens) if (entry.settled && entry.settled.usableUntil <= now) tokens.delete(key);
}

/** The cached token of `key`, or the one `issue` gets (one request however many items ask at once). */
export function subAccountToken(key: string, issue: () => Promise<IssuedSubAccountToken>): Promise<SubAccountToken> {
	const now = Date.now();
	const cached = tokens.get(key);
	if (cached && (!cached.settled || cached.settled.usableUntil > now)) return cached.token;
	dropExpired(now);
	const entry: Entry = {
		token: issue().then(
			(issued) => {
				entry.settled = { accessToken: issued.accessToken, usableUntil: Date.now() + usableLifetimeMs(issued.expiresInSeconds) };
				return entry.settled;
			},
			(error: unknown) => {
				// A refusal is not kept: the next item asks again (the app may have been installed since).
				if (tokens.get(key) === entry) tokens.delete(key);
				throw error;
			},
		),
	};
	tokens.set(key, entry);
	return entry.token;
}

/** Forgets a token HighLevel no longer accepts (a 401), unless a newer one already replaced it. */
export function dropSubAccountToken(key: string, token: SubAccountToken) {
	if (tokens.get(key)?.settled === token) tokens.delete(key);
}
