import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidInput, requireText } from '../../../shared/input';
import { type GumroadOperation, idParam, optionalText, productOrPermalink, productOrPermalinkField, SCOPE, send } from '../../helpers';
import { normaliseEmail } from './common';

/** Installment validates `name` to at most 255 characters. */
const MAX_SUBJECT_LENGTH = 255;

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

export const createEmail: GumroadOperation = {
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
		productOrPermalinkField({
			displayName: 'Product ID',
			name: 'productId',
			type: 'string',
			required: true,
			default: '',
			description: 'ID (or permalink) of the product whose customers receive it',
			displayOptions: { show: { audience: ['product'] } },
		}),
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
		if (audience === 'product') form.product_id = idParam(item, productOrPermalink);
		if (item.param<boolean>('publish', false)) form.publish = 'true';
		return async () => normaliseEmail((await send(item, 'POST', '/v2/emails', { form, scope: SCOPE.editEmails })).email as IDataObject);
	},
};
