import type { IDataObject, INodeParameterResourceLocator, INodeParameters, INodeProperties } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
	type HighLevelDouble,
	LOCATION_ID,
	requestsSince,
	runContacts,
	startDouble,
} from './highlevel/setup';
import { HighLevelContacts } from '../nodes/HighLevelContacts/HighLevelContacts.node';
import { contactsSpecOperations, specOperationOf } from './spec';

let double: HighLevelDouble;
let gumroadFieldId: string;
let ltvFieldId: string;
let userId: string;

beforeAll(async () => {
	double = await startDouble();
});
afterAll(async () => {
	await double.close();
});
const specOperations = contactsSpecOperations();
/** Spec operations that the double answered with success, over all tests of this file. */
const reachedOperations = new Set<string>();
afterEach(() => {
	for (const request of double.requests as Array<{ method: string; path: string; status: number }>) {
		const operationId = request.status < 300 ? specOperationOf(specOperations, request.method, request.path) : undefined;
		if (operationId) reachedOperations.add(operationId);
	}
});
beforeEach(() => {
	double.reset();
	double.setRateLimit(false);
	gumroadFieldId = double.addCustomField(LOCATION_ID, { name: 'GumroadCustomerId', fieldKey: 'contact.gumroad_customer_id', dataType: 'TEXT' }).id;
	ltvFieldId = double.addCustomField(LOCATION_ID, { name: 'Lifetime Value', fieldKey: 'contact.lifetime_value', dataType: 'MONETORY' }).id;
	userId = double.addUser(LOCATION_ID, { firstName: 'Ada', lastName: 'Owner', email: 'ada@example.com' }).id;
});

const contact = (params: INodeParameters) => ({ resource: 'contact', ...params });

async function seedOne(overrides: IDataObject = {}) {
	return double.seedContacts(LOCATION_ID, 1, overrides)[0] as { id: string; email: string; phone: string };
}

describe('contact: create, upsert, get, update, delete', () => {
	it('upserts: creates, then updates the same contact found by email, typing custom fields picked by name', async () => {
		const params = contact({
			operation: 'upsert',
			email: '={{$json.email}}',
			contactFields: { firstName: '={{$json.first}}', tags: 'gumroad, buyer' },
			customFields: { field: [{ field: 'GumroadCustomerId', value: '={{$json.customer}}' }, { field: ltvFieldId, value: '19.5' }] },
		});
		const first = await runContacts(double, params, { items: [{ email: 'Jane@Example.com', first: 'Jane', customer: 'gr-1' }] });
		expect(first.status).toBe('success');
		expect(first.json[0].new).toBe(true);
		const id = first.json[0].id as string;
		const upsertRequest = double.requests.find((r) => r.path === '/contacts/upsert');
		expect(upsertRequest?.headers.version).toBe('2021-07-28');
		expect(upsertRequest?.body).toMatchObject({
			locationId: LOCATION_ID,
			email: 'Jane@Example.com',
			firstName: 'Jane',
			tags: ['gumroad', 'buyer'],
			customFields: [
				{ id: gumroadFieldId, field_value: 'gr-1' },
				{ id: ltvFieldId, field_value: 19.5 },
			],
		});

		const second = await runContacts(double, params, { items: [{ email: 'jane@example.com', first: 'Janet', customer: 'gr-1' }] });
		expect(second.json[0]).toMatchObject({ id, new: false, firstName: 'Janet' });
		expect(second.output[0][0].pairedItem).toEqual({ item: 0 });
		expect(double.store.contacts.size).toBe(1);
	});

	it('creates, gets, updates and deletes a contact', async () => {
		const created = await runContacts(double, contact({ operation: 'create', contactFields: { email: 'a@b.co', phone: '+15550001111', country: 'us' } }));
		const id = created.json[0].id as string;
		expect(created.json[0]).toMatchObject({ email: 'a@b.co', country: 'US', locationId: LOCATION_ID });

		const got = await runContacts(double, contact({ operation: 'get', contactId: id }));
		expect(got.json[0].id).toBe(id);

		const updated = await runContacts(double, contact({ operation: 'update', contactId: id, contactFields: { lastName: 'Lovelace' } }));
		expect(updated.json[0]).toMatchObject({ id, lastName: 'Lovelace', email: 'a@b.co' });

		const deleted = await runContacts(double, contact({ operation: 'delete', contactId: id }));
		expect(deleted.json[0]).toMatchObject({ contactId: id, succeded: true });
		expect(double.store.contacts.has(id)).toBe(false);
	});
});

describe('contact: get many', () => {
	it('returns all contacts through Search in a fifth of the requests of GET /contacts/, the same contacts', async () => {
		double.seedContacts(LOCATION_ID, 1234);
		const listed = async (listThrough: string) => {
			const since = double.requests.length;
			const result = await runContacts(double, { resource: 'contact', operation: 'getAll', returnAll: true, listThrough });
			expect(result.status).toBe('success');
			return { json: result.json, requests: double.requests.slice(since) };
		};
		const search = await listed('search');
		const legacy = await listed('legacy');
		expect(search.requests.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill('POST /contacts/search'));
		expect(search.requests.map((r) => (r.body as { pageLimit: number }).pageLimit)).toEqual([500, 500, 500]);
		expect(legacy.requests).toHaveLength(13);
		expect(search.json).toHaveLength(1234);
		expect(search.json.every((c) => !('searchAfter' in c))).toBe(true);
		// The same contacts in the same order: oldest first.
		const ids = (json: Array<{ id?: unknown }>) => json.map((c) => String(c.id));
		expect(ids(search.json)).toEqual(ids(legacy.json));
		expect(new Set(ids(search.json)).size).toBe(1234);
	});

	/** Contacts of the location in the order both listings promise: dateAdded, then id. */
	const expectedOrder = () =>
		[...double.store.contacts.values()]
			.sort((a, b) => Date.parse(a.dateAdded) - Date.parse(b.dateAdded) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
			.map((c) => c.id as string);
	const searchPages = (since: number) =>
		double.requests.slice(since).map((r) => r.body as { page?: number; searchAfter?: unknown; filters?: unknown[] });

	it('lists past 10,000 contacts by date segments with pages in flight together, every contact once, ties kept whole', async () => {
		// Groups of 7 contacts share an instant, so segment ends fall inside a group.
		const epoch = Date.parse('2024-03-01T00:00:00.000Z');
		double.seedContacts(LOCATION_ID, 25_003, (i) => ({ dateAdded: new Date(epoch + Math.floor(i / 7) * 1000).toISOString() }));
		double.setLatency(100);
		const since = double.requests.length;
		const result = await runContacts(double, { resource: 'contact', operation: 'getAll', returnAll: true });
		double.setLatency(0);
		expect(result.status).toBe('success');
		expect(result.json.map((c) => c.id)).toEqual(expectedOrder());
		const pages = searchPages(since);
		expect(pages.length).toBeLessThanOrEqual(Math.ceil(25_003 / 500) + 3);
		expect(pages.every((body) => body.searchAfter === undefined)).toBe(true);
		expect(pages.filter((body) => body.filters?.length).length).toBeGreaterThan(0);
		// Requests arrived while others were still waiting for their answer (100 ms): not one page after another.
		const arrivals = double.requests.slice(since).map((r) => r.at);
		const overlapping = arrivals.filter((at, i) => i > 0 && at - arrivals[i - 1] < 100).length;
		expect(overlapping).toBeGreaterThan(pages.length / 2);
	}, 60_000);

	it('stops at the limit, and reads on by cursor when 10,000 contacts share one instant', async () => {
		const instant = '2024-05-01T00:00:00.000Z';
		double.seedContacts(LOCATION_ID, 10_400, (i) => ({ dateAdded: i < 10_200 ? instant : new Date(Date.parse(instant) + i * 1000).toISOString() }));
		const since = double.requests.length;
		const all = await runContacts(double, { resource: 'contact', operation: 'getAll', returnAll: true });
		expect(all.json.map((c) => c.id)).toEqual(expectedOrder());
		expect(searchPages(since).some((body) => body.searchAfter !== undefined)).toBe(true);

		const limited = await runContacts(double, { resource: 'contact', operation: 'getAll', returnAll: false, limit: 1_234 });
		expect(limited.json.map((c) => c.id)).toEqual(expectedOrder().slice(0, 1_234));
	}, 60_000);

	it('refuses a query Search cannot take, before any request', async () => {
		const since = double.requests.length;
		const result = await runContacts(double, { resource: 'contact', operation: 'getAll', returnAll: true, query: 'x'.repeat(76) });
		expect(result.error?.message).toMatch(/Query/);
		expect(double.requests.length).toBe(since);
	});
});

describe('custom fields by name', () => {
	it('asks the location again after a failed lookup instead of failing every later item with it', async () => {
		const params = contact({
			operation: 'upsert',
			email: '={{$json.email}}',
			customFields: { field: [{ field: 'GumroadCustomerId', value: '={{$json.customer}}' }] },
		});
		double.failNext(1, 400);
		const result = await runContacts(double, params, {
			items: [
				{ email: 'first@example.com', customer: 'gr-1' },
				{ email: 'second@example.com', customer: 'gr-2' },
			],
			continueOnFail: true,
		});
		expect(result.json[0].error).toBeDefined();
		expect(result.json[1]).toMatchObject({ email: 'second@example.com' });
		expect(double.requests.filter((r) => r.path.endsWith('/customFields'))).toHaveLength(2);
	});
});

describe('custom field as a resource locator (node version 1.1)', () => {
	const upsertWith = (field: string | INodeParameterResourceLocator) =>
		contact({ operation: 'upsert', email: '={{$json.email}}', customFields: { field: [{ field, value: '={{$json.customer}}' }] } });
	const sentFieldIds = () =>
		double.requests.filter((r) => r.path === '/contacts/upsert').map((r) => ((r.body as IDataObject).customFields as IDataObject[])[0].id);

	it('writes the field picked from the list (its ID), or given by name, field key or ID, or by an expression', async () => {
		const references: INodeParameterResourceLocator[] = [
			{ __rl: true, mode: 'list', value: gumroadFieldId, cachedResultName: 'GumroadCustomerId (TEXT)' },
			{ __rl: true, mode: 'name', value: 'GumroadCustomerId' },
			{ __rl: true, mode: 'name', value: 'contact.gumroad_customer_id' },
			{ __rl: true, mode: 'name', value: gumroadFieldId },
			{ __rl: true, mode: 'name', value: '={{ $json.fieldName }}' },
		];
		for (const [index, reference] of references.entries()) {
			const result = await runContacts(double, upsertWith(reference), {
				items: [{ email: `rl${index}@example.com`, customer: `gr-${index}`, fieldName: 'GumroadCustomerId' }],
			});
			expect(result.status, JSON.stringify(reference)).toBe('success');
		}
		expect(sentFieldIds()).toEqual(Array(references.length).fill(gumroadFieldId));
	});

	it('refuses a name the location does not have, naming the field and the item, before any write', async () => {
		const result = await runContacts(double, upsertWith({ __rl: true, mode: 'name', value: 'GumroadCustomerID_typo' }), {
			items: [{ email: 'typo@example.com', customer: 'gr-1' }],
		});
		expect(result.error?.message).toMatch(/^Custom Fields: the location has no contact custom field named "GumroadCustomerID_typo".*\(item 0\)$/);
		expect(double.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
	});

	it('still runs a workflow saved with version 1, whose field is a plain string (ID, or a name by expression)', async () => {
		for (const field of [gumroadFieldId, "={{ 'GumroadCustomerId' }}"]) {
			const result = await runContacts(double, upsertWith(field), { items: [{ email: 'v1@example.com', customer: 'gr-v1' }], typeVersion: 1 });
			expect(result.status).toBe('success');
		}
		expect(sentFieldIds()).toEqual([gumroadFieldId, gumroadFieldId]);
	});

	it('describes the field as a plain options list in version 1 and as a locator from version 1.1', () => {
		const fieldOf = (version: number) =>
			new HighLevelContacts().description.properties
				.filter((p) => p.name === 'customFields' && (p.displayOptions?.show?.operation as string[]).includes('upsert'))
				.filter((p) => (p.displayOptions?.show?.['@version'] as unknown[]).some((v) => v === version || (typeof v === 'object' && version >= 1.1)))
				.map((p) => (p.options as Array<{ values: INodeProperties[] }>)[0].values[0]);
		expect(fieldOf(1).map((f) => f.type)).toEqual(['options']);
		expect(fieldOf(1.1).map((f) => [f.type, f.modes?.map((m) => m.name)])).toEqual([['resourceLocator', ['list', 'name']]]);
	});
});

describe('contact as a resource locator (node version 1.1)', () => {
	const pageOf = (id: string) => `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/${id}`;

	it('reads the contact picked from the list, by ID, by its page URL (any host) or from an expression', async () => {
		const { id } = await seedOne();
		const locators: INodeParameterResourceLocator[] = [
			{ __rl: true, mode: 'list', value: id, cachedResultName: 'Jane Doe' },
			{ __rl: true, mode: 'id', value: id },
			{ __rl: true, mode: 'id', value: '={{ $json.contact }}' },
			{ __rl: true, mode: 'url', value: pageOf(id) },
			{ __rl: true, mode: 'url', value: `https://app.agency.example/v2/location/${LOCATION_ID}/contacts/detail/${id}?tab=notes` },
		];
		for (const contactId of locators) {
			const result = await runContacts(double, contact({ operation: 'get', contactId }), { items: [{ contact: id }] });
			expect(result.status, JSON.stringify(contactId)).toBe('success');
			expect(result.json[0].id).toBe(id);
		}
		// A task's path and its output's IDs take the contact's ID, not the locator.
		const task = await runContacts(double, {
			resource: 'task',
			operation: 'create',
			contactId: { __rl: true, mode: 'url', value: pageOf(id) },
			title: 'Ship',
			dueDate: '2026-12-24T10:00:00Z',
		});
		expect(task.json[0]).toMatchObject({ contactId: id, title: 'Ship' });
	});

	it('still runs a workflow saved with version 1, whose contact ID is a plain string', async () => {
		const { id } = await seedOne();
		const result = await runContacts(double, contact({ operation: 'get', contactId: '={{ $json.contact }}' }), { items: [{ contact: id }], typeVersion: 1 });
		expect(result.json[0].id).toBe(id);
	});

	it('describes the contact as a text field in version 1 and as a locator from version 1.1, in every operation that takes one', () => {
		const contactProperties = new HighLevelContacts().description.properties.filter((p) => p.name === 'contactId');
		const byVersion = (version: unknown) => contactProperties.filter((p) => JSON.stringify(p.displayOptions?.show?.['@version']) === JSON.stringify(version));
		const v1 = byVersion([1]);
		const v11 = byVersion([{ _cnd: { gte: 1.1 } }]);
		expect(v1.length).toBeGreaterThan(20);
		expect(v11.map((p) => p.displayOptions?.show?.operation)).toEqual(v1.map((p) => p.displayOptions?.show?.operation));
		expect(new Set(v1.map((p) => p.type))).toEqual(new Set(['string']));
		expect(new Set(v11.map((p) => `${p.type}:${p.modes?.map((m) => m.name).join(',')}`))).toEqual(new Set(['resourceLocator:list,id,url']));
		expect(contactProperties).toHaveLength(v1.length + v11.length);
	});
});

describe('Find Duplicate by phone in both node versions', () => {
	it('reads Phone as `phone` from version 1.1 and as `number` in version 1, and sends it as the `number` query', async () => {
		const { phone } = await seedOne();
		const lookups = () => double.requests.filter((r) => r.path === '/contacts/search/duplicate').map((r) => r.query.number);
		const v11 = await runContacts(double, contact({ operation: 'findDuplicate', phone: '={{ $json.phone }}' }), { items: [{ phone }] });
		const v1 = await runContacts(double, contact({ operation: 'findDuplicate', number: phone }), { typeVersion: 1 });
		expect([v11.json[0].found, v1.json[0].found]).toEqual([true, true]);
		expect(lookups()).toEqual([phone, phone]);
		const ignored = await runContacts(double, contact({ operation: 'findDuplicate', number: phone }));
		expect(ignored.error?.message).toMatch(/^Email: Email or Phone is required \(item 0\)$/);
	});

	it('names the field `number` in version 1 and `phone` from version 1.1', () => {
		const phones = new HighLevelContacts().description.properties
			.filter((p) => p.displayName === 'Phone' && (p.displayOptions?.show?.operation as string[]).includes('findDuplicate'))
			.map((p) => `${p.name}:${JSON.stringify(p.displayOptions?.show?.['@version'])}`);
		expect(phones).toEqual(['number:[1]', 'phone:[{"_cnd":{"gte":1.1}}]']);
	});
});

describe('custom field lists shared by runs', () => {
	it('a second run within a minute reads no list; a field created since is found by reading the list once more', async () => {
		const upsert = (field: string) =>
			contact({ operation: 'upsert', email: '={{$json.email}}', customFields: { field: [{ field, value: '={{$json.value}}' }] } });
		const lists = () => double.requests.filter((r) => r.path.endsWith('/customFields')).length;
		const items = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ email: `${prefix}${i}@example.com`, value: `v${i}` }));
		await runContacts(double, upsert('GumroadCustomerId'), { items: items(3, 'a') });
		expect(lists()).toBe(1);
		const second = await runContacts(double, upsert('GumroadCustomerId'), { items: items(3, 'b') });
		expect(second.status).toBe('success');
		expect(lists()).toBe(1);
		const created = double.addCustomField(LOCATION_ID, { name: 'Coupon', fieldKey: 'contact.coupon', dataType: 'TEXT' });
		const third = await runContacts(double, upsert('Coupon'), { items: items(5, 'c') });
		expect(third.status).toBe('success');
		// One more list for the five items that all missed it in the shared one.
		expect(lists()).toBe(2);
		expect(third.json.map((c) => (c.customFields as IDataObject[])?.[0]?.id)).toEqual(Array(5).fill(created.id));
		const unknown = await runContacts(double, upsert('NoSuchField'), { items: items(1, 'd') });
		expect(unknown.error?.message).toMatch(/no contact custom field named "NoSuchField"/);
		expect(lists()).toBe(3);
	});
});

describe('every operation of the spec, through the engine', () => {
	const cases: Array<[string, () => Promise<INodeParameters>, (json: IDataObject[]) => void]> = [
		[
			'contact/getAppointments',
			async () => {
				const { id } = await seedOne();
				double.store.appointments.set('appt1', { id: 'appt1', contactId: id, title: 'Onboarding call' });
				return contact({ operation: 'getAppointments', contactId: id });
			},
			(json) => expect(json).toEqual([expect.objectContaining({ id: 'appt1', title: 'Onboarding call' })]),
		],
		['contact/findDuplicate', async () => contact({ operation: 'findDuplicate', email: (await seedOne()).email }), (json) => expect(json[0].found).toBe(true)],
		['contact/findDuplicate by phone (a "+" that must be URL-encoded)', async () => contact({ operation: 'findDuplicate', phone: (await seedOne()).phone }), (json) => expect(json[0].found).toBe(true)],
		['contact/findDuplicate without a match', async () => contact({ operation: 'findDuplicate', email: 'nobody@example.com' }), (json) => expect(json[0]).toEqual({ found: false, contact: null })],
		['contact/getManyByBusiness', async () => { await seedOne({ businessId: 'biz1' }); return contact({ operation: 'getManyByBusiness', businessId: 'biz1', returnAll: true }); }, (json) => expect(json).toHaveLength(1)],
		['contact/addFollowers', async () => contact({ operation: 'addFollowers', contactId: (await seedOne()).id, followers: [userId] }), (json) => expect(json[0].followers).toContain(userId)],
		[
			'contact/removeFollowers',
			async () => contact({ operation: 'removeFollowers', contactId: (await seedOne({ followers: [userId] })).id, followers: [userId] }),
			(json) => expect(json[0]).toMatchObject({ followersRemoved: [userId], followers: [] }),
		],
		['contact/addToCampaign', async () => contact({ operation: 'addToCampaign', contactId: (await seedOne()).id, campaignId: 'camp1' }), (json) => expect(json[0].succeded).toBe(true)],
		['contact/removeFromCampaign', async () => contact({ operation: 'removeFromCampaign', contactId: (await seedOne()).id, campaignId: 'camp1' }), (json) => expect(json[0].succeded).toBe(true)],
		['contact/removeFromAllCampaigns', async () => contact({ operation: 'removeFromAllCampaigns', contactId: (await seedOne()).id }), (json) => expect(json[0].succeded).toBe(true)],
		['contact/addToWorkflow', async () => contact({ operation: 'addToWorkflow', contactId: (await seedOne()).id, workflowId: 'wf1', eventStartTime: '2026-12-01T10:00:00+01:00' }), (json) => expect(json[0].succeded).toBe(true)],
		['contact/removeFromWorkflow', async () => contact({ operation: 'removeFromWorkflow', contactId: (await seedOne()).id, workflowId: 'wf1' }), (json) => expect(json[0].succeded).toBe(true)],
		['contact/bulkUpdateTags add', async () => contact({ operation: 'bulkUpdateTags', tagAction: 'add', contactIds: (await seedOne()).id, tags: 'vip' }), (json) => expect(json[0].errorCount).toBe(0)],
		['contact/bulkUpdateTags remove', async () => contact({ operation: 'bulkUpdateTags', tagAction: 'remove', contactIds: (await seedOne({ tags: ['vip'] })).id, tags: 'vip' }), (json) => expect(json[0].succeded).toBe(true)],
		['contact/bulkUpdateTags remove all', async () => contact({ operation: 'bulkUpdateTags', tagAction: 'remove', contactIds: (await seedOne({ tags: ['a', 'b'] })).id, tags: '', removeAllTags: true }), (json) => {
			expect(json[0].succeded).toBe(true);
			expect([...double.store.contacts.values()].map((c) => c.tags)).toEqual([[]]);
		}],
		['contact/bulkUpdateBusiness', async () => contact({ operation: 'bulkUpdateBusiness', contactIds: (await seedOne()).id, businessId: 'biz9' }), (json) => expect(json[0].success).toBe(true)],
		['contact/getAll', async () => { await seedOne(); return contact({ operation: 'getAll', returnAll: true }); }, (json) => expect(json).toHaveLength(1)],
		['contact/getAll through GET /contacts/', async () => { await seedOne(); return contact({ operation: 'getAll', returnAll: true, listThrough: 'legacy' }); }, (json) => expect(json).toHaveLength(1)],
		['contact/search', async () => { await seedOne(); return contact({ operation: 'search', returnAll: true }); }, (json) => expect(json).toHaveLength(1)],
	];

	it.each(cases)('%s', async (_name, makeParams, check) => {
		const parameters = await makeParams();
		const since = double.requests.length;
		const result = await runContacts(double, parameters);
		expect(result.error).toBeUndefined();
		check(result.json);
		const sent = requestsSince(double, since);
		expect(sent.length).toBeGreaterThan(0);
		expect(sent.every((request) => request.status < 300)).toBe(true);
	});

	it('Get Many of tasks and notes returns up to Limit from version 1.1, all with Return All, and all in version 1', async () => {
		const { id: contactId } = await seedOne();
		for (let i = 1; i <= 3; i++) {
			await runContacts(double, { resource: 'note', operation: 'create', contactId, body: `Note ${i}` });
			await runContacts(double, { resource: 'task', operation: 'create', contactId, title: `Task ${i}`, dueDate: '2026-12-24T09:30:00Z', completed: false });
		}
		for (const resource of ['note', 'task']) {
			const limited = await runContacts(double, { resource, operation: 'getAll', contactId, returnAll: false, limit: 2 }, { typeVersion: 1.1 });
			expect(limited.json, resource).toHaveLength(2);
			const all = await runContacts(double, { resource, operation: 'getAll', contactId, returnAll: true, limit: 2 }, { typeVersion: 1.1 });
			expect(all.json, resource).toHaveLength(3);
			const defaults = await runContacts(double, { resource, operation: 'getAll', contactId }, { typeVersion: 1.1 });
			expect(defaults.json, resource).toHaveLength(3);
			const versionOne = await runContacts(double, { resource, operation: 'getAll', contactId, returnAll: false, limit: 2 }, { typeVersion: 1 });
			expect(versionOne.json, resource).toHaveLength(3);
		}
	});

	it('task and note lifecycles, tags add/remove without losing other tags', async () => {
		const { id: contactId } = await seedOne({ tags: ['keep'] });
		const task = await runContacts(double, {
			resource: 'task',
			operation: 'create',
			contactId,
			title: 'Ship order',
			dueDate: '2026-12-24T09:30:00.123Z',
			completed: false,
			additionalFields: { assignedTo: userId, body: 'Gumroad order 1' },
		});
		expect(task.json[0]).toMatchObject({ title: 'Ship order', assignedTo: userId, completed: false });
		expect(Date.parse(task.json[0].dueDate as string)).toBe(Date.parse('2026-12-24T09:30:00Z'));
		// Sent without milliseconds, the form HighLevel documents.
		expect(double.requests.find((r) => r.method === 'POST' && String(r.path).endsWith('/tasks'))?.body?.dueDate).toBe('2026-12-24T09:30:00Z');
		const taskId = task.json[0].id as string;
		for (const [operation, extra, expected] of [
			['get', {}, { id: taskId }],
			['update', { updateFields: { title: 'Ship order #1' } }, { title: 'Ship order #1' }],
			['setCompleted', { completed: true }, { completed: true }],
			['setCompleted', { completed: false }, { completed: false }],
		] as const) {
			const result = await runContacts(double, { resource: 'task', operation, contactId, taskId, ...extra });
			expect(result.json[0], operation).toMatchObject(expected);
		}
		expect((await runContacts(double, { resource: 'task', operation: 'getAll', contactId })).json).toHaveLength(1);
		expect((await runContacts(double, { resource: 'task', operation: 'delete', contactId, taskId })).json[0]).toMatchObject({ succeded: true, taskId });

		const note = await runContacts(double, { resource: 'note', operation: 'create', contactId, body: 'Bought: Ebook', additionalFields: { userId, pinned: true } });
		const noteId = note.json[0].id as string;
		expect(note.json[0]).toMatchObject({ body: 'Bought: Ebook', userId, pinned: true });
		expect((await runContacts(double, { resource: 'note', operation: 'get', contactId, noteId })).json[0].id).toBe(noteId);
		expect((await runContacts(double, { resource: 'note', operation: 'update', contactId, noteId, updateFields: { body: 'Bought: Course' } })).json[0].body).toBe('Bought: Course');
		expect((await runContacts(double, { resource: 'note', operation: 'getAll', contactId })).json.map((n) => n.body)).toEqual(['Bought: Course']);
		expect((await runContacts(double, { resource: 'note', operation: 'delete', contactId, noteId })).json[0].succeded).toBe(true);

		const added = await runContacts(double, { resource: 'tag', operation: 'add', contactId, tags: 'gumroad,ebook' });
		expect(added.json[0].tags).toEqual(expect.arrayContaining(['keep', 'gumroad', 'ebook']));
		const removed = await runContacts(double, { resource: 'tag', operation: 'remove', contactId, tags: 'ebook' });
		expect(removed.json[0].tags).toEqual(expect.arrayContaining(['keep', 'gumroad']));
		expect(removed.json[0].tags).not.toContain('ebook');
	});

});

describe('coverage', () => {
	// Declared last, so it runs after every other test of this file has reached the double.
	it('the node, run through the engine, successfully called every operation of contacts.json', () => {
		const missing = specOperations.map((op) => op.operationId).filter((id) => !reachedOperations.has(id));
		expect(missing).toEqual([]);
	});
});
