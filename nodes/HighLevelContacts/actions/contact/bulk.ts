import { parseList, pathSegment, requireIdList, requireList } from '../../../shared/input';
import type { HighLevelOperation } from '../types';

const contactIdsProperty = {
	displayName: 'Contact IDs',
	name: 'contactIds',
	type: 'string' as const,
	required: true,
	default: '',
	description: 'Comma-separated contact IDs (or an array from an expression)',
};

export const bulkUpdateContactTags: HighLevelOperation = {
	resource: 'contact',
	value: 'bulkUpdateTags',
	name: 'Bulk Update Tags',
	action: 'Add or remove tags on many contacts',
	description: 'Add tags to, or remove tags from, many contacts in one request',
	specOperationIds: ['create-association'],
	properties: [
		{
			displayName: 'Action',
			name: 'tagAction',
			type: 'options',
			options: [
				{ name: 'Add Tags', value: 'add' },
				{ name: 'Remove Tags', value: 'remove' },
			],
			default: 'add',
		},
		contactIdsProperty,
		{ displayName: 'Tags', name: 'tags', type: 'string', default: '', description: 'Comma-separated tags' },
		{
			displayName: 'Remove All Tags',
			name: 'removeAllTags',
			type: 'boolean',
			default: false,
			description: 'Whether to remove every tag of these contacts (Tags may then be empty)',
			displayOptions: { show: { tagAction: ['remove'] } },
		},
	],
	prepare(item) {
		const { node, itemIndex, client } = item;
		const locationId = client.requireLocationId(itemIndex);
		const type = item.param<string>('tagAction', 'add') === 'remove' ? 'remove' : 'add';
		const removeAllTags = type === 'remove' && item.param<boolean>('removeAllTags', false);
		const body = {
			locationId,
			contacts: requireIdList(node, itemIndex, 'Contact IDs', item.param('contactIds')),
			// The spec requires `tags` even when every tag goes; then an empty list is enough.
			tags: removeAllTags
				? parseList(node, itemIndex, 'Tags', item.param('tags', ''))
				: requireList(node, itemIndex, 'Tags', item.param('tags')),
			...(type === 'remove' ? { removeAllTags } : {}),
		};
		return () =>
			client.request({ method: 'POST', path: `/contacts/bulk/tags/update/${type}`, body, idempotent: true, itemIndex });
	},
};

export const bulkUpdateContactBusiness: HighLevelOperation = {
	resource: 'contact',
	value: 'bulkUpdateBusiness',
	name: 'Bulk Update Business',
	action: 'Add or remove many contacts from a business',
	description: 'Link many contacts to a business, or unlink them',
	specOperationIds: ['add-remove-contact-from-business'],
	properties: [
		contactIdsProperty,
		{
			displayName: 'Business ID',
			name: 'businessId',
			type: 'string',
			default: '',
			description: 'Business to link the contacts to. Leave empty to remove them from their business.',
		},
	],
	prepare(item) {
		const { node, itemIndex, client } = item;
		const businessId = String(item.param('businessId', '')).trim();
		const body = {
			locationId: client.requireLocationId(itemIndex),
			ids: requireIdList(node, itemIndex, 'Contact IDs', item.param('contactIds')),
			businessId: businessId ? pathSegment(node, itemIndex, 'Business ID', businessId, { urlSafe: true }) : null,
		};
		return () => client.request({ method: 'POST', path: '/contacts/bulk/business', body, idempotent: true, itemIndex });
	},
};
