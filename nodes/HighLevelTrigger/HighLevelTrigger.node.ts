import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { isSameSecret } from '../shared/secret';
import { acceptWebhook, acknowledgeWebhook, refuseWebhook } from '../shared/webhookAnswers';
import { claimEvent, SeenEvents } from '../shared/seenEvents';
import { verifyHighLevelSignature } from './signature';

const OTHER_EVENTS = ['LocationCreate', 'LocationUpdate', 'INSTALL', 'UNINSTALL'];

/** The default (contact, task and note events) is also what an unset parameter means. */
const eventsProperty: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	options: [],
	default: [
		'ContactCreate',
		'ContactUpdate',
		'ContactDelete',
		'ContactDndUpdate',
		'ContactTagUpdate',
		'TaskCreate',
		'TaskComplete',
		'TaskDelete',
		'NoteCreate',
		'NoteUpdate',
		'NoteDelete',
	],
	description: 'Events that start the workflow; others are acknowledged and ignored',
};
const CONTACT_TASK_NOTE_EVENTS = eventsProperty.default as string[];
/**
 * Each event as n8n names events ("Contact Created"; the node picker lists them as "On Contact
 * Created"), with HighLevel's `type` in its description. The values stay HighLevel's names, which
 * saved workflows hold and the webhook's `type` is compared with.
 */
const EVENT_NAMES: Record<string, string> = {
	ContactCreate: 'Contact Created',
	ContactUpdate: 'Contact Updated',
	ContactDelete: 'Contact Deleted',
	ContactDndUpdate: 'Contact DND Updated',
	ContactTagUpdate: 'Contact Tags Updated',
	TaskCreate: 'Task Created',
	TaskComplete: 'Task Completed',
	TaskDelete: 'Task Deleted',
	NoteCreate: 'Note Created',
	NoteUpdate: 'Note Updated',
	NoteDelete: 'Note Deleted',
	LocationCreate: 'Location Created',
	LocationUpdate: 'Location Updated',
	INSTALL: 'App Installed',
	UNINSTALL: 'App Uninstalled',
};
eventsProperty.options = [...CONTACT_TASK_NOTE_EVENTS, ...OTHER_EVENTS]
	.map((value) => ({ name: EVENT_NAMES[value], value, description: `HighLevel event type ${value}` }))
	.sort((a, b) => a.name.localeCompare(b.name));

interface TriggerOptions {
	maxAgeSeconds?: number;
	rememberedWebhookIds?: number;
	acceptLegacyRsa?: boolean;
	ed25519PublicKey?: string;
	rsaPublicKey?: string;
}

/** The contact an event is about: contact events carry it as `id`, tasks and notes as `contactId`. */
function contactIdOf(event: IDataObject): string | null {
	const type = String(event.type ?? '');
	if (type.startsWith('Contact')) return (event.id as string | undefined) ?? (event.contactId as string | undefined) ?? null;
	return (event.contactId as string | undefined) ?? null;
}

/**
 * The sub-account an event is about: its `locationId`, or for `LocationCreate` / `LocationUpdate`
 * (which describe a sub-account) its `id`. `null` for an event about the whole agency.
 */
function locationIdOf(event: IDataObject): string | null {
	const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
	const type = String(event.type ?? '');
	return text(event.locationId) ?? (type === 'LocationCreate' || type === 'LocationUpdate' ? text(event.id) : null);
}

/**
 * An agency-level event names the agency (`companyId`) and no sub-account: an `INSTALL` or
 * `UNINSTALL` of the app for the agency itself (a bulk install, an install for future sub-accounts).
 */
function isAgencyLevel(event: IDataObject, locationId: string | null): boolean {
	return locationId === null && typeof event.companyId === 'string' && event.companyId !== '';
}

/**
 * `INSTALL` / `UNINSTALL` in one shape, to keep a list of clients in sync: which sub-account
 * (`null` for an agency-level install), install or uninstall, the install type and when.
 */
function installOf(event: IDataObject, locationId: string | null, receivedAt: Date): IDataObject {
	const sentAt = event.timestamp === undefined ? NaN : Date.parse(String(event.timestamp));
	return {
		action: event.type === 'INSTALL' ? 'install' : 'uninstall',
		installType: locationId ? 'Location' : 'Company',
		locationId,
		companyId: typeof event.companyId === 'string' && event.companyId ? event.companyId : null,
		appId: typeof event.appId === 'string' && event.appId ? event.appId : null,
		at: new Date(Number.isNaN(sentAt) ? receivedAt.getTime() : sentAt).toISOString(),
	};
}

/** Shorter shared secrets can be guessed by trying: the URL is all that protects the workflow. */
const MIN_SECRET_LENGTH = 16;

/** Version 2 reads the secret from its credential; version 1 from the parameter it was saved with. */
async function sharedSecretOf(context: IWebhookFunctions): Promise<string> {
	if (context.getNode().typeVersion < 2) return String(context.getNodeParameter('secret', '') ?? '');
	const credentials = await context.getCredentials<{ secret?: string }>('highLevelWebhookSecretApi');
	return String(credentials.secret ?? '');
}

export class HighLevelTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HighLevel Trigger',
		name: 'highLevelTrigger',
		icon: { light: 'file:highLevel.svg', dark: 'file:highLevel.dark.svg' },
		group: ['trigger'],
		// 2: the shared secret lives in a credential; 1 kept it in the workflow (still read, with a notice).
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["verification"] === "secret" ? "shared secret" : "signed events"}}',
		description: 'Starts the workflow on HighLevel contact, task and note events, verified by signature',
		defaults: { name: 'HighLevel Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'highLevelWebhookSecretApi',
				required: true,
				testedBy: 'webhookSecretStrength',
				displayOptions: { show: { '@version': [2], verification: ['secret'] } },
			},
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Paste the Production URL of this node into your HighLevel Marketplace app (Advanced Settings > Webhooks > Default Webhook URL, with the events enabled by the app\'s scopes; an agency app sends the events of every sub-account it is installed in), or, with "Shared Secret in URL", into the Webhook action of a HighLevel workflow, adding ?secret=<your secret> to it. The workflow must be active.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			eventsProperty,
			{
				displayName: 'Sub-Account (Location) IDs',
				name: 'locationIds',
				type: 'string',
				default: '',
				placeholder: 've9EPM428h8vShlRW1KT, otg8dTQqGLh3Q6iQI55w',
				description:
					"Comma-separated sub-account IDs to accept; empty accepts all. Agency-level events (an INSTALL or UNINSTALL with the agency's companyId and no locationId) always pass.",
			},
			{
				displayName: 'Verification',
				name: 'verification',
				type: 'options',
				options: [
					{
						name: 'Require Valid Signature',
						value: 'signature',
						description: 'For Marketplace app webhooks, which HighLevel signs',
					},
					{
						name: 'Shared Secret in URL',
						value: 'secret',
						description: "For a HighLevel workflow's Webhook action, which is not signed",
					},
				],
				default: 'signature',
			},
			{
				displayName:
					'This node keeps its secret in the workflow, so it leaves with every export. Add a new HighLevel Trigger, which reads it from a HighLevel Webhook Secret credential, and delete this one.',
				name: 'secretInWorkflowNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { '@version': [1], verification: ['secret'] } },
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				description: 'Requests must carry it as ?secret=… in the URL; a signature, when present, is checked as well',
				displayOptions: { show: { '@version': [1], verification: ['secret'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Accept Legacy RSA Signature',
						name: 'acceptLegacyRsa',
						type: 'boolean',
						default: true,
						description: 'Whether to accept x-wh-signature (RSA) when no x-ghl-signature (Ed25519) is sent',
					},
					{
						displayName: 'Ed25519 Public Key',
						name: 'ed25519PublicKey',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
						description: "PEM key that replaces HighLevel's published x-ghl-signature key, after a key rotation",
					},
					{
						displayName: 'Max Event Age (Seconds)',
						name: 'maxAgeSeconds',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 300,
						description: 'Events whose timestamp is older are refused as replays',
					},
					{
						displayName: 'Remembered Webhook IDs',
						name: 'rememberedWebhookIds',
						type: 'number',
						typeOptions: { minValue: 10 },
						default: 1000,
						description: 'How many recent webhookIds to remember to drop redeliveries',
					},
					{
						displayName: 'RSA Public Key',
						name: 'rsaPublicKey',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
						description: "PEM key that replaces HighLevel's published x-wh-signature key",
					},
				],
			},
		],
	};

	methods = {
		credentialTest: {
			/** Nothing remote knows the secret, so its test is whether it is hard to guess. */
			async webhookSecretStrength(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const secret = String(credential.data?.secret ?? '');
				if (secret.length < MIN_SECRET_LENGTH) {
					return { status: 'Error', message: `The secret has ${secret.length} characters; use at least ${MIN_SECRET_LENGTH} random ones` };
				}
				return { status: 'OK', message: 'The secret is long enough. Append it to the Production URL as ?secret=…' };
			},
		},
	};

	/**
	 * HighLevel has no API to register webhooks: the URL is entered once in the Marketplace app
	 * or the workflow action, so activation has nothing to register remotely.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return this.getWorkflowStaticData('node').listening === true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				this.getWorkflowStaticData('node').listening = true;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').listening;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const verification = this.getNodeParameter('verification', 'signature') as string;
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const events = this.getNodeParameter('events', CONTACT_TASK_NOTE_EVENTS) as string[];
		const locationIds = String(this.getNodeParameter('locationIds', '') ?? '')
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean);
		const refuse = (status: number, error: string) => refuseWebhook(this, status, error);

		const headers = this.getHeaderData() as Record<string, unknown>;
		const rawBody = this.getRequestObject().rawBody as Buffer | undefined;
		const signed = Boolean(headers['x-ghl-signature'] || headers['x-wh-signature']);
		if (verification === 'secret') {
			const secret = await sharedSecretOf(this);
			if (!isSameSecret(this.getQueryData()['secret' as keyof object], secret)) return refuse(401, 'Unknown secret');
		}
		if (verification === 'signature' || signed) {
			// The signature covers the bytes HighLevel sent: never re-serialise the parsed body.
			if (!rawBody) return refuse(401, 'The raw body is not available to check the signature');
			const check = verifyHighLevelSignature(
				rawBody,
				headers,
				{ ed25519: options.ed25519PublicKey, rsa: options.rsaPublicKey },
				options.acceptLegacyRsa !== false,
			);
			if (!check.valid) return refuse(401, `Invalid signature: ${check.reason}`);
		}

		const body = this.getBodyData() as IDataObject;
		if (!body || typeof body !== 'object' || Array.isArray(body)) return refuse(400, 'The body is not a JSON object');
		if (body.timestamp !== undefined) {
			const sentAt = Date.parse(String(body.timestamp));
			const maxAgeMs = (options.maxAgeSeconds ?? 300) * 1000;
			if (Number.isNaN(sentAt)) return refuse(401, 'Unreadable timestamp');
			if (Date.now() - sentAt > maxAgeMs) return refuse(401, 'The event is older than the allowed window (replay)');
		}

		const type = String(body.type ?? '');
		if (!events.includes(type)) return acknowledgeWebhook(`event ${type || '(none)'} not selected`);
		const locationId = locationIdOf(body);
		// An agency-level event concerns every sub-account, the selected ones too: it always passes.
		if (locationIds.length && !isAgencyLevel(body, locationId) && !locationIds.includes(String(locationId))) {
			return acknowledgeWebhook('location not selected');
		}

		const seen = new SeenEvents(this.getWorkflowStaticData('node'), Math.max(10, options.rememberedWebhookIds ?? 1000));
		const webhookId = typeof body.webhookId === 'string' && body.webhookId ? body.webhookId : undefined;
		if (webhookId) {
			if (seen.has(webhookId)) return acknowledgeWebhook('duplicate');
			seen.add(webhookId);
			// An overlapping redelivery read the static data before this one saved it.
			if (!claimEvent(`${this.getWorkflow().id ?? ''}\u0000${this.getNode().id}`, webhookId)) return acknowledgeWebhook('duplicate');
		}

		const event: IDataObject = { ...body, event: type, contactId: contactIdOf(body), locationId };
		if (type === 'INSTALL' || type === 'UNINSTALL') event.install = installOf(body, locationId, new Date());
		return acceptWebhook(this, event);
	}
}
