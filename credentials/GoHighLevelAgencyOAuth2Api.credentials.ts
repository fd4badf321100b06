import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { baseUrlProperty, highLevelAuthUrlProperty, oAuth2TokenUrlFromBaseUrl, testRequestBelowBaseUrl } from './common';

/** Scopes of the Snapshots node's agency operations (locations, snapshots, SaaS). */
export const DEFAULT_HIGHLEVEL_AGENCY_SCOPES = [
	'locations.readonly',
	'locations.write',
	'snapshots.readonly',
	'saas/location.read',
	'saas/location.write',
].join(' ');

export class GoHighLevelAgencyOAuth2Api implements ICredentialType {
	name = 'goHighLevelAgencyOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'GoHighLevel Agency OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/HighLevelContacts/highLevel.svg',
		dark: 'file:../nodes/HighLevelContacts/highLevel.dark.svg',
	};

	documentationUrl = 'https://marketplace.gohighlevel.com/docs/Authorization/OAuth2.0';

	properties: INodeProperties[] = [
		highLevelAuthUrlProperty('Where the agency admin approves the app; the app must be an Agency (Company) app'),
		baseUrlProperty(
			'https://services.leadconnectorhq.com',
			'API host; the token URL is <Base URL>/oauth/token. Change only to point at a proxy or a local test double.',
		),
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: DEFAULT_HIGHLEVEL_AGENCY_SCOPES,
			description:
				"Space-separated; must match the scopes of your Marketplace app. For HighLevel Contacts in the agency's sub-accounts, add oauth.readonly, oauth.write and the Contacts scopes (contacts.readonly contacts.write locations/customFields.readonly users.readonly).",
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			description:
				"ID of the Marketplace app, to list the sub-accounts where it is installed (HighLevel Contacts). Empty: the part of the Client ID before its first dash, as HighLevel forms client IDs.",
		},
		...oAuth2TokenUrlFromBaseUrl,
	];

	test: ICredentialTestRequest = testRequestBelowBaseUrl(
		'=/locations/search?companyId={{$credentials.oauthTokenData.companyId}}&limit=1',
		{ Version: '2021-07-28' },
	);
}
