import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { HighLevelContacts } from '../nodes/HighLevelContacts/HighLevelContacts.node';
import { doubleOfFile, LOCATION_ID, runContacts } from './highlevel/setup';

let gumroadFieldId: string;
const file = doubleOfFile((double) => {
	gumroadFieldId = double.addCustomField(LOCATION_ID, { name: 'GumroadCustomerId', fieldKey: 'contact.gumroad_customer_id', dataType: 'TEXT' }).id;
});

const searchBodies = () => file.double.requests.filter((r) => r.path === '/contacts/search').map((r) => r.body as IDataObject);
const writes = () => file.double.requests.filter((r) => r.method !== 'GET');
const search = (params: INodeParameters) => ({ resource: 'contact', operation: 'search', returnAll: true, ...params });
const row = (field: string, operator: string, extra: IDataObject = {}) => ({ field, operator, ...extra });

function seed() {
	const withId = (email: string, customer: string) => ({ email, customFields: [{ id: gumroadFieldId, value: customer }] });
	file.double.seedContacts(LOCATION_ID, 1, { firstName: 'Jane', ...withId('jane@example.com', 'gr-1'), tags: ['gumroad'] });
	file.double.seedContacts(LOCATION_ID, 1, { firstName: 'Janet', email: 'janet@example.com', tags: ['gumroad'], dnd: true });
	file.double.seedContacts(LOCATION_ID, 1, { firstName: 'Bob', ...withId('bob@example.com', 'gr-2') });
}
const emails = (json: IDataObject[]) => json.map((c) => c.email).sort();

describe('Search filters as rows (node version 1.1)', () => {
	it('sends each row as {field, operator, value}, combined with AND; a custom field named by name is sent by ID', async () => {
		seed();
		const result = await runContacts(file.double, search({
			filterRows: {
				filter: [
					row('tags', 'eq', { value: 'gumroad' }),
					row('customField', 'exists', { customField: { __rl: true, mode: 'name', value: 'GumroadCustomerId' } }),
					row('firstName' + 'LowerCase', 'contains', { value: '={{ $json.name }}' }),
				],
			},
		}), { items: [{ name: 'jan' }] });
		expect(result.error).toBeUndefined();
		expect(searchBodies()[0].filters).toEqual([
			{ field: 'tags', operator: 'eq', value: 'gumroad' },
			{ field: `customFields.${gumroadFieldId}`, operator: 'exists' },
			{ field: 'firstNameLowerCase', operator: 'contains', value: 'jan' },
		]);
		expect(emails(result.json)).toEqual(['jane@example.com']);
	});

	it('groups the rows with OR when Match is Any Filter; DND takes a boolean; a range sends its bounds', async () => {
		seed();
		const anyOf = await runContacts(file.double, search({
			filterMatch: 'OR',
			filterRows: { filter: [row('dnd', 'eq', { value: 'true' }), row('email', 'eq', { value: 'bob@example.com' })] },
		}));
		expect(searchBodies()[0].filters).toEqual([
			{ group: 'OR', filters: [{ field: 'dnd', operator: 'eq', value: true }, { field: 'email', operator: 'eq', value: 'bob@example.com' }] },
		]);
		expect(emails(anyOf.json)).toEqual(['bob@example.com', 'janet@example.com']);

		await runContacts(file.double, search({
			filterRows: { filter: [row('dateAdded', 'range', { from: '2020-01-01', to: '' }), row('other', 'not_exists', { fieldName: 'businessId' })] },
		}));
		expect(searchBodies()[1].filters).toEqual([
			{ field: 'dateAdded', operator: 'range', value: { gte: '2020-01-01' } },
			{ field: 'businessId', operator: 'not_exists' },
		]);
	});

	it('sends no filters without rows, and the JSON of Filter Input "JSON" as version 1 does', async () => {
		seed();
		expect((await runContacts(file.double, search({}))).json).toHaveLength(3);
		const json = await runContacts(file.double, search({ filterInput: 'json', filters: '[{"field": "customFields.GumroadCustomerId", "operator": "exists"}]' }));
		expect(searchBodies().map((body) => body.filters)).toEqual([undefined, [{ field: `customFields.${gumroadFieldId}`, operator: 'exists' }]]);
		expect(emails(json.json)).toEqual(['bob@example.com', 'jane@example.com']);
	});

	const long = 'x'.repeat(76);
	const refusals: Array<[string, INodeParameters, RegExp]> = [
		['a value over 75 characters', { filterRows: { filter: [row('email', 'contains', { value: '={{ $json.long }}' })] } }, /^Filters > Filter 1 \(Email\): Value is 76 characters long \(Search takes at most 75\) \(item 0\)$/],
		['an empty custom field', { filterRows: { filter: [row('email', 'exists'), row('customField', 'exists', { customField: { __rl: true, mode: 'list', value: '' } })] } }, /^Filters > Filter 2: Field \(Custom\) is empty \(item 0\)$/],
		['an empty field name', { filterRows: { filter: [row('other', 'eq', { fieldName: ' ', value: 'x' })] } }, /^Filters > Filter 1: Field Name is empty \(item 0\)$/],
		['a range without bounds', { filterRows: { filter: [row('dateAdded', 'range', { from: '', to: '' })] } }, /^Filters > Filter 1 \(Date Added\): Is Between needs Range From, Range To or both \(item 0\)$/],
		['an empty value', { filterRows: { filter: [row('tags', 'eq', { value: '' })] } }, /^Filters > Filter 1 \(Tags\): Value is empty/],
		['a custom field the location does not have', { filterRows: { filter: [row('customField', 'exists', { customField: { __rl: true, mode: 'name', value: 'Nope' } })] } }, /^Filters > Filter 1 \(Custom Field Nope\): the location has no contact custom field named "Nope"/],
		['a JSON value over 75 characters', { filterInput: 'json', filters: `[{"field": "email", "operator": "eq", "value": "${long}"}]` }, /^Filters \(JSON\)\[0\] \(email\): value is 76 characters long/],
		['a JSON range without bounds', { filterInput: 'json', filters: '[{"group": "OR", "filters": [{"field": "dateAdded", "operator": "range", "value": {}}]}]' }, /^Filters \(JSON\)\[0\]\.filters\[0\] \(dateAdded\): a range needs/],
	];

	it.each(refusals)('refuses %s before any search, naming the filter and the item', async (_name, params, message) => {
		const result = await runContacts(file.double, search(params), { items: [{ long }] });
		expect(result.error?.message).toMatch(message);
		expect(searchBodies()).toHaveLength(0);
	});

	it('describes rows and Filter Input from version 1.1, and only the JSON field in version 1', () => {
		const searchProperties = new HighLevelContacts().description.properties.filter((p) => (p.displayOptions?.show?.operation as string[] | undefined)?.includes('search'));
		const names = (version: number) =>
			searchProperties
				.filter((p) => {
					const versions = (p.displayOptions?.show?.['@version'] as unknown[] | undefined) ?? [version];
					return versions.some((v) => v === version || (typeof v === 'object' && version >= 1.1));
				})
				.map((p) => `${p.name}:${p.type}`);
		expect(names(1).filter((n) => n.startsWith('filter'))).toEqual(['filters:json']);
		expect(names(1.1).filter((n) => n.startsWith('filter'))).toEqual(['filterInput:options', 'filterMatch:options', 'filterRows:fixedCollection', 'filters:json']);
	});
});

describe('Search filters of version 1 workflows', () => {
	it('sends the stored JSON as before (custom field by name resolved to its ID), and no checks of 1.1', async () => {
		seed();
		const filters = JSON.stringify([
			{ field: 'tags', operator: 'eq', value: 'gumroad' },
			{ group: 'OR', filters: [{ field: 'customFields.GumroadCustomerId', operator: 'exists' }, { field: 'dnd', operator: 'eq', value: true }] },
		]);
		const result = await runContacts(file.double, search({ filters }), { typeVersion: 1 });
		expect(result.error).toBeUndefined();
		expect(searchBodies()[0]).toEqual({
			locationId: LOCATION_ID,
			pageLimit: 100,
			page: 1,
			filters: [
				{ field: 'tags', operator: 'eq', value: 'gumroad' },
				{ group: 'OR', filters: [{ field: `customFields.${gumroadFieldId}`, operator: 'exists' }, { field: 'dnd', operator: 'eq', value: true }] },
			],
		});
		expect(emails(result.json)).toEqual(['jane@example.com', 'janet@example.com']);
		// Rows of 1.1 are not read in version 1.
		await runContacts(file.double, search({ filters: '[]', filterRows: { filter: [row('email', 'exists')] } }), { typeVersion: 1 });
		expect(searchBodies()[1].filters).toBeUndefined();
		// A long value goes to HighLevel as it did (whose 422 names it).
		const long = await runContacts(file.double, search({ filters: JSON.stringify([{ field: 'email', operator: 'eq', value: 'x'.repeat(76) }]) }), { typeVersion: 1 });
		expect(long.error?.message).not.toMatch(/^Filters/);
		expect(searchBodies()).toHaveLength(3);
		expect(writes().length).toBe(3);
	});
});

describe('DND settings and date of birth as fields (node version 1.1)', () => {
	const sentBodies = (path: string) => file.double.requests.filter((r) => r.method !== 'GET' && r.path.startsWith(path)).map((r) => r.body as IDataObject);

	it('sends DND settings per channel (without empty message or code) and the date of birth as YYYY-MM-DD', async () => {
		const result = await runContacts(file.double, {
			resource: 'contact',
			operation: 'create',
			contactFields: {
				email: 'dnd@example.com',
				dateOfBirth: '1990-09-25T00:00:00',
				dndSettings: {
					Email: { status: 'active', message: '', code: '' },
					SMS: { status: 'permanent', message: 'Replied STOP', code: '={{ $json.code }}' },
				},
				inboundDndSettings: { all: { status: 'inactive', message: '' } },
			},
		}, { items: [{ code: 'stop-1' }] });
		expect(result.error).toBeUndefined();
		expect(sentBodies('/contacts/')[0]).toMatchObject({
			dateOfBirth: '1990-09-25',
			dndSettings: { Email: { status: 'active' }, SMS: { status: 'permanent', message: 'Replied STOP', code: 'stop-1' } },
			inboundDndSettings: { all: { status: 'inactive' } },
		});
		expect(result.json[0]).toMatchObject({ dndSettings: { Email: { status: 'active' } } });
	});

	it('takes a date of birth from an expression as a date-time, a date in a format the spec lists, or a Date', async () => {
		const { id } = file.double.seedContacts(LOCATION_ID, 1)[0] as { id: string };
		const dates = ['1990-09-25T23:30:00+05:00', '09/25/1990', '1990.09.25', '={{ new Date(Date.UTC(1990, 8, 25)) }}', '={{ $now.set({ year: 1990, month: 9, day: 25 }) }}'];
		for (const dateOfBirth of dates) {
			const result = await runContacts(file.double, { resource: 'contact', operation: 'update', contactId: id, contactFields: { dateOfBirth } });
			expect(result.error, dateOfBirth).toBeUndefined();
		}
		expect(sentBodies('/contacts/').map((body) => body.dateOfBirth)).toEqual(Array(dates.length).fill('1990-09-25'));
	});

	it('refuses a date of birth that is not a date, naming the field and the item, before any write', async () => {
		for (const dateOfBirth of ['1990-02-30', 'next spring']) {
			const result = await runContacts(file.double, { resource: 'contact', operation: 'create', contactFields: { email: 'x@example.com', dateOfBirth } });
			expect(result.error?.message).toBe(`Date of Birth: "${dateOfBirth}" is not a date (e.g. 1990-09-25) (item 0)`);
		}
		expect(writes()).toHaveLength(0);
	});

	it('describes DND settings as JSON and the date of birth as text in version 1, as fields and a date from 1.1', () => {
		const optionsOf = (version: number) =>
			new HighLevelContacts().description.properties
				.filter((p) => p.name === 'contactFields' && (p.displayOptions?.show?.operation as string[]).includes('create'))
				.filter((p) => (p.displayOptions?.show?.['@version'] as unknown[]).some((v) => v === version || (typeof v === 'object' && version >= 1.1)))
				.flatMap((p) => (p.options as Array<{ name: string; type: string }>).filter((o) => /dnd|dateOfBirth/i.test(o.name) && o.name !== 'dnd'))
				.map((o) => `${o.name}:${o.type}`);
		expect(optionsOf(1)).toEqual(['dateOfBirth:string', 'dndSettings:json', 'inboundDndSettings:json']);
		expect(optionsOf(1.1)).toEqual(['dateOfBirth:dateTime', 'dndSettings:fixedCollection', 'inboundDndSettings:fixedCollection']);
	});
});

describe('DND settings and date of birth of version 1 workflows', () => {
	it('sends the DND JSON and the date of birth text as before', async () => {
		const dndSettings = '{"Email": {"status": "active", "message": "", "code": ""}}';
		const result = await runContacts(
			file.double,
			{ resource: 'contact', operation: 'create', contactFields: { email: 'v1@example.com', dateOfBirth: '09/25/1990', dndSettings, inboundDndSettings: '{"all": {"status": "active", "message": ""}}' } },
			{ typeVersion: 1 },
		);
		expect(result.error).toBeUndefined();
		const body = file.double.requests.find((r) => r.method === 'POST' && r.path === '/contacts/')?.body as IDataObject;
		expect(body).toEqual({
			email: 'v1@example.com',
			dateOfBirth: '09/25/1990',
			dndSettings: { Email: { status: 'active', message: '', code: '' } },
			inboundDndSettings: { all: { status: 'active', message: '' } },
			locationId: LOCATION_ID,
		});
		const bad = await runContacts(file.double, { resource: 'contact', operation: 'create', contactFields: { dndSettings: '{"Email": ' } }, { typeVersion: 1 });
		expect(bad.error?.message).toMatch(/^DND Settings: is not valid JSON/);
	});
});
