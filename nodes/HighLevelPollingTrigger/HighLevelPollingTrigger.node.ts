import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { SeenEvents } from '../shared/seenEvents';
import { highLevelAuthenticationProperty, highLevelCredentials } from '../shared/highlevel/authentication';
import { paginateSearch, SEARCH_PAGE_LIMIT } from '../shared/highlevel/paging';
import {
	createHighLevelClient,
	DEFAULT_RETRY_POLICY,
	type HighLevelClient,
	type HighLevelCredentialType,
} from '../shared/highlevel/transport';

/**
 * How far back each check searches again: HighLevel's search index is eventually consistent
 * ("updates may take a few seconds"), and what was emitted in that span is remembered.
 */
const OVERLAP_MS = 10 * 60_000;

type ContactEvent = 'ContactCreate' | 'ContactUpdate';
/** The date Search sorts and filters by for each event. */
const EVENT_DATE: Record<ContactEvent, 'dateAdded' | 'dateUpdated'> = { ContactCreate: 'dateAdded', ContactUpdate: 'dateUpdated' };

interface PollingState {
	/** Per event: the newest date seen so far, and where the first check started. */
	cursors?: Partial<Record<ContactEvent, string>>;
	floors?: Partial<Record<ContactEvent, string>>;
}

interface PollingOptions {
	lookBackHours?: number;
	rememberedContacts?: number;
}

/** A contact from Search as the HighLevel Trigger puts out its webhook event (`event`, `type`, `contactId`, `locationId`). */
function contactEvent(event: ContactEvent, contact: IDataObject, locationId: string): IDataObject {
	const { searchAfter: _cursor, ...fields } = contact;
	return { ...fields, type: event, event, contactId: contact.id ?? null, locationId: contact.locationId ?? locationId, delivery: 'api' };
}

/** What makes an event the same one again: the contact for a creation, the contact and its update time for an update. */
const eventKey = (event: ContactEvent, contact: IDataObject) =>
	event === 'ContactCreate' ? `${event}:${String(contact.id)}` : `${event}:${String(contact.id)}:${String(contact.dateUpdated)}`;

async function searchSince(client: HighLevelClient, locationId: string, event: ContactEvent, since: number): Promise<IDataObject[]> {
	const field = EVENT_DATE[event];
	const body = {
		locationId,
		filters: [{ field, operator: 'range', value: { gte: new Date(since).toISOString() } }],
		sort: [{ field, direction: 'asc' }],
	};
	return (await paginateSearch(client, body, { returnAll: true }, SEARCH_PAGE_LIMIT)).contacts;
}

export class HighLevelPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HighLevel Polling Trigger',
		name: 'highLevelPollingTrigger',
		icon: { light: 'file:highLevel.svg', dark: 'file:highLevel.dark.svg' },
		group: ['trigger'],
		version: 1,
		polling: true,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: "Starts the workflow on contacts created or updated in HighLevel, by searching them on a schedule: no public URL or Marketplace app needed",
		defaults: { name: 'HighLevel Polling Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: highLevelCredentials,
		properties: [
			{
				displayName:
					"For n8n without a public URL, or a sub-account with only a Private Integration Token (HighLevel sends webhooks to Marketplace apps only). Each check searches the contacts created or updated since the one before, so changes made while n8n was stopped come with the next check.",
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			highLevelAuthenticationProperty,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Contact Created', value: 'ContactCreate' },
					{ name: 'Contact Updated', value: 'ContactUpdate', description: 'Any change after its creation' },
				],
				default: ['ContactCreate'],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Look Back on First Check (Hours)',
						name: 'lookBackHours',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 720 },
						default: 0,
						description: 'On the first check after the workflow is activated, also emit what happened this many hours before; 0 starts from the activation',
					},
					{
						displayName: 'Remembered Contacts',
						name: 'rememberedContacts',
						type: 'number',
						typeOptions: { minValue: 100 },
						default: 1000,
						description: `How many emitted events to remember, so the ${OVERLAP_MS / 60_000} minutes each check searches again emit nothing twice`,
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', ['ContactCreate']) as ContactEvent[];
		if (!Array.isArray(events) || events.length === 0) throw new NodeOperationError(this.getNode(), 'Events: choose at least one event');
		const options = this.getNodeParameter('options', {}) as PollingOptions;
		const lookBackHours = Number(options.lookBackHours ?? 0);
		if (!Number.isFinite(lookBackHours) || lookBackHours < 0) {
			throw new NodeOperationError(this.getNode(), 'Look Back on First Check (Hours) must be 0 or more');
		}
		// A check does not sit out an outage: the next Poll Time tries again from the same cursor.
		const client = await createHighLevelClient(this, this.getNodeParameter('authentication') as HighLevelCredentialType, {
			...DEFAULT_RETRY_POLICY,
			outageTimeoutMs: 0,
		});
		const locationId = client.requireLocationId();

		if (this.getMode() === 'manual') {
			// "Fetch Test Event": the most recent contact of the first event, without moving the cursor.
			const [event] = events;
			const field = EVENT_DATE[event];
			const { contacts } = await paginateSearch(client, { locationId, sort: [{ field, direction: 'desc' }] }, { returnAll: false, limit: 1 }, 1);
			return contacts.length ? [[{ json: contactEvent(event, contacts[0], locationId) }]] : null;
		}

		const now = Date.now();
		const state = this.getWorkflowStaticData('node') as PollingState;
		const cursors = (state.cursors ??= {});
		const floors = (state.floors ??= {});
		const seen = new SeenEvents(state as IDataObject, Math.max(100, Number(options.rememberedContacts ?? 1000)));
		const found: Array<{ at: number; json: IDataObject }> = [];
		for (const event of events) {
			const field = EVENT_DATE[event];
			const cursor = cursors[event] ? Date.parse(cursors[event]) : Number.NaN;
			if (Number.isNaN(cursor) || !floors[event]) floors[event] = new Date(now - lookBackHours * 3_600_000).toISOString();
			const floor = Date.parse(floors[event]);
			const since = Math.max(floor, Number.isNaN(cursor) ? floor : cursor - OVERLAP_MS);
			let newest = Number.isNaN(cursor) ? since : cursor;
			for (const contact of await searchSince(client, locationId, event, since)) {
				const at = Date.parse(String(contact[field]));
				if (!Number.isNaN(at)) newest = Math.max(newest, at);
				// An update event is a change after the creation, as HighLevel's ContactUpdate webhook is.
				if (event === 'ContactUpdate' && contact.dateUpdated === contact.dateAdded) continue;
				const key = eventKey(event, contact);
				if (seen.has(key, now)) continue;
				seen.add(key, now);
				found.push({ at, json: contactEvent(event, contact, locationId) });
			}
			cursors[event] = new Date(Math.min(newest, now)).toISOString();
		}
		found.sort((a, b) => a.at - b.at);
		return found.length ? [found.map(({ json }) => ({ json }))] : null;
	}
}
