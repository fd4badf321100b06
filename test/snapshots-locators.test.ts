import type { ICredentialDataDecryptedObject, IDataObject, INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { GoHighLevelAgencyOAuth2Api } from '../credentials/GoHighLevelAgencyOAuth2Api.credentials';
import { GoHighLevelAgencyPrivateTokenApi } from '../credentials/GoHighLevelAgencyPrivateTokenApi.credentials';
import { SnapshotsApi } from '../credentials/SnapshotsApi.credentials';
import { Snapshots } from '../nodes/Snapshots/Snapshots.node';
import { listSearch, runNode } from './harness';
import { doublesOfFile } from './snapshots/setup';

const KEY = 'snapshots-key-123';
const AGENCY_TOKEN = 'agency-pit-456';
const COMPANY = 'comp1';
const credentialTypes = [new SnapshotsApi(), new GoHighLevelAgencyOAuth2Api(), new GoHighLevelAgencyPrivateTokenApi()];

const file = doublesOfFile({ keys: { [KEY]: { scopes: ['saas/location.read'] } }, tokens: { [AGENCY_TOKEN]: { companyId: COMPANY, type: 'Company' } } });

const byId = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'id', value });
const fromList = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'list', value, cachedResultName: 'picked' });
const byUrl = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'url', value });

const api = { api: 'snapshotsApi' };
const agency = { api: 'highLevelAgency', authentication: 'goHighLevelAgencyPrivateTokenApi' };
/** The credential of the API the parameters choose. */
const credentialsOf = (parameters: INodeParameters): Record<string, ICredentialDataDecryptedObject> =>
	parameters.api === 'snapshotsApi'
		? { snapshotsApi: { apiKey: KEY, baseUrl: `${file.snapshots.url}/v1` } }
		: { goHighLevelAgencyPrivateTokenApi: { accessToken: AGENCY_TOKEN, companyId: COMPANY, baseUrl: file.highLevel.url } };

async function run(parameters: INodeParameters, options: { typeVersion?: number; items?: IDataObject[] } = {}) {
	return await runNode({ node: new Snapshots(), parameters, credentials: credentialsOf(parameters), credentialTypes, ...options });
}

async function search(method: string, parameters: INodeParameters, filter?: string, paginationToken?: string) {
	return await listSearch({ node: new Snapshots(), method, filter, paginationToken, parameters, credentials: credentialsOf(parameters), credentialTypes });
}

const agencyRequests = () => file.highLevel.requests.map((r) => `${r.method} ${r.path}`);

describe('Snapshots API: Location locator (node version 1.2)', () => {
	it('lists the locations whose name or ID contains the filter, across cursor pages, and goes on from the token', async () => {
		file.snapshots.seedLocations(230, (i) => ({ name: i % 20 === 0 ? `Studio ${i}` : `Shop ${i}` }));
		const studios = await search('searchLocations', { ...api, resource: 'location', operation: 'get' }, 'studio');
		expect(studios.results).toHaveLength(12);
		expect(studios.results[0]).toEqual({ name: 'Studio 0 (loc_0001)', value: 'loc_0001' });
		expect(studios.paginationToken).toBeUndefined();
		expect(file.snapshots.requests.map((r) => r.query.limit)).toEqual(['100', '100', '100']);

		const first = await search('searchLocations', { ...api, resource: 'location', operation: 'get' });
		expect(first.results).toHaveLength(100);
		const rest = await search('searchLocations', { ...api, resource: 'location', operation: 'get' }, undefined, first.paginationToken);
		expect(rest.results[0].value).toBe('loc_0101');
	});

	it('gets the location picked from the list, by ID or from an expression, and upserts one given by ID', async () => {
		const [location] = file.snapshots.seedLocations(1, () => ({ location_id: 'gr buyer/1', name: 'Jane' }));
		for (const locator of [fromList(location.location_id), byId(location.location_id), byId('={{ $json.id }}')]) {
			const result = await run({ ...api, resource: 'location', operation: 'get', locationId: locator }, { items: [{ id: location.location_id }] });
			expect(result.json[0], JSON.stringify(locator)).toMatchObject({ location_id: 'gr buyer/1', name: 'Jane' });
		}
		await run({ ...api, resource: 'location', operation: 'upsert', locationId: byId('gr-2'), name: 'Bob', timezone: 'UTC' });
		expect(file.snapshots.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			...Array(3).fill('GET /v1/locations/gr%20buyer%2F1'),
			'PUT /v1/locations/gr-2',
		]);
	});

	it('refuses an empty location, naming the field and the item, before any request', async () => {
		const result = await run({ ...api, resource: 'location', operation: 'get', locationId: byId('={{ $json.id }}') }, { items: [{ id: 'loc_1' }, { id: ' ' }] });
		expect(result.error?.message).toBe('Location: is required and must not be empty (item 1)');
		expect(file.snapshots.requests).toHaveLength(0);
	});
});

describe('HighLevel agency: Sub-Account and Snapshot locators (node version 1.2)', () => {
	it("lists the agency's sub-accounts and snapshots whose name contains the filter", async () => {
		for (let i = 0; i < 130; i++) file.highLevel.addLocation(COMPANY, { id: `loc${i}`, name: i % 50 === 7 ? `Yoga Studio ${i}` : `Bakery ${i}`, email: `owner${i}@example.com` });
		file.highLevel.addLocation('other-company', { id: 'elsewhere', name: 'Yoga Studio elsewhere' });
		const found = await search('searchSubAccounts', { ...agency, resource: 'subAccount', operation: 'get' }, 'yoga');
		expect(found.results.map((r) => r.value)).toEqual(['loc7', 'loc57', 'loc107']);
		expect(found.results[0]).toEqual({ name: 'Yoga Studio 7', value: 'loc7', url: 'https://app.gohighlevel.com/v2/location/loc7/dashboard', description: 'owner7@example.com' });
		expect(file.highLevel.requests.map((r) => [r.path, r.query.companyId, r.query.skip, r.query.limit])).toEqual([
			['/locations/search', COMPANY, '0', '100'],
			['/locations/search', COMPANY, '100', '100'],
		]);
		expect(file.highLevel.requests.every((r) => r.headers.version === '2021-07-28')).toBe(true);

		const own = file.highLevel.addSnapshot(COMPANY, { name: 'Course funnel', type: 'own' });
		const imported = file.highLevel.addSnapshot(COMPANY, { name: 'Coaching funnel', type: 'imported' });
		file.highLevel.addSnapshot(COMPANY, { name: 'Webinar' });
		const funnels = await search('searchSnapshots', { ...agency, resource: 'snapshot', operation: 'createShareLink' }, 'FUNNEL');
		expect(funnels.results).toEqual([
			{ name: 'Course funnel', value: own.id },
			{ name: 'Coaching funnel (imported)', value: imported.id },
		]);
		expect(file.highLevel.requests.at(-1)).toMatchObject({ path: '/snapshots/', query: { companyId: COMPANY } });
	});

	it('sends the sub-account and snapshot picked from the list, by ID or by URL to their paths and bodies', async () => {
		file.highLevel.addLocation(COMPANY, { id: 'loc1', name: 'Jane Studio' });
		const snapshot = file.highLevel.addSnapshot(COMPANY, { name: 'Onboarding', type: 'own' });
		const got = await run({ ...agency, resource: 'subAccount', operation: 'get', locationId: byUrl('https://app.agency.example/v2/location/loc1/dashboard?x=1') });
		expect(got.json[0]).toMatchObject({ id: 'loc1', name: 'Jane Studio' });
		await run({ ...agency, resource: 'subAccount', operation: 'update', locationId: fromList('loc1'), snapshotId: fromList(snapshot.id), override: true });
		await run({ ...agency, resource: 'snapshot', operation: 'getLatestPush', snapshotId: byId(snapshot.id), locationId: byId('loc1') });
		await run({ ...agency, resource: 'snapshot', operation: 'createShareLink', snapshotId: byId('={{ $json.snapshot }}'), shareType: 'link' }, { items: [{ snapshot: snapshot.id }] });
		const created = await run({ ...agency, resource: 'subAccount', operation: 'create', name: 'New', snapshotId: fromList(snapshot.id) });
		expect(created.status).toBe('success');
		// No snapshot picked: none is loaded.
		await run({ ...agency, resource: 'subAccount', operation: 'update', locationId: byId('loc1'), name: 'Renamed', snapshotId: fromList('') });
		expect(agencyRequests()).toEqual([
			'GET /locations/loc1',
			'PUT /locations/loc1',
			`GET /snapshots/snapshot-status/${snapshot.id}/location/loc1`,
			'POST /snapshots/share/link',
			'POST /locations/',
			'PUT /locations/loc1',
		]);
		const bodies = file.highLevel.requests.map((r) => r.body as Record<string, unknown> | undefined);
		expect(bodies[1]).toMatchObject({ snapshot: { id: snapshot.id, override: true } });
		expect(bodies[3]).toMatchObject({ snapshot_id: snapshot.id });
		expect(bodies[4]).toMatchObject({ snapshotId: snapshot.id });
		expect(bodies[5]).not.toHaveProperty('snapshot');
	});

	// Item 0 holds a good value: the refusal names item 1.
	const given = (value: string) => ({ items: [{ value: value.startsWith('http') ? 'https://app.gohighlevel.com/v2/location/fine1/dashboard' : 'fine1' }, { value }] });
	const refusals: Array<[string, INodeParameters, string, string]> = [
		['a sub-account ID with a slash', { resource: 'subAccount', operation: 'delete', locationId: byId('={{ $json.value }}'), deleteTwilioAccount: false }, 'loc1/x', 'Sub-Account: "loc1/x" is not a valid ID (letters, digits, "_" and "-" only) (item 1)'],
		['a URL that is not a sub-account page', { resource: 'subAccount', operation: 'get', locationId: byUrl('={{ $json.value }}') }, 'https://example.com/loc1', 'Sub-Account: "https://example.com/loc1" is not the URL of a HighLevel sub-account page (…/v2/location/{locationId}/…) (item 1)'],
		['a snapshot ID with a space', { resource: 'snapshot', operation: 'createShareLink', snapshotId: byId('={{ $json.value }}'), shareType: 'link' }, 'my snapshot', 'Snapshot: "my snapshot" is not a valid ID (letters, digits, "_" and "-" only) (item 1)'],
		['a snapshot to load that cannot be an ID', { resource: 'subAccount', operation: 'create', name: 'New', snapshotId: fromList('={{ $json.value }}') }, '?', 'Snapshot: "?" is not a valid ID (letters, digits, "_" and "-" only) (item 1)'],
	];

	it.each(refusals)('refuses %s from an expression, naming the field and the item, before any request', async (_name, parameters, value, message) => {
		const result = await run({ ...agency, ...parameters }, given(value));
		expect(result.error?.message).toBe(message);
		expect(file.highLevel.requests).toHaveLength(0);
	});

	it("leaves a typed ID or URL of the wrong form to n8n's own check of the mode, which runs nothing", async () => {
		await expect(run({ ...agency, resource: 'subAccount', operation: 'get', locationId: byId('loc1/x') })).rejects.toThrow(/Not an ID \(letters, digits, "_" and "-" only\)/);
		await expect(run({ ...agency, resource: 'subAccount', operation: 'get', locationId: byUrl('https://example.com/loc1') })).rejects.toThrow(/Not the URL of a HighLevel sub-account page/);
		expect(file.highLevel.requests).toHaveLength(0);
	});
});

describe('Snapshots workflows saved with versions 1 and 1.1', () => {
	it('run with their IDs as text fields, and name them as they did', async () => {
		file.snapshots.seedLocations(1, () => ({ location_id: 'gr-1', name: 'Jane' }));
		expect((await run({ ...api, resource: 'location', operation: 'get', locationId: 'gr-1' }, { typeVersion: 1.1 })).json[0]).toMatchObject({ name: 'Jane' });
		file.highLevel.addLocation(COMPANY, { id: 'loc1', name: 'Jane Studio' });
		const snapshot = file.highLevel.addSnapshot(COMPANY, { name: 'Onboarding' });
		expect((await run({ ...agency, resource: 'subAccount', operation: 'get', locationId: '={{ $json.id }}' }, { typeVersion: 1, items: [{ id: 'loc1' }] })).json[0]).toMatchObject({ id: 'loc1' });
		const link = await run({ ...agency, resource: 'snapshot', operation: 'createShareLink', snapshotId: snapshot.id, shareType: 'link' }, { typeVersion: 1.1 });
		expect(link.json[0].shareLink).toBeTruthy();
		const bad = await run({ ...agency, resource: 'snapshot', operation: 'getLatestPush', snapshotId: snapshot.id, locationId: 'a/b' }, { typeVersion: 1 });
		expect(bad.error?.message).toBe('Location ID: "a/b" is not a valid ID (letters, digits, "_" and "-" only) (item 0)');
	});

	it('describe the IDs as text before version 1.2 and as locators from it, in every operation that takes one', () => {
		const properties = new Snapshots().description.properties.filter((p) => ['locationId', 'snapshotId'].includes(p.name));
		const key = (p: (typeof properties)[number]) => `${String(p.displayOptions?.show?.api)}/${String(p.displayOptions?.show?.operation)}/${p.name}`;
		const before = properties.filter((p) => JSON.stringify(p.displayOptions?.show?.['@version']) === '[{"_cnd":{"lt":1.2}}]');
		const from = properties.filter((p) => JSON.stringify(p.displayOptions?.show?.['@version']) === '[{"_cnd":{"gte":1.2}}]');
		expect(before.length).toBe(12);
		expect(from.map(key)).toEqual(before.map(key));
		expect(new Set(before.map((p) => p.type))).toEqual(new Set(['string']));
		expect(new Set(from.map((p) => p.type))).toEqual(new Set(['resourceLocator']));
		expect(before.length + from.length).toBe(properties.length);
	});
});
