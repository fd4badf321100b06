import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	createHighLevelClient,
	HIGHLEVEL_API_VERSION,
	type HighLevelCredentialType,
} from '../../shared/highlevel/transport';
import { searchPage } from '../../shared/highlevel/paging';
import { listFilter } from '../../shared/listSearch';
import { contactUrl } from '../actions/common';
import { type CustomFieldDefinition, fetchContactCustomFields } from '../customFields';

const CONTACTS_PER_PAGE = 50;

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

function customFieldOption(field: CustomFieldDefinition): INodePropertyOptions {
	return { name: field.dataType ? `${field.name} (${field.dataType})` : field.name, value: field.id, description: field.fieldKey };
}

/** The location's contact custom fields, listed by name with their type and key. */
export async function getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await fetchContactCustomFields(await clientOf(this))).map(customFieldOption).sort(byName);
}

/** The location's contact custom fields whose name or field key contains the filter (the editor's From List). */
export async function searchCustomFields(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const wanted = (filter ?? '').trim().toLowerCase();
	const fields = await fetchContactCustomFields(await clientOf(this));
	const matches = (field: CustomFieldDefinition) =>
		!wanted || field.name.toLowerCase().includes(wanted) || (field.fieldKey ?? '').toLowerCase().includes(wanted);
	return { results: fields.filter(matches).map(customFieldOption).sort(byName) };
}

/** Contacts whose name, email or phone matches the filter, a page at a time (the Contact's From List). */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await clientOf(this);
	const locationId = client.requireLocationId();
	const page = Number(paginationToken) || 1;
	// HighLevel refuses a query longer than 75 characters.
	const query = (filter ?? '').trim().slice(0, 75);
	const { contacts, total } = await searchPage(client, {
		locationId,
		pageLimit: CONTACTS_PER_PAGE,
		page,
		...(query ? { query } : {}),
		sort: [{ field: 'dateAdded', direction: 'desc' }],
	});
	const results = contacts.map((contact) => {
		const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || String(contact.contactName ?? '');
		const reach = String(contact.email ?? contact.phone ?? '');
		const id = String(contact.id);
		return { name: name && reach ? `${name} (${reach})` : name || reach || id, value: id, url: contactUrl(locationId, id) };
	});
	const more = contacts.length === CONTACTS_PER_PAGE && (total === undefined || page * CONTACTS_PER_PAGE < total);
	return { results, ...(more ? { paginationToken: String(page + 1) } : {}) };
}

/** The location's users (`GET /users/`, scope users.readonly), named with their e-mail. */
async function fetchUserOptions(ctx: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await clientOf(ctx);
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

/** The location's users, for "assigned to", followers and note authors. */
export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await fetchUserOptions(this);
}

/** The location's users whose name or e-mail contains the filter (a user locator's From List; the API has no user search). */
export async function searchUsers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const matches = listFilter(filter);
	return { results: (await fetchUserOptions(this)).filter((user) => matches(user.name)) };
}

/**
 * The tasks or notes of the contact chosen above (`GET /contacts/{contactId}/tasks|notes`: one
 * answer, no paging), whose title or body contains the filter.
 */
async function searchContactChildren(ctx: ILoadOptionsFunctions, segment: 'tasks' | 'notes', filter?: string): Promise<INodeListSearchResult> {
	const contactId = ctx.getCurrentNodeParameter('contactId', { extractValue: true });
	if (typeof contactId !== 'string' || !/^[A-Za-z0-9_-]+$/.test(contactId.trim())) {
		throw new NodeOperationError(ctx.getNode(), `Choose a Contact first (From List, By ID or By URL): this list holds that contact's ${segment}`);
	}
	const client = await clientOf(ctx);
	const response = await client.request<IDataObject>({ method: 'GET', path: `/contacts/${contactId.trim()}/${segment}` });
	const records = Array.isArray(response[segment]) ? (response[segment] as IDataObject[]) : [];
	const matches = listFilter(filter);
	return {
		results: records
			.filter((record) => typeof record.id === 'string' && matches(record.title, record.body))
			.map((record) => {
				const text = String(record.title || record.body || record.id).replace(/\s+/g, ' ');
				const due = segment === 'tasks' && record.dueDate ? ` (due ${String(record.dueDate).slice(0, 10)})` : '';
				return { name: `${text.length > 80 ? `${text.slice(0, 79)}…` : text}${due}`, value: String(record.id) };
			}),
	};
}

/** The chosen contact's tasks (a Task locator's From List). */
export async function searchTasks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await searchContactChildren(this, 'tasks', filter);
}

/** The chosen contact's notes (a Note locator's From List). */
export async function searchNotes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await searchContactChildren(this, 'notes', filter);
}
