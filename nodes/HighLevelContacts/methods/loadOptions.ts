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
import { type CustomFieldDefinition, fetchContactCustomFields } from '../customFields';

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
