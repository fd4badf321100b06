import type { IDataObject, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import { checkDateTime, requireIdList } from '../../../shared/input';
import { acknowledged, contactIdProperty, idParam, idProperty, userOptions } from '../common';
import type { HighLevelOperation, HighLevelItem } from '../types';

const followersProperty: INodeProperties = {
	displayName: 'Follower Names or IDs',
	name: 'followers',
	type: 'multiOptions',
	typeOptions: userOptions,
	required: true,
	default: [],
	description:
		'Users who follow the contact. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const campaignIdProperty = idProperty('Campaign ID', 'campaignId', 'ID of the campaign');
const workflowIdProperty = idProperty('Workflow ID', 'workflowId', 'ID of the HighLevel workflow');
const eventStartTimeProperty: INodeProperties = {
	displayName: 'Event Start Time',
	name: 'eventStartTime',
	type: 'dateTime',
	default: '',
	description: 'Optional start time of the workflow event, for time-based workflows',
};

/**
 * Operations that put a contact into or take it out of something (followers, campaigns,
 * workflows). They differ only in method, path and body, so they are rows of one table.
 */
interface MembershipRow {
	value: string;
	name: string;
	action: string;
	description: string;
	specOperationId: string;
	method: IHttpRequestMethods;
	properties: INodeProperties[];
	/** Path below `/contacts/{contactId}`. */
	subPath(item: HighLevelItem): string;
	body?(item: HighLevelItem): IDataObject | undefined;
	idempotent?: boolean;
}

const followers = (item: HighLevelItem) => ({
	followers: requireIdList(item.node, item.itemIndex, 'Followers', item.param('followers', [])),
});

const eventStart = (item: HighLevelItem) => {
	const value = item.param<string>('eventStartTime', '');
	return value ? { eventStartTime: checkDateTime(item.node, item.itemIndex, 'Event Start Time', value) } : {};
};

const rows: MembershipRow[] = [
	{
		value: 'addFollowers',
		name: 'Add Followers',
		action: 'Add followers to a contact',
		description: 'Add users as followers of a contact',
		specOperationId: 'add-followers-contact',
		method: 'POST',
		properties: [followersProperty],
		subPath: () => '/followers',
		body: followers,
		idempotent: true,
	},
	{
		value: 'removeFollowers',
		name: 'Remove Followers',
		action: 'Remove followers from a contact',
		description: 'Remove users from the followers of a contact',
		specOperationId: 'remove-followers-contact',
		method: 'DELETE',
		properties: [followersProperty],
		subPath: () => '/followers',
		body: followers,
	},
	{
		value: 'addToCampaign',
		name: 'Add to Campaign',
		action: 'Add a contact to a campaign',
		description: 'Add a contact to a campaign',
		specOperationId: 'add-contact-to-campaign',
		method: 'POST',
		properties: [campaignIdProperty],
		subPath: (item) => `/campaigns/${idParam(item, 'campaignId', 'Campaign ID')}`,
		body: () => ({}),
		idempotent: true,
	},
	{
		value: 'removeFromCampaign',
		name: 'Remove From Campaign',
		action: 'Remove a contact from a campaign',
		description: 'Remove a contact from one campaign',
		specOperationId: 'remove-contact-from-campaign',
		method: 'DELETE',
		properties: [campaignIdProperty],
		subPath: (item) => `/campaigns/${idParam(item, 'campaignId', 'Campaign ID')}`,
	},
	{
		value: 'removeFromAllCampaigns',
		name: 'Remove From All Campaigns',
		action: 'Remove a contact from all campaigns',
		description: 'Remove a contact from every campaign',
		specOperationId: 'remove-contact-from-every-campaign',
		method: 'DELETE',
		properties: [],
		subPath: () => '/campaigns/removeAll',
	},
	{
		value: 'addToWorkflow',
		name: 'Add to Workflow',
		action: 'Add a contact to a workflow',
		description: 'Enrol a contact in a HighLevel workflow',
		specOperationId: 'add-contact-to-workflow',
		method: 'POST',
		properties: [workflowIdProperty, eventStartTimeProperty],
		subPath: (item) => `/workflow/${idParam(item, 'workflowId', 'Workflow ID')}`,
		body: eventStart,
	},
	{
		value: 'removeFromWorkflow',
		name: 'Remove From Workflow',
		action: 'Remove a contact from a workflow',
		description: 'Remove a contact from a HighLevel workflow',
		specOperationId: 'delete-contact-from-workflow',
		method: 'DELETE',
		properties: [workflowIdProperty, eventStartTimeProperty],
		subPath: (item) => `/workflow/${idParam(item, 'workflowId', 'Workflow ID')}`,
		body: eventStart,
	},
];

export const membershipOperations: HighLevelOperation[] = rows.map((row) => ({
	resource: 'contact',
	value: row.value,
	name: row.name,
	action: row.action,
	description: row.description,
	specOperationIds: [row.specOperationId],
	properties: [contactIdProperty, ...row.properties],
	prepare(item) {
		const contactId = idParam(item, 'contactId', 'Contact ID');
		const path = `/contacts/${contactId}${row.subPath(item)}`;
		const body = row.body?.(item);
		return async () =>
			acknowledged(
				await item.client.request({ method: row.method, path, body, idempotent: row.idempotent, itemIndex: item.itemIndex }),
				{ contactId },
			);
	},
}));
