import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { pollingOptionsProperty, pollWindow, readPollingOptions } from '../shared/pollWindow';
import { highLevelAuthenticationProperty, highLevelCredentials } from '../shared/highlevel/authentication';
import { paginateSearch, SEARCH_PAGE_LIMIT } from '../shared/highlevel/paging';
import {
	createHighLevelClient,
	DEFAULT_RETRY_POLICY,
	type HighLevelClient,
	type HighLevelCredentialType,
} from '../shared/highlevel/transport';

type ContactEvent = 'ContactCreate' | 'ContactUpdate';
/** The date Search sorts and filters by for each event. */
const EVENT_DATE: Record<ContactEvent, 'dateAdded' | 'dateUpdated'> = { ContactCreate: 'dateAdded', ContactUpdate: 'dateUpdated' };

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
			pollingOptionsProperty('rememberedContacts', 'Contacts'),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', ['ContactCreate']) as ContactEvent[];
		if (!Array.isArray(events) || events.length === 0) throw new NodeOperationError(this.getNode(), 'Events: choose at least one event');
		const { lookBackMs, remembered } = readPollingOptions(this, 'rememberedContacts');
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

		const staticData = this.getWorkflowStaticData('node');
		const found: Array<{ at: number; json: IDataObject }> = [];
		for (const event of events) {
			const field = EVENT_DATE[event];
			const window = pollWindow(staticData, event, { lookBackMs, remembered });
			const contacts = await searchSince(client, locationId, event, window.since);
			for (const contact of contacts) {
				// An update event is a change after the creation, as HighLevel's ContactUpdate webhook is.
				if (event === 'ContactUpdate' && contact.dateUpdated === contact.dateAdded) continue;
				if (window.isNew(eventKey(event, contact))) found.push({ at: Date.parse(String(contact[field])), json: contactEvent(event, contact, locationId) });
			}
			window.advance(contacts.map((contact) => Date.parse(String(contact[field]))).filter((time) => !Number.isNaN(time)));
		}
		found.sort((a, b) => a.at - b.at);
		return found.length ? [found.map(({ json }) => ({ json }))] : null;
	}
}
