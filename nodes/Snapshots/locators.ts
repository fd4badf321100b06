import type { INodeProperties } from 'n8n-workflow';

import { idModeValidation } from '../shared/input';
import { locatorProperty, type LocatorVersions } from '../shared/operationProperties';

/** The node version whose record IDs are resource locators (1 and 1.1 keep their text fields). */
export const LOCATOR_VERSION = 1.2;

export const LOCATOR_VERSIONS: LocatorVersions = {
	before: [{ _cnd: { lt: LOCATOR_VERSION } }],
	from: [{ _cnd: { gte: LOCATOR_VERSION } }],
};

/**
 * A sub-account's pages in HighLevel (any host: white-label agencies use their own domain):
 * `https://app.gohighlevel.com/v2/location/{locationId}/…`.
 */
const SUB_ACCOUNT_URL = 'https?://[^/]+/v2/location/([A-Za-z0-9_-]+)(?:[/?#].*)?';
export const SUB_ACCOUNT_PAGE = 'a HighLevel sub-account page (…/v2/location/{locationId}/…)';

/** The page of a sub-account in HighLevel, as the From List entries link it. */
export function subAccountUrl(locationId: string) {
	return `https://app.gohighlevel.com/v2/location/${encodeURIComponent(locationId)}/dashboard`;
}

const subAccountLocator = locatorProperty({
	displayName: 'Sub-Account',
	name: 'locationId',
	description: 'The sub-account (location) of the agency',
	searchListMethod: 'searchSubAccounts',
	idPlaceholder: 'e.g. ve9EPM428h8vShlRW1KT',
	idValidation: idModeValidation,
	url: {
		pattern: SUB_ACCOUNT_URL,
		placeholder: 'e.g. https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/dashboard',
		notAPage: 'Not the URL of a HighLevel sub-account page',
	},
});

const snapshotLocator = locatorProperty({
	displayName: 'Snapshot',
	name: 'snapshotId',
	description: "One of the agency's own or imported snapshots",
	searchListMethod: 'searchSnapshots',
	idPlaceholder: 'e.g. 1eM2UvD6Ruw5vFpHfqJV',
	idValidation: idModeValidation,
});

/** The agency API's text ID fields of versions 1 and 1.1 that are locators from 1.2, by parameter name. */
export const agencyLocators: ReadonlyMap<string, INodeProperties> = new Map([
	['locationId', subAccountLocator],
	['snapshotId', snapshotLocator],
]);

/** The Snapshots API's location; its IDs are any text (sent URL-encoded), so By ID only needs one. */
export const apiLocators: ReadonlyMap<string, INodeProperties> = new Map([
	[
		'locationId',
		locatorProperty({
			displayName: 'Location',
			name: 'locationId',
			description: 'The location_id of a Snapshots location',
			searchListMethod: 'searchLocations',
			idPlaceholder: 'e.g. gr-buyer-1',
		}),
	],
]);

/** How a field is named in errors: from version 1.2 by its locator's label. */
export function fieldLabel(locators: ReadonlyMap<string, INodeProperties>, typeVersion: number, name: string, label: string) {
	return (typeVersion >= LOCATOR_VERSION ? locators.get(name)?.displayName : undefined) ?? label;
}
