import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { abortableSleep, cancelSignalOf } from '../abort';

import { authenticatedRequest } from '../authenticatedRequest';
import { SNAPSHOTS_REQUIRED_SCOPE } from '../../../credentials/SnapshotsApi.credentials';

const MAX_RATE_LIMIT_RETRIES = 5;
const MAX_RETRY_AFTER_MS = 60_000;

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

function retryAfterMs(headers: Record<string, unknown> | undefined): number {
	const value = Number(headers?.['retry-after']);
	return Number.isFinite(value) && value >= 0 ? Math.min(value * 1000, MAX_RETRY_AFTER_MS) : 1000;
}

/**
 * The Snapshots API client: the key as Bearer (through n8n's credential), its base URL, the
 * scope the API requires checked before anything is sent, 429 answered by waiting Retry-After,
 * and error bodies (`{error: {code, message}}`) turned into readable node errors.
 */
export async function createSnapshotsClient(ctx: IExecuteFunctions): Promise<SnapshotsClient> {
	const credentials = await ctx.getCredentials('snapshotsApi');
	const baseUrl = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	if (!/^https?:\/\//.test(baseUrl)) {
		throw new NodeOperationError(ctx.getNode(), 'The Snapshots API credential needs a Base URL (http or https)');
	}
	const scopes = String(credentials.scopes ?? '').split(/[\s,]+/).filter(Boolean);
	if (!scopes.includes(SNAPSHOTS_REQUIRED_SCOPE)) {
		throw new NodeOperationError(ctx.getNode(), `The Snapshots API key must have the scope ${SNAPSHOTS_REQUIRED_SCOPE}`, {
			description: `Granted scopes in the credential: ${scopes.join(' ') || 'none'}. Create a key with ${SNAPSHOTS_REQUIRED_SCOPE} and list it under Granted Scopes.`,
		});
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
				await abortableSleep(retryAfterMs(headers), cancelSignalOf(ctx));
				continue;
			}
			const error = errorOf(body);
			const message = typeof error.message === 'string' ? error.message : `HTTP ${statusCode}`;
			throw new NodeApiError(ctx.getNode(), { statusCode, ...error } as JsonObject, {
				message: `Snapshots API: ${message}`,
				description: [
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
