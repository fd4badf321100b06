import type { IDataObject } from 'n8n-workflow';

import { normaliseGumroadTimestamp } from '../../../shared/gumroad/normalise';
import { idSegment } from '../../../shared/operation';
import { type GumroadItem, idProperty, SCOPE, send } from '../../helpers';

/**
 * /v2/emails (antiwork/gumroad Api::V2::EmailsController#index, #show, #create, #destroy, #preview,
 * #send_email, #schedule, #unschedule; edit_emails, edit_products in its first version). Gumroad has
 * no route to change an e-mail: delete it and create another.
 */

/** Installment#as_json_for_api timestamps: ISO in UTC like every other record of the node. */
const TIMESTAMPS = ['published_at', 'scheduled_at', 'created_at', 'updated_at'];

/** An e-mail (Installment#as_json_for_api) typed like the other records: ISO timestamps, the rest as Gumroad gives it. */
export function normaliseEmail(email: IDataObject): IDataObject {
	const typed: IDataObject = { ...email };
	for (const key of TIMESTAMPS) if (key in typed) typed[key] = normaliseGumroadTimestamp(typed[key]);
	return typed;
}

export const emailIdProperty = idProperty('Email ID', 'emailId', 'ID of a listed or created e-mail');

export const emailPath = (item: GumroadItem) => `/v2/emails/${idSegment(item, 'emailId', 'Email ID')}`;

/** One e-mail action (`POST /v2/emails/:id/<action>`) answering the e-mail. */
export function emailAction(item: GumroadItem, action: string, form?: IDataObject) {
	const path = `${emailPath(item)}/${action}`;
	return async () => {
		const response = await send(item, 'POST', path, { scope: SCOPE.editEmails, ...(form ? { form } : {}) });
		return normaliseEmail(response.email as IDataObject);
	};
}
