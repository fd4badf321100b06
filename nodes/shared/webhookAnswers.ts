import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** Answered 200 without starting the workflow (filtered out, duplicate, test ping). */
export function acknowledgeWebhook(ignored: string): IWebhookResponseData {
	return { webhookResponse: { received: true, ignored } };
}

/** Answered with an error status and no execution: 401/403 for a forgery, 503 to be retried. */
export function refuseWebhook(ctx: IWebhookFunctions, status: number, error: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ received: false, error });
	return { noWebhookResponse: true };
}

/**
 * Starts the workflow with one event. The node answers the request itself rather than through
 * n8n's onReceived reply: n8n 2.x builds the run before that reply and so drops what the webhook
 * stored in static data (remembered events); answering here makes n8n save it first.
 */
export function acceptWebhook(ctx: IWebhookFunctions, event: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(200).json({ received: true });
	return { workflowData: [[{ json: event }]], noWebhookResponse: true };
}
