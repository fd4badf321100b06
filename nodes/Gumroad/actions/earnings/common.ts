import type { INodeProperties } from 'n8n-workflow';

import { type GumroadItem, wholeNumber } from '../../helpers';

/**
 * Gumroad's tax center: GET /v2/earnings and /v2/tax_forms (antiwork/gumroad
 * Api::V2::EarningsController#show, TaxFormsController#index and their Api::V2::TaxCenterAccess:
 * view_tax_data, for accounts Gumroad has turned its tax center on for, else 403 "Tax center is not
 * enabled for this account."; a year outside the account's past tax years, the current one
 * included, answers 404). Earnings > Get and Tax Form > Get Many share its Year.
 */

export const yearProperty = (description: string, required: boolean): INodeProperties => ({
	displayName: 'Year',
	name: 'year',
	type: 'number',
	...(required ? { required: true } : {}),
	default: 0,
	description,
});

/**
 * The year, a whole number as Gumroad's `Integer(params[:year])` reads it; 0 (the field's default)
 * only where it means "every year". Which years Gumroad has (User#tax_form_available_years: from
 * the account's creation to last year) only it knows: another year answers 404.
 */
export function yearParam(item: GumroadItem, value: unknown, optional: boolean): number | undefined {
	if (optional && (value === 0 || value === '' || value === undefined)) return undefined;
	return wholeNumber(item, value, 'Year', { min: 1, max: 9999 });
}
