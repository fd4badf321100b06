import type { IDataObject, IHookFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { missedGumroadSales, saleEventKey } from '../shared/gumroad/newSales';
import { type GumroadClient } from '../shared/gumroad/transport';
import { subscribedUrl, type SubscriptionState } from './subscriptions';

/**
 * Marks the trigger's own catch-up requests to its webhook URL; Gumroad never sends it. Its value
 * is the step: `check` (which sales were missed?) or `sale` (emit this one).
 */
export const CATCH_UP_HEADER = 'x-gumroad-trigger-catch-up';
/** The event key of the sale the catch-up delivered before this request (see catchUpThroughWebhook). */
export const CATCH_UP_AFTER_HEADER = 'x-gumroad-trigger-catch-up-after';
/** How often, and how long apart, a request waits for the delivery before it to be saved. */
const SAVE_WAITS = 20;
const SAVE_WAIT_MS = 250;

/** Sales handed over per check; a longer backlog takes more rounds of the same check. */
const MISSED_PER_CHECK = 250;
/** Rounds per catch-up: bounds one catch-up should the API keep listing new sales. */
const MAX_ROUNDS = 40;
/** After activation or a start: n8n serves the webhook (and has saved its secret) a moment later. */
const FIRST_CHECK_AFTER_MS = 2000;
/** After a failed catch-up (n8n still starting, Gumroad down): try again sooner than the interval. */
const RETRY_AFTER_MS = [5000, 15_000, 60_000];

export interface CatchUpOptions {
	catchUpMissedSales?: boolean;
	catchUpIntervalMinutes?: number;
	catchUpLookBackHours?: number;
}

/** Whether this trigger catches up sales, how often, and from how far back on its first activation. */
export function catchUpSettings(options: CatchUpOptions, events: string[]) {
	const intervalMinutes = Number(options.catchUpIntervalMinutes ?? 15);
	const lookBackHours = Number(options.catchUpLookBackHours ?? 0);
	const problems = [
		...(Number.isFinite(intervalMinutes) && intervalMinutes > 0 ? [] : ['Catch Up Check Every (Minutes) must be a number above 0']),
		...(Number.isFinite(lookBackHours) && lookBackHours >= 0 ? [] : ['Catch Up Look Back on First Activation (Hours) must be 0 or more']),
	];
	return {
		enabled: options.catchUpMissedSales !== false && events.includes('sale'),
		problems,
		intervalMs: problems.length > 0 ? 15 * 60_000 : Math.max(1000, intervalMinutes * 60_000),
		lookBackMs: problems.length > 0 ? 0 : lookBackHours * 3_600_000,
	};
}

interface CatchUpState extends SubscriptionState {
	cursors?: Record<string, string>;
	floors?: Record<string, string>;
}

/**
 * The catch-up checks run where n8n activates the workflow, but the webhook is where the node's
 * static data is read fresh and saved: n8n saves a workflow's static data whole, so a timer that
 * wrote its own copy would undo what pings stored meanwhile. The timer therefore only asks its
 * own webhook (`check`), then hands each missed sale to it (`sale`), one request and one run per
 * sale, deduplicated against pings exactly as pings are against each other.
 */
const running = new Map<string, { secret: string; stop(): void }>();

type CatchUpContext = IHookFunctions | IWebhookFunctions;

const runnerKey = (ctx: CatchUpContext) => `${ctx.getWorkflow().id ?? ''}\u0000${ctx.getNode().id}`;

export function stopCatchUp(ctx: CatchUpContext) {
	const key = runnerKey(ctx);
	running.get(key)?.stop();
	running.delete(key);
}

/** The settings of an activation, refused before anything is subscribed when they make no sense. */
export function activationCatchUpSettings(ctx: IHookFunctions, events: string[]) {
	const settings = catchUpSettings(ctx.getNodeParameter('options', {}) as CatchUpOptions, events);
	if (settings.enabled && settings.problems.length > 0) throw new NodeOperationError(ctx.getNode(), settings.problems.join('; '));
	return settings;
}

/**
 * Called when the workflow is activated (or n8n activates it again): sets where a first catch-up
 * starts, then checks at once and every interval while the workflow stays active.
 */
export function startCatchUp(ctx: IHookFunctions, settings: ReturnType<typeof catchUpSettings>) {
	stopCatchUp(ctx);
	const state = ctx.getWorkflowStaticData('node') as CatchUpState;
	if (!settings.enabled) {
		// Off means off: turning it on later starts from then, not from a stale cursor.
		delete state.cursors?.sale;
		delete state.floors?.sale;
		return;
	}
	if (!state.cursors?.sale) {
		state.floors ??= {};
		state.floors.sale ??= new Date(Date.now() - settings.lookBackMs).toISOString();
	}
	if (ctx.getMode() === 'manual' || ctx.getActivationMode() === 'manual' || !state.secret) return;
	runCatchUpChecks(ctx, state.secret, settings);
}

/**
 * n8n 2.x runs no node code for a webhook-only workflow when it starts (its registration stays in
 * the database), so after a restart the first request to the webhook starts the checks again.
 */
export function resumeCatchUp(ctx: IWebhookFunctions, secret: string, settings: ReturnType<typeof catchUpSettings>) {
	if (!settings.enabled || ctx.getMode() === 'manual' || running.get(runnerKey(ctx))?.secret === secret) return;
	stopCatchUp(ctx);
	runCatchUpChecks(ctx, secret, settings);
}

function runCatchUpChecks(ctx: CatchUpContext, secret: string, settings: ReturnType<typeof catchUpSettings>) {
	const url = subscribedUrl(ctx.getNodeWebhookUrl('default') as string, secret);
	let stopped = false;
	running.set(runnerKey(ctx), {
		secret,
		stop() {
			stopped = true;
		},
	});
	// In slices, so a stopped check ends within a second (n8n's `sleep` cannot be cancelled).
	const wait = async (ms: number) => {
		for (let waited = 0; waited < ms && !stopped; waited += 1000) await sleep(Math.min(1000, ms - waited));
	};
	void (async () => {
		let failures = 0;
		await wait(FIRST_CHECK_AFTER_MS);
		while (!stopped) {
			try {
				const emitted = await catchUpThroughWebhook(ctx, url, () => stopped);
				if (emitted > 0) ctx.logger.info(`Gumroad Trigger caught up ${emitted} missed sale(s)`, { node: ctx.getNode().name });
				failures = 0;
			} catch (error) {
				// The URL carries the secret; a message might quote it.
				const message = (error as Error).message.split(secret).join('***');
				ctx.logger.warn(`Gumroad Trigger could not catch up missed sales: ${message}`, { node: ctx.getNode().name });
				failures += 1;
			}
			await wait(failures > 0 && failures <= RETRY_AFTER_MS.length ? RETRY_AFTER_MS[failures - 1] : settings.intervalMs);
		}
	})();
}

/**
 * The trigger answers a delivery before n8n has saved what it remembered (n8n would otherwise
 * drop it), so each request names the sale delivered before it and is answered 409 until that
 * one is saved: a request never starts from static data older than the one before it.
 */
async function catchUpThroughWebhook(ctx: CatchUpContext, url: string, isStopped: () => boolean) {
	let previous: IDataObject | undefined;
	const send = async (step: 'check' | 'sale', body: IDataObject) =>
		(await ctx.helpers.httpRequest({
			method: 'POST',
			url,
			headers: { [CATCH_UP_HEADER]: step, ...(previous ? { [CATCH_UP_AFTER_HEADER]: saleEventKey(previous) } : {}) },
			body,
			json: true,
			timeout: 300_000,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number; body: IDataObject };
	const post = async (step: 'check' | 'sale', body: IDataObject): Promise<IDataObject> => {
		for (let attempt = 1; ; attempt++) {
			const response = await send(step, body);
			if (response.statusCode === 409 && previous && attempt <= SAVE_WAITS) {
				await sleep(SAVE_WAIT_MS);
				continue;
			}
			if (response.statusCode === 409 && previous) {
				// Overwritten by a ping saved at the same time: deliver it again, it is then recorded as a repeat.
				const again = previous;
				previous = undefined;
				await post('sale', { sale: again });
				previous = again;
				continue;
			}
			if (response.statusCode >= 300) {
				throw new Error(`the webhook answered ${response.statusCode}: ${String(response.body?.error ?? '')}`);
			}
			return response.body ?? {};
		}
	};
	let emitted = 0;
	for (let round = 0; round < MAX_ROUNDS && !isStopped(); round++) {
		const answer = await post('check', {});
		const missing = (answer.missing as IDataObject[] | undefined) ?? [];
		for (const sale of missing) {
			if (isStopped()) return emitted;
			const delivered = await post('sale', { sale });
			previous = sale;
			if (delivered.ignored === undefined) emitted += 1;
		}
		if (answer.more !== true || missing.length === 0) break;
	}
	return emitted;
}

/** The webhook's answer to `check`: the missed sales, from its fresh static data; starts no run. */
export async function answerCatchUpCheck(
	ctx: IWebhookFunctions,
	client: GumroadClient,
	settings: ReturnType<typeof catchUpSettings>,
	remembered: number,
): Promise<IWebhookResponseData> {
	if (!settings.enabled) return { webhookResponse: { missing: [], more: false } };
	const found = await missedGumroadSales(client, ctx.getWorkflowStaticData('node'), {
		lookBackMs: settings.lookBackMs,
		remembered,
		limit: MISSED_PER_CHECK,
	});
	return { webhookResponse: found as unknown as IDataObject };
}
