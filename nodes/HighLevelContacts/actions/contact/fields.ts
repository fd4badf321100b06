import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	checkEmail,
	checkPhone,
	invalidInput,
	parseJsonInput,
	parseList,
	requireId,
} from '../../../shared/input';
import { assignedToProperty } from '../common';
import type { ItemContext } from '../types';

/** Which contact DTO the fields are for: the spec's Update DTO lacks a few Create fields. */
export type ContactBodyKind = 'create' | 'upsert' | 'update';

const DND_STATUS_OPTIONS = ['active', 'inactive', 'permanent'];

const DATE_OF_BIRTH = [
	/^\d{4}([/._-])\d{2}\1\d{2}$/, // YYYY/MM/DD, YYYY-MM-DD, YYYY.MM.DD, YYYY_MM_DD
	/^\d{2}([/._-])\d{2}\1\d{4}$/, // MM/DD/YYYY, MM-DD-YYYY, MM.DD.YYYY, MM_DD_YYYY
];

function contactFieldOptions(kind: ContactBodyKind): INodeProperties[] {
	const fields: INodeProperties[] = [
		{ displayName: 'Address', name: 'address1', type: 'string', default: '' },
		assignedToProperty('the contact'),
		{ displayName: 'City', name: 'city', type: 'string', default: '' },
		{
			displayName: 'Country',
			name: 'country',
			type: 'string',
			default: '',
			placeholder: 'US',
			description: 'Two-letter country code (ISO 3166-1 alpha-2)',
		},
		{
			displayName: 'Date of Birth',
			name: 'dateOfBirth',
			type: 'string',
			default: '',
			placeholder: '1990-09-25',
			description: 'YYYY-MM-DD or MM-DD-YYYY, with "-", "/", "." or "_" as separator',
		},
		{ displayName: 'DND', name: 'dnd', type: 'boolean', default: false, description: 'Whether Do Not Disturb is on for all channels' },
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
	const collection = (field: INodeProperties, version: Array<number | { _cnd: { gte: number } }>): INodeProperties => ({
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
			[{ _cnd: { gte: 1.1 } }],
		),
	];
}

export function contactFieldProperties(kind: ContactBodyKind): INodeProperties[] {
	return [
		{
			displayName: kind === 'update' ? 'Update Fields' : 'Additional Fields',
			name: 'contactFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: contactFieldOptions(kind),
		},
		...customFieldsProperties(),
	];
}

function checkDndSettings(item: ItemContext, label: string, value: unknown): IDataObject {
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
export async function buildContactBody(item: ItemContext, top: IDataObject = {}) {
	const { node, itemIndex } = item;
	const fields = { ...item.param<IDataObject>('contactFields', {}), ...top };
	const body: IDataObject = {};
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
				if (!DATE_OF_BIRTH.some((format) => format.test(String(value)))) {
					throw invalidInput(node, itemIndex, 'Date of Birth', `"${String(value)}" is not in a supported format (e.g. 1990-09-25)`);
				}
				body.dateOfBirth = value;
				break;
			case 'assignedTo':
				body.assignedTo = requireId(node, itemIndex, 'Assigned To', value);
				break;
			case 'tags':
				body.tags = parseList(node, itemIndex, 'Tags', value);
				break;
			case 'dndSettings':
			case 'inboundDndSettings': {
				const settings = checkDndSettings(item, key === 'dndSettings' ? 'DND Settings' : 'Inbound DND Settings', value);
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
