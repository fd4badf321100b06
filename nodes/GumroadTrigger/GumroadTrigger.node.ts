import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';

import { gumroadAuthenticationProperty, gumroadCredentials } from '../shared/gumroad/authentication';
import {
	GUMROAD_RESOURCE_NAMES,
	isGumroadTestPing,
	normaliseGumroadPing,
	normaliseGumroadRecord,
} from '../shared/gumroad/normalise';
import { createGumroadClient, type GumroadClient, type GumroadCredentialType } from '../shared/gumroad/transport';
import { gumroadEventKey } from '../shared/gumroad/eventKey';
import { refundEventOf } from '../shared/gumroad/refundDeliveries';
import { gumroadSaleAsPing } from '../shared/gumroad/apiSaleAsPing';
import { saleEventKey } from '../shared/gumroad/newSales';
import { isPlainObject } from '../shared/gumroad/normaliseForm';
import { isSameSecret } from '../shared/secret';
import { acceptWebhook, acknowledgeWebhook, refuseWebhook } from '../shared/webhookAnswers';
import { claimEvent, SeenEvents } from '../shared/seenEvents';
import {
	activationCatchUpSettings,
	answerCatchUpCheck,
	CATCH_UP_AFTER_HEADER,
	CATCH_UP_HEADER,
	type CatchUpOptions,
	catchUpSettings,
	resumeCatchUp,
	startCatchUp,
	stopCatchUp,
} from './catchUp';
import {
	createSubscriptions,
	deleteSubscriptions,
	SECRET_PARAMETER,
	type SubscriptionState,
	subscriptionsExist,
} from './subscriptions';

/** Gumroad gives up on a ping after 5 s; API look-ups must leave time to answer. */
const CHECK_BUDGET_MS = 3500;

const PURCHASE_EVENTS = new Set(['sale', 'refund', 'dispute', 'dispute_won']);

const EVENT_LABELS: Record<string, string> = {
	sale: 'Sale (Including Renewals and Free-Trial Starts)',
	refund: 'Refund (Full or Partial)',
	dispute: 'Dispute (Chargeback Opened)',
	dispute_won: 'Dispute Won',
	cancellation: 'Subscription Cancelled',
	subscription_updated: 'Subscription Updated (Upgrade or Downgrade)',
	subscription_ended: 'Subscription Ended',
	subscription_restarted: 'Subscription Restarted',
};

interface TriggerOptions extends CatchUpOptions {
	verifySeller?: boolean;
	confirmSale?: boolean;
	newCustomersOnly?: boolean;
	ignoreTestPings?: boolean;
	includeRawBody?: boolean;
	rememberedEvents?: number;
}

function isNotFound(error: unknown) {
	return error instanceof NodeApiError && /not found/i.test(error.message);
}

type Lookup = { found: true; body: IDataObject } | { found: false; notFound: boolean; message: string };

export class GumroadTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gumroad Trigger',
		name: 'gumroadTrigger',
		icon: { light: 'file:gumroad.svg', dark: 'file:gumroad.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow on Gumroad sales, refunds, disputes and subscription changes',
		defaults: { name: 'Gumroad Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: gumroadCredentials,
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Gumroad only posts to public URLs. Without one (localhost, a private network), use the Gumroad Polling Trigger, which asks Gumroad for new sales on a schedule, or run n8n behind a tunnel and set its WEBHOOK_URL to the public address. Activating the workflow subscribes this URL to the chosen events in Gumroad; deactivating removes exactly those subscriptions.',
				name: 'publicUrlNotice',
				type: 'notice',
				default: '',
			},
			gumroadAuthenticationProperty,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: GUMROAD_RESOURCE_NAMES.map((value) => ({ name: EVENT_LABELS[value], value })),
				default: ['sale'],
				description: 'Gumroad resources to subscribe to',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Catch Up Check Every (Minutes)',
						name: 'catchUpIntervalMinutes',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 15,
						description:
							'How often, while the workflow is active, to look for sales whose ping never arrived (besides at activation)',
					},
					{
						displayName: 'Catch Up Look Back on First Activation (Hours)',
						name: 'catchUpLookBackHours',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 720 },
						default: 0,
						description:
							'On the very first activation, also catch up the sales of this many hours before it; 0 starts from the activation. Later activations and restarts continue where the last check stopped, however long n8n was down or the workflow off.',
					},
					{
						displayName: 'Catch Up Missed Sales',
						name: 'catchUpMissedSales',
						type: 'boolean',
						default: true,
						description:
							"Whether to emit the sales (renewals included) whose ping never arrived — n8n stopped, the workflow off, a ping refused or lost — read from Gumroad's Sales API at activation and on a regular check (after an n8n restart, from the first ping on); each once, marked delivery: catch-up. Needs the Sale event.",
					},
					{
						displayName: 'Confirm Purchase via API',
						name: 'confirmSale',
						type: 'boolean',
						default: false,
						description:
							'Whether to re-fetch the sale of sale, refund and dispute pings from the Sales API and emit the fetched record; a ping for a sale the API does not know is refused with 403',
					},
					{
						displayName: 'Ignore Test Pings',
						name: 'ignoreTestPings',
						type: 'boolean',
						default: true,
						description:
							'Whether to acknowledge without starting the workflow pings marked test=true and the Settings-page test ping',
					},
					{
						displayName: 'Include Raw Body',
						name: 'includeRawBody',
						type: 'boolean',
						default: false,
						description: 'Whether to add the ping as Gumroad sent it, under "raw"',
					},
					{
						displayName: 'New Customers Only',
						name: 'newCustomersOnly',
						type: 'boolean',
						default: false,
						description:
							"Whether to emit a sale only when it is the buyer's first purchase from you (checked with GET /v2/sales?email=…); Gumroad has no customer-created event",
					},
					{
						displayName: 'Remembered Events',
						name: 'rememberedEvents',
						type: 'number',
						typeOptions: { minValue: 10 },
						default: 1000,
						description:
							'How many recent events to remember to suppress duplicate deliveries (Gumroad retries, resent pings)',
					},
					{
						displayName: 'Verify Seller ID',
						name: 'verifySeller',
						type: 'boolean',
						default: true,
						description:
							"Whether to refuse (403) purchase pings whose seller_id is not the credential's Gumroad account (GET /v2/user)",
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const events = this.getNodeParameter('events') as string[];
				const settings = activationCatchUpSettings(this, events);
				const exists = await subscriptionsExist(this, events);
				// An activation that finds the subscriptions in place runs only this hook.
				if (exists) startCatchUp(this, settings);
				return exists;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const events = this.getNodeParameter('events') as string[];
				const settings = activationCatchUpSettings(this, events);
				await createSubscriptions(this, events);
				startCatchUp(this, settings);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				stopCatchUp(this);
				await deleteSubscriptions(this, this.getNodeParameter('events') as string[]);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const deadline = Date.now() + CHECK_BUDGET_MS;
		const state = this.getWorkflowStaticData('node') as SubscriptionState;
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const events = this.getNodeParameter('events', []) as string[];
		// Loaded on the first check only: most pings (refused, test, unselected) need no request.
		let client: Promise<GumroadClient> | undefined;
		const refuse = (status: number, error: string) => refuseWebhook(this, status, error);
		const lookup = async (path: string, query?: IDataObject): Promise<Lookup> => {
			try {
				client ??= createGumroadClient(this, this.getNodeParameter('authentication') as GumroadCredentialType);
				const body = await (await client).request({
					method: 'GET',
					path,
					query,
					timeoutMs: Math.max(500, deadline - Date.now()),
				});
				return { found: true, body };
			} catch (error) {
				return { found: false, notFound: isNotFound(error), message: (error as Error).message };
			}
		};

		// Right after activation n8n may not have saved the new secret yet: 503 makes Gumroad retry.
		if (!state.secret) return refuse(503, 'The trigger is being activated; try again');
		if (!isSameSecret(this.getQueryData()[SECRET_PARAMETER as keyof object], state.secret)) {
			return refuse(401, 'Unknown webhook secret');
		}
		const body = this.getBodyData();
		const remembered = Math.max(10, options.rememberedEvents ?? 1000);
		// The node's own catch-up (see catchUp.ts), authenticated by the same secret.
		const catchUpStep = String(this.getHeaderData()[CATCH_UP_HEADER] ?? '');
		const catchUp = catchUpSettings(options, events);
		if (!catchUpStep) resumeCatchUp(this, state.secret, catchUp);
		const after = String(this.getHeaderData()[CATCH_UP_AFTER_HEADER] ?? '');
		if (catchUpStep && after && !new SeenEvents(state as IDataObject, remembered).has(after)) {
			return refuse(409, 'The delivery before this one is not saved yet');
		}
		if (catchUpStep === 'check') {
			try {
				client = createGumroadClient(this, this.getNodeParameter('authentication') as GumroadCredentialType);
				return await answerCatchUpCheck(this, await client, catchUp, remembered);
			} catch (error) {
				return refuse(503, `Could not list the sales: ${(error as Error).message}`);
			}
		}
		let sale: IDataObject | undefined;
		let event: IDataObject;
		if (catchUpStep === 'sale') {
			if (!isPlainObject(body.sale) || !body.sale.id) return refuse(400, 'A catch-up delivery carries the sale');
			// Read from the credential's own Sales API: its seller and its existence are given.
			sale = body.sale;
			event = { ...gumroadSaleAsPing(sale), delivery: 'catch-up' };
		} else {
			const contentType = String(this.getHeaderData()['content-type'] ?? '');
			const rawBody = this.getRequestObject().rawBody;
			// The raw body when there is one: n8n's parsed form stops at 1000 keys and replaces undecodable bytes.
			const payload = contentType.includes('application/x-www-form-urlencoded') && rawBody ? rawBody : body;
			event = normaliseGumroadPing(payload, { includeRaw: options.includeRawBody === true, raw: body });
		}

		if (isGumroadTestPing(event) && options.ignoreTestPings !== false) return acknowledgeWebhook('test ping');
		if (!events.includes(String(event.event))) return acknowledgeWebhook(`event ${String(event.event)} not selected`);

		const isPurchase = PURCHASE_EVENTS.has(String(event.event));
		if (isPurchase && !sale && options.verifySeller !== false) {
			if (!state.sellerUserId) {
				const user = await lookup('/v2/user');
				if (!user.found) return refuse(503, `Could not check the seller: ${user.message}`);
				state.sellerUserId = String((user.body.user as IDataObject).user_id);
			}
			if (event.seller_id !== state.sellerUserId) return refuse(403, 'seller_id is not this account');
		}

		if (isPurchase && !sale && (options.confirmSale || event.event === 'refund')) {
			const fetched = await lookup(`/v2/sales/${encodeURIComponent(String(event.sale_id))}`);
			if (!fetched.found) {
				return fetched.notFound
					? refuse(403, 'The sale is not known to Gumroad')
					: refuse(503, `Could not confirm the sale: ${fetched.message}`);
			}
			sale = fetched.body.sale as IDataObject;
		}

		const seen = new SeenEvents(state as IDataObject, remembered);
		let key: string;
		// Whether an overlapping delivery in this process took the event first (refunds: see refundEventOf).
		let claimedElsewhere = () => false;
		if (event.event === 'refund') {
			// Two partial refunds of one sale send identical pings: only Gumroad's retry schedule tells a repeat.
			const refund = refundEventOf(state as IDataObject, event, String(sale?.amount_refundable_in_currency ?? ''));
			if (refund.duplicate) return acknowledgeWebhook('duplicate');
			key = refund.key;
		} else {
			key = catchUpStep === 'sale' && sale ? saleEventKey(sale) : gumroadEventKey(event);
			if (seen.has(key)) return acknowledgeWebhook('duplicate');
			claimedElsewhere = () => !claimEvent(state.secret as string, key);
		}

		if (options.newCustomersOnly && event.event === 'sale') {
			const history = await lookup('/v2/sales', { email: String(event.email) });
			if (!history.found) return refuse(503, `Could not check earlier purchases: ${history.message}`);
			const saleTime = Date.parse(String(event.sale_timestamp));
			const earlier = ((history.body.sales as IDataObject[] | undefined) ?? []).filter(
				(other) => other.id !== event.sale_id && Date.parse(String(other.created_at)) < saleTime,
			);
			if (earlier.length > 0) {
				seen.add(key);
				return acknowledgeWebhook(claimedElsewhere() ? 'duplicate' : 'returning customer');
			}
		}
		if (claimedElsewhere()) {
			// Recorded again: the delivery that ran it may have had its record overwritten.
			seen.add(key);
			return acknowledgeWebhook('duplicate');
		}

		if (options.confirmSale && sale) {
			event = { ...normaliseGumroadRecord('sale', sale), event: event.event, ping: event };
		}
		if (catchUpStep === 'sale') event.delivery = 'catch-up';
		// Lets later steps derive stable IDs (e.g. a Snapshots event_id) that keep retries together.
		event.event_key = key;
		seen.add(key);
		return acceptWebhook(this, event);
	}
}
