// Names shared by the shipped workflows and the end-to-end suite: the credential IDs the
// workflow files reference, and the demo accounts of the API doubles.
export const E2E = {
	ownerEmail: 'owner@example.com',
	ownerPassword: 'Password123',
	highLevelToken: 'e2e-highlevel-private-token',
	locationId: 'e2eLocation000000001',
	gumroadToken: 'e2e-gumroad-access-token',
	snapshotsKey: 'e2e-snapshots-api-key',
	/** The HighLevel Trigger's shared secret (template 04), appended to its URL as ?secret=… */
	highLevelWebhookSecret: 'e2e-webhook-secret-0123456789',
	/**
	 * An agency (Company) Marketplace app installed in two client sub-accounts (template 13): the
	 * double issues its OAuth tokens under these fixed values at every start, so the credential n8n
	 * stored keeps working after a restart of the stack.
	 */
	agency: {
		clientId: 'e2eAgencyApp00000001-e2eclient',
		clientSecret: 'e2e-agency-client-secret',
		companyId: 'e2eAgencyCompany0001',
		accessToken: 'e2e-agency-oauth-access-token',
		refreshToken: 'e2e-agency-oauth-refresh-token',
		scope: 'oauth.readonly oauth.write contacts.readonly contacts.write locations.readonly locations/customFields.readonly users.readonly',
		subAccounts: [
			{ id: 'e2eClientSubAccountA', name: 'Client A (e2e)' },
			{ id: 'e2eClientSubAccountB', name: 'Client B (e2e)' },
		],
	},
	customFields: [
		{ name: 'GumroadCustomerId', fieldKey: 'contact.gumroad_customer_id', dataType: 'TEXT' },
		{ name: 'Snapshots Tier', fieldKey: 'contact.snapshots_tier', dataType: 'TEXT' },
	],
	/** The location's users, so the Assigned To, Followers and note author pickers have choices. */
	users: [
		{ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', role: 'admin' },
		{ firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' },
		{ firstName: 'Alan', lastName: 'Turing', email: 'alan@example.com' },
	],
};

/** Credential IDs as referenced by the files in workflows/ (n8n keeps IDs on import). */
export const CREDENTIAL_IDS = {
	highLevel: 'ghlPrivateToken1',
	gumroad: 'gumroadToken0001',
	snapshots: 'snapshotsApiKey1',
	smtp: 'smtpLocalCatch01',
	highLevelWebhookSecret: 'ghlWebhookSecret',
	highLevelAgency: 'ghlAgencyOAuth01',
};

/** Credentials pointing at the running doubles, in the format of `n8n import:credentials`. */
export function CREDENTIALS({ highLevel, gumroad, snapshots, smtp }) {
	return [
		{
			id: CREDENTIAL_IDS.highLevel,
			name: 'HighLevel (Private Integration Token)',
			type: 'goHighLevelPrivateTokenApi',
			data: { accessToken: E2E.highLevelToken, locationId: E2E.locationId, baseUrl: highLevel.url },
		},
		{
			// As n8n stores an agency app's credential after Connect: the token response in oauthTokenData.
			id: CREDENTIAL_IDS.highLevelAgency,
			name: 'HighLevel Agency (OAuth2)',
			type: 'goHighLevelAgencyOAuth2Api',
			data: {
				clientId: E2E.agency.clientId,
				clientSecret: E2E.agency.clientSecret,
				baseUrl: highLevel.url,
				scope: E2E.agency.scope,
				oauthTokenData: {
					access_token: E2E.agency.accessToken,
					refresh_token: E2E.agency.refreshToken,
					token_type: 'Bearer',
					expires_in: 86399,
					scope: E2E.agency.scope,
					userType: 'Company',
					companyId: E2E.agency.companyId,
				},
			},
		},
		{
			id: CREDENTIAL_IDS.gumroad,
			name: 'Gumroad Access Token',
			type: 'gumroadAccessTokenApi',
			data: { accessToken: E2E.gumroadToken, baseUrl: gumroad.url },
		},
		{
			id: CREDENTIAL_IDS.snapshots,
			name: 'Snapshots API',
			type: 'snapshotsApi',
			data: { apiKey: E2E.snapshotsKey, baseUrl: `${snapshots.url}/v1` },
		},
		{
			id: CREDENTIAL_IDS.highLevelWebhookSecret,
			name: 'HighLevel Webhook Secret',
			type: 'highLevelWebhookSecretApi',
			data: { secret: E2E.highLevelWebhookSecret },
		},
		{
			id: CREDENTIAL_IDS.smtp,
			name: 'SMTP',
			type: 'smtp',
			data: { user: '', password: '', host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true },
		},
	];
}
