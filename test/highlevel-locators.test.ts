import type { IDataObject, INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { HighLevelContacts } from '../nodes/HighLevelContacts/HighLevelContacts.node';
import { listSearch } from './harness';
import { credentialTypes, doubleOfFile, LOCATION_ID, privateTokenCredentials, runContacts } from './highlevel/setup';

let contactId: string;
const file = doubleOfFile((double) => {
	contactId = (double.seedContacts(LOCATION_ID, 1, { firstName: 'Jane', email: 'jane@example.com' })[0] as { id: string }).id;
});

const byId = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'id', value });
const fromList = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'list', value, cachedResultName: 'picked' });
const requestCount = () => file.double.requests.length;

async function search(method: string, parameters: INodeParameters, filter?: string) {
	return await listSearch({
		node: new HighLevelContacts(),
		method,
		filter,
		parameters: { authentication: 'goHighLevelPrivateTokenApi', ...parameters },
		credentials: privateTokenCredentials(file.double),
		credentialTypes,
	});
}

async function createTask(title: string) {
	const result = await runContacts(file.double, { resource: 'task', operation: 'create', contactId: byId(contactId), title, dueDate: '2026-12-24T10:00:00Z' });
	return result.json[0].id as string;
}

async function createNote(body: string) {
	const result = await runContacts(file.double, { resource: 'note', operation: 'create', contactId: byId(contactId), body });
	return result.json[0].id as string;
}

describe('Task and Note locators (node version 1.1)', () => {
	it("lists the chosen contact's tasks and notes, filtered by title or body", async () => {
		const ship = await createTask('Ship order 1');
		await createTask('Call back');
		const welcome = await createNote('Welcome call done');
		await createNote('Refund asked');
		const other = (file.double.seedContacts(LOCATION_ID, 1)[0] as { id: string }).id;
		await runContacts(file.double, { resource: 'task', operation: 'create', contactId: byId(other), title: 'Ship order 2', dueDate: '2026-12-24T10:00:00Z' });

		const tasks = await search('searchTasks', { resource: 'task', operation: 'get', contactId: byId(contactId) }, 'ship');
		expect(tasks.results).toEqual([{ name: 'Ship order 1 (due 2026-12-24)', value: ship }]);
		const all = await search('searchTasks', { resource: 'task', operation: 'get', contactId: { __rl: true, mode: 'url', value: `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/${contactId}` } });
		expect(all.results).toHaveLength(2);
		const notes = await search('searchNotes', { resource: 'note', operation: 'get', contactId: fromList(contactId) }, 'WELCOME');
		expect(notes.results).toEqual([{ name: 'Welcome call done', value: welcome }]);
		expect(file.double.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([
			`/contacts/${contactId}/tasks`,
			`/contacts/${contactId}/tasks`,
			`/contacts/${contactId}/notes`,
		]);
	});

	it('asks for a contact before listing, without a request', async () => {
		const before = requestCount();
		await expect(search('searchTasks', { resource: 'task', operation: 'get', contactId: fromList('') })).rejects.toThrow(/Choose a Contact first/);
		await expect(search('searchNotes', { resource: 'note', operation: 'get', contactId: byId('a/b') })).rejects.toThrow(/Choose a Contact first/);
		expect(requestCount()).toBe(before);
	});

	it('sends the task or note picked from the list, by ID or from an expression to its path', async () => {
		const taskId = await createTask('Ship');
		const noteId = await createNote('Hello');
		for (const locator of [fromList(taskId), byId(taskId), byId('={{ $json.task }}')]) {
			const result = await runContacts(file.double, { resource: 'task', operation: 'get', contactId: byId(contactId), taskId: locator }, { items: [{ task: taskId }] });
			expect(result.json[0], JSON.stringify(locator)).toMatchObject({ id: taskId, title: 'Ship' });
		}
		const completed = await runContacts(file.double, { resource: 'task', operation: 'setCompleted', contactId: byId(contactId), taskId: fromList(taskId), completed: true });
		expect(completed.json[0]).toMatchObject({ id: taskId, completed: true });
		const updated = await runContacts(file.double, { resource: 'note', operation: 'update', contactId: byId(contactId), noteId: fromList(noteId), updateFields: { body: 'Hello again' } });
		expect(updated.json[0]).toMatchObject({ id: noteId, body: 'Hello again' });
		const deleted = await runContacts(file.double, { resource: 'note', operation: 'delete', contactId: byId(contactId), noteId: byId(noteId) });
		expect(deleted.json[0]).toMatchObject({ contactId, noteId });
		expect(file.double.requests.filter((r) => r.method !== 'POST').map((r) => `${r.method} ${r.path}`)).toEqual([
			...Array(3).fill(`GET /contacts/${contactId}/tasks/${taskId}`),
			`PUT /contacts/${contactId}/tasks/${taskId}/completed`,
			`PUT /contacts/${contactId}/notes/${noteId}`,
			`DELETE /contacts/${contactId}/notes/${noteId}`,
		]);
	});

	it('refuses an ID that cannot be one, naming the field and the item, before any request', async () => {
		const before = requestCount();
		const task = await runContacts(file.double, { resource: 'task', operation: 'delete', contactId: byId(contactId), taskId: byId('={{ $json.id }}') }, { items: [{ id: 'ok1' }, { id: '../x' }] });
		expect(task.error?.message).toBe('Task: "../x" is not a valid ID (letters, digits, "_" and "-" only) (item 1)');
		const note = await runContacts(file.double, { resource: 'note', operation: 'get', contactId: byId(contactId), noteId: byId('={{ $json.missing }}') });
		expect(note.error?.message).toBe('Note: is required and must not be empty (item 0)');
		expect(requestCount()).toBe(before);
	});
});

describe('User locators (node version 1.1)', () => {
	it("lists the location's users whose name or e-mail contains the filter", async () => {
		const ann = file.double.addUser(LOCATION_ID, { firstName: 'Ann', lastName: 'Lee', email: 'ann@agency.example' }) as { id: string };
		file.double.addUser(LOCATION_ID, { firstName: 'Bob', lastName: 'Ray', email: 'bob@agency.example' });
		file.double.addUser('other-location', { firstName: 'Ann', lastName: 'Other', email: 'ann@other.example' });
		const found = await search('searchUsers', { resource: 'task', operation: 'create' }, 'ann');
		expect(found.results).toEqual([{ name: 'Ann Lee (ann@agency.example)', value: ann.id }]);
		expect((await search('searchUsers', { resource: 'task', operation: 'create' }, 'AGENCY.example')).results).toHaveLength(2);
		expect(file.double.requests.map((r) => [r.path, r.query.locationId])).toEqual([['/users/', LOCATION_ID], ['/users/', LOCATION_ID]]);
	});

	it("sends the picked user as a task's or contact's Assigned To and a note's author", async () => {
		const user = (file.double.addUser(LOCATION_ID, { firstName: 'Ann', lastName: 'Lee', email: 'ann@agency.example' }) as { id: string }).id;
		const task = await runContacts(file.double, {
			resource: 'task',
			operation: 'create',
			contactId: byId(contactId),
			title: 'Ship',
			dueDate: '2026-12-24T10:00:00Z',
			additionalFields: { assignedTo: fromList(user) },
		});
		expect(task.json[0]).toMatchObject({ assignedTo: user });
		await runContacts(file.double, { resource: 'task', operation: 'update', contactId: byId(contactId), taskId: byId(task.json[0].id as string), updateFields: { assignedTo: byId('={{ $json.user }}') } }, { items: [{ user }] });
		await runContacts(file.double, { resource: 'contact', operation: 'update', contactId: byId(contactId), contactFields: { assignedTo: byId(user) } });
		await runContacts(file.double, { resource: 'note', operation: 'create', contactId: byId(contactId), body: 'Hi', additionalFields: { userId: fromList(user) } });
		const bodies = file.double.requests.filter((r) => r.method !== 'GET').map((r) => r.body as IDataObject);
		expect(bodies.map((body) => body.assignedTo ?? body.userId)).toEqual([user, user, user, user]);
	});

	it('sends nothing for a user field left empty, and refuses a user ID that cannot be one', async () => {
		const empty = await runContacts(file.double, { resource: 'note', operation: 'create', contactId: byId(contactId), body: 'Hi', additionalFields: { userId: fromList('') } });
		expect(empty.error).toBeUndefined();
		expect(file.double.requests[0].body).toEqual({ body: 'Hi' });
		const before = requestCount();
		const bad = await runContacts(file.double, { resource: 'contact', operation: 'update', contactId: byId(contactId), contactFields: { assignedTo: byId('ann lee') } });
		expect(bad.error?.message).toBe('Assigned To: "ann lee" is not a valid ID (letters, digits, "_" and "-" only) (item 0)');
		const badTask = await runContacts(file.double, { resource: 'task', operation: 'update', contactId: byId(contactId), taskId: byId('t1'), updateFields: { assignedTo: fromList('a?b') } });
		expect(badTask.error?.message).toMatch(/^Assigned To: "a\?b" is not a valid ID .* \(item 0\)$/);
		expect(requestCount()).toBe(before);
	});
});

describe('Task, note and user fields of version 1 workflows', () => {
	it('runs with the IDs as plain strings, as saved', async () => {
		const user = (file.double.addUser(LOCATION_ID, { firstName: 'Ann', lastName: 'Lee', email: 'ann@agency.example' }) as { id: string }).id;
		const created = await runContacts(
			file.double,
			{ resource: 'task', operation: 'create', contactId, title: 'Ship', dueDate: '2026-12-24T10:00:00Z', additionalFields: { assignedTo: user } },
			{ typeVersion: 1 },
		);
		const taskId = created.json[0].id as string;
		expect(created.json[0]).toMatchObject({ assignedTo: user });
		const got = await runContacts(file.double, { resource: 'task', operation: 'get', contactId, taskId: '={{ $json.task }}' }, { items: [{ task: taskId }], typeVersion: 1 });
		expect(got.json[0]).toMatchObject({ id: taskId });
		const note = await runContacts(file.double, { resource: 'note', operation: 'create', contactId, body: 'Hi', additionalFields: { userId: user } }, { typeVersion: 1 });
		const noteId = note.json[0].id as string;
		const bad = await runContacts(file.double, { resource: 'note', operation: 'get', contactId, noteId: 'a/b' }, { typeVersion: 1 });
		expect(bad.error?.message).toBe('Note ID: "a/b" is not a valid ID (letters, digits, "_" and "-" only) (item 0)');
		expect((await runContacts(file.double, { resource: 'note', operation: 'get', contactId, noteId }, { typeVersion: 1 })).json[0]).toMatchObject({ userId: user });
	});

	it('describes task, note and user IDs as text and user lists in version 1, and as locators from version 1.1', () => {
		const properties = new HighLevelContacts().description.properties;
		const versionOf = (p: { displayOptions?: { show?: IDataObject } }) => JSON.stringify(p.displayOptions?.show?.['@version']);
		const typesOf = (version: string, name: string) => {
			const ofVersion = properties.filter((p) => versionOf(p) === version);
			const top = ofVersion.filter((p) => p.name === name).map((p) => p.type);
			const nested = ofVersion.flatMap((p) => ((p.options ?? []) as Array<{ name: string; type?: string }>).filter((o) => o.name === name).map((o) => o.type));
			return [...new Set([...top, ...nested])];
		};
		const v1 = JSON.stringify([1]);
		const v11 = JSON.stringify([{ _cnd: { gte: 1.1 } }]);
		expect(['taskId', 'noteId'].map((name) => typesOf(v1, name))).toEqual([['string'], ['string']]);
		expect(['assignedTo', 'userId'].map((name) => typesOf(v1, name))).toEqual([['options'], ['options']]);
		expect(['taskId', 'noteId', 'assignedTo', 'userId'].map((name) => typesOf(v11, name))).toEqual(Array(4).fill(['resourceLocator']));
	});
});

describe('Search sort as rows of field and direction', () => {
	const searchBodies = () => file.double.requests.filter((r) => r.path === '/contacts/search').map((r) => r.body as IDataObject);
	const search = (sort: INodeParameters): INodeParameters => ({ resource: 'contact', operation: 'search', returnAll: true, sort });

	it('sends each rule as {field, direction} from version 1.1: a listed field, or another by name', async () => {
		file.double.seedContacts(LOCATION_ID, 1, { firstName: 'Zoe', email: 'zoe@example.com' });
		file.double.seedContacts(LOCATION_ID, 1, { firstName: 'Adam', email: 'adam@example.com' });
		const result = await runContacts(file.double, search({ rule: [{ field: 'firstNameLowerCase', direction: 'asc' }, { field: 'other', fieldName: 'businessName', direction: 'desc' }] }));
		expect(result.error).toBeUndefined();
		expect(searchBodies()[0].sort).toEqual([{ field: 'firstNameLowerCase', direction: 'asc' }, { field: 'businessName', direction: 'desc' }]);
		expect(result.json.map((c) => c.firstName)).toEqual(['Adam', 'Jane', 'Zoe']);
		// A field saved as text that is not in the list goes as the name it is.
		await runContacts(file.double, search({ rule: [{ field: 'companyName', direction: '={{ "asc" }}' }] }));
		expect(searchBodies()[1].sort).toEqual([{ field: 'companyName', direction: 'asc' }]);
	});

	it('refuses a rule without a field name or with another direction, naming the rule and the item, before any search', async () => {
		const noName = await runContacts(file.double, search({ rule: [{ field: 'dateAdded', direction: 'asc' }, { field: 'other', fieldName: ' ', direction: 'asc' }] }));
		expect(noName.error?.message).toBe('Sort > Rule 2: Field Name is empty (item 0)');
		const sideways = await runContacts(file.double, search({ rule: [{ field: 'email', direction: '={{ $json.direction }}' }] }), { items: [{ direction: 'up' }] });
		expect(sideways.error?.message).toBe('Sort > Rule 1: Direction is "up", not asc or desc (item 0)');
		expect(searchBodies()).toHaveLength(0);
	});

	it('sends the rules of version 1 as they are, and describes the field as text there and as a list from 1.1', async () => {
		await runContacts(file.double, search({ rule: [{ field: 'dateAdded', direction: 'desc' }] }), { typeVersion: 1 });
		expect(searchBodies()[0].sort).toEqual([{ field: 'dateAdded', direction: 'desc' }]);
		const sortProperties = new HighLevelContacts().description.properties.filter((p) => p.name === 'sort');
		const fieldType = (version: unknown) =>
			sortProperties
				.filter((p) => JSON.stringify(p.displayOptions?.show?.['@version']) === JSON.stringify(version))
				.map((p) => ((p.options?.[0] as { values: Array<{ name: string; type: string }> }).values.find((v) => v.name === 'field') ?? {}).type);
		expect(fieldType([1])).toEqual(['string']);
		expect(fieldType([{ _cnd: { gte: 1.1 } }])).toEqual(['options']);
	});
});
