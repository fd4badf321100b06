import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkDateTime, invalidInput, pathSegment, requireText } from '../../shared/input';
import { childPath, contactChildOperations, type ContactChild } from './child';
import { assignedToProperty, contactIdProperty, collectionByVersion, unwrap, userIdOf } from './common';
import type { HighLevelOperation, HighLevelItem } from './types';

const bodyProperty: INodeProperties = {
	displayName: 'Body',
	name: 'body',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	description: 'Details of the task',
};

const updatableFields = (locator: boolean): INodeProperties[] => [
	assignedToProperty('the task', locator),
	bodyProperty,
	{ displayName: 'Completed', name: 'completed', type: 'boolean', default: false, description: 'Whether the task is done' },
	{ displayName: 'Due Date', name: 'dueDate', type: 'dateTime', default: '' },
	{ displayName: 'Title', name: 'title', type: 'string', default: '' },
];

/** Checked and typed as `CreateTaskParams` / `UpdateTaskBody`. */
function taskBody(item: HighLevelItem, isUpdate: boolean): IDataObject {
	const { node, itemIndex } = item;
	const fields: IDataObject = isUpdate
		? item.param<IDataObject>('updateFields', {})
		: {
				...item.param<IDataObject>('additionalFields', {}),
				title: item.param('title', ''),
				dueDate: item.param('dueDate', ''),
				completed: item.param('completed', false),
			};
	const body: IDataObject = {};
	if (fields.title !== undefined) body.title = requireText(node, itemIndex, 'Title', fields.title);
	if (fields.body !== undefined && fields.body !== '') body.body = String(fields.body);
	if (fields.dueDate !== undefined) body.dueDate = checkDateTime(node, itemIndex, 'Due Date', fields.dueDate);
	if (fields.completed !== undefined) body.completed = fields.completed === true || fields.completed === 'true';
	const assignedTo = userIdOf(fields.assignedTo);
	if (assignedTo !== undefined && assignedTo !== '') body.assignedTo = pathSegment(node, itemIndex, 'Assigned To', assignedTo, { urlSafe: true });
	if (isUpdate && Object.keys(body).length === 0) {
		throw invalidInput(node, itemIndex, 'Update Fields', 'set at least one field to update');
	}
	return body;
}

const task: ContactChild = {
	resource: 'task',
	noun: 'task',
	segment: 'tasks',
	specOperationIds: {
		getAll: 'get-all-tasks',
		get: 'get-task',
		create: 'create-task',
		update: 'update-task',
		delete: 'delete-task',
	},
	createProperties: [
		{ displayName: 'Title', name: 'title', type: 'string', required: true, default: '' },
		{ displayName: 'Due Date', name: 'dueDate', type: 'dateTime', required: true, default: '', description: 'When the task is due' },
		{ displayName: 'Completed', name: 'completed', type: 'boolean', default: false, description: 'Whether the task is already done' },
		...collectionByVersion('Additional Fields', 'additionalFields', (locator) => [assignedToProperty('the task', locator), bodyProperty]),
	],
	updateProperties: collectionByVersion('Update Fields', 'updateFields', updatableFields),
	body: taskBody,
};

const setTaskCompleted: HighLevelOperation = {
	resource: 'task',
	value: 'setCompleted',
	name: 'Mark Completed or Not Completed',
	action: 'Mark a task completed or not completed',
	description: 'Set whether a task is completed',
	specOperationIds: ['update-task-completed'],
	properties: [
		contactIdProperty,
		{ displayName: 'Task ID', name: 'taskId', type: 'string', required: true, default: '', description: 'ID of the task' },
		{ displayName: 'Completed', name: 'completed', type: 'boolean', default: true, description: 'Whether the task is done' },
	],
	prepare(item) {
		const path = `${childPath(item, task, true)}/completed`;
		const body = { completed: item.param<boolean>('completed', true) === true };
		return async () => unwrap(await item.client.request({ method: 'PUT', path, body, itemIndex: item.itemIndex }), 'task');
	},
};

export const taskOperations: HighLevelOperation[] = [...contactChildOperations(task), setTaskCompleted];
