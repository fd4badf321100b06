import type { IDataObject } from 'n8n-workflow';

import { gumroadMoneyAmount } from '../../../shared/gumroad/normalise';
import { idSegment } from '../../../shared/operation';
import { type GumroadItem, idProperty } from '../../helpers';

/**
 * /v2/upsells (antiwork/gumroad Api::V2::UpsellsController#index, #show, #create, #destroy and
 * SaveUpsellService; reads with any scope, writes with edit_products).
 */

/**
 * An upsell (Upsell#as_json) typed like the other records: a fixed discount also as
 * `amounts.discount` (`{ cents, amount, currency }`) in the offered product's currency.
 */
export function normaliseUpsell(upsell: IDataObject): IDataObject {
	const discount = upsell.discount as IDataObject | null | undefined;
	const product = upsell.product as IDataObject | undefined;
	const currency = typeof product?.currency_type === 'string' ? product.currency_type : null;
	return {
		...upsell,
		amounts: discount?.type === 'fixed' && typeof discount.cents === 'number' ? { discount: gumroadMoneyAmount(discount.cents, currency) } : {},
	};
}

export const upsellIdProperty = idProperty('Upsell ID', 'upsellId', 'ID of a listed or created upsell');

export const upsellPath = (item: GumroadItem) => `/v2/upsells/${idSegment(item, 'upsellId', 'Upsell ID')}`;
