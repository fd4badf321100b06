import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { pathSegment } from '../../shared/input';
import type { HighLevelItem } from './types';

export const contactIdProperty: INodeProperties = {
	displayName: 'Contact ID',
	name: 'contactId',
	type: 'string',
	required: true,
	default: '',
	description: 'ID of the HighLevel contact',
};

/**
 * A contact's page in HighLevel (any host: white-label sub-accounts open on their agency's domain):
 * `https://app.gohighlevel.com/v2/location/{locationId}/contacts/detail/{contactId}`.
 */
const CONTACT_URL = 'https?://[^/]+/v2/location/[^/]+/contacts/detail/([A-Za-z0-9]+)(?:[/?#].*)?';

/** The contact of version 1.1: picked from a search, by ID or by its page's URL. */
export const contactLocatorProperty: INodeProperties = {
	displayName: 'Contact',
	name: 'contactId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The HighLevel contact',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchContacts', searchable: true },
		},
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. ocQHyuzHvysMo5N5VsXc' },
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/ocQHyuzHvysMo5N5VsXc',
			validation: [
				{ type: 'regex', properties: { regex: CONTACT_URL, errorMessage: 'Not the URL of a HighLevel contact page' } },
			],
			extractValue: { type: 'regex', regex: CONTACT_URL },
		},
	],
};

/** The URL of a contact's page in HighLevel, as the From List entries link it. */
export function contactUrl(locationId: string, contactId: string) {
	return `https://app.gohighlevel.com/v2/location/${encodeURIComponent(locationId)}/contacts/detail/${encodeURIComponent(contactId)}`;
}

export { requiredTextProperty as idProperty, returnAllProperties } from '../../shared/operationProperties';

export const userOptions = { loadOptionsMethod: 'getUsers' };

/** "Assigned To" of contacts and tasks: a user of the location. */
export function assignedToProperty(whose: string): INodeProperties {
	return {
		displayName: 'Assigned To Name or ID',
		name: 'assignedTo',
		type: 'options',
		typeOptions: userOptions,
		default: '',
		description: `User ${whose} is assigned to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/** An ID parameter of the item as a path segment. */
export function idParam(item: HighLevelItem, name: string, label: string): string {
	// From version 1.1 the contact's field is "Contact" (a locator): its errors name it so.
	const named = name === 'contactId' && item.node.typeVersion >= 1.1 ? contactLocatorProperty.displayName : label;
	return pathSegment(item.node, item.itemIndex, named, item.param(name), { urlSafe: true });
}

export function pageTarget(item: HighLevelItem) {
	return {
		returnAll: item.param<boolean>('returnAll', false),
		limit: item.param<number>('limit', 50),
		itemIndex: item.itemIndex,
	};
}

/** The resource out of HighLevel's envelope (`{task: {...}, traceId}` → the task). */
export function unwrap(response: IDataObject, key: string): IDataObject {
	const inner = response[key];
	return inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as IDataObject) : response;
}

export function listOf(response: IDataObject, key: string): IDataObject[] {
	const list = response[key];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

/** The answer of an action that returns no resource, tagged with what it acted on. */
export function acknowledged(response: IDataObject, ids: IDataObject): IDataObject {
	const { traceId, ...rest } = response;
	return { ...ids, ...rest, ...(traceId ? { traceId } : {}) };
}
