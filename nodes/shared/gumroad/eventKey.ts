import type { IDataObject } from 'n8n-workflow';

const SUBSCRIPTION_EVENT_TIME: Record<string, string> = {
	cancellation: 'cancelled_at',
	subscription_ended: 'ended_at',
	subscription_restarted: 'restarted_at',
	subscription_updated: 'effective_as_of',
};

/**
 * What makes two pings the same event. Retries, resent pings and copies from several
 * subscriptions share it; distinct events do not: a subscription can be cancelled and restarted
 * many times (hence the event time). Refunds are not keyed here: partial refunds of one sale
 * send identical pings (see `refundEventOf`).
 */
export function gumroadEventKey(event: IDataObject): string {
	const name = String(event.resource_name ?? 'test');
	const timeField = SUBSCRIPTION_EVENT_TIME[name];
	if (timeField) return `${name}:${String(event.subscription_id)}:${String(event[timeField] ?? '')}`;
	return `${name}:${String(event.sale_id)}`;
}
