import type { INodeProperties } from 'n8n-workflow';

import { operationProperties } from '../../shared/operationProperties';
import { locatorsFromVersion11 } from './common';
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

const FROM_VERSION_1_1 = [{ _cnd: { gte: 1.1 } }];

/**
 * Version 1 keeps the contact, task and note IDs as text fields (what its saved workflows hold);
 * from 1.1 they are resource locators. Both are read with `extractValue`, so the operations see an
 * ID either way.
 */
function withLocators(operation: HighLevelOperation): HighLevelOperation {
	const properties = operation.properties.flatMap((property) => {
		const locator = property.type === 'string' ? locatorsFromVersion11.get(property.name) : undefined;
		return locator
			? [
					{ ...property, displayOptions: { show: { '@version': [1] } } },
					{ ...locator, displayOptions: { show: { '@version': FROM_VERSION_1_1 } } },
				]
			: [property];
	});
	return { ...operation, properties };
}

/** The node's Operation selectors and per-operation fields, generated from the operation table. */
export function contactsOperationProperties(): INodeProperties[] {
	return operationProperties(resources, operations.map(withLocators), DEFAULT_OPERATION);
}
