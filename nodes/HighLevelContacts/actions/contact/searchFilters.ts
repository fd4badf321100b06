import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../shared/input';
import { fieldReference } from '../../customFields';
import { FROM_VERSION_1_1, type VersionCondition } from '../common';
import type { HighLevelItem } from '../types';
import { customFieldLocator } from './fields';

/** Longest filter value Search takes (its documented limit). */
export const MAX_FILTER_VALUE = 75;

/** Contact fields Search filters on, as its documentation names them. */
const FILTER_FIELDS: Array<{ name: string; value: string }> = [
	{ name: 'Address', value: 'address' },
	{ name: 'Assigned To (User ID)', value: 'assignedTo' },
	{ name: 'Business ID', value: 'businessId' },
	{ name: 'City', value: 'city' },
	{ name: 'Company Name', value: 'companyName' },
	{ name: 'Country', value: 'country' },
	{ name: 'Date Added', value: 'dateAdded' },
	{ name: 'Date of Birth', value: 'dateOfBirth' },
	{ name: 'Date Updated', value: 'dateUpdated' },
	{ name: 'DND', value: 'dnd' },
	{ name: 'Email', value: 'email' },
	{ name: 'First Name', value: 'firstNameLowerCase' },
	{ name: 'Followers (User ID)', value: 'followers' },
	{ name: 'ID', value: 'id' },
	{ name: 'Last Activity', value: 'lastActivity' },
	{ name: 'Last Name', value: 'lastNameLowerCase' },
	{ name: 'Phone', value: 'phone' },
	{ name: 'Postal Code', value: 'postalCode' },
	{ name: 'Source', value: 'source' },
	{ name: 'State', value: 'state' },
	{ name: 'Tags', value: 'tags' },
	{ name: 'Type', value: 'type' },
];

const FIELD_OPTIONS = [
	...FILTER_FIELDS,
	{ name: 'Custom Field', value: 'customField', description: 'A contact custom field, by name, field key or ID' },
	{ name: 'Other (By Name)', value: 'other', description: 'A field not in this list, by the name Search knows it by' },
];

/** The name of a field picked as *Other (By Name)*. */
function otherFieldName(does: string): INodeProperties {
	return {
		displayName: 'Field Name',
		name: 'fieldName',
		type: 'string',
		default: '',
		placeholder: 'e.g. businessName',
		description: `A field Search ${does} that is not in the list, as its documentation names it`,
		displayOptions: { show: { field: ['other'] } },
	};
}

const FIELD_NAMES = new Map(FILTER_FIELDS.map(({ name, value }) => [value, name]));

const OPERATORS = [
	{ name: 'Equals', value: 'eq' },
	{ name: 'Not Equals', value: 'not_eq' },
	{ name: 'Contains', value: 'contains' },
	{ name: 'Does Not Contain', value: 'not_contains' },
	{ name: 'Exists', value: 'exists', description: 'The field has a value' },
	{ name: 'Does Not Exist', value: 'not_exists', description: 'The field has no value' },
	{ name: 'Is Between', value: 'range', description: 'From and/or To, both included (dates, numbers)' },
];

const WITHOUT_VALUE = ['exists', 'not_exists'];

/**
 * The filters of Search from version 1.1: rows of field / operator / value (combined with AND, or
 * with OR as one group), or the JSON of version 1 for nested groups. Version 1 keeps its JSON field.
 */
export const searchFilterProperties: INodeProperties[] = [
	{
		displayName: 'Filter Input',
		name: 'filterInput',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Rows', value: 'rows', description: 'One row per condition: field, operator and value' },
			{ name: 'JSON', value: 'json', description: "Search's filters array as JSON, for nested AND/OR groups" },
		],
		default: 'rows',
		displayOptions: { show: { '@version': FROM_VERSION_1_1 } },
	},
	{
		displayName: 'Match',
		name: 'filterMatch',
		type: 'options',
		options: [
			{ name: 'All Filters', value: 'AND', description: 'Contacts that match every row' },
			{ name: 'Any Filter', value: 'OR', description: 'Contacts that match at least one row' },
		],
		default: 'AND',
		displayOptions: { show: { '@version': FROM_VERSION_1_1, filterInput: ['rows'] } },
	},
	{
		displayName: 'Filters',
		name: 'filterRows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { '@version': FROM_VERSION_1_1, filterInput: ['rows'] } },
		options: [
			{
				displayName: 'Filter',
				name: 'filter',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'options',
						options: FIELD_OPTIONS,
						default: 'email',
					},
					{
						...customFieldLocator('customField', 'The contact custom field to filter on'),
						displayName: 'Field (Custom)',
						displayOptions: { show: { field: ['customField'] } },
					},
					otherFieldName('filters on'),
					{ displayName: 'Operator', name: 'operator', type: 'options', options: OPERATORS, default: 'eq' },
					{
						displayName: 'Range From',
						name: 'from',
						type: 'string',
						default: '',
						placeholder: 'e.g. 2026-01-01',
						description: 'Lowest value, included (empty: no lower bound)',
						displayOptions: { show: { operator: ['range'] } },
					},
					{
						displayName: 'Range To',
						name: 'to',
						type: 'string',
						default: '',
						placeholder: 'e.g. 2026-12-31',
						description: 'Highest value, included (empty: no upper bound)',
						displayOptions: { show: { operator: ['range'] } },
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: `Up to ${MAX_FILTER_VALUE} characters. DND takes true or false.`,
						displayOptions: { hide: { operator: [...WITHOUT_VALUE, 'range'] } },
					},
				],
			},
		],
	},
];

function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	return (typeof value === 'string' ? value : String(value)).trim();
}

function checkLength(item: HighLevelItem, label: string, name: string, value: string) {
	if (value.length > MAX_FILTER_VALUE) {
		throw invalidInput(item.node, item.itemIndex, label, `${name} is ${value.length} characters long (Search takes at most ${MAX_FILTER_VALUE})`);
	}
}

/** One row as Search's `{field, operator, value}`, its custom field named by ID. */
async function rowFilter(item: HighLevelItem, row: IDataObject, index: number): Promise<IDataObject> {
	const kind = text(row.field);
	const operator = text(row.operator) || 'eq';
	const reference = kind === 'customField' ? fieldReference(row.customField) : kind === 'other' ? text(row.fieldName) : kind;
	const named = kind === 'customField' ? `Custom Field ${reference}` : (FIELD_NAMES.get(kind) ?? reference);
	const label = `Filters > Filter ${index + 1}${reference ? ` (${named})` : ''}`;
	if (!reference) {
		const what = kind === 'customField' ? 'Field (Custom)' : kind === 'other' ? 'Field Name' : 'Field';
		throw invalidInput(item.node, item.itemIndex, label, `${what} is empty`);
	}
	if (!OPERATORS.some((option) => option.value === operator)) {
		throw invalidInput(item.node, item.itemIndex, label, `"${operator}" is not an operator of Search`);
	}
	const field = kind === 'customField' ? `customFields.${(await item.customFields.find(item.node, item.itemIndex, reference, label)).id}` : reference;
	if (WITHOUT_VALUE.includes(operator)) return { field, operator };
	if (operator === 'range') {
		const from = text(row.from);
		const to = text(row.to);
		if (!from && !to) throw invalidInput(item.node, item.itemIndex, label, 'Is Between needs Range From, Range To or both');
		checkLength(item, label, 'Range From', from);
		checkLength(item, label, 'Range To', to);
		return { field, operator, value: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } };
	}
	const value = text(row.value);
	if (!value) throw invalidInput(item.node, item.itemIndex, label, 'Value is empty (use Exists or Does Not Exist for a field with or without a value)');
	checkLength(item, label, 'Value', value);
	if (kind === 'dnd') {
		if (!/^(true|false)$/i.test(value)) throw invalidInput(item.node, item.itemIndex, label, `DND takes true or false, not "${value}"`);
		return { field, operator, value: value.toLowerCase() === 'true' };
	}
	return { field, operator, value };
}

/** The `filters` of Search from the Filters rows (none: no filter). */
export async function filtersFromRows(item: HighLevelItem): Promise<IDataObject[]> {
	const rows = (item.param<IDataObject>('filterRows', {}).filter as IDataObject[] | undefined) ?? [];
	const filters: IDataObject[] = [];
	for (const [index, row] of rows.entries()) filters.push(await rowFilter(item, row, index));
	if (filters.length > 1 && item.param<string>('filterMatch', 'AND') === 'OR') return [{ group: 'OR', filters }];
	return filters;
}

/**
 * What version 1.1 also checks in JSON filters: values within Search's limit and ranges with a
 * bound (version 1 sends them as they are).
 */
export function checkFilterValues(item: HighLevelItem, label: string, filter: IDataObject) {
	const { operator, value } = filter;
	if (operator === 'range') {
		const bounds = value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as IDataObject) : [];
		const set = bounds.filter(([key, bound]) => ['gt', 'gte', 'lt', 'lte'].includes(key) && text(bound) !== '');
		if (set.length === 0) throw invalidInput(item.node, item.itemIndex, label, 'a range needs a value with gt, gte, lt or lte');
		for (const [key, bound] of set) checkLength(item, label, `value.${key}`, text(bound));
		return;
	}
	for (const entry of Array.isArray(value) ? value : [value]) {
		if (typeof entry === 'string') checkLength(item, label, 'value', entry);
	}
}

const DIRECTIONS = [
	{ name: 'Ascending', value: 'asc' },
	{ name: 'Descending', value: 'desc' },
];

/** Version 1's sort rule: the field as Search names it, typed. */
const SORT_RULE_TEXT: INodeProperties[] = [
	{ displayName: 'Field', name: 'field', type: 'string', default: 'dateAdded' },
	{ displayName: 'Direction', name: 'direction', type: 'options', options: DIRECTIONS, default: 'desc' },
];

/** From version 1.1 a rule's field is picked from the contact fields Search knows, or named. */
const SORT_RULE_FIELDS: INodeProperties[] = [
	{
		displayName: 'Field',
		name: 'field',
		type: 'options',
		options: FIELD_OPTIONS.filter((option) => option.value !== 'customField'),
		default: 'dateAdded',
	},
	otherFieldName('sorts by'),
	{ displayName: 'Direction', name: 'direction', type: 'options', options: DIRECTIONS, default: 'desc' },
];

function sortProperty(values: INodeProperties[], version: VersionCondition): INodeProperties {
	return {
		displayName: 'Sort',
		name: 'sort',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Sort Rule',
		default: {},
		description: "Search's sort: the first rule orders the contacts, each next one breaks the ties of those before",
		displayOptions: { show: { '@version': version } },
		options: [{ displayName: 'Rule', name: 'rule', values }],
	};
}

export const searchSortProperties: INodeProperties[] = [sortProperty(SORT_RULE_TEXT, [1]), sortProperty(SORT_RULE_FIELDS, FROM_VERSION_1_1)];

/**
 * Search's `sort` (`[{field, direction}]`) from the Sort rules: version 1 sends what it holds, as
 * it did; 1.1 checks each rule before any request.
 */
export function sortFromRules(item: HighLevelItem): IDataObject[] {
	const rules = (item.param<IDataObject>('sort', {}).rule as IDataObject[] | undefined) ?? [];
	if (item.node.typeVersion < 1.1) return rules.map((rule) => ({ field: String(rule.field), direction: rule.direction }));
	return rules.map((rule, index) => {
		const label = `Sort > Rule ${index + 1}`;
		const field = text(rule.field) === 'other' ? text(rule.fieldName) : text(rule.field);
		if (!field) throw invalidInput(item.node, item.itemIndex, label, text(rule.field) === 'other' ? 'Field Name is empty' : 'Field is empty');
		const direction = text(rule.direction) || 'desc';
		if (!DIRECTIONS.some((option) => option.value === direction)) {
			throw invalidInput(item.node, item.itemIndex, label, `Direction is "${direction}", not asc or desc`);
		}
		return { field, direction };
	});
}
