import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { GoHighLevelAgencyOAuth2Api } from '../../credentials/GoHighLevelAgencyOAuth2Api.credentials';
import { GoHighLevelAgencyPrivateTokenApi } from '../../credentials/GoHighLevelAgencyPrivateTokenApi.credentials';
import { GoHighLevelOAuth2Api } from '../../credentials/GoHighLevelOAuth2Api.credentials';
import { GoHighLevelPrivateTokenApi } from '../../credentials/GoHighLevelPrivateTokenApi.credentials';
import { HighLevelContacts } from '../../nodes/HighLevelContacts/HighLevelContacts.node';
import { resetRateLimitPacers } from '../../nodes/shared/highlevel/rateLimit';
import { afterAll, beforeAll, beforeEach } from 'vitest';

import { startHighLevelDouble } from '../doubles/highlevel/server.mjs';
import { listSearch, loadOptions, runNode, type RunNodeOptions, type RunNodeResult } from '../harness';

export const LOCATION_ID = 'loc1';
export const PIT = 'pit-secret-token-0123456789';
export const credentialTypes = [
	new GoHighLevelOAuth2Api(),
	new GoHighLevelPrivateTokenApi(),
	new GoHighLevelAgencyOAuth2Api(),
	new GoHighLevelAgencyPrivateTokenApi(),
];

export type HighLevelDouble = Awaited<ReturnType<typeof startHighLevelDouble>>;

export async function startDouble(options: IDataObject = {}): Promise<HighLevelDouble> {
	resetRateLimitPacers();
	return await startHighLevelDouble({ port: 0, tokens: { [PIT]: { locationId: LOCATION_ID } }, ...options });
}

/** One double for a test file, reset (rate limit off) and given `prepare` before each test. */
export function doubleOfFile(prepare: (double: HighLevelDouble) => void = () => {}): { double: HighLevelDouble } {
	const file = {} as { double: HighLevelDouble };
	beforeAll(async () => { file.double = await startDouble(); });
	afterAll(async () => { await file.double.close(); });
	beforeEach(() => { file.double.reset(); file.double.setRateLimit(false); prepare(file.double); });
	return file;
}

export function privateTokenCredentials(double: HighLevelDouble, overrides: IDataObject = {}) {
	return {
		goHighLevelPrivateTokenApi: { accessToken: PIT, locationId: LOCATION_ID, baseUrl: double.url, ...overrides },
	};
}

export interface RunContactsOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** See runNode: the running execution, to stop it. */
	onStarted?: RunNodeOptions['onStarted'];
	/** The node version the workflow stored (default: the newest). */
	typeVersion?: number;
}

/** Runs the HighLevel Contacts node through n8n's engine against the double. */
export async function runContacts(
	double: HighLevelDouble,
	parameters: INodeParameters,
	options: RunContactsOptions = {},
): Promise<RunNodeResult> {
	return await runNode({
		node: new HighLevelContacts(),
		parameters: { authentication: 'goHighLevelPrivateTokenApi', ...parameters },
		credentials: options.credentials ?? privateTokenCredentials(double),
		credentialTypes,
		items: options.items,
		continueOnFail: options.continueOnFail,
		onStarted: options.onStarted,
		typeVersion: options.typeVersion,
	});
}

export async function searchContactsList(double: HighLevelDouble, method: string, filter?: string) {
	return await listSearch({
		node: new HighLevelContacts(),
		method,
		filter,
		parameters: { authentication: 'goHighLevelPrivateTokenApi', resource: 'contact', operation: 'create' },
		credentials: privateTokenCredentials(double),
		credentialTypes,
	});
}

export async function loadContactsOptions(double: HighLevelDouble, method: string) {
	return await loadOptions({
		node: new HighLevelContacts(),
		method,
		parameters: { authentication: 'goHighLevelPrivateTokenApi', resource: 'contact', operation: 'create' },
		credentials: privateTokenCredentials(double),
		credentialTypes,
	});
}

/** Requests the double received after `since` (an index into `double.requests`). */
export function requestsSince(double: HighLevelDouble, since: number) {
	return double.requests.slice(since) as Array<{
		method: string;
		path: string;
		query: IDataObject;
		headers: Record<string, string>;
		body: IDataObject | undefined;
		status: number;
	}>;
}
