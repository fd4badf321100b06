import type { INodeProperties } from 'n8n-workflow';

import { operationProperties, withLocators } from '../../shared/operationProperties';
import { FROM_VERSION_1_1, locatorsFromVersion11 } from './common';
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

/** Version 1 is released with text IDs; 1.1 brought the locators. */
const LOCATOR_VERSIONS = { before: [1], from: FROM_VERSION_1_1 };

/** The node's Operation selectors and per-operation fields, generated from the operation table. */
export function contactsOperationProperties(): INodeProperties[] {
	return operationProperties(resources, operations.map((operation) => ({ ...operation, properties: withLocators(operation.properties, locatorsFromVersion11, LOCATOR_VERSIONS) })), DEFAULT_OPERATION);
}
