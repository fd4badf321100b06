import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GoHighLevelOAuth2Api } from '../credentials/GoHighLevelOAuth2Api.credentials';
import { GoHighLevelPrivateTokenApi } from '../credentials/GoHighLevelPrivateTokenApi.credentials';
import { testCredential } from './harness';
import { credentialTypes, type HighLevelDouble, LOCATION_ID, PIT, runContacts, startDouble } from './highlevel/setup';

const CLIENT = { id: 'client-abc', secret: 'client-secret-xyz' };
let double: HighLevelDouble;

beforeAll(async () => {
	double = await startDouble({ oauthClients: { [CLIENT.id]: { secret: CLIENT.secret, locationId: LOCATION_ID } } });
});
afterAll(async () => {
	await double.close();
});

function oauthCredentials(tokens: { access_token: string; refresh_token: string }): IDataObject {
	return {
		clientId: CLIENT.id,
		clientSecret: CLIENT.secret,
		baseUrl: double.url,
		oauthTokenData: { ...tokens, locationId: LOCATION_ID, userType: 'Location' },
	};
}

describe('Private Integration Token credential', () => {
	it('passes its test request with a valid token and fails readably with a wrong one', async () => {
		const ok = await testCredential({
			credentialType: new GoHighLevelPrivateTokenApi(),
			data: { accessToken: PIT, locationId: LOCATION_ID, baseUrl: double.url },
			credentialTypes,
		});
		expect(ok.status).toBe('OK');
		const request = double.requests.at(-1);
		expect(request?.path).toBe(`/locations/${LOCATION_ID}`);
		expect(request?.headers.version).toBe('2021-07-28');

		const wrong = await testCredential({
			credentialType: new GoHighLevelPrivateTokenApi(),
			data: { accessToken: 'nope', locationId: LOCATION_ID, baseUrl: double.url },
			credentialTypes,
		});
		expect(wrong).toMatchObject({ status: 'Error', statusCode: 401 });
		expect(wrong.message).not.toContain('nope');
	});
});

describe('OAuth2 credential', () => {
	it('defaults to the documented hosts and scopes, with the token URL under the base URL', () => {
		const credential = new GoHighLevelOAuth2Api();
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(byName.authUrl.default).toBe('https://marketplace.gohighlevel.com/v2/oauth/chooselocation');
		expect((byName.authUrl.options ?? []).map((o) => (o as { value: string }).value)).toEqual(
			expect.arrayContaining([
				'https://marketplace.gohighlevel.com/oauth/chooselocation',
				'https://marketplace.leadconnectorhq.com/v2/oauth/chooselocation',
			]),
		);
		expect(byName.baseUrl.default).toBe('https://services.leadconnectorhq.com');
		expect(byName.scope.type).toBe('string');
		expect(String(byName.scope.default).split(' ')).toEqual(
			expect.arrayContaining(['contacts.readonly', 'contacts.write', 'locations.readonly', 'locations/customFields.readonly', 'users.readonly']),
		);
		expect(byName.authentication.default).toBe('body');
	});

	it('uses the location of the token response, refreshes an expired token and keeps the rotated refresh token', async () => {
		const tokens = double.issueOAuthTokens(CLIENT.id);
		double.expireAccessToken(tokens.access_token);
		const result = await runContacts(
			double,
			{ authentication: 'goHighLevelOAuth2Api', resource: 'contact', operation: 'upsert', email: 'oauth@example.com' },
			{ credentials: { goHighLevelOAuth2Api: oauthCredentials(tokens) } as never },
		);
		expect(result.status).toBe('success');
		expect(result.json[0]).toMatchObject({ email: 'oauth@example.com', locationId: LOCATION_ID, new: true });

		const tokenRequests = double.requests.filter((r) => r.path === '/oauth/token');
		expect(tokenRequests).toHaveLength(1);
		expect(tokenRequests[0].body).toMatchObject({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: CLIENT.id });
		const stored = result.credentialsHelper.getStored('goHighLevelOAuth2Api')?.oauthTokenData as IDataObject;
		expect(stored.refresh_token).not.toBe(tokens.refresh_token);
		expect(stored.access_token).not.toBe(tokens.access_token);
		const upsert = double.requests.filter((r) => r.path === '/contacts/upsert');
		expect(upsert.map((r) => r.status)).toEqual([401, 200]);
		expect(upsert[1].body?.locationId).toBe(LOCATION_ID);
	});

	it('says HighLevel refused the stored refresh token (used already, revoked) and to reconnect, not to check the Base URL', async () => {
		const tokens = double.issueOAuthTokens(CLIENT.id);
		double.expireAccessToken(tokens.access_token);
		const used = { ...tokens, refresh_token: 'refresh-token-used-before' };
		const since = double.requests.length;
		const result = await runContacts(
			double,
			{ authentication: 'goHighLevelOAuth2Api', resource: 'contact', operation: 'upsert', email: 'oauth@example.com' },
			{ credentials: { goHighLevelOAuth2Api: oauthCredentials(used) } as never },
		);
		expect(result.status).toBe('error');
		expect(double.requests.slice(since).filter((r) => r.path === '/oauth/token').map((r) => r.status)).toEqual([401]);
		expect(result.error?.message).toBe('HighLevel refused the stored refresh token: reconnect the credential');
		const description = String((result.error as { description?: string }).description);
		expect(description).toMatch(/invalid_grant/);
		expect(description).not.toMatch(/Base URL|reachable/);
		expect(JSON.stringify(result.error)).not.toContain('refresh-token-used-before');
	});

	it('passes its test request with a connected token', async () => {
		const tokens = double.issueOAuthTokens(CLIENT.id);
		const result = await testCredential({ credentialType: new GoHighLevelOAuth2Api(), data: oauthCredentials(tokens) as never, credentialTypes });
		expect(result.status).toBe('OK');
		expect(double.requests.at(-1)?.headers.authorization).toBe(`Bearer ${tokens.access_token}`);
	});
});
