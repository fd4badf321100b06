import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { abortableSleep, cancelSignalOf } from '../abort';

import { authenticatedRequest } from '../authenticatedRequest';
import { retryAfterMs } from '../retryAfter';
import { SNAPSHOTS_REQUIRED_SCOPE } from '../../../credentials/SnapshotsApi.credentials';

const MAX_RATE_LIMIT_RETRIES = 5;
/** `Retry-After: 0` would resend at once, six times in a few ms; a day ahead would hold the run. */
const RETRY_AFTER = { minMs: 500, maxMs: 60_000, fallbackMs: 1000 };

export interface SnapshotsRequest {
	method: IHttpRequestMethods;
	path: string;
	query?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
}

export interface SnapshotsResponse {
	statusCode: number;
	body: IDataObject;
}

export interface SnapshotsClient {
	request(request: SnapshotsRequest): Promise<SnapshotsResponse>;
}

function errorOf(body: unknown): IDataObject {
	const error = (body as { error?: unknown } | undefined)?.error;
	return error && typeof error === 'object' ? (error as IDataObject) : {};
}

const textOf = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * The server's own explanation, whichever common shape it comes in: `{error: {message}}` (the
 * product description's), `message`, `error` as text, `errors[]`, `detail`, `title`, or a plain
 * text body.
 */
function serverMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return textOf(body)?.slice(0, 500);
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const fields = body as IDataObject;
	const errors = Array.isArray(fields.errors)
		? fields.errors.map((entry) => textOf(entry) ?? textOf((entry as IDataObject)?.message) ?? textOf((entry as IDataObject)?.detail)).filter(Boolean)
		: [];
	return (
		textOf(errorOf(body).message) ??
		textOf(fields.message) ??
		textOf(fields.error) ??
		(errors.length > 0 ? errors.join('; ') : undefined) ??
		textOf(fields.detail) ??
		textOf(fields.title)
	);
}

/**
 * The Snapshots API client: the key as Bearer (through n8n's credential), its base URL, 429
 * answered by waiting Retry-After, a 403 explained by the scope the API requires, and error
 * bodies turned into node errors with the server's own message.
 */
export async function createSnapshotsClient(ctx: IExecuteFunctions | ILoadOptionsFunctions): Promise<SnapshotsClient> {
	const credentials = await ctx.getCredentials('snapshotsApi');
	const baseUrl = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	if (!/^https?:\/\//.test(baseUrl)) {
		throw new NodeOperationError(ctx.getNode(), 'The Snapshots API credential needs a Base URL (http or https)');
	}

	async function request(req: SnapshotsRequest): Promise<SnapshotsResponse> {
		for (let attempt = 0; ; attempt++) {
			const answer = await authenticatedRequest(ctx, 'snapshotsApi', {
				method: req.method,
				url: `${baseUrl}${req.path}`,
				qs: req.query,
				body: req.body,
				json: true,
			}, credentials);
			if (answer.statusCode === undefined) {
				throw new NodeOperationError(ctx.getNode(), `The Snapshots API could not be reached at ${baseUrl}`, {
					itemIndex: req.itemIndex,
					description: answer.message,
				});
			}
			const { statusCode, body, headers } = answer;
			if (statusCode < 300) return { statusCode, body: (body ?? {}) as IDataObject };
			if (statusCode === 429 && attempt < MAX_RATE_LIMIT_RETRIES) {
				await abortableSleep(retryAfterMs(headers, RETRY_AFTER), cancelSignalOf(ctx));
				continue;
			}
			const error = errorOf(body);
			const message = serverMessage(body) ?? `HTTP ${statusCode}`;
			const noEndpoint = (statusCode === 404 || statusCode === 405) && req.method !== 'GET';
			throw new NodeApiError(ctx.getNode(), { statusCode, message } as JsonObject, {
				message: `Snapshots API: ${message}`,
				description: [
					`${req.method} ${req.path} answered HTTP ${statusCode}.`,
					noEndpoint ? `The server has no such endpoint: does your Snapshots API support ${req.method} on ${req.path.replace(/^(\/[^/]+)\/[^/]+$/, '$1/{id}')}?` : '',
					error.code ? `Code: ${String(error.code)}` : '',
					Array.isArray(error.fields) ? `Fields: ${JSON.stringify(error.fields)}` : '',
					statusCode === 403 ? `The key needs the scope ${String(error.required_scope ?? SNAPSHOTS_REQUIRED_SCOPE)}.` : '',
				]
					.filter(Boolean)
					.join(' '),
				httpCode: String(statusCode),
				itemIndex: req.itemIndex,
			});
		}
	}

	return { request };
}
