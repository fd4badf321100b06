import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { HighLevelContacts } from '../nodes/HighLevelContacts/HighLevelContacts.node';
import { listSearch } from './harness';
import {
	credentialTypes,
	type HighLevelDouble,
	LOCATION_ID,
	loadContactsOptions,
	privateTokenCredentials,
	runContacts,
	searchContactsList,
	startDouble,
} from './highlevel/setup';

let double: HighLevelDouble;
let contactId: string;

beforeAll(async () => {
	double = await startDouble();
});
afterAll(async () => {
	await double.close();
});
beforeEach(() => {
	double.reset();
	double.addCustomField(LOCATION_ID, { name: 'GumroadCustomerId', fieldKey: 'contact.gumroad_customer_id', dataType: 'TEXT' });
	double.addCustomField(LOCATION_ID, { name: 'Orders', fieldKey: 'contact.orders', dataType: 'NUMERICAL' });
	contactId = double.seedContacts(LOCATION_ID, 1)[0].id as string;
});

/** Write requests the double received: reads (custom field list) are allowed while checking input. */
const writes = () => double.requests.filter((r) => r.method !== 'GET');

describe('bad input is refused before any request, naming the field and the item', () => {
	const cases: Array<[string, INodeParameters, IDataObject[], RegExp]> = [
		['malformed email', { resource: 'contact', operation: 'upsert', email: '={{$json.email}}' }, [{ email: 'ok@example.com' }, { email: 'not-an-email' }], /^Email: "not-an-email" is not a valid email address \(item 1\)$/],
		['missing email and phone on upsert', { resource: 'contact', operation: 'upsert', email: '', phone: '' }, [{}], /Email or Phone is required.*\(item 0\)/],
		['bad phone', { resource: 'contact', operation: 'create', contactFields: { phone: 'call me' } }, [{}], /^Phone: .*\(item 0\)/],
		['unparsable dueDate', { resource: 'task', operation: 'create', contactId: 'c1', title: 'T', dueDate: '={{$json.due}}' }, [{ due: '2026-12-01T10:00:00Z' }, { due: 'next tuesday-ish' }], /^Due Date: "next tuesday-ish" is not a date and time.*\(item 1\)$/],
		['empty contact id', { resource: 'note', operation: 'create', contactId: '={{$json.id}}', body: 'x' }, [{ id: '' }], /^Contact: is required.*\(item 0\)$/],
		['id that would change the path', { resource: 'contact', operation: 'get', contactId: '../locations/x' }, [{}], /^Contact: ".*" is not a valid ID/],
		['custom field the location does not have', { resource: 'contact', operation: 'create', customFields: { field: [{ field: 'GumroadCustomerID_typo', value: '1' }] } }, [{}], /^Custom Fields: the location has no contact custom field named "GumroadCustomerID_typo".*\(item 0\)$/],
		['number field with text', { resource: 'contact', operation: 'create', customFields: { field: [{ field: 'Orders', value: 'three' }] } }, [{}], /^Custom Fields > Orders: "three" is not a number \(item 0\)$/],
		['empty update', { resource: 'task', operation: 'update', contactId: 'c1', taskId: 't1', updateFields: {} }, [{}], /^Update Fields: set at least one field/],
		['empty tags', { resource: 'tag', operation: 'add', contactId: 'c1', tags: ' , ' }, [{}], /^Tags: needs at least one value \(item 0\)$/],
		['contact page URL that is not one', { resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'url', value: '={{$json.url}}' } }, [{ url: 'https://app.gohighlevel.com/v2/location/loc1/contacts/detail/c1' }, { url: 'https://example.com/contacts/c1' }], /^Contact: "https:\/\/example\.com\/contacts\/c1" is not the URL of a HighLevel contact page .*\(item 1\)$/],
		['bad country', { resource: 'contact', operation: 'create', contactFields: { country: 'United States' } }, [{}], /^Country: /],
	];

	it.each(cases)('%s', async (_name, parameters, items, message) => {
		const result = await runContacts(double, parameters, { items });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(writes()).toHaveLength(0);
	});

	it('an empty or unsafe contact ID of a version 1 workflow names its field "Contact ID"', async () => {
		const empty = await runContacts(double, { resource: 'note', operation: 'create', contactId: '={{$json.id}}', body: 'x' }, { items: [{ id: '' }], typeVersion: 1 });
		expect(empty.error?.message).toMatch(/^Contact ID: is required.*\(item 0\)$/);
		const unsafe = await runContacts(double, { resource: 'contact', operation: 'get', contactId: '../locations/x' }, { typeVersion: 1 });
		expect(unsafe.error?.message).toMatch(/^Contact ID: ".*" is not a valid ID/);
		expect(writes()).toHaveLength(0);
	});

	it('non-JSON DND settings of a version 1 workflow', async () => {
		const result = await runContacts(double, { resource: 'contact', operation: 'update', contactId: 'c1', contactFields: { dndSettings: '{"Email": ' } }, { typeVersion: 1 });
		expect(result.error?.message).toMatch(/^DND Settings: is not valid JSON.*\(item 0\)$/);
		expect(writes()).toHaveLength(0);
	});

	it('with Continue On Fail, the bad item becomes an error item and the good ones go through, in order', async () => {
		const result = await runContacts(
			double,
			{ resource: 'contact', operation: 'upsert', email: '={{$json.email}}', customFields: { field: [{ field: 'contact.gumroad_customer_id', value: '={{$json.cid}}' }] } },
			{ items: [{ email: 'a@example.com', cid: 'g1' }, { email: 'broken', cid: 'g2' }, { email: 'c@example.com', cid: 'g3' }], continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(result.json).toHaveLength(3);
		expect(result.json[0].email).toBe('a@example.com');
		expect(result.json[1].error).toMatch(/Email: "broken" is not a valid email address \(item 1\)/);
		expect(result.json[2].email).toBe('c@example.com');
		expect(result.output[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(writes()).toHaveLength(2);
	});

	it('accepts a valid item after the checks (the checks are not refusing everything)', async () => {
		const result = await runContacts(double, { resource: 'contact', operation: 'update', contactId, contactFields: { country: 'de', dateOfBirth: '1990-09-25' }, customFields: { field: [{ field: 'Orders', value: '3' }] } });
		expect(result.status).toBe('success');
		expect(result.json[0]).toMatchObject({ country: 'DE' });
		expect(writes()[0].body).toMatchObject({ customFields: [{ field_value: 3 }] });
	});
});

describe('contact search of the Contact locator', () => {
	it('finds contacts by name, e-mail or phone, newest first, a page of 50 at a time, each with its page in HighLevel', async () => {
		double.seedContacts(LOCATION_ID, 120);
		const jane = double.seedContacts(LOCATION_ID, 1, { firstName: 'Jane', lastName: 'Searchable', email: 'jane.searchable@example.com' })[0];
		const found = await searchContactsList(double, 'searchContacts', 'searchable');
		expect(found.results).toEqual([
			{
				name: 'Jane Searchable (jane.searchable@example.com)',
				value: jane.id,
				url: `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/${String(jane.id)}`,
			},
		]);
		expect(found.paginationToken).toBeUndefined();
		const search = double.requests.filter((r) => r.path === '/contacts/search').at(-1);
		expect(search?.body).toMatchObject({ locationId: LOCATION_ID, query: 'searchable', pageLimit: 50, page: 1 });

		const first = await searchContactsList(double, 'searchContacts');
		expect(first.results).toHaveLength(50);
		expect(first.results[0].value).toBe(jane.id);
		expect(first.paginationToken).toBe('2');
		const ids = new Set(first.results.map((r) => r.value));
		let token = first.paginationToken;
		while (token) {
			const next = await listSearch({
				node: new HighLevelContacts(),
				method: 'searchContacts',
				paginationToken: token,
				parameters: { authentication: 'goHighLevelPrivateTokenApi', resource: 'contact', operation: 'get' },
				credentials: privateTokenCredentials(double),
				credentialTypes,
			});
			for (const result of next.results) ids.add(result.value);
			token = next.paginationToken;
		}
		expect(ids.size).toBe(122);
	});
});

describe('load options', () => {
	it("lists the location's contact custom fields by name, and its users", async () => {
		double.addUser(LOCATION_ID, { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' });
		const fields = await loadContactsOptions(double, 'getCustomFields');
		expect(fields.map((f) => f.name)).toEqual(['GumroadCustomerId (TEXT)', 'Orders (NUMERICAL)']);
		expect(fields[0].description).toBe('contact.gumroad_customer_id');
		const searched = await searchContactsList(double, 'searchCustomFields', 'gumroad');
		expect(searched.results.map((f) => [f.name, f.value])).toEqual([['GumroadCustomerId (TEXT)', fields[0].value]]);
		expect((await searchContactsList(double, 'searchCustomFields', 'contact.ord')).results.map((f) => f.name)).toEqual(['Orders (NUMERICAL)']);
		expect((await searchContactsList(double, 'searchCustomFields')).results).toHaveLength(2);
		const users = await loadContactsOptions(double, 'getUsers');
		expect(users).toEqual([expect.objectContaining({ name: 'Grace Hopper (grace@example.com)' })]);
		const usersRequest = double.requests.find((r) => r.path.startsWith('/users'));
		expect(usersRequest?.query).toMatchObject({ locationId: LOCATION_ID });
		expect(usersRequest?.headers.version).toBe('2021-07-28');
	});
});
