import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	RequestHelperFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cancelSignalOf, throwIfAborted } from './abort';

/** What n8n's context offers for requests; every node context (execute, hook, webhook, …) has it. */
type RequestContext = { helpers: RequestHelperFunctions };

export interface HttpAnswer {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/** Why a request got no HTTP answer at all (connection refused, reset, timed out). */
export interface HttpFailure {
	statusCode?: undefined;
	code?: string;
	message: string;
	/**
	 * n8n could not refresh the OAuth2 token: the API refused the stored refresh token
	 * (`invalid_grant`), so only reconnecting the credential helps.
	 */
	refreshRefused?: boolean;
}

/** n8n-core's error for a refresh token the server refused, or the refusal itself. */
function isRefreshRefusal(error: unknown): boolean {
	const { failure, body } = (error ?? {}) as { failure?: { cause?: unknown }; body?: { error?: unknown } };
	return failure?.cause === 'credential-invalid' || body?.error === 'invalid_grant';
}

const NETWORK_ERROR_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ECONNABORTED',
]);

/** Status, headers and body from whatever n8n's HTTP helper threw. */
function answerOfThrown(error: unknown): HttpAnswer | undefined {
	for (const candidate of [(error as { response?: unknown })?.response, (error as { cause?: { response?: unknown } })?.cause?.response]) {
		const response = candidate as
			| { status?: number; statusCode?: number; headers?: Record<string, unknown>; data?: unknown; body?: unknown }
			| undefined;
		const statusCode = response?.status ?? response?.statusCode;
		if (typeof statusCode === 'number') {
			return { statusCode, headers: response?.headers ?? {}, body: response?.data ?? response?.body };
		}
	}
	const httpCode = Number((error as { httpCode?: unknown })?.httpCode);
	if (Number.isInteger(httpCode) && httpCode >= 100) {
		return { statusCode: httpCode, headers: {}, body: { message: (error as Error).message } };
	}
	return undefined;
}

function networkErrorCode(error: unknown): string | undefined {
	for (const e of [error, (error as { cause?: unknown })?.cause]) {
		const code = (e as { code?: unknown })?.code;
		if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) return code;
	}
	return undefined;
}

/** The error for a refused refresh token: HighLevel or Gumroad answered, and no retry or Base URL helps. */
export function refreshRefusedError(node: INode, api: string, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(node, `${api} refused the stored refresh token: reconnect the credential`, {
		itemIndex,
		description: `${api} answered n8n's token refresh with invalid_grant: the refresh token was revoked, has expired, or was used already (${api === 'HighLevel' ? "HighLevel's refresh tokens work once, so another n8n or a copy of the credential may have used it" : 'for example by another copy of the credential'}). Open the credential and click Reconnect.`,
	});
}

/**
 * One request through the credential, answered as status, headers and body whatever the status,
 * or as the reason there was no answer. Non-2xx answers still throw inside n8n (that is what makes
 * it refresh an expired OAuth2 token); only their status, headers and body are kept, never the
 * thrown error, which carries the request and its token.
 *
 * `decrypted` is the credential's data when the caller has already loaded it: n8n then skips
 * loading and decrypting it from its database for every request. n8n-core ignores it for OAuth2
 * credentials (it loads those itself, to refresh their token), so callers pass it whatever the type.
 */
export async function authenticatedRequest(
	ctx: RequestContext,
	/** None: the request goes without any credential (an endpoint that takes no token). */
	credentialType: string | undefined,
	options: IHttpRequestOptions,
	decrypted?: ICredentialDataDecryptedObject,
): Promise<HttpAnswer | HttpFailure> {
	// A stopped execution sends nothing more, and its request in flight is cut off.
	const signal = cancelSignalOf(ctx);
	throwIfAborted(signal);
	// One controller per request, linked to the execution's signal only while it runs: an HTTP
	// client may leave its listener on the signal it is given, and thousands of listeners on the
	// one execution signal would make every further request slower.
	const request = signal ? new AbortController() : undefined;
	const abortRequest = () => request?.abort();
	signal?.addEventListener('abort', abortRequest, { once: true });
	const sent: IHttpRequestOptions = { ...options, returnFullResponse: true, ...(request ? { abortSignal: request.signal } : {}) };
	try {
		if (credentialType === undefined) return (await ctx.helpers.httpRequest(sent)) as HttpAnswer;
		return (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx as IExecuteFunctions,
			credentialType,
			sent,
			decrypted ? { credentialsDecrypted: { id: '', name: credentialType, type: credentialType, data: decrypted } } : undefined,
		)) as HttpAnswer;
	} catch (error) {
		throwIfAborted(signal);
		if (isRefreshRefusal(error)) return { refreshRefused: true, message: (error as Error)?.message ?? String(error) };
		return answerOfThrown(error) ?? { code: networkErrorCode(error), message: (error as Error)?.message ?? String(error) };
	} finally {
		signal?.removeEventListener('abort', abortRequest);
	}
}
