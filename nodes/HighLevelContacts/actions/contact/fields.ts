import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	checkEmail,
	checkPhone,
	compact,
	invalidInput,
	parseJsonInput,
	parseList,
	pathSegment,
} from '../../../shared/input';
import { assignedToProperty, FROM_VERSION_1_1, userIdOf, type VersionCondition } from '../common';
import type { HighLevelItem } from '../types';

/** Which contact DTO the fields are for: the spec's Update DTO lacks a few Create fields. */
export type ContactBodyKind = 'create' | 'upsert' | 'update';

const DND_STATUS_OPTIONS = ['active', 'inactive', 'permanent'];

const DATE_OF_BIRTH = [
	/^\d{4}([/._-])\d{2}\1\d{2}$/, // YYYY/MM/DD, YYYY-MM-DD, YYYY.MM.DD, YYYY_MM_DD
	/^\d{2}([/._-])\d{2}\1\d{4}$/, // MM/DD/YYYY, MM-DD-YYYY, MM.DD.YYYY, MM_DD_YYYY
];

const DND_CHANNELS: Array<{ name: string; displayName: string }> = [
	{ name: 'Call', displayName: 'Call' },
	{ name: 'Email', displayName: 'Email' },
	{ name: 'FB', displayName: 'Facebook (FB)' },
	{ name: 'GMB', displayName: 'Google Business Profile (GMB)' },
	{ name: 'SMS', displayName: 'SMS' },
	{ name: 'WhatsApp', displayName: 'WhatsApp' },
];

const dndStatus = (statuses: string[]): INodeProperties => ({
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: [
		{ name: 'Active', value: 'active', description: 'Do Not Disturb is on: no messages on this channel' },
		{ name: 'Inactive', value: 'inactive', description: 'Do Not Disturb is off' },
		{ name: 'Permanent', value: 'permanent', description: 'Do Not Disturb is on for good' },
	].filter((option) => statuses.includes(option.value)),
	default: 'active',
});

/** DND settings as fields (version 1.1): one entry per channel, stored in the shape the API takes. */
const DND_SETTINGS_FIELDS: INodeProperties[] = [
	{
		displayName: 'DND Settings',
		name: 'dndSettings',
		type: 'fixedCollection',
		placeholder: 'Add Channel',
		default: {},
		description: 'Do Not Disturb per channel',
		options: DND_CHANNELS.map(({ name, displayName }) => ({
			displayName,
			name,
			values: [
				dndStatus(DND_STATUS_OPTIONS),
				{ displayName: 'Message', name: 'message', type: 'string', default: '' },
				{ displayName: 'Code', name: 'code', type: 'string', default: '' },
			],
		})),
	},
	{
		displayName: 'Inbound DND Settings',
		name: 'inboundDndSettings',
		type: 'fixedCollection',
		placeholder: 'Add Setting',
		default: {},
		description: 'Do Not Disturb for inbound messages (all channels)',
		options: [
			{
				displayName: 'All Channels',
				name: 'all',
				values: [dndStatus(['active', 'inactive']), { displayName: 'Message', name: 'message', type: 'string', default: '' }],
			},
		],
	},
];

/** Version 1: DND settings as JSON. */
const DND_SETTINGS_JSON: INodeProperties[] = [
	{
		displayName: 'DND Settings (JSON)',
		name: 'dndSettings',
		type: 'json',
		default: '{}',
		description:
			'Per channel (Call, Email, SMS, WhatsApp, GMB, FB), like {"Email": {"status": "active", "message": "", "code": ""}}',
	},
	{
		displayName: 'Inbound DND Settings (JSON)',
		name: 'inboundDndSettings',
		type: 'json',
		default: '{}',
		description: 'Like {"all": {"status": "active", "message": ""}}',
	},
];

function contactFieldOptions(kind: ContactBodyKind, structured: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		{ displayName: 'Address', name: 'address1', type: 'string', default: '' },
		assignedToProperty('the contact', structured),
		{ displayName: 'City', name: 'city', type: 'string', default: '' },
		{
			displayName: 'Country',
			name: 'country',
			type: 'string',
			default: '',
			placeholder: 'US',
			description: 'Two-letter country code (ISO 3166-1 alpha-2)',
		},
		structured
			? {
					displayName: 'Date of Birth',
					name: 'dateOfBirth',
					type: 'dateTime',
					default: '',
					description: 'Sent as the date only (YYYY-MM-DD); an expression may also give MM/DD/YYYY',
				}
			: {
					displayName: 'Date of Birth',
					name: 'dateOfBirth',
					type: 'string',
					default: '',
					placeholder: '1990-09-25',
					description: 'YYYY-MM-DD or MM-DD-YYYY, with "-", "/", "." or "_" as separator',
				},
		{ displayName: 'DND', name: 'dnd', type: 'boolean', default: false, description: 'Whether Do Not Disturb is on for all channels' },
		...(structured ? DND_SETTINGS_FIELDS : DND_SETTINGS_JSON),
		{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
		{ displayName: 'Full Name', name: 'name', type: 'string', default: '' },
		{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
		{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '' },
		{ displayName: 'Source', name: 'source', type: 'string', default: '', placeholder: 'gumroad' },
		{ displayName: 'State', name: 'state', type: 'string', default: '' },
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			description:
				kind === 'create'
					? 'Comma-separated tags'
					: 'Comma-separated. Replaces ALL tags of the contact; use the Tag resource to add or remove single tags.',
		},
		{ displayName: 'Timezone', name: 'timezone', type: 'string', default: '', placeholder: 'America/New_York' },
		{ displayName: 'Website', name: 'website', type: 'string', default: '' },
	];
	if (kind !== 'upsert') {
		fields.push(
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: '+15550001111' },
		);
	}
	if (kind !== 'update') {
		fields.push(
			{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' },
			{ displayName: 'Gender', name: 'gender', type: 'string', default: '', placeholder: 'female' },
		);
	}
	if (kind === 'upsert') {
		fields.push({
			displayName: 'Create New If Duplicate Allowed',
			name: 'createNewIfDuplicateAllowed',
			type: 'boolean',
			default: false,
			description:
				'Whether to always create a new contact when the location allows duplicate contacts (ignored when it does not)',
		});
	}
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

const CUSTOM_FIELDS_DESCRIPTION =
	"Values of the location's contact custom fields, e.g. GumroadCustomerId. The value is converted to the field's type.";

/** A contact custom field of version 1.1: picked from the location's list, or by name, field key or ID. */
export function customFieldLocator(name: string, description: string): INodeProperties {
	return {
		displayName: 'Field',
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCustomFields', searchable: true },
			},
			{
				displayName: 'By Name, Key or ID',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. GumroadCustomerId',
				hint: 'The field name (GumroadCustomerId), field key (contact.gumroad_customer_id) or ID',
			},
		],
	};
}

/**
 * Custom Fields in both node versions: 1 stored the field as a plain string (an `options`
 * parameter, whose check in the editor flags a name given by expression as "not supported");
 * 1.1 stores a resource locator, so a name, field key or ID typed in its own mode is valid as is.
 */
function customFieldsProperties(): INodeProperties[] {
	const collection = (field: INodeProperties, version: VersionCondition): INodeProperties => ({
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		placeholder: 'Add Custom Field',
		typeOptions: { multipleValues: true },
		default: {},
		description: CUSTOM_FIELDS_DESCRIPTION,
		displayOptions: { show: { '@version': version } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [field, { displayName: 'Value', name: 'value', type: 'string', default: '' }],
			},
		],
	});
	return [
		collection(
			{
				displayName: 'Field Name or ID',
				name: 'field',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getCustomFields' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'An expression may also give the field name (GumroadCustomerId) or field key (contact.gumroad_customer_id)',
			},
			[1],
		),
		collection(
			customFieldLocator('field', 'The contact custom field to set'),
			FROM_VERSION_1_1,
		),
	];
}

/**
 * The contact's fields: version 1 takes DND settings as JSON and the date of birth as text, 1.1
 * DND settings as fields and the date of birth as a date.
 */
export function contactFieldProperties(kind: ContactBodyKind): INodeProperties[] {
	const collection = (structured: boolean): INodeProperties => ({
		displayName: kind === 'update' ? 'Update Fields' : 'Additional Fields',
		name: 'contactFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { '@version': structured ? FROM_VERSION_1_1 : [1] } },
		options: contactFieldOptions(kind, structured),
	});
	return [collection(false), collection(true), ...customFieldsProperties()];
}

/** A birth date as YYYY-MM-DD, the calendar date as given (no time zone shift). */
function birthDate(item: HighLevelItem, value: unknown): string {
	const { node, itemIndex } = item;
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
	const luxon = value as { toISODate?: () => string | null } | null;
	if (luxon && typeof luxon === 'object' && typeof luxon.toISODate === 'function') {
		const date = luxon.toISODate();
		if (date) return date;
	}
	const text = String(value).trim();
	const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
	const yearFirst = /^(\d{4})([/._-])(\d{2})\2(\d{2})$/.exec(text);
	const monthFirst = /^(\d{2})([/._-])(\d{2})\2(\d{4})$/.exec(text);
	const parts = isoDateTime
		? isoDateTime.slice(1, 4)
		: yearFirst
			? [yearFirst[1], yearFirst[3], yearFirst[4]]
			: monthFirst
				? [monthFirst[4], monthFirst[1], monthFirst[3]]
				: undefined;
	if (parts) {
		const [year, month, day] = parts.map(Number);
		const date = new Date(Date.UTC(year, month - 1, day));
		if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
			return `${parts[0]}-${parts[1]}-${parts[2]}`;
		}
	}
	throw invalidInput(node, itemIndex, 'Date of Birth', `"${text}" is not a date (e.g. 1990-09-25)`);
}

function checkDndSettings(item: HighLevelItem, label: string, value: unknown): IDataObject {
	const settings = parseJsonInput<unknown>(item.node, item.itemIndex, label, value);
	if (!settings || typeof settings !== 'object' || Array.isArray(settings)) {
		throw invalidInput(item.node, item.itemIndex, label, 'must be a JSON object keyed by channel');
	}
	for (const [channel, setting] of Object.entries(settings as IDataObject)) {
		const status = (setting as IDataObject | null)?.status;
		if (status !== undefined && !DND_STATUS_OPTIONS.includes(String(status))) {
			throw invalidInput(item.node, item.itemIndex, label, `${channel}.status must be one of ${DND_STATUS_OPTIONS.join(', ')}`);
		}
	}
	return settings as IDataObject;
}

/**
 * The body of create, upsert or update, from the item's fields: checked and typed as
 * the spec's contact DTOs expect. Unset fields are left out so an update changes only what
 * the user set.
 */
export async function buildContactBody(item: HighLevelItem, top: IDataObject = {}) {
	const { node, itemIndex } = item;
	const fields = { ...item.param<IDataObject>('contactFields', {}), ...top };
	if (fields.assignedTo !== undefined) fields.assignedTo = userIdOf(fields.assignedTo) as IDataObject[string];
	const body: IDataObject = {};
	const structured = node.typeVersion >= 1.1;
	for (const [key, raw] of Object.entries(fields)) {
		if (raw === undefined || raw === null || raw === '') continue;
		const value = typeof raw === 'string' ? raw.trim() : raw;
		if (value === '') continue;
		switch (key) {
			case 'email':
				body.email = checkEmail(node, itemIndex, 'Email', value);
				break;
			case 'phone':
				body.phone = checkPhone(node, itemIndex, 'Phone', value);
				break;
			case 'country':
				if (!/^[A-Za-z]{2}$/.test(String(value))) {
					throw invalidInput(node, itemIndex, 'Country', `"${String(value)}" is not a two-letter country code`);
				}
				body.country = String(value).toUpperCase();
				break;
			case 'dateOfBirth':
				if (structured) {
					body.dateOfBirth = birthDate(item, value);
					break;
				}
				if (!DATE_OF_BIRTH.some((format) => format.test(String(value)))) {
					throw invalidInput(node, itemIndex, 'Date of Birth', `"${String(value)}" is not in a supported format (e.g. 1990-09-25)`);
				}
				body.dateOfBirth = value;
				break;
			case 'assignedTo':
				body.assignedTo = pathSegment(node, itemIndex, 'Assigned To', value, { urlSafe: true });
				break;
			case 'tags':
				body.tags = parseList(node, itemIndex, 'Tags', value);
				break;
			case 'dndSettings':
			case 'inboundDndSettings': {
				const settings = checkDndSettings(item, key === 'dndSettings' ? 'DND Settings' : 'Inbound DND Settings', value);
				// The fields of 1.1 hold an empty message or code when none is given: not sent.
				if (structured) for (const [channel, setting] of Object.entries(settings)) settings[channel] = compact(setting as IDataObject);
				if (Object.keys(settings).length > 0) body[key] = settings;
				break;
			}
			default:
				body[key] = value;
		}
	}
	const customFieldEntries =
		(item.param<IDataObject>('customFields', {}).field as IDataObject[] | undefined) ?? [];
	if (customFieldEntries.length > 0) {
		body.customFields = await item.customFields.toRequest(node, itemIndex, customFieldEntries);
	}
	return body;
}
