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
