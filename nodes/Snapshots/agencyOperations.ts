import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { paginateSkipLimit } from '../shared/highlevel/paging';
import { HIGHLEVEL_API_VERSION, type HighLevelClient } from '../shared/highlevel/transport';
import { compact, invalidInput, parseJsonInput, requireText } from '../shared/input';
import { idSegment, type Operation, type OperationItem } from '../shared/operation';
import { requiredTextProperty, returnAllProperties } from '../shared/operationProperties';
import { agencyLocators, fieldLabel } from './locators';

export type AgencyItem = OperationItem<HighLevelClient>;
export type AgencyOperation = Operation<AgencyItem, 'subAccount' | 'snapshot' | 'saas'>;

/** HighLevel's IDs: letters, digits, `_` and `-`; named by their locator's label from version 1.2. */
const id = (item: AgencyItem, name: string, label: string) =>
	idSegment(item, name, fieldLabel(agencyLocators, item.node.typeVersion, name, label), { urlSafe: true });
const text = (item: AgencyItem, name: string, label: string) => requireText(item.node, item.itemIndex, label, item.param(name));

/** Optional fields of `CreateLocationDto` / `UpdateLocationDto` (apps/locations.json). */
const locationFields: INodeProperties = {
	displayName: 'Location Fields',
	name: 'locationFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{ displayName: 'Address', name: 'address', type: 'string', default: '' },
		{ displayName: 'City', name: 'city', type: 'string', default: '' },
		{ displayName: 'Country', name: 'country', type: 'string', default: '', placeholder: 'US' },
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
		{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '' },
		{ displayName: 'Prospect Info (JSON)', name: 'prospectInfo', type: 'json', default: '{}', description: 'Like {"firstName": "", "lastName": "", "email": ""}' },
		{ displayName: 'Settings (JSON)', name: 'settings', type: 'json', default: '{}', description: 'Like {"allowDuplicateContact": false}' },
		{ displayName: 'Social (JSON)', name: 'social', type: 'json', default: '{}' },
		{ displayName: 'State', name: 'state', type: 'string', default: '' },
		{ displayName: 'Timezone', name: 'timezone', type: 'string', default: '', placeholder: 'US/Central' },
		{ displayName: 'Website', name: 'website', type: 'string', default: '' },
	],
};

const JSON_LOCATION_FIELDS = new Set(['prospectInfo', 'settings', 'social']);

function locationBody(item: AgencyItem): IDataObject {
	const fields = item.param<IDataObject>('locationFields', {});
	const body: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === '' || value === undefined) continue;
		if (JSON_LOCATION_FIELDS.has(key)) {
			const parsed = parseJsonInput<unknown>(item.node, item.itemIndex, `Location Fields > ${key}`, value);
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
				throw invalidInput(item.node, item.itemIndex, `Location Fields > ${key}`, 'must be a JSON object');
			}
			if (Object.keys(parsed).length) body[key] = parsed as IDataObject;
		} else {
			body[key] = String(value).trim();
		}
	}
	return body;
}

/** The snapshot-status endpoints take dates like "10-10-2022 12:00 AM" (apps/snapshots.json). */
function snapshotDate(item: AgencyItem, name: string, label: string): string {
	const value = text(item, name, label);
	if (/^\d{2}-\d{2}-\d{4} \d{1,2}:\d{2} (AM|PM)$/.test(value)) return value;
	const millis = Date.parse(value);
	if (Number.isNaN(millis)) {
		throw invalidInput(item.node, item.itemIndex, label, `"${value}" is not a date (use ISO 8601 or MM-DD-YYYY hh:mm AM)`);
	}
	const date = new Date(millis);
	const pad = (n: number) => String(n).padStart(2, '0');
	const hours = date.getUTCHours();
	return `${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}-${date.getUTCFullYear()} ${pad(hours % 12 || 12)}:${pad(date.getUTCMinutes())} ${hours < 12 ? 'AM' : 'PM'}`;
}

const locationsVersion = HIGHLEVEL_API_VERSION.locations;

export const agencyOperations: AgencyOperation[] = [
	{
		resource: 'subAccount',
		value: 'search',
		name: 'Search',
		action: 'Search sub-accounts',
		description: 'List the sub-accounts (locations) of the agency (GET /locations/search)',
		properties: [
			...returnAllProperties(),
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Only sub-accounts with this e-mail' },
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'asc' },
					{ name: 'Descending', value: 'desc' },
				],
				default: 'asc',
			},
		],
		prepare(item) {
			const query = compact({ companyId: item.client.requireCompanyId(item.itemIndex), email: String(item.param('email', '')).trim(), order: item.param('order', 'asc') });
			const target = {
				returnAll: item.param<boolean>('returnAll', false),
				limit: item.param<number>('limit', 50),
				itemIndex: item.itemIndex,
			};
			return () => paginateSkipLimit(item.client, '/locations/search', query, 'locations', target, 100, locationsVersion);
		},
	},
	{
		resource: 'subAccount',
		value: 'get',
		name: 'Get',
		action: 'Get a sub-account',
		description: 'Get a sub-account (location) by ID',
		properties: [requiredTextProperty('Location ID', 'locationId')],
		prepare(item) {
			const path = `/locations/${id(item, 'locationId', 'Location ID')}`;
			return async () => {
				const response = await item.client.request({ method: 'GET', path, version: locationsVersion, itemIndex: item.itemIndex });
				return (response.location as IDataObject | undefined) ?? response;
			};
		},
	},
	{
		resource: 'subAccount',
		value: 'create',
		name: 'Create',
		action: 'Create a sub-account',
		description: 'Create a sub-account, optionally from a snapshot (POST /locations/, Agency Pro plan)',
		properties: [
			requiredTextProperty('Name', 'name'),
			{ displayName: 'Snapshot ID', name: 'snapshotId', type: 'string', default: '', description: 'Snapshot to load into the new sub-account' },
			locationFields,
		],
		prepare(item) {
			const snapshotId = String(item.param('snapshotId', '')).trim();
			const body = {
				...locationBody(item),
				name: text(item, 'name', 'Name'),
				companyId: item.client.requireCompanyId(item.itemIndex),
				...(snapshotId ? { snapshotId: id(item, 'snapshotId', 'Snapshot ID') } : {}),
			};
			return () => item.client.request({ method: 'POST', path: '/locations/', body, version: locationsVersion, itemIndex: item.itemIndex });
		},
	},
	{
		resource: 'subAccount',
		value: 'update',
		name: 'Update',
		action: 'Update a sub-account',
		description: 'Update a sub-account, optionally loading a snapshot into it (PUT /locations/{locationId})',
		properties: [
			requiredTextProperty('Location ID', 'locationId'),
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Snapshot ID', name: 'snapshotId', type: 'string', default: '', description: 'Snapshot to load into the sub-account' },
			{
				displayName: 'Override Conflicting Assets',
				name: 'override',
				type: 'boolean',
				default: false,
				description: 'Whether the snapshot replaces assets that already exist',
				displayOptions: { hide: { snapshotId: [''] } },
			},
			locationFields,
		],
		prepare(item) {
			const path = `/locations/${id(item, 'locationId', 'Location ID')}`;
			const snapshotId = String(item.param('snapshotId', '')).trim();
			const name = String(item.param('name', '')).trim();
			const body = {
				...locationBody(item),
				...(name ? { name } : {}),
				companyId: item.client.requireCompanyId(item.itemIndex),
				...(snapshotId
					? { snapshot: { id: id(item, 'snapshotId', 'Snapshot ID'), override: item.param<boolean>('override', false) } }
					: {}),
			};
			return () => item.client.request({ method: 'PUT', path, body, version: locationsVersion, itemIndex: item.itemIndex });
		},
	},
	{
		resource: 'subAccount',
		value: 'delete',
		name: 'Delete',
		action: 'Delete a sub-account',
		description: 'Delete a sub-account (DELETE /locations/{locationId})',
		properties: [
			requiredTextProperty('Location ID', 'locationId'),
			{ displayName: 'Delete Twilio Account', name: 'deleteTwilioAccount', type: 'boolean', default: false, description: "Whether to delete the sub-account's Twilio account too" },
		],
		prepare(item) {
			const locationId = id(item, 'locationId', 'Location ID');
			const query = { deleteTwilioAccount: item.param<boolean>('deleteTwilioAccount', false) };
			return async () => ({
				locationId,
				...(await item.client.request({ method: 'DELETE', path: `/locations/${locationId}`, query, version: locationsVersion, itemIndex: item.itemIndex })),
			});
		},
	},
	{
		resource: 'snapshot',
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many snapshots',
		description: "List the agency's own and imported snapshots (GET /snapshots/)",
		properties: [],
		prepare(item) {
			const query = { companyId: item.client.requireCompanyId(item.itemIndex) };
			return async () =>
				((await item.client.request({ method: 'GET', path: '/snapshots/', query, version: HIGHLEVEL_API_VERSION.snapshots, itemIndex: item.itemIndex })).snapshots as IDataObject[] | undefined) ?? [];
		},
	},
	{
		resource: 'snapshot',
		value: 'createShareLink',
		name: 'Create Share Link',
		action: 'Create a snapshot share link',
		description: 'Create a link to share a snapshot (POST /snapshots/share/link)',
		properties: [
			requiredTextProperty('Snapshot ID', 'snapshotId'),
			{
				displayName: 'Share Type',
				name: 'shareType',
				type: 'options',
				options: [
					{ name: 'Link', value: 'link' },
					{ name: 'Permanent Link', value: 'permanent_link' },
					{ name: 'Agency Restricted Link', value: 'agency_link' },
					{ name: 'Sub-Account Restricted Link', value: 'location_link' },
				],
				default: 'link',
			},
			{
				displayName: 'Relationship Numbers',
				name: 'relationshipNumber',
				type: 'string',
				default: '',
				description: 'Comma-separated relationship numbers of the agencies allowed to use the link',
				displayOptions: { show: { shareType: ['agency_link'] } },
			},
			{
				displayName: 'Sub-Account IDs',
				name: 'shareLocationId',
				type: 'string',
				default: '',
				description: 'Comma-separated sub-account IDs allowed to use the link',
				displayOptions: { show: { shareType: ['location_link'] } },
			},
		],
		prepare(item) {
			const shareType = item.param<string>('shareType', 'link');
			const body = compact({
				snapshot_id: id(item, 'snapshotId', 'Snapshot ID'),
				share_type: shareType,
				relationship_number: shareType === 'agency_link' ? text(item, 'relationshipNumber', 'Relationship Numbers') : undefined,
				share_location_id: shareType === 'location_link' ? text(item, 'shareLocationId', 'Sub-Account IDs') : undefined,
			});
			const query = { companyId: item.client.requireCompanyId(item.itemIndex) };
			return () => item.client.request({ method: 'POST', path: '/snapshots/share/link', query, body, version: HIGHLEVEL_API_VERSION.snapshots, itemIndex: item.itemIndex });
		},
	},
	{
		resource: 'snapshot',
		value: 'getPushStatus',
		name: 'Get Push Status',
		action: 'Get the push status of a snapshot',
		description: 'List pushes of a snapshot to sub-accounts in a date range (GET /snapshots/snapshot-status/{snapshotId})',
		properties: [
			requiredTextProperty('Snapshot ID', 'snapshotId'),
			requiredTextProperty('From', 'from', 'Start of the range: ISO 8601, or MM-DD-YYYY hh:mm AM as HighLevel writes it'),
			requiredTextProperty('To', 'to', 'End of the range'),
			...returnAllProperties(),
		],
		prepare(item) {
			const path = `/snapshots/snapshot-status/${id(item, 'snapshotId', 'Snapshot ID')}`;
			const base = {
				companyId: item.client.requireCompanyId(item.itemIndex),
				from: snapshotDate(item, 'from', 'From'),
				to: snapshotDate(item, 'to', 'To'),
			};
			const max = item.param<boolean>('returnAll', false) ? Number.POSITIVE_INFINITY : item.param<number>('limit', 50);
			return async () => {
				const pushes: IDataObject[] = [];
				let lastDoc = '';
				for (;;) {
					const limit = Math.min(100, max - pushes.length);
					const response = await item.client.request({
						method: 'GET',
						path,
						query: { ...base, lastDoc, limit: String(limit) },
						version: HIGHLEVEL_API_VERSION.snapshots,
						itemIndex: item.itemIndex,
					});
					const page = (response.data as IDataObject[] | undefined) ?? [];
					for (const push of page) if (pushes.length < max) pushes.push(push);
					if (page.length < limit || pushes.length >= max) return pushes;
					lastDoc = String(page[page.length - 1].id);
				}
			};
		},
	},
	{
		resource: 'snapshot',
		value: 'getLatestPush',
		name: 'Get Latest Push for Sub-Account',
		action: 'Get the latest snapshot push for a sub-account',
		description: 'Status of the last push of a snapshot to one sub-account',
		properties: [requiredTextProperty('Snapshot ID', 'snapshotId'), requiredTextProperty('Location ID', 'locationId')],
		prepare(item) {
			const path = `/snapshots/snapshot-status/${id(item, 'snapshotId', 'Snapshot ID')}/location/${id(item, 'locationId', 'Location ID')}`;
			const query = { companyId: item.client.requireCompanyId(item.itemIndex) };
			return async () => {
				const response = await item.client.request({ method: 'GET', path, query, version: HIGHLEVEL_API_VERSION.snapshots, itemIndex: item.itemIndex });
				return (response.data as IDataObject | undefined) ?? response;
			};
		},
	},
	{
		resource: 'saas',
		value: 'getLocations',
		name: 'Get Locations by Stripe IDs',
		action: 'Get SaaS locations by Stripe customer and subscription',
		description: 'Find SaaS sub-accounts by Stripe customer and subscription (GET /saas/locations, scope saas/location.read)',
		properties: [requiredTextProperty('Stripe Customer ID', 'customerId'), requiredTextProperty('Stripe Subscription ID', 'subscriptionId')],
		prepare(item) {
			const query = {
				customerId: text(item, 'customerId', 'Stripe Customer ID'),
				subscriptionId: text(item, 'subscriptionId', 'Stripe Subscription ID'),
				companyId: item.client.requireCompanyId(item.itemIndex),
			};
			return async () => {
				// The spec declares no body; the deprecated twin of this op answers a list of location IDs.
				const response = await item.client.request<unknown>({ method: 'GET', path: '/saas/locations', query, version: HIGHLEVEL_API_VERSION.saas, itemIndex: item.itemIndex });
				const list = Array.isArray(response) ? response : ((response as IDataObject).locations as unknown[] | undefined) ?? [];
				return list.map((entry) => (typeof entry === 'object' && entry !== null ? (entry as IDataObject) : { locationId: String(entry) }));
			};
		},
	},
	{
		resource: 'saas',
		value: 'updateSubscription',
		name: 'Update Subscription',
		action: 'Update the SaaS subscription of a sub-account',
		description: 'Point a SaaS sub-account at a Stripe customer and subscription (PUT /saas/update-saas-subscription/{locationId})',
		properties: [requiredTextProperty('Location ID', 'locationId'), requiredTextProperty('Stripe Customer ID', 'customerId'), requiredTextProperty('Stripe Subscription ID', 'subscriptionId')],
		prepare(item) {
			const path = `/saas/update-saas-subscription/${id(item, 'locationId', 'Location ID')}`;
			const body = {
				subscriptionId: text(item, 'subscriptionId', 'Stripe Subscription ID'),
				customerId: text(item, 'customerId', 'Stripe Customer ID'),
				companyId: item.client.requireCompanyId(item.itemIndex),
			};
			return async () => {
				const response = await item.client.request<unknown>({ method: 'PUT', path, body, version: HIGHLEVEL_API_VERSION.saas, itemIndex: item.itemIndex });
				// A bare message string in the deprecated twin's spec; keep an object per item either way.
				return typeof response === 'object' && response !== null
					? { locationId: path.split('/').pop(), ...(response as IDataObject) }
					: { locationId: path.split('/').pop(), message: String(response) };
			};
		},
	},
];
