import { invalidInput } from '../../../shared/input';
import { type GumroadOperation, optionalText, SCOPE, send } from '../../helpers';
import { saleIdProperty, saleOf, salePath } from './common';

export const markSaleAsShipped: GumroadOperation = {
	resource: 'sale',
	value: 'markAsShipped',
	name: 'Mark as Shipped',
	action: 'Mark a sale as shipped',
	description: 'Mark a physical sale as shipped, with an optional tracking URL',
	properties: [
		saleIdProperty,
		{
			displayName: 'Tracking URL',
			name: 'trackingUrl',
			type: 'string',
			default: '',
			placeholder: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=...',
			description: 'Where the buyer can follow the parcel; shown in the shipping e-mail',
		},
	],
	prepare(item) {
		const path = `${salePath(item)}/mark_as_shipped`;
		const trackingUrl = optionalText(item.param('trackingUrl', ''));
		if (trackingUrl && !/^https?:\/\/\S+$/i.test(trackingUrl)) {
			throw invalidInput(item.node, item.itemIndex, 'Tracking URL', `"${trackingUrl}" is not an http(s) URL`);
		}
		const form = trackingUrl ? { tracking_url: trackingUrl } : {};
		return async () => saleOf(await send(item, 'PUT', path, { form, scope: SCOPE.markShipped }));
	},
};
