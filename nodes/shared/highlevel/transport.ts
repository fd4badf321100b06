import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { abortableSleep, cancelSignalOf } from '../abort';

import { authenticatedRequest, refreshRefusedError } from '../authenticatedRequest';
import { retryAfterMs } from '../retryAfter';
import { getRateLimitPacer, readRateLimitHeaders, type RateLimitPacer } from './rateLimit';
import { dropSubAccountToken, subAccountToken, subAccountTokenKey, type SubAccountToken } from './subAccountTokens';

export const HIGHLEVEL_BASE_URL = 'https://services.leadconnectorhq.com';

/** `Version` header values from the OpenAPI specs (`parameters[name=Version].schema.enum`). */
export const HIGHLEVEL_API_VERSION = {
	contacts: '2021-07-28',
	locations: '2021-07-28',
	users: '2021-07-28',
	snapshots: '2021-07-28',
	saas: '2021-04-15',
	oauth: '2021-07-28',
} as const;

export type HighLevelCredentialType =
	| 'goHighLevelOAuth2Api'
	| 'goHighLevelPrivateTokenApi'
	| 'goHighLevelAgencyOAuth2Api'
	| 'goHighLevelAgencyPrivateTokenApi';

const isOAuth2 = (type: HighLevelCredentialType) => type === 'goHighLevelOAuth2Api' || type === 'goHighLevelAgencyOAuth2Api';

export type HighLevelFunctions =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions;

export interface RetryPolicy {
	/** Retries after the first attempt, for transient 5xx answers and 429s without rate-limit headers. */
	maxRetries: number;
	/** Upper bound of a single wait between attempts. */
	maxWaitMs: number;
	/**
	 * How long one request may keep being answered 429 with HighLevel's rate-limit headers (the
	 * window is full) before it fails. Such a 429 means "your turn has not come": other
	 * workflows, queue-mode workers or apps on the same location hold the window, and they may
	 * hold it for a whole sync. Counting those answers as failures would drop items of a worker
	 * that merely came second.
	 */
	rateLimitTimeoutMs: number;
	/**
	 * How long a request keeps being retried, whatever Max Retries says, while HighLevel is
	 * unreachable or answers 502/503 (an outage: the request was not processed, so sending it
	 * again is safe even for a create). A sync started during an outage then finishes when
	 * HighLevel is back instead of failing every item. 0: Max Retries alone.
	 */
	outageTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, maxWaitMs: 60_000, rateLimitTimeoutMs: 600_000, outageTimeoutMs: 900_000 };

/** No answer because nothing reached HighLevel: the connection was refused, or its name did not resolve for now. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN']);
/** Answers of a HighLevel that is down or overloaded, which did not process the request. */
const OUTAGE_STATUSES = new Set([502, 503]);

export interface HighLevelRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, starting with `/`. */
	path: string;
	query?: IDataObject;
	body?: IDataObject;
	/** A form-urlencoded body instead of JSON (`POST /oauth/locationToken`). */
	form?: Record<string, string>;
	version?: string;
	itemIndex?: number;
	/**
	 * Whether sending the request twice does no harm. Decides if a 500 or a dropped
	 * connection may be retried: a create that reached HighLevel must not be sent again.
	 */
	idempotent?: boolean;
}

export interface HighLevelClient {
	readonly credentialType: HighLevelCredentialType;
	readonly baseUrl: string;
	/** The sub-account of the credential: from the token response (OAuth2) or the credential field. */
	readonly locationId: string | undefined;
	/** The agency (company): from the token response (OAuth2) or the agency credential's field. */
	readonly companyId: string | undefined;
	request<T = IDataObject>(request: HighLevelRequest): Promise<T>;
	/** How many requests to keep in flight for the rate limit to set the pace (from the measured latency). */
	suggestedConcurrency(): number;
	requireLocationId(itemIndex?: number): string;
	requireCompanyId(itemIndex?: number): string;
	/**
	 * The client of one sub-account of an agency OAuth2 credential: its requests carry a sub-account
	 * token from `POST /oauth/locationToken` (issued once, shared until shortly before it expires,
	 * renewed on a 401) and are paced in that sub-account's own rate-limit window. Other credentials throw.
	 */
	forSubAccount(locationId: string, itemIndex?: number): HighLevelClient;
	/** The Marketplace app of an agency OAuth2 credential (`GET /oauth/installedLocations` needs it). */
	requireAppId(itemIndex?: number): string;
}

/** Answers that mean "not processed, try again later" whatever the method. */
const RETRYABLE_ALWAYS = new Set([429, 502, 503]);


function trimBaseUrl(url: unknown): string {
	const value = typeof url === 'string' && url.trim() !== '' ? url.trim() : HIGHLEVEL_BASE_URL;
	return value.replace(/\/+$/, '');
}

function isIdempotentMethod(method: IHttpRequestMethods) {
	return method === 'GET' || method === 'HEAD' || method === 'PUT' || method === 'DELETE';
}

function messageOf(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return typeof body === 'string' && body ? body : undefined;
	const { message, error } = body as { message?: unknown; error?: unknown };
	if (Array.isArray(message)) return message.map(String).join('; ');
	if (typeof message === 'string' && message) return message;
	if (typeof error === 'string' && error) return error;
	return undefined;
}

const STATUS_HINTS: Record<number, string> = {
	400: 'HighLevel refused the request as malformed.',
	401: 'The access token is invalid or expired. Reconnect the OAuth2 credential or paste a current Private Integration Token.',
	403: 'The token lacks a scope this operation needs, or belongs to another location. Check the scopes of the app or Private Integration.',
	404: 'HighLevel does not know this resource.',
	422: 'HighLevel rejected one or more fields.',
	502: "HighLevel stayed unavailable beyond the node's Outage Timeout (Request Options); the item was not processed and can be run again.",
	503: "HighLevel stayed unavailable beyond the node's Outage Timeout (Request Options); the item was not processed and can be run again.",
	429: "HighLevel's rate limit for this location stayed exhausted beyond the node's Rate Limit Timeout (other workflows, workers or apps use it too), or a 429 without rate-limit headers outlasted Max Retries.",
};

export function highLevelApiError(
	ctx: HighLevelFunctions,
	statusCode: number,
	body: unknown,
	itemIndex?: number,
): NodeApiError {
	const apiMessage = messageOf(body) ?? `HTTP ${statusCode}`;
	const traceId =
		body && typeof body === 'object' ? (body as { traceId?: unknown }).traceId : undefined;
	const description = [
		STATUS_HINTS[statusCode] ?? (statusCode >= 500 ? 'HighLevel had an internal error.' : ''),
		typeof traceId === 'string' ? `traceId: ${traceId}` : '',
	]
		.filter(Boolean)
		.join(' ');
	// Only the API's own answer is kept: never the request, whose headers hold the token.
	const errorResponse: JsonObject = {
		statusCode,
		message: apiMessage,
		...(body && typeof body === 'object' ? { response: body as JsonObject } : {}),
	};
	return new NodeApiError(ctx.getNode(), errorResponse, {
		message: `HighLevel: ${apiMessage}`,
		description,
		httpCode: String(statusCode),
		itemIndex,
	});
}

function backoffMs(attempt: number, policy: RetryPolicy): number {
	// Full jitter: spreads retries of parallel executions instead of synchronising them.
	const ceiling = Math.min(policy.maxWaitMs, 1000 * 2 ** attempt);
	return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** Why an agency Private Integration Token cannot act in a sub-account. */
export function agencyPrivateTokenError(node: INode, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, 'An agency Private Integration Token cannot act in a sub-account', {
		itemIndex,
		description:
			"HighLevel issues sub-account tokens (POST /oauth/locationToken) only for agency OAuth tokens of a Marketplace app, never for a Private Integration Token. Use the Agency OAuth2 credential (an agency app with the oauth.readonly and oauth.write scopes), or the sub-account's own credential.",
	});
}

/** The app ID of an agency OAuth2 credential: its App ID field, the token response, or the Client ID's prefix. */
function appIdOf(credentials: ICredentialDataDecryptedObject, tokenData: IDataObject): string | undefined {
	for (const value of [credentials.appId, tokenData.appId]) {
		if (typeof value === 'string' && value.trim()) return value.trim();
	}
	// HighLevel's client IDs are `<app ID>-<suffix>`.
	const clientId = typeof credentials.clientId === 'string' ? credentials.clientId.trim() : '';
	const dash = clientId.indexOf('-');
	return dash > 0 ? clientId.slice(0, dash) : undefined;
}

/** The token one attempt carries when it is not the credential's own: a sub-account token. */
interface Authorization {
	header: string;
	/** HighLevel refused it (401): the next attempt gets a new one. */
	renew(): void;
}

interface ClientSetup {
	credentialType: HighLevelCredentialType;
	credentials: ICredentialDataDecryptedObject;
	baseUrl: string;
	locationId: string | undefined;
	companyId: string | undefined;
	policy: RetryPolicy;
	/** Without it, requests go through the n8n credential (which refreshes an OAuth2 token on a 401). */
	authorize?: (itemIndex?: number) => Promise<Authorization>;
	forSubAccount(locationId: string, itemIndex?: number): HighLevelClient;
	requireAppId(itemIndex?: number): string;
}

export async function createHighLevelClient(
	ctx: HighLevelFunctions,
	credentialType: HighLevelCredentialType,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<HighLevelClient> {
	const credentials = await ctx.getCredentials(credentialType);
	const baseUrl = trimBaseUrl(credentials.baseUrl);
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	const fromCredential = (key: string) =>
		(isOAuth2(credentialType) ? (tokenData[key] as string | undefined) : (credentials[key] as string | undefined))
			?.toString()
			.trim() || undefined;
	const locationId = fromCredential('locationId');
	const companyId = fromCredential('companyId');
	const appId = credentialType === 'goHighLevelAgencyOAuth2Api' ? appIdOf(credentials, tokenData) : undefined;
	const subAccounts = new Map<string, HighLevelClient>();

	const agency: HighLevelClient = buildClient(ctx, {
		credentialType,
		credentials,
		baseUrl,
		locationId,
		companyId,
		policy,
		requireAppId(itemIndex?: number) {
			if (appId) return appId;
			throw new NodeOperationError(ctx.getNode(), 'The credential has no App ID', {
				itemIndex,
				description:
					credentialType === 'goHighLevelAgencyOAuth2Api'
						? "Listing the sub-accounts where the app is installed needs the Marketplace app's ID: set App ID in the credential (the part of the Client ID before its dash)"
						: 'Only an agency OAuth2 credential (a Marketplace app) lists the sub-accounts where it is installed',
			});
		},
		forSubAccount(subAccountId: string, itemIndex?: number) {
			if (credentialType === 'goHighLevelAgencyPrivateTokenApi') throw agencyPrivateTokenError(ctx.getNode(), itemIndex);
			if (credentialType !== 'goHighLevelAgencyOAuth2Api') {
				throw new NodeOperationError(ctx.getNode(), 'Only an agency OAuth2 credential can act in a chosen sub-account', { itemIndex });
			}
			const id = subAccountId.trim();
			if (!id) throw new NodeOperationError(ctx.getNode(), 'No sub-account chosen: Sub-Account is empty', { itemIndex });
			// HighLevel's location IDs are letters and digits; anything else would end up in a path.
			if (!/^[\w-]+$/.test(id)) {
				throw new NodeOperationError(ctx.getNode(), `Sub-Account "${id.slice(0, 60)}" is not a location ID`, { itemIndex });
			}
			let client = subAccounts.get(id);
			if (!client) {
				client = subAccountClient(id);
				subAccounts.set(id, client);
			}
			return client;
		},
	});

	/** A sub-account token for `subAccountId`, issued with the agency token. */
	async function issueSubAccountToken(subAccountId: string, itemIndex?: number) {
		const response = await agency.request<{ access_token?: unknown; expires_in?: unknown }>({
			method: 'POST',
			path: '/oauth/locationToken',
			form: { companyId: agency.requireCompanyId(itemIndex), locationId: subAccountId },
			version: HIGHLEVEL_API_VERSION.oauth,
			itemIndex,
			// Asking twice only issues a second token.
			idempotent: true,
		});
		if (typeof response.access_token !== 'string' || !response.access_token) {
			throw new NodeOperationError(ctx.getNode(), `HighLevel answered without a sub-account token for ${subAccountId}`, { itemIndex });
		}
		return { accessToken: response.access_token, expiresInSeconds: Number(response.expires_in) || undefined };
	}

	function subAccountTokenError(error: unknown, subAccountId: string, itemIndex?: number): unknown {
		const httpCode = Number((error as { httpCode?: unknown })?.httpCode);
		if (!(error instanceof NodeApiError) || !(httpCode >= 400 && httpCode < 500) || httpCode === 429) return error;
		const apiMessage = error.message.replace(/^HighLevel: /, '');
		const refused = httpCode === 401;
		return new NodeOperationError(
			ctx.getNode(),
			refused
				? `HighLevel refused the agency token a sub-account token for ${subAccountId}`
				: `HighLevel gave no sub-account token for ${subAccountId}: is the app installed there?`,
			{
				itemIndex,
				description: refused
					? `POST /oauth/locationToken takes an agency OAuth token with the oauth.write scope. Add oauth.readonly and oauth.write to the Marketplace app's scopes and to the credential's Scope, then reconnect the credential (HighLevel: ${apiMessage}).`
					: `HighLevel issues sub-account tokens only for sub-accounts of the agency where the app is installed (listed under Sub-Account > From List). Install the app in that sub-account, or check the location ID (HighLevel: ${apiMessage}).`,
			},
		);
	}

	function subAccountClient(subAccountId: string): HighLevelClient {
		const key = subAccountTokenKey(baseUrl, String(tokenData.access_token ?? ''), companyId ?? '', subAccountId);
		return buildClient(ctx, {
			credentialType,
			credentials,
			baseUrl,
			locationId: subAccountId,
			companyId,
			policy,
			async authorize(itemIndex?: number) {
				let token: SubAccountToken;
				try {
					token = await subAccountToken(key, async () => await issueSubAccountToken(subAccountId, itemIndex));
				} catch (error) {
					throw subAccountTokenError(error, subAccountId, itemIndex);
				}
				return { header: `Bearer ${token.accessToken}`, renew: () => dropSubAccountToken(key, token) };
			},
			requireAppId: agency.requireAppId,
			forSubAccount: agency.forSubAccount,
		});
	}

	return agency;
}

function buildClient(ctx: HighLevelFunctions, setup: ClientSetup): HighLevelClient {
	const { credentialType, credentials, baseUrl, locationId, companyId, policy, authorize } = setup;
	// HighLevel counts limits per app and location, or per company for agency calls.
	const bucketOwner = locationId ?? companyId ?? credentialType;
	const pacer: RateLimitPacer = getRateLimitPacer(`${baseUrl}|${bucketOwner}`);
	// Every wait (a turn in the window, a backoff) ends when the execution is stopped.
	const signal = cancelSignalOf(ctx);

	function quotaError(itemIndex?: number) {
		return new NodeOperationError(
			ctx.getNode(),
			'HighLevel daily request limit for this location is used up',
			{
				description:
					'HighLevel allows 200,000 requests per day per app and location (X-RateLimit-Daily-Remaining is 0). The workflow stopped instead of retrying; run it again after the daily reset.',
				itemIndex,
			},
		);
	}

	async function request<T>(req: HighLevelRequest): Promise<T> {
		const idempotent = req.idempotent ?? isIdempotentMethod(req.method);
		const options: IHttpRequestOptions = {
			method: req.method,
			url: `${baseUrl}${req.path}`,
			headers: {
				Accept: 'application/json',
				Version: req.version ?? HIGHLEVEL_API_VERSION.contacts,
				...(req.form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
			},
			qs: req.query,
			body: req.form ? new URLSearchParams(req.form).toString() : req.body,
			json: true,
		};
		if (options.body === undefined) delete options.body;
		if (req.query === undefined) delete options.qs;

		let retries = 0;
		let renewed = false;
		let firstRateLimitedAt: number | undefined;
		let firstOutageAt: number | undefined;
		const outageGoesOn = () => Date.now() - (firstOutageAt ??= Date.now()) < policy.outageTimeoutMs;
		for (;;) {
			if (pacer.dailyQuotaSpent()) throw quotaError(req.itemIndex);
			// A sub-account token is got before the turn in this window: issuing it is the agency's request.
			const authorization = authorize ? await authorize(req.itemIndex) : undefined;
			const booking = await pacer.acquire(signal);
			let response: Awaited<ReturnType<typeof authenticatedRequest>>;
			try {
				response = authorization
					? await authenticatedRequest(ctx, undefined, {
							...options,
							headers: { ...options.headers, Authorization: authorization.header },
						})
					: await authenticatedRequest(ctx, credentialType, options, credentials);
			} finally {
				// Also when stopped: a booking left in flight would hold its slot for good.
				pacer.settle(booking);
			}
			if (response.statusCode === undefined) {
				if (response.refreshRefused) throw refreshRefusedError(ctx.getNode(), 'HighLevel', req.itemIndex);
				const notSent = response.code !== undefined && NOT_SENT_CODES.has(response.code);
				if (response.code && ((notSent && outageGoesOn()) || (idempotent && retries < policy.maxRetries))) {
					await abortableSleep(backoffMs(retries++, policy), signal);
					continue;
				}
				throw new NodeOperationError(
					ctx.getNode(),
					// No error code in the message: n8n would swap such a message for its generic text.
					response.code ? `HighLevel could not be reached at ${baseUrl}` : `Request to HighLevel failed: ${response.message}`,
					{
						itemIndex: req.itemIndex,
						description: `Check the Base URL of the credential and that the host is reachable (${response.code ?? 'no HTTP answer'}: ${response.message})`,
					},
				);
			}
			const limits = readRateLimitHeaders(response.headers);
			pacer.observe(limits, Date.now(), booking, response.statusCode === 429);
			const { statusCode } = response;
			if (statusCode < 300) return (response.body ?? {}) as T;
			// An expired or revoked sub-account token: once per request, with a new one.
			if (statusCode === 401 && authorization && !renewed) {
				authorization.renew();
				renewed = true;
				continue;
			}

			if (statusCode === 429 && limits.dailyRemaining === 0) throw quotaError(req.itemIndex);
			// Waiting for a turn in a full window is not a failed attempt, up to the timeout.
			const waitingForTurn =
				statusCode === 429 &&
				limits.remaining !== undefined &&
				Date.now() - (firstRateLimitedAt ??= Date.now()) < policy.rateLimitTimeoutMs;
			const retryable = RETRYABLE_ALWAYS.has(statusCode) || (idempotent && statusCode >= 500);
			const outage = OUTAGE_STATUSES.has(statusCode) && outageGoesOn();
			if (waitingForTurn || outage || (retryable && retries < policy.maxRetries)) {
				const attempt = waitingForTurn ? retries : retries++;
				if (statusCode === 429) {
					if (limits.remaining !== undefined) pacer.rateLimited(booking);
					// The window frees when its oldest request expires; the pacer already knows
					// when that is. A little jitter keeps parallel executions from colliding.
					const turn = pacer.waitTime();
					const paced =
						limits.remaining === undefined && limits.intervalMs === undefined
							? backoffMs(attempt, policy)
							: Math.min(policy.maxWaitMs, Math.max(turn, Math.min(250, pacer.intervalMs * 0.02)));
					// A proxy or gateway in front of HighLevel may say how long, in seconds or as a date.
					const told = retryAfterMs(response.headers, { minMs: 0, maxMs: policy.maxWaitMs, fallbackMs: 0 });
					// When the pacer's count already holds the window full (another worker's requests
					// booked from this answer), the request waits its turn there like every other one:
					// pausing the whole location on top left the slots that freed meanwhile unused.
					if (told > 0 || limits.remaining === undefined || turn === 0) {
						pacer.pauseFor(Math.max(paced, told) + Math.random() * Math.min(1000, pacer.intervalMs * 0.05));
					}
				} else {
					await abortableSleep(backoffMs(attempt, policy), signal);
				}
				continue;
			}
			throw highLevelApiError(ctx, statusCode, response.body, req.itemIndex);
		}
	}

	return {
		credentialType,
		baseUrl,
		locationId,
		companyId,
		request,
		suggestedConcurrency: () => pacer.concurrency(),
		forSubAccount: setup.forSubAccount,
		requireAppId: setup.requireAppId,
		requireLocationId(itemIndex?: number) {
			if (locationId) return locationId;
			throw new NodeOperationError(
				ctx.getNode(),
				isOAuth2(credentialType)
					? 'The OAuth2 token carries no location ID: connect the credential to a sub-account (Location), not an agency'
					: 'The credential has no Location ID',
				{ itemIndex },
			);
		},
		requireCompanyId(itemIndex?: number) {
			if (companyId) return companyId;
			throw new NodeOperationError(
				ctx.getNode(),
				isOAuth2(credentialType)
					? 'The OAuth2 token carries no company ID: install the app as an agency (Company) app'
					: 'The credential has no Company ID',
				{ itemIndex },
			);
		},
	};
}
