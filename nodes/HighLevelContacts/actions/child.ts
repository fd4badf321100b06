import type { HighLevelOperation, HighLevelResource, HighLevelItem } from './types';
import { acknowledged, contactIdProperty, FROM_VERSION_1_1, idParam, idProperty, listOf, returnAllProperties, unwrap } from './common';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** A record that lives under a contact: `/contacts/{contactId}/<segment>/{id}` (tasks, notes). */
export interface ContactChild {
	resource: HighLevelResource;
	/** Singular noun for texts, and the key of the record in HighLevel's answers. */
	noun: 'task' | 'note';
	segment: 'tasks' | 'notes';
	specOperationIds: { getAll: string; get: string; create: string; update: string; delete: string };
	createProperties: INodeProperties[];
	updateProperties: INodeProperties[];
	/** Body of create (`isUpdate` false) or update, checked. */
	body(item: HighLevelItem, isUpdate: boolean): IDataObject;
}

export function childIdProperty(child: Pick<ContactChild, 'noun'>): INodeProperties {
	const label = `${child.noun[0].toUpperCase()}${child.noun.slice(1)} ID`;
	return idProperty(label, `${child.noun}Id`, `ID of the ${child.noun}`);
}

export function childPath(item: HighLevelItem, child: Pick<ContactChild, 'noun' | 'segment'>, withId: boolean) {
	const base = `/contacts/${idParam(item, 'contactId', 'Contact ID')}/${child.segment}`;
	if (!withId) return base;
	const idLabel = childIdProperty(child);
	return `${base}/${idParam(item, idLabel.name, idLabel.displayName)}`;
}

const LIMIT_FROM_1_1: INodeProperties[] = returnAllProperties().map((property) => ({
	...property,
	displayOptions: { show: { ...property.displayOptions?.show, '@version': FROM_VERSION_1_1 } },
}));

/** Get many, get, create, update and delete of a contact's tasks or notes: same shapes, other paths. */
export function contactChildOperations(child: ContactChild): HighLevelOperation[] {
	const { resource, noun, segment } = child;
	const idProp = childIdProperty(child);
	const request = (item: HighLevelItem, method: 'GET' | 'POST' | 'PUT', withId: boolean, body?: IDataObject) => {
		const path = childPath(item, child, withId);
		return async () => unwrap(await item.client.request({ method, path, body, itemIndex: item.itemIndex }), noun);
	};
	return [
		{
			resource,
			value: 'getAll',
			name: 'Get Many',
			action: `Get many ${segment} of a contact`,
			description: `List all ${segment} of a contact`,
			specOperationIds: [child.specOperationIds.getAll],
			properties: [contactIdProperty, ...LIMIT_FROM_1_1],
			prepare(item) {
				const path = childPath(item, child, false);
				// HighLevel answers a contact's whole list in one page; Limit only cuts the output (version 1 has none).
				const limit = item.param('returnAll', true) ? undefined : item.param<number>('limit', 50);
				return async () => listOf(await item.client.request({ method: 'GET', path, itemIndex: item.itemIndex }), segment).slice(0, limit);
			},
		},
		{
			resource,
			value: 'get',
			name: 'Get',
			action: `Get a ${noun}`,
			description: `Get a ${noun} of a contact`,
			specOperationIds: [child.specOperationIds.get],
			properties: [contactIdProperty, idProp],
			prepare: (item) => request(item, 'GET', true),
		},
		{
			resource,
			value: 'create',
			name: 'Create',
			action: `Create a ${noun}`,
			description: `Create a ${noun} on a contact`,
			specOperationIds: [child.specOperationIds.create],
			properties: [contactIdProperty, ...child.createProperties],
			prepare: (item) => request(item, 'POST', false, child.body(item, false)),
		},
		{
			resource,
			value: 'update',
			name: 'Update',
			action: `Update a ${noun}`,
			description: `Update the fields of a ${noun} that are set`,
			specOperationIds: [child.specOperationIds.update],
			properties: [contactIdProperty, idProp, ...child.updateProperties],
			prepare: (item) => request(item, 'PUT', true, child.body(item, true)),
		},
		{
			resource,
			value: 'delete',
			name: 'Delete',
			action: `Delete a ${noun}`,
			description: `Delete a ${noun} of a contact`,
			specOperationIds: [child.specOperationIds.delete],
			properties: [contactIdProperty, idProp],
			prepare(item) {
				const path = childPath(item, child, true);
				const ids = { contactId: item.param<string>('contactId'), [idProp.name]: item.param<string>(idProp.name) };
				return async () =>
					acknowledged(await item.client.request({ method: 'DELETE', path, itemIndex: item.itemIndex }), ids);
			},
		},
	];
}
