import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { HighLevelPollingTrigger } from '../nodes/HighLevelPollingTrigger/HighLevelPollingTrigger.node';
import { createPollHarness } from './harness';
import { credentialTypes, type HighLevelDouble, LOCATION_ID, PIT, privateTokenCredentials, startDouble } from './highlevel/setup';

let double: HighLevelDouble;
beforeAll(async () => {
	double = await startDouble();
});
afterAll(async () => {
	await double.close();
});
beforeEach(() => {
	double.reset();
	double.setRateLimit(false);
});

const pollingTrigger = (parameters: INodeParameters = {}) =>
	createPollHarness({
		node: new HighLevelPollingTrigger(),
		parameters: { authentication: 'goHighLevelPrivateTokenApi', events: ['ContactCreate'], ...parameters },
		credentials: privateTokenCredentials(double),
		credentialTypes,
	});
const at = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();
const seed = (dateAdded: string, extra: IDataObject = {}) => double.seedContacts(LOCATION_ID, 1, { dateAdded, dateUpdated: dateAdded, ...extra })[0];
const api = async (method: string, path: string, body?: unknown) =>
	await fetch(`${double.url}${path}`, {
		method,
		headers: { Authorization: `Bearer ${PIT}`, Version: '2021-07-28', 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
const idsOf = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((item) => `${String(item.json.event)} ${String(item.json.contactId)}`);

describe('HighLevel Polling Trigger', () => {
	it('emits contacts created since the activation, each once, oldest first, also after a long stop', async () => {
		seed(at(-60 * 60_000));
		const trigger = pollingTrigger();
		expect(await trigger.poll()).toBeNull();
		const created = Array.from({ length: 3 }, (_, i) => seed(at(1000 + i * 1000)));
		expect(idsOf(await trigger.poll())).toEqual(created.map((c) => `ContactCreate ${c.id}`));
		expect(await trigger.poll()).toBeNull();
		const search = double.requests.filter((r) => r.path === '/contacts/search').at(-1);
		expect(search?.body).toMatchObject({
			locationId: LOCATION_ID,
			filters: [{ field: 'dateAdded', operator: 'range' }],
			sort: [{ field: 'dateAdded', direction: 'asc' }],
		});
	});

	it('emits an update of a contact each time it changes, but not its creation', async () => {
		const trigger = pollingTrigger({ events: ['ContactCreate', 'ContactUpdate'] });
		await trigger.poll();
		const contact = seed(at(1000));
		expect(idsOf(await trigger.poll())).toEqual([`ContactCreate ${contact.id}`]);
		expect((await api('PUT', `/contacts/${contact.id}`, { firstName: 'Ada' })).status).toBe(200);
		const [update] = (await trigger.poll()) ?? [];
		expect(update.json).toMatchObject({ event: 'ContactUpdate', type: 'ContactUpdate', contactId: contact.id, firstName: 'Ada', locationId: LOCATION_ID, delivery: 'api' });
		expect(update.json).not.toHaveProperty('searchAfter');
		expect(await trigger.poll()).toBeNull();
		// A later change is another event.
		await new Promise((resolve) => setTimeout(resolve, 5));
		await api('PUT', `/contacts/${contact.id}`, { lastName: 'Lovelace' });
		expect(idsOf(await trigger.poll())).toEqual([`ContactUpdate ${contact.id}`]);
	});

	it('catches a contact the index shows late, within the overlap, and looks back as told', async () => {
		const older = seed(at(-3 * 60 * 60_000));
		const trigger = pollingTrigger({ options: { lookBackHours: 2 } });
		const recent = seed(at(-60 * 60_000));
		expect(idsOf(await trigger.poll())).toEqual([`ContactCreate ${recent.id}`]);
		expect(idsOf(await trigger.poll())).not.toContain(`ContactCreate ${older.id}`);
		const late = seed(at(-2 * 60_000));
		expect(idsOf(await trigger.poll())).toEqual([`ContactCreate ${late.id}`]);
	});

	it('"Fetch Test Event" shows the newest contact without moving the cursor', async () => {
		seed(at(-5000));
		const newest = seed(at(-1000));
		const trigger = pollingTrigger();
		expect(idsOf(await trigger.poll('manual'))).toEqual([`ContactCreate ${newest.id}`]);
		expect(trigger.staticData()).toEqual({});
	});
});
