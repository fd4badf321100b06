import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	createHighLevelClient,
	HIGHLEVEL_API_VERSION,
	type HighLevelCredentialType,
} from '../../shared/highlevel/transport';
import { fetchContactCustomFields } from '../customFields';

const credentialTypeOf = (ctx: ILoadOptionsFunctions) =>
	(ctx.getCurrentNodeParameter('authentication') ?? 'goHighLevelOAuth2Api') as HighLevelCredentialType;

/** The client of the location whose fields and users are listed: with an agency app, the chosen sub-account's. */
async function clientOf(ctx: ILoadOptionsFunctions) {
	const credentialType = credentialTypeOf(ctx);
	const client = await createHighLevelClient(ctx, credentialType);
	if (credentialType !== 'goHighLevelAgencyOAuth2Api') return client;
	const subAccount = ctx.getCurrentNodeParameter('subAccount', { extractValue: true });
	if (typeof subAccount !== 'string' || !subAccount.trim() || subAccount.startsWith('=')) {
		throw new NodeOperationError(ctx.getNode(), 'Choose a Sub-Account first (From List or By ID): this list comes from that sub-account');
	}
	return client.forSubAccount(subAccount);
}

/** Sub-accounts asked for per page of the list. */
const SUB_ACCOUNT_PAGE = 100;

/** The agency's sub-accounts where the app is installed (`GET /oauth/installedLocations`), searchable by name. */
export async function searchSubAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await createHighLevelClient(this, 'goHighLevelAgencyOAuth2Api');
	const skip = Number(paginationToken) || 0;
	const response = await client.request<{ locations?: IDataObject[]; count?: number }>({
		method: 'GET',
		path: '/oauth/installedLocations',
		query: {
			companyId: client.requireCompanyId(),
			appId: client.requireAppId(),
			isInstalled: true,
			skip: String(skip),
			limit: String(SUB_ACCOUNT_PAGE),
			...(filter?.trim() ? { query: filter.trim() } : {}),
		},
		version: HIGHLEVEL_API_VERSION.oauth,
	});
	const locations = (response.locations ?? []).filter((location) => typeof location._id === 'string' && location._id);
	const next = skip + locations.length;
	return {
		results: locations.map((location) => ({
			name: String(location.name || location._id),
			value: String(location._id),
			...(location.address ? { description: String(location.address) } : {}),
		})),
		paginationToken: locations.length > 0 && next < Number(response.count ?? 0) ? String(next) : undefined,
	};
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** The location's contact custom fields, listed by name with their type and key. */
export async function getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const fields = await fetchContactCustomFields(await clientOf(this));
	return fields
		.map((field) => ({
			name: field.dataType ? `${field.name} (${field.dataType})` : field.name,
			value: field.id,
			description: field.fieldKey,
		}))
		.sort(byName);
}

/** The location's users, for "assigned to", followers and note authors. */
export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await clientOf(this);
	const response = await client.request<{ users?: IDataObject[] }>({
		method: 'GET',
		path: '/users/',
		query: { locationId: client.requireLocationId() },
		version: HIGHLEVEL_API_VERSION.users,
	});
	return (response.users ?? [])
		.map((user) => {
			const fullName = [user.firstName, user.lastName].filter(Boolean).join(' ') || String(user.name ?? user.id);
			return { name: user.email ? `${fullName} (${String(user.email)})` : fullName, value: String(user.id) };
		})
		.sort(byName);
}
