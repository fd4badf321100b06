import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { normaliseGumroadTimestamp } from '../shared/gumroad/normalise';
import { checkDateTime, invalidInput, requireText } from '../shared/input';
import { returnAllProperties } from '../shared/operationProperties';
import { idSegment } from '../shared/operation';
import { type GumroadItem, type GumroadOperation, idProperty, pagedListOperation, optionalText, SCOPE, send } from './helpers';

/** Installment#as_json_for_api timestamps: ISO in UTC like every other record of the node. */
const TIMESTAMPS = ['published_at', 'scheduled_at', 'created_at', 'updated_at'];

/** An e-mail (Installment#as_json_for_api) typed like the other records: ISO timestamps, the rest as Gumroad gives it. */
export function normaliseEmail(email: IDataObject): IDataObject {
	const typed: IDataObject = { ...email };
	for (const key of TIMESTAMPS) if (key in typed) typed[key] = normaliseGumroadTimestamp(typed[key]);
	return typed;
}

/** Installment validates `name` to at most 255 characters. */
const MAX_SUBJECT_LENGTH = 255;

const emailIdProperty = idProperty('Email ID', 'emailId', 'ID of a listed or created e-mail');

const emailPath = (item: GumroadItem) => `/v2/emails/${idSegment(item, 'emailId', 'Email ID')}`;

/** One e-mail action (`POST /v2/emails/:id/<action>`) answering the e-mail. */
function emailAction(item: GumroadItem, action: string, form?: IDataObject) {
	const path = `${emailPath(item)}/${action}`;
	return async () => {
		const response = await send(item, 'POST', path, { scope: SCOPE.editEmails, ...(form ? { form } : {}) });
		return normaliseEmail(response.email as IDataObject);
	};
}

const audienceProperty: INodeProperties = {
	displayName: 'Audience',
	name: 'audience',
	type: 'options',
	options: [
		{ name: 'Customers', value: 'customers', description: 'Everyone who bought from you' },
		{ name: 'Customers of a Product', value: 'product', description: 'Everyone who bought one product' },
		{ name: 'Everyone', value: 'all', description: 'Customers and followers' },
		{ name: 'Followers', value: 'followers' },
	],
	default: 'all',
	description: 'Who receives the e-mail when it is sent',
};

/**
 * /v2/emails (antiwork/gumroad Api::V2::EmailsController#index, #show, #create, #destroy, #preview,
 * #send_email, #schedule, #unschedule; edit_emails, edit_products in its first version). Gumroad has
 * no route to change an e-mail: delete it and create another.
 */
export const emailOperations: GumroadOperation[] = [
	{
		resource: 'email',
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many emails',
		description: 'List your e-mails (posts), newest first',
		properties: [
			...returnAllProperties(),
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				options: [
					{ name: 'Any', value: '' },
					{ name: 'Draft', value: 'draft' },
					{ name: 'Published', value: 'published', description: 'Sent' },
					{ name: 'Scheduled', value: 'scheduled' },
				],
				default: '',
				description: 'Only the e-mails in this state',
			},
		],
		prepare(item) {
			const state = item.param<string>('state', '');
			const query: IDataObject = state ? { type: state } : {};
			return pagedListOperation(item, { path: '/v2/emails', query, scope: SCOPE.editEmails }, 'emails', normaliseEmail);
		},
	},
	{
		resource: 'email',
		value: 'get',
		name: 'Get',
		action: 'Get an email',
		description: 'Get an e-mail by ID',
		properties: [emailIdProperty],
		prepare(item) {
			const path = emailPath(item);
			return async () => normaliseEmail((await send(item, 'GET', path, { scope: SCOPE.editEmails })).email as IDataObject);
		},
	},
	{
		resource: 'email',
		value: 'create',
		name: 'Create',
		action: 'Create an email',
		description: 'Write an e-mail to your audience, kept as a draft unless Send Now is on',
		properties: [
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '', description: 'At most 255 characters; Gumroad uses the product or your name when empty' },
			{
				displayName: 'Body',
				name: 'body',
				type: 'string',
				typeOptions: { rows: 6 },
				required: true,
				default: '',
				description: 'The message, as HTML (e.g. <code>&lt;p&gt;Hello&lt;/p&gt;</code>)',
			},
			audienceProperty,
			{
				displayName: 'Product ID',
				name: 'productId',
				type: 'string',
				required: true,
				default: '',
				description: 'ID (or permalink) of the product whose customers receive it',
				displayOptions: { show: { audience: ['product'] } },
			},
			{
				displayName: 'Send Now',
				name: 'publish',
				type: 'boolean',
				default: false,
				description: 'Whether to send it at once instead of keeping a draft (Gumroad requires $100 of sales and a payout first)',
			},
		],
		prepare(item) {
			const node = item.node;
			const subject = optionalText(item.param('subject', ''));
			if (subject && subject.length > MAX_SUBJECT_LENGTH) {
				throw invalidInput(node, item.itemIndex, 'Subject', `is ${subject.length} characters long; Gumroad takes at most ${MAX_SUBJECT_LENGTH}`);
			}
			const body = requireText(node, item.itemIndex, 'Body', item.param('body', ''));
			// Gumroad's check (Installment#message_must_be_provided): the message without its <p> and <br> tags.
			if (!body.replace(/<\/?(p|br)\b[^>]*>/gi, '').trim()) throw invalidInput(node, item.itemIndex, 'Body', 'has no text (only empty paragraphs)');
			const audience = item.param<string>('audience', 'all');
			const form: IDataObject = { ...(subject ? { subject } : {}), body, audience };
			if (audience === 'product') form.product_id = requireText(node, item.itemIndex, 'Product ID', item.param('productId', ''));
			if (item.param<boolean>('publish', false)) form.publish = 'true';
			return async () => normaliseEmail((await send(item, 'POST', '/v2/emails', { form, scope: SCOPE.editEmails })).email as IDataObject);
		},
	},
	{
		resource: 'email',
		value: 'delete',
		name: 'Delete',
		action: 'Delete an email',
		description: 'Delete an e-mail (a sent one leaves your posts; it is not unsent)',
		properties: [emailIdProperty],
		prepare(item) {
			const path = emailPath(item);
			return async () => {
				await send(item, 'DELETE', path, { scope: SCOPE.editEmails });
				return { id: decodeURIComponent(path.split('/').pop() as string), deleted: true };
			};
		},
	},
	{
		resource: 'email',
		value: 'preview',
		name: 'Send Preview',
		action: 'Send a preview of an email to yourself',
		description: "Send a preview to the account's own address (it must be confirmed); output the e-mail and its preview URL",
		properties: [emailIdProperty],
		prepare(item) {
			const path = `${emailPath(item)}/preview`;
			return async () => {
				const response = await send(item, 'POST', path, { scope: SCOPE.editEmails });
				return { ...normaliseEmail(response.email as IDataObject), preview_url: response.preview_url ?? null, preview_sent: true };
			};
		},
	},
	{
		resource: 'email',
		value: 'send',
		name: 'Send',
		action: 'Send an email to its audience',
		description: 'Send a draft now (not one already sent or scheduled)',
		properties: [emailIdProperty],
		prepare: (item) => emailAction(item, 'send'),
	},
	{
		resource: 'email',
		value: 'schedule',
		name: 'Schedule',
		action: 'Schedule an email',
		description: 'Have Gumroad send an e-mail at a later time (again to move the time)',
		properties: [
			emailIdProperty,
			{ displayName: 'Send At', name: 'sendAt', type: 'dateTime', required: true, default: '', description: 'When Gumroad sends it; must be in the future' },
		],
		prepare(item) {
			const sendAt = checkDateTime(item.node, item.itemIndex, 'Send At', item.param('sendAt', ''));
			if (Date.parse(sendAt) <= Date.now()) throw invalidInput(item.node, item.itemIndex, 'Send At', `${sendAt} is not in the future`);
			return emailAction(item, 'schedule', { to_be_published_at: sendAt });
		},
	},
	{
		resource: 'email',
		value: 'unschedule',
		name: 'Unschedule',
		action: 'Unschedule an email',
		description: 'Turn a scheduled e-mail back into a draft',
		properties: [emailIdProperty],
		prepare: (item) => emailAction(item, 'unschedule'),
	},
];
