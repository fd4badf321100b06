import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { idModeValidation, pathSegment } from '../../shared/input';
import { locatorProperty } from '../../shared/operationProperties';
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

/** A user of the location from version 1.1, picked from its users or by ID. */
export function userLocatorProperty(displayName: string, name: string, description: string): INodeProperties {
	return locatorProperty({
		displayName,
		name,
		description,
		searchListMethod: 'searchUsers',
		idPlaceholder: 'e.g. 9NkT25Vor1v4aQatFsv2',
		idValidation: idModeValidation,
	});
}

/**
 * The ID a user field holds. These sit in collections, where n8n extracts no locator value; the
 * user locator has no URL mode, so its value is the ID (or what an expression gave).
 */
export function userIdOf(value: unknown): unknown {
	return value !== null && typeof value === 'object' && !Array.isArray(value) && 'value' in value ? (value as { value: unknown }).value : value;
}

/** "Assigned To" of contacts and tasks: a user of the location (a locator from version 1.1). */
export function assignedToProperty(whose: string, locator = false): INodeProperties {
	if (locator) return userLocatorProperty('Assigned To', 'assignedTo', `User ${whose} is assigned to`);
	return {
		displayName: 'Assigned To Name or ID',
		name: 'assignedTo',
		type: 'options',
		typeOptions: userOptions,
		default: '',
		description: `User ${whose} is assigned to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/** The node versions a field shows in: `@version` conditions. */
export type VersionCondition = Array<number | { _cnd: { gte: number } }>;
/** Version 1.1 and later (locators, structured inputs); version 1 keeps its fields as they were. */
export const FROM_VERSION_1_1: VersionCondition = [{ _cnd: { gte: 1.1 } }];

/** A collection of fields in both node versions: its user fields are lists in version 1, locators from 1.1. */
export function collectionByVersion(displayName: string, name: string, options: (locator: boolean) => INodeProperties[]): INodeProperties[] {
	const collection = (locator: boolean, version: VersionCondition): INodeProperties => ({
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: options(locator),
		displayOptions: { show: { '@version': version } },
	});
	return [collection(false, [1]), collection(true, FROM_VERSION_1_1)];
}

/** A task or note of version 1.1: picked from the chosen contact's tasks or notes, or by ID. */
function childLocatorProperty(noun: 'task' | 'note', searchListMethod: string): INodeProperties {
	const locator = locatorProperty({
		displayName: `${noun[0].toUpperCase()}${noun.slice(1)}`,
		name: `${noun}Id`,
		description: `The ${noun}, from the ${noun}s of the contact above`,
		searchListMethod,
		idPlaceholder: 'e.g. ve9EPM428h8vShlRW1KT',
		idValidation: idModeValidation,
	});
	return { ...locator, required: true };
}

/** The text ID fields of version 1 that are resource locators from 1.1, by parameter name. */
export const locatorsFromVersion11: ReadonlyMap<string, INodeProperties> = new Map([
	['contactId', contactLocatorProperty],
	['taskId', childLocatorProperty('task', 'searchTasks')],
	['noteId', childLocatorProperty('note', 'searchNotes')],
]);

/** An ID parameter of the item as a path segment. */
export function idParam(item: HighLevelItem, name: string, label: string): string {
	// From version 1.1 the field is a locator ("Contact", "Task", "Note"): its errors name it so.
	const locator = item.node.typeVersion >= 1.1 ? locatorsFromVersion11.get(name) : undefined;
	const named = locator?.displayName ?? label;
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
