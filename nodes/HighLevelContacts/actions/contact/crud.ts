import type { IDataObject } from 'n8n-workflow';

import { invalidInput } from '../../../shared/input';
import { acknowledged, contactIdProperty, idParam, unwrap } from '../common';
import type { HighLevelOperation } from '../types';
import { buildContactBody, contactFieldProperties } from './fields';

const contactPath = (id: string) => `/contacts/${id}`;

export const createContact: HighLevelOperation = {
	resource: 'contact',
	value: 'create',
	name: 'Create',
	action: 'Create a contact',
	description: 'Create a new contact (fails if the location does not allow duplicates and one exists)',
	specOperationIds: ['create-contact'],
	properties: contactFieldProperties('create'),
	async prepare(item) {
		const locationId = item.client.requireLocationId(item.itemIndex);
		const body = await buildContactBody(item);
		return async () =>
			unwrap(
				await item.client.request({ method: 'POST', path: '/contacts/', body: { ...body, locationId }, itemIndex: item.itemIndex }),
				'contact',
			);
	},
};

export const upsertContact: HighLevelOperation = {
	resource: 'contact',
	value: 'upsert',
	name: 'Create or Update',
	action: 'Create or update a contact',
	description: 'Create a new record, or update the current one if it already exists (upsert)',
	specOperationIds: ['upsert-contact'],
	properties: [
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Email to match an existing contact by. Email or Phone is required.' },
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: '+15550001111', description: 'Phone to match an existing contact by. Email or Phone is required.' },
		...contactFieldProperties('upsert'),
	],
	async prepare(item) {
		const locationId = item.client.requireLocationId(item.itemIndex);
		const email = item.param<string>('email', '');
		const phone = item.param<string>('phone', '');
		if (!String(email).trim() && !String(phone).trim()) {
			throw invalidInput(item.node, item.itemIndex, 'Email', 'Email or Phone is required to find the contact to update');
		}
		const body = await buildContactBody(item, { email, phone });
		return async () => {
			const response = await item.client.request<IDataObject>({
				method: 'POST',
				path: '/contacts/upsert',
				body: { ...body, locationId },
				// Upserting the same contact twice leaves one contact: safe to retry.
				idempotent: true,
				itemIndex: item.itemIndex,
			});
			return { ...unwrap(response, 'contact'), new: response.new === true };
		};
	},
};

export const getContact: HighLevelOperation = {
	resource: 'contact',
	value: 'get',
	name: 'Get',
	action: 'Get a contact',
	description: 'Get a contact by ID',
	specOperationIds: ['get-contact'],
	properties: [contactIdProperty],
	prepare(item) {
		const id = idParam(item, 'contactId', 'Contact ID');
		return async () =>
			unwrap(await item.client.request({ method: 'GET', path: contactPath(id), itemIndex: item.itemIndex }), 'contact');
	},
};

export const updateContact: HighLevelOperation = {
	resource: 'contact',
	value: 'update',
	name: 'Update',
	action: 'Update a contact',
	description: 'Update the fields that are set; others stay as they are',
	specOperationIds: ['update-contact'],
	properties: [contactIdProperty, ...contactFieldProperties('update')],
	async prepare(item) {
		const id = idParam(item, 'contactId', 'Contact ID');
		const body = await buildContactBody(item);
		if (Object.keys(body).length === 0) {
			throw invalidInput(item.node, item.itemIndex, 'Update Fields', 'set at least one field to update');
		}
		return async () =>
			unwrap(await item.client.request({ method: 'PUT', path: contactPath(id), body, itemIndex: item.itemIndex }), 'contact');
	},
};

export const deleteContact: HighLevelOperation = {
	resource: 'contact',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a contact',
	description: 'Delete a contact by ID',
	specOperationIds: ['delete-contact'],
	properties: [contactIdProperty],
	prepare(item) {
		const id = idParam(item, 'contactId', 'Contact ID');
		return async () =>
			acknowledged(await item.client.request({ method: 'DELETE', path: contactPath(id), itemIndex: item.itemIndex }), { contactId: id });
	},
};
