import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { createHash } from 'crypto';

import { gumroadEventKey } from '../shared/gumroad/eventKey';
import { stableJson } from '../shared/stableJson';
import { checkDateTime, checkEmail, invalidInput, parseJsonInput, pathSegment, requireText } from '../shared/input';
import { requiredTextProperty as idProperty, returnAllProperties } from '../shared/operationProperties';
import { idSegment, type Operation, type OperationItem } from '../shared/operation';
import type { SnapshotsClient } from '../shared/snapshots/transport';
import { apiLocators, fieldLabel } from './locators';

export type SnapshotsItem = OperationItem<SnapshotsClient>;
export type SnapshotsApiOperation = Operation<SnapshotsItem, 'location' | 'event' | 'customer'>;

/** An ID in a path: any text, encoded so it cannot change the path; named by its locator's label from version 1.2. */
const id = (item: SnapshotsItem, name: string, label: string) => idSegment(item, name, fieldLabel(apiLocators, item.node.typeVersion, name, label));

/** A JSON object parameter (extra fields, attributes, event data); `{}` when empty. */
function jsonObject(item: SnapshotsItem, name: string, label: string): IDataObject {
	const raw = item.param<unknown>(name, {});
	if (raw === '' || raw === undefined || raw === null) return {};
	const value = parseJsonInput<unknown>(item.node, item.itemIndex, label, raw);
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw invalidInput(item.node, item.itemIndex, label, 'must be a JSON object');
	}
	return value as IDataObject;
}

function isValidTimezone(timezone: string) {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: timezone });
		return true;
	} catch {
		return false;
	}
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 40);

/**
 * An `event_id` that is the same every time the same Gumroad event arrives (retries,
 * resent pings), so the Snapshots API stores it once: the trigger's event key when the item
 * carries it, else the key built from the ping's own fields, else the item's content with the
 * event's type and its Timestamp when one is set: two real events with the same content at
 * different times are two events.
 */
export function deriveEventId(json: IDataObject, event: { type?: string; timestamp?: string } = {}): string {
	if (typeof json.event_key === 'string' && json.event_key) return `gumroad_${sha(json.event_key)}`;
	if (json.resource_name && (json.sale_id || json.subscription_id)) return `gumroad_${sha(gumroadEventKey(json))}`;
	const time = event.timestamp ? Date.parse(event.timestamp) : undefined;
	return `item_${sha(stableJson({ item: json, type: event.type ?? null, at: time !== undefined && Number.isFinite(time) ? time : null }))}`;
}

/**
 * What Event Summary sends of an input item: what a Gumroad ping says about the event (product,
 * price, plan, status, times), none of what it says about the buyer or the payment.
 */
export const EVENT_SUMMARY_FIELDS = [
	'event', 'sale_id', 'subscription_id', 'order_number', 'product_id', 'product_name', 'permalink', 'price', 'currency',
	'quantity', 'amounts', 'variants', 'offer_code', 'recurrence', 'is_recurring_charge', 'is_gift_receiver_purchase',
	'refunded', 'disputed', 'dispute_won', 'is_test', 'sale_timestamp', 'created_at', 'cancelled_at', 'ended_at',
	'ended_reason', 'restarted_at', 'type', 'effective_as_of', 'old_plan', 'new_plan', 'charge_occurrence_count',
	'free_trial_ends_at',
];

/** Version 1 had only Data (JSON), the whole item by default: its saved workflows keep that. */
function eventData(item: SnapshotsItem, json: IDataObject): IDataObject {
	const dataToSend = item.param<string>('dataToSend', 'defined');
	if (dataToSend === 'wholeItem') return json;
	if (dataToSend === 'defined') return jsonObject(item, 'data', 'Data');
	const summary: IDataObject = {};
	for (const key of EVENT_SUMMARY_FIELDS) if (json[key] !== undefined) summary[key] = json[key];
	return summary;
}

const LIST_KEYS = ['data', 'items', 'results'];

/**
 * One page of a list in the shapes APIs commonly answer: a bare array, or an array under the
 * resource's own name, `data`, `items` or `results`; the next page's cursor in `next_cursor`,
 * `cursor` or `next` (a URL's `cursor` parameter). Undefined when there is no list to read.
 */
export function listPage(body: unknown, listKey: string): { records: IDataObject[]; cursor?: string } | undefined {
	if (Array.isArray(body)) return { records: body as IDataObject[] };
	if (!body || typeof body !== 'object') return undefined;
	const fields = body as IDataObject;
	const key = [listKey, ...LIST_KEYS].find((candidate) => Array.isArray(fields[candidate]));
	if (key === undefined) return undefined;
	const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
	let cursor = text(fields.next_cursor) ?? text(fields.cursor);
	const next = text(fields.next);
	if (!cursor && next) cursor = /^https?:\/\//.test(next) ? (new URL(next).searchParams.get('cursor') ?? undefined) : next;
	return { records: fields[key] as IDataObject[], cursor };
}

export const snapshotsApiOperations: SnapshotsApiOperation[] = [
	{
		resource: 'location',
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many locations',
		description: 'List Snapshots locations (GET /locations)',
		properties: returnAllProperties(),
		prepare(item) {
			const max = item.param<boolean>('returnAll', false) ? Number.POSITIVE_INFINITY : item.param<number>('limit', 50);
			return async () => {
				const locations: IDataObject[] = [];
				let cursor: string | undefined;
				do {
					const { body } = await item.client.request({
						method: 'GET',
						path: '/locations',
						query: { limit: Math.min(100, max - locations.length), ...(cursor ? { cursor } : {}) },
						itemIndex: item.itemIndex,
					});
					const page = listPage(body, 'locations');
					if (!page) {
						const keys = body && typeof body === 'object' ? Object.keys(body) : [];
						throw new NodeOperationError(item.node, 'GET /locations: the answer holds no list of locations', {
							itemIndex: item.itemIndex,
							description: `Read: a bare array, or an array under locations, data, items or results. Found ${keys.length ? `the keys ${keys.join(', ')}` : `no keys (${typeof body})`}.`,
						});
					}
					for (const location of page.records) {
						if (locations.length < max) locations.push(location);
					}
					cursor = page.cursor;
				} while (cursor && locations.length < max);
				return locations;
			};
		},
	},
	{
		resource: 'location',
		value: 'get',
		name: 'Get',
		action: 'Get a location',
		description: 'Get a Snapshots location by its location_id',
		properties: [idProperty('Location ID', 'locationId', 'The location_id')],
		prepare(item) {
			const path = `/locations/${id(item, 'locationId', 'Location ID')}`;
			return async () => (await item.client.request({ method: 'GET', path, itemIndex: item.itemIndex })).body;
		},
	},
	{
		resource: 'location',
		value: 'upsert',
		name: 'Create or Update',
		action: 'Create or update a location',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		properties: [
			idProperty('Location ID', 'locationId', 'The location_id, e.g. derived from the Gumroad customer'),
			{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '' },
			{
				displayName: 'Timezone',
				name: 'timezone',
				type: 'string',
				required: true,
				default: 'UTC',
				placeholder: 'America/New_York',
				description: 'IANA time zone name',
			},
			{
				displayName: 'Extra Fields (JSON)',
				name: 'extraFields',
				type: 'json',
				default: '{}',
				description: 'Further attributes of the location, like {"region": "EU", "onboarding_status": "new"}',
			},
		],
		prepare(item) {
			const path = `/locations/${id(item, 'locationId', 'Location ID')}`;
			const timezone = requireText(item.node, item.itemIndex, 'Timezone', item.param('timezone'));
			if (!isValidTimezone(timezone)) {
				throw invalidInput(item.node, item.itemIndex, 'Timezone', `"${timezone}" is not an IANA time zone (e.g. Europe/Berlin)`);
			}
			const body = {
				...jsonObject(item, 'extraFields', 'Extra Fields'),
				name: requireText(item.node, item.itemIndex, 'Name', item.param('name')),
				timezone,
			};
			return async () => {
				const response = await item.client.request({ method: 'PUT', path, body, itemIndex: item.itemIndex });
				return { ...response.body, created: response.statusCode === 201 };
			};
		},
	},
	{
		resource: 'event',
		value: 'create',
		name: 'Create',
		action: 'Create an event',
		description: 'Record an event (POST /events); the same event ID is stored once',
		properties: [
			{
				displayName: 'Event ID',
				name: 'eventId',
				type: 'string',
				default: '',
				description:
					'Leave empty to derive a stable ID from the input item (for Gumroad events: from the event, its sale or subscription and time), so a retried ping never creates a second event',
			},
			{ displayName: 'Type', name: 'type', type: 'string', required: true, default: '={{ $json.event }}', description: 'Event type, e.g. sale' },
			{
				displayName: 'Timestamp',
				name: 'timestamp',
				type: 'string',
				default: '',
				placeholder: '2026-03-14T16:22:05Z',
				description: 'When it happened (ISO 8601); empty means now',
			},
			{
				displayName: 'Data to Send',
				name: 'dataToSend',
				type: 'options',
				options: [
					{
						name: 'Event Summary',
						value: 'summary',
						description: `The input item's fields that describe the event: ${EVENT_SUMMARY_FIELDS.join(', ')}. No e-mail, name, card, license key, IP country or custom fields.`,
					},
					{ name: 'Defined Below', value: 'defined', description: 'The JSON object of Data (JSON)' },
					{ name: 'Whole Input Item', value: 'wholeItem', description: 'Everything, including e-mail, card, license key and IP country' },
				],
				default: 'summary',
				description: 'What the event stores as data: it goes to a third-party API',
				displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
			},
			{
				displayName: 'Data (JSON)',
				name: 'data',
				type: 'json',
				default: '{}',
				description: 'Payload stored with the event',
				displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }], dataToSend: ['defined'] } },
			},
			{
				displayName: 'Data (JSON)',
				name: 'data',
				type: 'json',
				default: '={{ JSON.stringify($json) }}',
				description: 'Payload stored with the event',
				displayOptions: { show: { '@version': [1] } },
			},
		],
		prepare(item) {
			const json = item.ctx.getInputData()[item.itemIndex].json;
			const givenId = String(item.param('eventId', '') ?? '').trim();
			const type = requireText(item.node, item.itemIndex, 'Type', item.param('type'));
			const given = String(item.param('timestamp', '') ?? '').trim();
			const timestamp = given ? checkDateTime(item.node, item.itemIndex, 'Timestamp', given) : undefined;
			const eventId = givenId || deriveEventId(json, { type, timestamp });
			if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(eventId)) {
				throw invalidInput(item.node, item.itemIndex, 'Event ID', 'must be 1-128 letters, digits or _ . : -');
			}
			const body = {
				event_id: eventId,
				type,
				timestamp: timestamp ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
				data: eventData(item, json),
			};
			return async () => {
				const response = await item.client.request({ method: 'POST', path: '/events', body, itemIndex: item.itemIndex });
				return { ...response.body, created: response.statusCode === 201 };
			};
		},
	},
	{
		resource: 'customer',
		value: 'get',
		name: 'Get',
		action: 'Get a customer',
		description: 'Get a Snapshots customer by its customer_id',
		properties: [idProperty('Customer ID', 'customerId', 'The customer_id')],
		prepare(item) {
			const path = `/customers/${idSegment(item, 'customerId', 'Customer ID')}`;
			return async () => (await item.client.request({ method: 'GET', path, itemIndex: item.itemIndex })).body;
		},
	},
	{
		resource: 'customer',
		value: 'update',
		name: 'Update',
		action: 'Update a customer',
		description: 'Set the e-mail, name, plan and attributes of a customer',
		properties: [
			idProperty('Customer ID', 'customerId', 'Customer ID in the Snapshots API, for example the Gumroad subscription or purchaser ID'),
			{ displayName: 'Email', name: 'email', type: 'string', required: true, placeholder: 'name@email.com', default: '' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Plan', name: 'plan', type: 'string', default: '', description: 'For example the tier of the Gumroad membership' },
			{ displayName: 'Attributes (JSON)', name: 'attributes', type: 'json', default: '{}', description: 'Extra attributes of the customer' },
		],
		prepare(item) {
			const customerId = requireText(item.node, item.itemIndex, 'Customer ID', item.param('customerId'));
			const path = `/customers/${pathSegment(item.node, item.itemIndex, 'Customer ID', customerId)}`;
			// The product description lists customer_id among the fields of this call, not only in the path.
			const body: IDataObject = {
				customer_id: customerId,
				email: checkEmail(item.node, item.itemIndex, 'Email', item.param('email')),
				attributes: jsonObject(item, 'attributes', 'Attributes'),
			};
			for (const key of ['name', 'plan']) {
				const value = String(item.param(key, '') ?? '').trim();
				if (value) body[key] = value;
			}
			return async () => (await item.client.request({ method: 'PUT', path, body, itemIndex: item.itemIndex })).body;
		},
	},
];
