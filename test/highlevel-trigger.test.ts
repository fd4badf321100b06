import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';

import { HighLevelWebhookSecretApi } from '../credentials/HighLevelWebhookSecretApi.credentials';
import { HighLevelTrigger } from '../nodes/HighLevelTrigger/HighLevelTrigger.node';
import { createTriggerHarness, type TriggerHarness, type TriggerHarnessOptions } from './harness';

// HighLevel's published webhook event pages (see test/fixtures/README.md).
const EVENTS_DIR = join(__dirname, 'fixtures', 'highlevel', 'webhook-events');

/** The first JSON example of every event page of HighLevel's docs. */
const docSamples: Array<[string, IDataObject]> = readdirSync(EVENTS_DIR)
	.filter((file) => file.endsWith('.md'))
	.map((file) => {
		const text = readFileSync(join(EVENTS_DIR, file), 'utf8');
		const example = text.slice(text.indexOf('#### Example'));
		const json = /```json\n([\s\S]*?)```/.exec(example)?.[1];
		if (!json) throw new Error(`no example in ${file}`);
		return [file, JSON.parse(json) as IDataObject];
	});

const ed25519 = generateKeyPairSync('ed25519');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherEd25519 = generateKeyPairSync('ed25519');
const pem = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();
const keyOverrides = { ed25519PublicKey: pem(ed25519.publicKey), rsaPublicKey: pem(rsa.publicKey) };

const ALL_EVENTS = ['ContactCreate', 'ContactUpdate', 'ContactDelete', 'ContactDndUpdate', 'ContactTagUpdate', 'TaskCreate', 'TaskComplete', 'TaskDelete', 'NoteCreate', 'NoteUpdate', 'NoteDelete', 'LocationCreate', 'LocationUpdate', 'INSTALL', 'UNINSTALL'];

let trigger: TriggerHarness | undefined;
afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
});

async function startTrigger(parameters: INodeParameters = {}, more: Partial<TriggerHarnessOptions> = {}) {
	trigger = await createTriggerHarness({
		node: new HighLevelTrigger(),
		parameters: { events: ALL_EVENTS, ...parameters, options: { ...keyOverrides, ...((parameters.options as IDataObject) ?? {}) } },
		credentialTypes: [new HighLevelWebhookSecretApi()],
		...more,
	});
	await trigger.activate();
	return trigger;
}

function signedEvent(payload: IDataObject, how: 'ed25519' | 'rsa' | 'none' = 'ed25519', extra: IDataObject = {}) {
	const body = JSON.stringify({ ...payload, timestamp: new Date().toISOString(), webhookId: randomUUID(), ...extra });
	const headers: Record<string, string> = {};
	if (how === 'ed25519') headers['x-ghl-signature'] = sign(null, Buffer.from(body), ed25519.privateKey).toString('base64');
	if (how === 'rsa') headers['x-wh-signature'] = sign('sha256', Buffer.from(body), rsa.privateKey).toString('base64');
	return { body, headers, contentType: 'application/json' };
}

describe('HighLevel Trigger', () => {
	it("names its events as n8n does, with HighLevel's type in each description and as the stored value", () => {
		const { displayName, properties } = new HighLevelTrigger().description;
		expect(displayName).toBe('HighLevel Trigger');
		const events = properties.find((p) => p.name === 'events')!;
		const options = events.options as Array<{ name: string; value: string; description: string }>;
		expect(options.map((o) => o.value).sort()).toEqual([...ALL_EVENTS].sort());
		expect(options.find((o) => o.value === 'ContactCreate')).toEqual({ name: 'Contact Created', value: 'ContactCreate', description: 'HighLevel event type ContactCreate' });
		expect(options.find((o) => o.value === 'INSTALL')?.name).toBe('App Installed');
		for (const option of options) {
			expect(option.name, option.value).toMatch(/^[A-Z][a-z]+( [A-Z][A-Za-z]*)+$/);
			expect(option.description).toBe(`HighLevel event type ${option.value}`);
		}
		expect(options.map((o) => o.name)).toEqual(options.map((o) => o.name).sort((a, b) => a.localeCompare(b)));
	});

	it('reads one sample per documented event', () => {
		expect(docSamples.map(([file]) => file.replace('.md', '')).sort()).toEqual(
			['AppInstall', 'AppUninstall', 'ContactCreate', 'ContactDelete', 'ContactDndUpdate', 'ContactTagUpdate', 'ContactUpdate', 'LocationCreate', 'LocationUpdate', 'NoteCreate', 'NoteDelete', 'NoteUpdate', 'TaskComplete', 'TaskCreate', 'TaskDelete'].sort(),
		);
	});

	it.each(docSamples)('emits the %s sample, signed with Ed25519, as typed JSON with normalised ids', async (_file, sample) => {
		const harness = await startTrigger();
		const delivery = await harness.deliver(signedEvent(sample));
		expect(delivery.status).toBe(200);
		const [execution] = await harness.waitForExecutions(1);
		const event = execution.items[0].json;
		// LocationCreate / LocationUpdate describe a sub-account: its ID is their `id`.
		const expectedLocation = sample.locationId ?? (String(sample.type).startsWith('Location') ? sample.id : null);
		expect(event).toMatchObject({ ...sample, event: sample.type, locationId: expectedLocation });
		const expectedContact = String(sample.type).startsWith('Contact') ? sample.id : (sample.contactId ?? null);
		expect(event.contactId).toBe(expectedContact);
	});

	it('accepts the legacy RSA signature, and refuses it when legacy signatures are off', async () => {
		const sample = docSamples.find(([file]) => file === 'NoteCreate.md')![1];
		const harness = await startTrigger();
		expect((await harness.deliver(signedEvent(sample, 'rsa'))).status).toBe(200);
		await harness.close();
		const strict = await startTrigger({ options: { acceptLegacyRsa: false } });
		expect((await strict.deliver(signedEvent(sample, 'rsa'))).status).toBe(401);
		expect(strict.executions).toHaveLength(0);
	});

	it('refuses a tampered body, a wrong key, a missing signature and an old timestamp with 401', async () => {
		const sample = docSamples.find(([file]) => file === 'ContactCreate.md')![1];
		const harness = await startTrigger();
		const good = signedEvent(sample);
		const tampered = { ...good, body: good.body.replace('"ContactCreate"', '"ContactDelete"') };
		const wrongKey = { ...good, headers: { 'x-ghl-signature': sign(null, Buffer.from(good.body), otherEd25519.privateKey).toString('base64') } };
		const unsigned = signedEvent(sample, 'none');
		const old = signedEvent(sample, 'ed25519', { timestamp: new Date(Date.now() - 10 * 60_000).toISOString() });
		const reformatted = { ...good, body: JSON.stringify(JSON.parse(good.body), null, 2) };
		for (const request of [tampered, wrongKey, unsigned, old, reformatted]) {
			const delivery = await harness.deliver(request);
			expect(delivery.status).toBe(401);
		}
		expect(harness.executions).toHaveLength(0);
	});

	it("verifies HighLevel's published key by default (a test-signed body is refused)", async () => {
		trigger = await createTriggerHarness({ node: new HighLevelTrigger(), parameters: { events: ALL_EVENTS }, credentialTypes: [] });
		await trigger.activate();
		const sample = docSamples[0][1];
		expect((await trigger.deliver(signedEvent(sample))).status).toBe(401);
	});

	it('drops a redelivered webhookId and events outside the filters, without starting the workflow', async () => {
		const harness = await startTrigger({ events: ['ContactCreate'], locationIds: 've9EPM428h8vShlRW1KT, other' });
		const contact = docSamples.find(([file]) => file === 'ContactCreate.md')![1];
		const task = docSamples.find(([file]) => file === 'TaskCreate.md')![1];
		const first = signedEvent(contact);
		expect((await harness.deliver(first)).status).toBe(200);
		const again = await harness.deliver(first);
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ ignored: 'duplicate' });
		expect((await harness.deliver(signedEvent(task))).body).toMatchObject({ ignored: 'event TaskCreate not selected' });
		expect((await harness.deliver(signedEvent({ ...contact, locationId: 'elsewhere' }))).body).toMatchObject({ ignored: 'location not selected' });
		await harness.waitForExecutions(1);
		expect(harness.executions).toHaveLength(1);
	});

	describe('for an agency app (events of every sub-account it is installed in)', () => {
		const APP = 've9EPM428h8vShlRW1KT';
		const COMPANY = 'agencyCompany0000001';
		const contactIn = (locationId: string, id: string) => ({ type: 'ContactCreate', locationId, id, email: `${id}@example.com` });
		// HighLevel's documented INSTALL / UNINSTALL payloads: location level, and agency level (no locationId).
		const installIn = (locationId: string) => ({ type: 'INSTALL', appId: APP, locationId, companyId: COMPANY, userId: 'user00000000000000001', planId: 'plan1' });
		const agencyInstall = { type: 'INSTALL', appId: APP, companyId: COMPANY, planId: 'plan1', trial: { onTrial: false } };
		const uninstallIn = (locationId: string) => ({ type: 'UNINSTALL', appId: APP, locationId });
		const agencyUninstall = { type: 'UNINSTALL', appId: APP, companyId: COMPANY };

		async function deliverAll(harness: TriggerHarness, payloads: IDataObject[]) {
			const answers = [];
			for (const payload of payloads) answers.push(await harness.deliver(signedEvent(payload)));
			return answers.map((answer) => answer.body as IDataObject);
		}

		it('emits the events of every sub-account with its locationId, and the companyId the payload has', async () => {
			const harness = await startTrigger();
			const location = { type: 'LocationUpdate', id: 'subB', companyId: COMPANY, name: 'Client B' };
			await deliverAll(harness, [contactIn('subA', 'c1'), contactIn('subB', 'c2'), installIn('subB'), location]);
			const events = (await harness.waitForExecutions(4)).map((execution) => execution.items[0].json);
			expect(events.map((e) => [e.event, e.locationId, e.companyId ?? null])).toEqual([
				['ContactCreate', 'subA', null],
				['ContactCreate', 'subB', null],
				['INSTALL', 'subB', COMPANY],
				['LocationUpdate', 'subB', COMPANY],
			]);
		});

		it('normalises INSTALL and UNINSTALL: which sub-account (none for the agency), install or uninstall, install type, when', async () => {
			const harness = await startTrigger();
			const sentAt = new Date(Date.now() - 5_000).toISOString();
			const payloads = [installIn('subA'), agencyInstall, uninstallIn('subA'), agencyUninstall];
			for (const payload of payloads) await harness.deliver(signedEvent(payload, 'ed25519', { timestamp: sentAt }));
			const events = (await harness.waitForExecutions(4)).map((execution) => execution.items[0].json);
			expect(events.map((e) => e.install)).toEqual([
				{ action: 'install', installType: 'Location', locationId: 'subA', companyId: COMPANY, appId: APP, at: sentAt },
				{ action: 'install', installType: 'Company', locationId: null, companyId: COMPANY, appId: APP, at: sentAt },
				{ action: 'uninstall', installType: 'Location', locationId: 'subA', companyId: null, appId: APP, at: sentAt },
				{ action: 'uninstall', installType: 'Company', locationId: null, companyId: COMPANY, appId: APP, at: sentAt },
			]);
			// The payload stays as HighLevel sent it, next to the normalised fields.
			expect(events[1]).toMatchObject({ ...agencyInstall, event: 'INSTALL', locationId: null, contactId: null });
		});

		it('dates an install without a timestamp (a workflow action post) by when n8n received it', async () => {
			const harness = await startTrigger({ verification: 'secret' }, { credentials: { highLevelWebhookSecretApi: { secret: 's3cret-value' } } });
			const before = Date.now();
			await harness.deliver({ body: JSON.stringify(installIn('subA')), contentType: 'application/json', query: { secret: 's3cret-value' } });
			const [execution] = await harness.waitForExecutions(1);
			const at = Date.parse(String((execution.items[0].json.install as IDataObject).at));
			expect(at).toBeGreaterThanOrEqual(before);
			expect(at).toBeLessThanOrEqual(Date.now());
		});

		it('with a sub-account filter, keeps the selected sub-accounts and every agency-level event, and drops the rest', async () => {
			const harness = await startTrigger({ locationIds: 'subA' });
			const answers = await deliverAll(harness, [
				contactIn('subA', 'kept1'),
				contactIn('subB', 'dropped1'),
				installIn('subB'),
				agencyInstall,
				uninstallIn('subA'),
				agencyUninstall,
				{ type: 'LocationUpdate', id: 'subB', companyId: COMPANY, name: 'Client B' },
				{ type: 'LocationUpdate', id: 'subA', companyId: COMPANY, name: 'Client A' },
				// Neither a sub-account nor the agency: not about a selected sub-account.
				{ type: 'ContactCreate', id: 'nowhere', email: 'nowhere@example.com' },
			]);
			expect(answers.map((answer) => answer?.ignored ?? 'run')).toEqual([
				'run',
				'location not selected',
				'location not selected',
				'run',
				'run',
				'run',
				'location not selected',
				'run',
				'location not selected',
			]);
			const events = (await harness.waitForExecutions(5)).map((execution) => execution.items[0].json);
			expect(events.map((e) => [e.event, e.locationId, (e.install as IDataObject | undefined)?.installType ?? null])).toEqual([
				['ContactCreate', 'subA', null],
				['INSTALL', null, 'Company'],
				['UNINSTALL', 'subA', 'Location'],
				['UNINSTALL', null, 'Company'],
				['LocationUpdate', 'subA', null],
			]);
			expect(harness.executions).toHaveLength(5);
		});
	});

	it.each([
		['its credential (version 2)', {}, { credentials: { highLevelWebhookSecretApi: { secret: 's3cret-value' } } }],
		['the parameter a version 1 node was saved with', { secret: 's3cret-value' }, { typeVersion: 1 }],
	])('accepts unsigned workflow-action posts only with the shared secret in the URL, read from %s', async (_from, parameters, more) => {
		const harness = await startTrigger({ verification: 'secret', ...parameters }, more);
		const note = docSamples.find(([file]) => file === 'NoteUpdate.md')![1];
		const unsigned = { body: JSON.stringify(note), contentType: 'application/json' };
		expect((await harness.deliver(unsigned)).status).toBe(401);
		expect((await harness.deliver({ ...unsigned, query: { secret: 'wrong' } })).status).toBe(401);
		expect((await harness.deliver({ ...unsigned, query: { secret: 's3cret-value' } })).status).toBe(200);
		const badlySigned = { ...signedEvent(note), query: { secret: 's3cret-value' } };
		badlySigned.headers['x-ghl-signature'] = 'AAAA';
		expect((await harness.deliver(badlySigned)).status).toBe(401);
		await harness.waitForExecutions(1);
		expect(harness.executions).toHaveLength(1);
	});

	it('keeps the secret out of the workflow from version 2 on: no Secret parameter, a required credential', () => {
		const { description } = new HighLevelTrigger();
		const secretParameter = description.properties.find((property) => property.name === 'secret');
		expect(secretParameter?.displayOptions?.show?.['@version']).toEqual([1]);
		expect(description.defaultVersion).toBe(2);
		expect(description.credentials).toEqual([expect.objectContaining({ name: 'highLevelWebhookSecretApi', required: true })]);
	});

	it("tests the credential by the secret's length, as nothing remote knows it", async () => {
		const test = new HighLevelTrigger().methods.credentialTest.webhookSecretStrength;
		const run = (secret: string) =>
			test.call({} as never, { id: '1', name: 'secret', type: 'highLevelWebhookSecretApi', data: { secret } });
		expect(await run('short')).toMatchObject({ status: 'Error', message: expect.stringMatching(/5 characters.*at least 16/) });
		expect(await run('a'.repeat(16))).toMatchObject({ status: 'OK' });
	});

	it('refuses every request when the credential holds no secret', async () => {
		const harness = await startTrigger({ verification: 'secret' }, { credentials: { highLevelWebhookSecretApi: { secret: '' } } });
		const note = docSamples.find(([file]) => file === 'NoteUpdate.md')![1];
		const unsigned = { body: JSON.stringify(note), contentType: 'application/json' };
		expect((await harness.deliver({ ...unsigned, query: { secret: '' } })).status).toBe(401);
		expect(harness.executions).toHaveLength(0);
	});

	it('starts one run for two overlapping deliveries of one webhookId (each request reads the static data as n8n does)', async () => {
		const harness = await startTrigger({ events: ['ContactCreate'] }, { staticDataPerRequest: true });
		const contact = docSamples.find(([file]) => file === 'ContactCreate.md')![1];
		const event = signedEvent(contact);
		const answers = await Promise.all([harness.deliver(event), harness.deliver(event)]);
		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		expect(answers.filter((answer) => (answer.body as IDataObject)?.ignored === 'duplicate')).toHaveLength(1);
		expect(harness.executions).toHaveLength(1);
	});

	it('remembers a bounded number of webhookIds', async () => {
		const harness = await startTrigger({ options: { rememberedWebhookIds: 10 } });
		const sample = docSamples.find(([file]) => file === 'ContactCreate.md')![1];
		for (let i = 0; i < 15; i++) expect((await harness.deliver(signedEvent(sample))).status).toBe(200);
		expect(Object.keys(harness.staticData().seenEvents as IDataObject)).toHaveLength(10);
	});
});
