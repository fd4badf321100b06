import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import {
	createHighLevelClient,
	HIGHLEVEL_API_VERSION,
	type HighLevelCredentialType,
} from '../../shared/highlevel/transport';
import { searchPage } from '../../shared/highlevel/paging';
import { contactUrl } from '../actions/common';
import { type CustomFieldDefinition, fetchContactCustomFields } from '../customFields';

const CONTACTS_PER_PAGE = 50;

async function clientOf(ctx: ILoadOptionsFunctions) {
	const credentialType = (ctx.getCurrentNodeParameter('authentication') ??
		'goHighLevelOAuth2Api') as HighLevelCredentialType;
	return await createHighLevelClient(ctx, credentialType);
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

/** Contacts whose name, e-mail or phone matches the filter, a page at a time (the Contact's From List). */
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
