import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { randomBytes } from 'crypto';

import { createGumroadClient, type GumroadClient, type GumroadCredentialType } from '../shared/gumroad/transport';

/** What the trigger keeps about its Gumroad registration, in the workflow's static data. */
export interface SubscriptionState {
	/** Per-webhook secret in the subscribed URL: Gumroad does not sign pings. */
	secret?: string;
	/** resource_name → resource_subscription id created by this node. */
	subscriptionIds?: Record<string, string>;
	/**
	 * The seller account of the credential, learnt from the first purchase ping. Forgotten with
	 * the subscriptions: a re-activation may come with another account's credential.
	 */
	sellerUserId?: string;
}

interface ResourceSubscription {
	id: string;
	resource_name: string;
	post_url: string;
}

export const SECRET_PARAMETER = 'gumroad_secret';

const clientOf = async (ctx: IHookFunctions) =>
	await createGumroadClient(ctx, ctx.getNodeParameter('authentication') as GumroadCredentialType);

function webhookUrl(ctx: IHookFunctions) {
	return ctx.getNodeWebhookUrl('default') as string;
}

/** The URL Gumroad posts to: n8n's webhook URL plus this activation's secret. */
export function subscribedUrl(base: string, secret: string) {
	return `${base}${base.includes('?') ? '&' : '?'}${SECRET_PARAMETER}=${encodeURIComponent(secret)}`;
}

async function listSubscriptions(client: GumroadClient, resourceName: string) {
	const response = await client.request({
		method: 'GET',
		path: '/v2/resource_subscriptions',
		query: { resource_name: resourceName },
	});
	return (response.resource_subscriptions as ResourceSubscription[] | undefined) ?? [];
}

/** Subscriptions that post to this node's webhook URL, whatever secret they carry. */
function isOurs(subscription: ResourceSubscription, base: string) {
	return subscription.post_url === base || subscription.post_url.startsWith(`${base}?`);
}

export async function subscriptionsExist(ctx: IHookFunctions, events: string[]): Promise<boolean> {
	const state = ctx.getWorkflowStaticData('node') as SubscriptionState;
	if (!state.secret || !state.subscriptionIds) return false;
	const expected = subscribedUrl(webhookUrl(ctx), state.secret);
	const client = await clientOf(ctx);
	for (const event of events) {
		const id = state.subscriptionIds[event];
		if (!id) return false;
		const live = await listSubscriptions(client, event);
		if (!live.some((subscription) => subscription.id === id && subscription.post_url === expected)) return false;
	}
	// Events no longer selected must not keep firing.
	return Object.keys(state.subscriptionIds).every((event) => events.includes(event));
}

/** Gumroad refuses local and private post URLs with a bare "Invalid post URL": say what to do. */
function throwWithUrlHint(ctx: IHookFunctions, error: unknown, url: string): never {
	if (error instanceof NodeApiError && /post url/i.test(error.message)) {
		throw new NodeApiError(ctx.getNode(), { message: error.message }, {
			message: `Gumroad refused the webhook URL ${url.split('?')[0]}`,
			description:
				"Gumroad only posts to public http(s) addresses: not localhost, 127.0.0.1 or private networks. Run n8n on a public URL or behind a tunnel (e.g. cloudflared, ngrok) and set n8n's WEBHOOK_URL environment variable to that public address, then activate the workflow again.",
			httpCode: '200',
		});
	}
	throw new NodeApiError(ctx.getNode(), error as JsonObject);
}

/** Removes the subscriptions this node created, plus strays that post to its URL (from a lost state). */
export async function deleteSubscriptions(ctx: IHookFunctions, events: string[], client?: GumroadClient) {
	client ??= await clientOf(ctx);
	const state = ctx.getWorkflowStaticData('node') as SubscriptionState;
	const base = webhookUrl(ctx);
	const ids = new Set(Object.values(state.subscriptionIds ?? {}));
	const eventsToScan = new Set([...events, ...Object.keys(state.subscriptionIds ?? {})]);
	for (const event of eventsToScan) {
		for (const subscription of await listSubscriptions(client, event)) {
			if (isOurs(subscription, base)) ids.add(subscription.id);
		}
	}
	for (const id of ids) {
		try {
			await client.request({
				method: 'DELETE',
				path: `/v2/resource_subscriptions/${encodeURIComponent(id)}`,
			});
		} catch (error) {
			// Already gone (deleted in Gumroad, or created by another app): nothing left to remove.
			if (!/not found/i.test((error as Error).message)) throw new NodeApiError(ctx.getNode(), error as JsonObject);
		}
	}
	delete state.subscriptionIds;
	delete state.secret;
	delete state.sellerUserId;
}

export async function createSubscriptions(ctx: IHookFunctions, events: string[]) {
	const client = await clientOf(ctx);
	// A stale registration would post every ping twice: clear it before subscribing anew.
	await deleteSubscriptions(ctx, events, client);
	const state = ctx.getWorkflowStaticData('node') as SubscriptionState;
	const secret = randomBytes(24).toString('hex');
	const url = subscribedUrl(webhookUrl(ctx), secret);
	const subscriptionIds: Record<string, string> = {};
	state.secret = secret;
	state.subscriptionIds = subscriptionIds;
	for (const event of events) {
		const response = await client.request({
			method: 'PUT',
			path: '/v2/resource_subscriptions',
			form: { resource_name: event, post_url: url },
		}).catch((error: unknown) => throwWithUrlHint(ctx, error, url));
		subscriptionIds[event] = String((response.resource_subscription as IDataObject).id);
	}
	return true;
}
