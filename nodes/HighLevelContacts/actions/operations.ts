import type { INodeProperties } from 'n8n-workflow';

import { bulkUpdateContactBusiness, bulkUpdateContactTags } from './contact/bulk';
import { createContact, deleteContact, getContact, updateContact, upsertContact } from './contact/crud';
import {
	findDuplicateContact,
	getContactAppointments,
	getManyContacts,
	getManyContactsByBusiness,
	searchContacts,
} from './contact/lists';
import { membershipOperations } from './contact/membership';
import { noteOperations } from './note';
import { tagOperations } from './tag';
import { taskOperations } from './task';
import type { HighLevelOperation, HighLevelResource } from './types';

export const operations: HighLevelOperation[] = [
	createContact,
	upsertContact,
	getContact,
	getManyContacts,
	searchContacts,
	findDuplicateContact,
	getManyContactsByBusiness,
	getContactAppointments,
	updateContact,
	deleteContact,
	...membershipOperations,
	bulkUpdateContactTags,
	bulkUpdateContactBusiness,
	...taskOperations,
	...noteOperations,
	...tagOperations,
];

export const resources: Array<{ name: string; value: HighLevelResource }> = [
	{ name: 'Contact', value: 'contact' },
	{ name: 'Note', value: 'note' },
	{ name: 'Tag', value: 'tag' },
	{ name: 'Task', value: 'task' },
];

const DEFAULT_OPERATION: Record<HighLevelResource, string> = {
	contact: 'upsert',
	task: 'create',
	note: 'create',
	tag: 'add',
};

export function findOperation(resource: string, value: string) {
	return operations.find((operation) => operation.resource === resource && operation.value === value);
}

/** The node's resource, operation and per-operation fields, generated from the operation table. */
export function operationProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const { value: resource } of resources) {
		const ofResource = operations
			.filter((operation) => operation.resource === resource)
			.sort((a, b) => a.name.localeCompare(b.name));
		const defaultOperation = DEFAULT_OPERATION[resource];
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: ofResource.map(({ name, value, action, description }) => ({ name, value, action, description })),
			default: defaultOperation,
		});
	}
	for (const operation of operations) {
		for (const property of operation.properties) {
			const show = { ...property.displayOptions?.show, resource: [operation.resource], operation: [operation.value] };
			properties.push({ ...property, displayOptions: { ...property.displayOptions, show } });
		}
	}
	return properties;
}
