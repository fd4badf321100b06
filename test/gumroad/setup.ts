import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GoHighLevelOAuth2Api } from '../../credentials/GoHighLevelOAuth2Api.credentials';
import { GoHighLevelPrivateTokenApi } from '../../credentials/GoHighLevelPrivateTokenApi.credentials';
import { GumroadAccessTokenApi } from '../../credentials/GumroadAccessTokenApi.credentials';
import { GumroadAppOAuth2Api } from '../../credentials/GumroadAppOAuth2Api.credentials';
import { Gumroad } from '../../nodes/Gumroad/Gumroad.node';
import { GumroadTrigger } from '../../nodes/GumroadTrigger/GumroadTrigger.node';
import { type GumroadDouble, startGumroadDouble } from '../doubles/gumroad/server.mjs';
import { createTriggerHarness, runNode } from '../harness';

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
