import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GoHighLevelOAuth2Api } from '../../credentials/GoHighLevelOAuth2Api.credentials';
import { GoHighLevelPrivateTokenApi } from '../../credentials/GoHighLevelPrivateTokenApi.credentials';
import { GumroadAccessTokenApi } from '../../credentials/GumroadAccessTokenApi.credentials';
import { GumroadAppOAuth2Api } from '../../credentials/GumroadAppOAuth2Api.credentials';
import { Gumroad } from '../../nodes/Gumroad/Gumroad.node';
import { GumroadTrigger } from '../../nodes/GumroadTrigger/GumroadTrigger.node';
import { afterAll, beforeAll, beforeEach } from 'vitest';

import { type GumroadDouble, startGumroadDouble } from '../doubles/gumroad/server.mjs';
import { createTriggerHarness, listSearch, runNode } from '../harness';

export const GUMROAD_TOKEN = 'gumroad-secret-token-42';
export const credentialTypes = [
	new GumroadAccessTokenApi(),
	new GumroadAppOAuth2Api(),
	new GoHighLevelOAuth2Api(),
	new GoHighLevelPrivateTokenApi(),
];
export const ALL_EVENTS = [
	'sale',
	'refund',
	'dispute',
	'dispute_won',
	'cancellation',
	'subscription_updated',
	'subscription_ended',
	'subscription_restarted',
];

export type { GumroadDouble };

export async function startGumroad(options: IDataObject = {}) {
	return await startGumroadDouble({ port: 0, tokens: { [GUMROAD_TOKEN]: { scopes: ['view_sales'] } }, ...options });
}

export const gumroadCredentials = (double: GumroadDouble) => ({
	gumroadAccessTokenApi: { accessToken: GUMROAD_TOKEN, baseUrl: double.url },
});

/** `downstream` runs in the node after the trigger, e.g. to make the workflow slow. */
export async function startTrigger(
	double: GumroadDouble,
	parameters: INodeParameters = {},
	downstream?: () => unknown,
	harnessOptions: { staticDataPerRequest?: boolean; staticDataSaveDelayMs?: number; workflowStaticData?: IDataObject } = {},
) {
	const harness = await createTriggerHarness({
		...harnessOptions,
		node: new GumroadTrigger(),
		parameters: { authentication: 'gumroadAccessTokenApi', events: ALL_EVENTS, ...parameters },
		credentials: gumroadCredentials(double),
		credentialTypes,
		downstream,
	});
	await harness.listen();
	return harness;
}

export async function runGumroad(double: GumroadDouble, parameters: INodeParameters, items?: IDataObject[], typeVersion?: number) {
	return await runNode({
		node: new Gumroad(),
		parameters: { authentication: 'gumroadAccessTokenApi', ...parameters },
		credentials: gumroadCredentials(double),
		credentialTypes,
		items,
		typeVersion,
	});
}

/** A personal access token: all public scopes (GUMROAD_TOKEN has view_sales only). */
export const FULL_TOKEN = 'gumroad-full-scopes-token';

/**
 * One double for a test file, reset before each test with FULL_TOKEN accepted, and the Gumroad
 * node run (`run`) or its list searches called (`search`) with that token.
 */
export function gumroadOfFile() {
	const file = {} as { double: GumroadDouble };
	beforeAll(async () => {
		file.double = await startGumroad();
	});
	afterAll(async () => {
		await file.double.close();
	});
	beforeEach(() => {
		file.double.reset();
		file.double.addToken(FULL_TOKEN);
	});
	const credentials = () => ({ gumroadAccessTokenApi: { accessToken: FULL_TOKEN, baseUrl: file.double.url } });
	const parametersOf = (parameters: INodeParameters) => ({ authentication: 'gumroadAccessTokenApi', ...parameters });
	return {
		get double() {
			return file.double;
		},
		run: async (parameters: INodeParameters, options: { items?: IDataObject[]; typeVersion?: number } = {}) =>
			await runNode({ node: new Gumroad(), parameters: parametersOf(parameters), credentials: credentials(), credentialTypes, ...options }),
		search: async (method: string, parameters: INodeParameters, filter?: string, paginationToken?: string) =>
			await listSearch({ node: new Gumroad(), method, filter, paginationToken, parameters: parametersOf(parameters), credentials: credentials(), credentialTypes }),
	};
}
