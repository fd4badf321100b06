import type { IHttpRequestMethods } from 'n8n-workflow';

import { requireList } from '../../shared/input';
import { contactIdProperty, idParam } from './common';
import type { HighLevelOperation } from './types';

/**
 * Adding or removing single tags, unlike the `tags` field of an update, leaves the
 * contact's other tags alone.
 */
function tagOperation(value: 'add' | 'remove', method: IHttpRequestMethods, specOperationId: string): HighLevelOperation {
	const verb = value === 'add' ? 'Add' : 'Remove';
	return {
		resource: 'tag',
		value,
		name: verb,
		action: `${verb} tags ${value === 'add' ? 'to' : 'from'} a contact`,
		description: `${verb} tags ${value === 'add' ? 'to' : 'from'} a contact, keeping its other tags`,
		specOperationIds: [specOperationId],
		properties: [
			contactIdProperty,
			{ displayName: 'Tags', name: 'tags', type: 'string', required: true, default: '', description: 'Comma-separated tags (or an array from an expression)' },
		],
		prepare(item) {
			const contactId = idParam(item, 'contactId', 'Contact ID');
			const body = { tags: requireList(item.node, item.itemIndex, 'Tags', item.param('tags')) };
			return async () => {
				const response = await item.client.request({
					method,
					path: `/contacts/${contactId}/tags`,
					body,
					idempotent: true,
					itemIndex: item.itemIndex,
				});
				return { contactId, tags: response.tags ?? [] };
			};
		},
	};
}

export const tagOperations = [tagOperation('add', 'POST', 'add-tags'), tagOperation('remove', 'DELETE', 'remove-tags')];
