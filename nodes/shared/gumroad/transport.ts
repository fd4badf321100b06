import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { abortableSleep, cancelSignalOf } from '../abort';
import { authenticatedRequest, refreshRefusedError } from '../authenticatedRequest';
import { retryAfterMs } from '../retryAfter';

export const GUMROAD_BASE_URL = 'https://api.gumroad.com';

export type GumroadCredentialType = 'gumroadAccessTokenApi' | 'gumroadAppOAuth2Api';

export type GumroadFunctions = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions | IPollFunctions;

export interface GumroadRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. `/v2/sales`. */
	path: string;
	query?: IDataObject;
	/** Sent form-encoded, as Gumroad's API expects parameters. */
	form?: IDataObject;
	/**
	 * Sent as JSON instead: Rails reads a list of hashes (an upsell's version offers, an upload's
	 * parts) from JSON, while n8n's form encoding indexes it (`parts[0][etag]`), which Gumroad's
	 * controllers do not read as a list.
	 */
	json?: IDataObject;
	itemIndex?: number;
	/** Give up after this long (webhook checks must answer Gumroad within its 5 s timeout). */
	timeoutMs?: number;
	/** The OAuth scope this request needs (e.g. `edit_products`): named in the hint of a 403. */
	scope?: string;
	/** Sent without the credential: the endpoint takes no token (license verification). */
	withoutCredential?: boolean;
	/** A refusal that is an answer, not an error (an unknown license key): its body is returned. */
	isAnswer?: (statusCode: number, body: IDataObject) => boolean;
}

/**
 * Gumroad documents no general rate limit, but Rack::Attack throttles some listings and answers
 * 429 ("Retry later", with or without `Retry-After`); a proxy in front of the API may too.
 */
const MAX_RATE_LIMIT_RETRIES = 5;
const RETRY_AFTER = { minMs: 1000, maxMs: 60_000, fallbackMs: 2000 };

const STATUS_HINTS: Record<number, string> = {
	401: 'Gumroad rejected the access token: it was revoked or mistyped. Generate a new one (Settings > Advanced > Applications) or reconnect the OAuth2 credential.',
	403: 'The token lacks the scope this needs: view_sales for sales, subscribers and webhooks; view_profile or edit_products for products.',
	404: 'Gumroad does not know this resource.',
	429: `Gumroad is limiting requests: still refused after ${MAX_RATE_LIMIT_RETRIES} waits of its Retry-After (at least 1 s each). Run fewer Gumroad requests at once, or try again later.`,
};

function scopeHint(scope: string) {
	return `The token lacks the scope this needs: ${scope} (or account). Add it to the OAuth2 credential's scopes and reconnect; a personal access token has all public scopes.`;
}

/** Gumroad's own text: `message` in most answers, `error` in its 400s (`error_400`) and JSON 404s. */
function gumroadMessage(body: unknown): string | undefined {
	// Plain text ("Retry later"), never an HTML error page.
	if (typeof body === 'string') return body.trim().startsWith('<') ? undefined : body.trim().slice(0, 500) || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const { message, error } = body as IDataObject;
	for (const text of [message, error]) if (typeof text === 'string' && text.trim()) return text.trim();
	return undefined;
}

function errorHint(statusCode: number, own: string | undefined, scope: string | undefined): string | undefined {
	// Doorkeeper refuses a missing scope with an empty body; a 403 with Gumroad's own text refuses
	// something else (the tax center not enabled for the account), which no scope changes.
	if (statusCode === 403) {
		if (own) return undefined;
		return scope ? scopeHint(scope) : STATUS_HINTS[403];
	}
	return STATUS_HINTS[statusCode] ?? (statusCode >= 500 ? 'Gumroad had an internal error; try again later.' : undefined);
}

function gumroadError(ctx: GumroadFunctions, statusCode: number, body: unknown, itemIndex?: number, scope?: string) {
	const own = gumroadMessage(body);
	const message = own ?? `HTTP ${statusCode}`;
	const errorResponse: JsonObject = { statusCode, message };
	return new NodeApiError(ctx.getNode(), errorResponse, {
		message: `Gumroad: ${message}`,
		description: errorHint(statusCode, own, scope),
		httpCode: String(statusCode),
		itemIndex,
	});
}

function baseUrlOf(credentials: IDataObject) {
	const url = typeof credentials.baseUrl === 'string' && credentials.baseUrl.trim() ? credentials.baseUrl.trim() : GUMROAD_BASE_URL;
	return url.replace(/\/+$/, '');
}

export interface GumroadClient {
	readonly baseUrl: string;
	/**
	 * One request to Gumroad's API v2. Gumroad answers many failures with HTTP 200 and
	 * `success: false`; those become errors with Gumroad's message, like any non-2xx.
	 */
	request<T extends IDataObject = IDataObject>(request: GumroadRequest): Promise<T>;
}

/**
 * A client for one node run or webhook call: the credential is loaded once, not per request.
 * Without a credential type (the Gumroad node's Authentication "None") it sends every request
 * without one, to `baseUrl`.
 */
export async function createGumroadClient(
	ctx: GumroadFunctions,
	credentialType: GumroadCredentialType | undefined,
	options: { baseUrl?: string } = {},
): Promise<GumroadClient> {
	const credentials = credentialType ? await ctx.getCredentials(credentialType) : undefined;
	const baseUrl = baseUrlOf(credentials ?? { baseUrl: options.baseUrl });

	async function request<T extends IDataObject = IDataObject>(request: GumroadRequest): Promise<T> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}${request.path}`,
			headers: { Accept: 'application/json' },
			json: true,
			...(request.query ? { qs: request.query } : {}),
			...(request.form
				? { body: request.form, headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' } }
				: {}),
			...(request.json ? { body: request.json, headers: { Accept: 'application/json', 'Content-Type': 'application/json' } } : {}),
			...(request.timeoutMs ? { timeout: request.timeoutMs } : {}),
		};
		const send = async () =>
			request.withoutCredential ? await authenticatedRequest(ctx, undefined, options) : await authenticatedRequest(ctx, credentialType, options, credentials);
		let answer = await send();
		// A request with its own deadline (a webhook's check inside Gumroad's 5 s) cannot wait.
		const retries = request.timeoutMs ? 0 : MAX_RATE_LIMIT_RETRIES;
		for (let retry = 0; answer.statusCode === 429 && retry < retries; retry++) {
			await abortableSleep(retryAfterMs(answer.headers, RETRY_AFTER), cancelSignalOf(ctx));
			answer = await send();
		}
		if (answer.statusCode === undefined) {
			if (answer.refreshRefused) throw refreshRefusedError(ctx.getNode(), 'Gumroad', request.itemIndex);
			throw new NodeOperationError(ctx.getNode(), `Gumroad could not be reached at ${baseUrl}`, {
				itemIndex: request.itemIndex,
				description: answer.message,
			});
		}
		const { statusCode, body } = answer;
		if (body && typeof body === 'object' && request.isAnswer?.(statusCode, body as IDataObject)) return body as T;
		if (statusCode >= 300 || !body || typeof body !== 'object' || (body as IDataObject).success === false) {
			throw gumroadError(ctx, statusCode, body, request.itemIndex, request.scope);
		}
		return body as T;
	}

	return { baseUrl, request };
}

/** The key of the next page of a `page_key` listing, when Gumroad says there is one. */
export function nextPageKey(response: IDataObject): string | undefined {
	return typeof response.next_page_key === 'string' && response.next_page_key ? response.next_page_key : undefined;
}

/**
 * Gumroad's `page_key` paging (sales, subscribers, newer products): follows `next_page_key`
 * with the same filters until it is absent, `max` records are in, or a record meets `stopAt`
 * (newest-first lists: the first record older than wanted ends the listing, without it).
 */
export async function paginatePageKey(
	client: GumroadClient,
	request: GumroadRequest,
	listKey: string,
	max = Number.POSITIVE_INFINITY,
	stopAt?: (record: IDataObject) => boolean,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	let pageKey: string | undefined;
	let stopped = false;
	do {
		const response = await client.request({
			...request,
			query: { ...request.query, ...(pageKey ? { page_key: pageKey } : {}) },
		});
		for (const record of (response[listKey] as IDataObject[] | undefined) ?? []) {
			if (records.length >= max || (stopAt && stopAt(record))) {
				stopped = true;
				break;
			}
			records.push(record);
		}
		pageKey = nextPageKey(response);
	} while (pageKey && !stopped && records.length < max);
	return records;
}
