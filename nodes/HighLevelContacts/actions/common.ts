import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { requireId } from '../../shared/input';
import type { ItemContext } from './types';

export const contactIdProperty: INodeProperties = {
	displayName: 'Contact ID',
	name: 'contactId',
	type: 'string',
	required: true,
	default: '',
	description: 'ID of the HighLevel contact',
};

export { requiredTextProperty as idProperty, returnAllProperties } from '../../shared/operationProperties';

export const userOptions = { loadOptionsMethod: 'getUsers' };

/** "Assigned To" of contacts and tasks: a user of the location. */
export function assignedToProperty(whose: string): INodeProperties {
	return {
		displayName: 'Assigned To Name or ID',
		name: 'assignedTo',
		type: 'options',
		typeOptions: userOptions,
		default: '',
		description: `User ${whose} is assigned to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/** Reads an ID parameter and checks it before it is put in a path. */
export function idParam(item: ItemContext, name: string, label: string): string {
	return requireId(item.node, item.itemIndex, label, item.param(name));
}

export function pageTarget(item: ItemContext) {
	return {
		returnAll: item.param<boolean>('returnAll', false),
		limit: item.param<number>('limit', 50),
		itemIndex: item.itemIndex,
	};
}

/** The resource out of HighLevel's envelope (`{task: {...}, traceId}` → the task). */
export function unwrap(response: IDataObject, key: string): IDataObject {
	const inner = response[key];
	return inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as IDataObject) : response;
}

export function listOf(response: IDataObject, key: string): IDataObject[] {
	const list = response[key];
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

/** The answer of an action that returns no resource, tagged with what it acted on. */
export function acknowledged(response: IDataObject, ids: IDataObject): IDataObject {
	const { traceId, ...rest } = response;
	return { ...ids, ...rest, ...(traceId ? { traceId } : {}) };
}
