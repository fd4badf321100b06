import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { baseUrlProperty, highLevelAuthUrlProperty, oAuth2TokenUrlFromBaseUrl, testRequestBelowBaseUrl } from './common';

/** Scopes the HighLevel Contacts node needs; users may add more (or remove what they do not use). */
export const DEFAULT_HIGHLEVEL_SCOPES = [
	'contacts.readonly',
	'contacts.write',
	'locations.readonly',
	'locations/customFields.readonly',
	'users.readonly',
].join(' ');

export class GoHighLevelOAuth2Api implements ICredentialType {
	name = 'goHighLevelOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'GoHighLevel OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/HighLevelContacts/highLevel.svg',
		dark: 'file:../nodes/HighLevelContacts/highLevel.dark.svg',
	};

	documentationUrl = 'https://marketplace.gohighlevel.com/docs/Authorization/OAuth2.0';

	properties: INodeProperties[] = [
		highLevelAuthUrlProperty(
			'Where users pick the sub-account. Apps created before 2026 may still use the legacy path; white-label agencies use the LeadConnector host.',
		),
		baseUrlProperty(
			'https://services.leadconnectorhq.com',
			'API host; the token URL is <Base URL>/oauth/token. Change only to point at a proxy or a local test double.',
		),
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: DEFAULT_HIGHLEVEL_SCOPES,
			description:
				'Space-separated; must match the scopes of your Marketplace app. The defaults are what this package uses.',
		},
		// HighLevel expects client_id and client_secret in the form body of /oauth/token.
		...oAuth2TokenUrlFromBaseUrl,
	];

	test: ICredentialTestRequest = testRequestBelowBaseUrl('=/locations/{{$credentials.oauthTokenData.locationId}}', {
		Version: '2021-07-28',
	});
}
