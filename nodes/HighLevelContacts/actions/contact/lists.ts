import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	paginateSearch,
	paginateSkipLimit,
	paginateStartAfter,
	searchAllByDateAdded,
} from '../../../shared/highlevel/paging';
import {
	checkEmail,
	checkPhone,
	compact,
	invalidInput,
	parseJsonInput,
} from '../../../shared/input';
import { contactIdProperty, FROM_VERSION_1_1, idParam, idProperty, listOf, pageTarget, returnAllProperties } from '../common';
import type { HighLevelOperation, HighLevelItem } from '../types';
import { checkFilterValues, filtersFromRows, searchFilterProperties, searchSortProperties, sortFromRules } from './searchFilters';

export const getManyContacts: HighLevelOperation = {
	resource: 'contact',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many contacts',
	description: 'List the contacts of the location, through Search (500 per request) or the deprecated GET /contacts/',
	specOperationIds: ['get-contacts', 'search-contacts-advanced'],
	properties: [
		...returnAllProperties(100_000),
		{
			displayName: 'Query',
			name: 'query',
			type: 'string',
			default: '',
			description: 'Only contacts whose name, email or phone contain this text',
		},
		{
			displayName: 'List Through',
			name: 'listThrough',
			type: 'options',
			options: [
				{
					name: 'Search (Recommended)',
					value: 'search',
					description: 'POST /contacts/search, 500 contacts per request and many requests at once, as HighLevel recommends',
				},
				{
					name: 'GET /Contacts/ (Deprecated)',
					value: 'legacy',
					description: 'The deprecated list endpoint, 100 contacts per request',
				},
			],
			default: 'search',
			description: 'Which HighLevel endpoint lists the contacts. Both return the same contacts, oldest first; Search needs a fifth of the requests.',
		},
	],
	prepare(item) {
		const locationId = item.client.requireLocationId(item.itemIndex);
		const query = item.param<string>('query', '').trim();
		if (item.param<string>('listThrough', 'search') === 'legacy') {
			return () => paginateStartAfter(item.client, '/contacts/', compact({ locationId, query }), pageTarget(item));
		}
		if (query.length > 75) throw invalidInput(item.node, item.itemIndex, 'Query', 'is longer than 75 characters (Search allows 75)');
		return async () => {
			const contacts = await searchAllByDateAdded(item.client, compact({ locationId, query }), pageTarget(item));
			// `searchAfter` is Search's paging cursor, not part of the contact.
			return contacts.map(({ searchAfter: _cursor, ...contact }) => contact);
		};
	},
};

const SEARCH_OPERATORS = new Set([
	'eq',
	'not_eq',
	'contains',
	'not_contains',
	'exists',
	'not_exists',
	'range',
	'gt',
	'gte',
	'lt',
	'lte',
]);

/**
 * Checks the filter tree of the advanced search so a typo fails here, not as an opaque 422; from
 * version 1.1 (`strict`) also each value's length and each range's bounds.
 */
function checkFilters(item: HighLevelItem, filters: unknown, path = 'Filters', strict = false): IDataObject[] {
	if (!Array.isArray(filters)) throw invalidInput(item.node, item.itemIndex, path, 'must be a JSON array of filters');
	filters.forEach((filter, index) => {
		const where = `${path}[${index}]`;
		if (!filter || typeof filter !== 'object') throw invalidInput(item.node, item.itemIndex, where, 'must be an object');
		const { group, filters: nested, field, operator } = filter as IDataObject;
		if (group !== undefined) {
			if (group !== 'AND' && group !== 'OR') throw invalidInput(item.node, item.itemIndex, `${where}.group`, 'must be "AND" or "OR"');
			checkFilters(item, nested, `${where}.filters`, strict);
			return;
		}
		if (typeof field !== 'string' || !field) throw invalidInput(item.node, item.itemIndex, `${where}.field`, 'is required');
		if (!SEARCH_OPERATORS.has(String(operator))) {
			throw invalidInput(item.node, item.itemIndex, `${where}.operator`, `"${String(operator)}" is not one of ${[...SEARCH_OPERATORS].join(', ')}`);
		}
		if (strict) checkFilterValues(item, `${where} (${field})`, filter as IDataObject);
	});
	return filters as IDataObject[];
}

const CUSTOM_FIELD_FILTER = /^(customFields?)\.(.+)$/;

/**
 * Filters on `customFields.<name>` (or field key) name the field as HighLevel wants it, by ID:
 * a workflow can filter on `GumroadCustomerId` as it sets it. The fields are read only when a
 * filter names one.
 */
async function resolveCustomFieldFilters(item: HighLevelItem, filters: IDataObject[]): Promise<IDataObject[]> {
	return await Promise.all(
		filters.map(async (filter) => {
			if (Array.isArray(filter.filters)) return { ...filter, filters: await resolveCustomFieldFilters(item, filter.filters as IDataObject[]) };
			const match = CUSTOM_FIELD_FILTER.exec(String(filter.field));
			if (!match) return filter;
			const field = await item.customFields.find(item.node, item.itemIndex, match[2]);
			return { ...filter, field: `${match[1]}.${field.id}` };
		}),
	);
}

const FILTERS_JSON: INodeProperties = {
	displayName: 'Filters (JSON)',
	name: 'filters',
	type: 'json',
	default: '[]',
	description:
		'E.g. [{"field": "tags", "operator": "eq", "value": "gumroad"}, {"field": "customFields.GumroadCustomerId", "operator": "exists"}, {"group": "OR", "filters": [...]}]; operators eq, not_eq, contains, not_contains, exists, not_exists, range. A custom field may be named by its name, field key or ID.',
};

/** The item's filters: version 1 and Filter Input "JSON" read the JSON, 1.1 the rows by default. */
async function itemFilters(item: HighLevelItem): Promise<() => Promise<IDataObject[]>> {
	const fromVersion11 = item.node.typeVersion >= 1.1;
	if (fromVersion11 && item.param<string>('filterInput', 'rows') !== 'json') {
		const filters = await filtersFromRows(item);
		return async () => filters;
	}
	const label = fromVersion11 ? 'Filters (JSON)' : 'Filters';
	const filters = checkFilters(item, parseJsonInput(item.node, item.itemIndex, label, item.param('filters', '[]') || '[]'), label, fromVersion11);
	return async () => await resolveCustomFieldFilters(item, filters);
}

export const searchContacts: HighLevelOperation = {
	resource: 'contact',
	value: 'search',
	name: 'Search',
	action: 'Search contacts',
	description: 'Advanced search with filters, sort and free text (POST /contacts/search)',
	specOperationIds: ['search-contacts-advanced'],
	properties: [
		...returnAllProperties(1_000_000),
		{
			displayName: 'Query',
			name: 'query',
			type: 'string',
			default: '',
			description: 'Free text, up to 75 characters',
		},
		...searchFilterProperties,
		{ ...FILTERS_JSON, displayOptions: { show: { '@version': [1] } } },
		{ ...FILTERS_JSON, displayOptions: { show: { '@version': FROM_VERSION_1_1, filterInput: ['json'] } } },
		...searchSortProperties,
		{
			displayName: 'Page Size',
			name: 'pageLimit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 500 },
			default: 100,
			description: 'Contacts per request (HighLevel allows up to 500)',
		},
	],
	async prepare(item) {
		const locationId = item.client.requireLocationId(item.itemIndex);
		const query = item.param<string>('query', '').trim();
		if (query.length > 75) throw invalidInput(item.node, item.itemIndex, 'Query', 'is longer than 75 characters');
		const filters = await itemFilters(item);
		const sort = sortFromRules(item);
		const pageLimit = Number(item.param('pageLimit', 100));
		if (!Number.isInteger(pageLimit) || pageLimit < 1 || pageLimit > 500) {
			throw invalidInput(item.node, item.itemIndex, 'Page Size', 'must be a whole number from 1 to 500');
		}
		return async () => {
			const resolved = await filters();
			const body = compact({ locationId, query, ...(resolved.length ? { filters: resolved } : {}), ...(sort.length ? { sort } : {}) });
			return (await paginateSearch(item.client, body, pageTarget(item), pageLimit)).contacts;
		};
	},
};

const FIND_DUPLICATE_PHONE: INodeProperties = { displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: '+15550001111' };

export const findDuplicateContact: HighLevelOperation = {
	resource: 'contact',
	value: 'findDuplicate',
	name: 'Find Duplicate',
	action: 'Find a duplicate contact',
	description:
		'Find the contact HighLevel considers the same person, by email and/or phone (per the "Allow Duplicate Contact" setting)',
	specOperationIds: ['get-duplicate-contact'],
	properties: [
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
		// Version 1 stored the phone as `number` (the query parameter's name); 1.1 as `phone`, like every other operation.
		{ ...FIND_DUPLICATE_PHONE, name: 'number', displayOptions: { show: { '@version': [1] } } },
		{ ...FIND_DUPLICATE_PHONE, name: 'phone', displayOptions: { show: { '@version': FROM_VERSION_1_1 } } },
	],
	prepare(item) {
		const locationId = item.client.requireLocationId(item.itemIndex);
		const email = String(item.param('email', '')).trim();
		const number = String(item.param(item.node.typeVersion >= 1.1 ? 'phone' : 'number', '')).trim();
		if (!email && !number) throw invalidInput(item.node, item.itemIndex, 'Email', 'Email or Phone is required');
		const query = compact({
			locationId,
			email: email ? checkEmail(item.node, item.itemIndex, 'Email', email) : undefined,
			number: number ? checkPhone(item.node, item.itemIndex, 'Phone', number) : undefined,
		});
		return async () => {
			const response = await item.client.request<IDataObject>({ method: 'GET', path: '/contacts/search/duplicate', query, itemIndex: item.itemIndex });
			const contact = response.contact as IDataObject | null | undefined;
			return { found: Boolean(contact), contact: contact ?? null };
		};
	},
};

export const getManyContactsByBusiness: HighLevelOperation = {
	resource: 'contact',
	value: 'getManyByBusiness',
	name: 'Get Many by Business',
	action: 'Get many contacts of a business',
	description: 'List the contacts linked to a business',
	specOperationIds: ['get-contacts-by-businessId'],
	properties: [
		idProperty('Business ID', 'businessId', 'ID of the business'),
		...returnAllProperties(100_000),
		{ displayName: 'Query', name: 'query', type: 'string', default: '', description: 'Only contacts matching this text' },
	],
	prepare(item) {
		const locationId = item.client.requireLocationId(item.itemIndex);
		const businessId = idParam(item, 'businessId', 'Business ID');
		const query = compact({ locationId, query: item.param<string>('query', '') });
		return () => paginateSkipLimit(item.client, `/contacts/business/${businessId}`, query, 'contacts', pageTarget(item));
	},
};

export const getContactAppointments: HighLevelOperation = {
	resource: 'contact',
	value: 'getAppointments',
	name: 'Get Appointments',
	action: 'Get appointments of a contact',
	description: 'List the calendar appointments of a contact',
	specOperationIds: ['get-appointments-for-contact'],
	properties: [contactIdProperty],
	prepare(item) {
		const id = idParam(item, 'contactId', 'Contact ID');
		return async () =>
			listOf(await item.client.request({ method: 'GET', path: `/contacts/${id}/appointments`, itemIndex: item.itemIndex }), 'events');
	},
};
