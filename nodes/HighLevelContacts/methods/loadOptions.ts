import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import {
	createHighLevelClient,
	HIGHLEVEL_API_VERSION,
	type HighLevelCredentialType,
} from '../../shared/highlevel/transport';
import { fetchContactCustomFields } from '../customFields';

async function clientOf(ctx: ILoadOptionsFunctions) {
	const credentialType = (ctx.getCurrentNodeParameter('authentication') ??
		'goHighLevelOAuth2Api') as HighLevelCredentialType;
	return await createHighLevelClient(ctx, credentialType);
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
