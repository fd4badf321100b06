import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidInput, pathSegment, requireText } from '../../shared/input';
import { contactChildOperations } from './child';
import { collectionByVersion, userIdOf, userLocatorProperty, userOptions } from './common';
import type { HighLevelItem } from './types';

/** The note's fields; the author is a user list in version 1, a locator from 1.1. */
const noteFields = (locator: boolean): INodeProperties[] => [
	{ displayName: 'Color', name: 'color', type: 'color', default: '' },
	{ displayName: 'Pinned', name: 'pinned', type: 'boolean', default: false, description: 'Whether the note is pinned to the top of the timeline' },
	{ displayName: 'Title', name: 'title', type: 'string', default: '' },
	locator
		? userLocatorProperty('User', 'userId', 'Author of the note')
		: {
				displayName: 'User Name or ID',
				name: 'userId',
				type: 'options',
				typeOptions: userOptions,
				default: '',
				description:
					'Author of the note. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
];

/** Checked and typed as `NotesDTO` / `UpdateNoteDTO`. */
function noteBody(item: HighLevelItem, isUpdate: boolean): IDataObject {
	const { node, itemIndex } = item;
	const fields = isUpdate
		? item.param<IDataObject>('updateFields', {})
		: { ...item.param<IDataObject>('additionalFields', {}), body: item.param('body', '') };
	const body: IDataObject = {};
	for (const [key, given] of Object.entries(fields)) {
		const value = key === 'userId' ? userIdOf(given) : given;
		if (value === undefined || value === '') continue;
		if (key === 'body') body.body = requireText(node, itemIndex, 'Body', value);
		else if (key === 'userId') body.userId = pathSegment(node, itemIndex, 'User', value, { urlSafe: true });
		else if (key === 'pinned') body.pinned = value === true || value === 'true';
		else body[key] = String(value);
	}
	if (!isUpdate && body.body === undefined) requireText(node, itemIndex, 'Body', '');
	if (isUpdate && Object.keys(body).length === 0) {
		throw invalidInput(node, itemIndex, 'Update Fields', 'set at least one field to update');
	}
	return body;
}

export const noteOperations = contactChildOperations({
	resource: 'note',
	noun: 'note',
	segment: 'notes',
	specOperationIds: {
		getAll: 'get-all-notes',
		get: 'get-note',
		create: 'create-note',
		update: 'update-note',
		delete: 'delete-note',
	},
	createProperties: [
		{ displayName: 'Body', name: 'body', type: 'string', typeOptions: { rows: 4 }, required: true, default: '', description: 'Text of the note' },
		...collectionByVersion('Additional Fields', 'additionalFields', noteFields),
	],
	updateProperties: collectionByVersion('Update Fields', 'updateFields', (locator) => [
		{ displayName: 'Body', name: 'body', type: 'string', typeOptions: { rows: 4 }, default: '' },
		...noteFields(locator),
	]),
	body: noteBody,
});
