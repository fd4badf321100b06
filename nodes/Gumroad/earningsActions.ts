import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { type GumroadItem, type GumroadOperation, SCOPE, send, wholeNumber } from './helpers';
import { withAmounts } from './saleReports';

const yearProperty = (description: string, required: boolean): INodeProperties => ({
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
function yearParam(item: GumroadItem, value: unknown, optional: boolean): number | undefined {
	if (optional && (value === 0 || value === '' || value === undefined)) return undefined;
	return wholeNumber(item, value, 'Year', { min: 1, max: 9999 });
}

/**
 * GET /v2/earnings and /v2/tax_forms (antiwork/gumroad Api::V2::EarningsController#show,
 * TaxFormsController#index and their Api::V2::TaxCenterAccess: view_tax_data, for accounts Gumroad
 * has turned its tax center on for, else 403 "Tax center is not enabled for this account.";
 * a year outside the account's past tax years, the current one included, answers 404).
 */
export const earningsOperations: GumroadOperation[] = [
	{
		resource: 'earnings',
		value: 'get',
		name: 'Get',
		action: 'Get the earnings of a year',
		description: "A past year's gross, fees, taxes, affiliate credit and net, in USD cents, as Gumroad's tax center counts them",
		properties: [yearProperty("A past year since the account's creation (not the current one)", true)],
		prepare(item) {
			const year = yearParam(item, item.param('year'), false);
			return async () => {
				const { success: _success, ...earnings } = await send(item, 'GET', '/v2/earnings', { query: { year }, scope: SCOPE.viewTaxData });
				return withAmounts(earnings, typeof earnings.currency === 'string' ? earnings.currency : 'usd', ['gross', 'fees', 'taxes', 'affiliate_credit', 'net']);
			};
		},
	},
	{
		resource: 'taxForm',
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many tax forms',
		description: 'List the tax forms Gumroad made for the account (1099-K, 1099-MISC), by year and type, with when each was filed',
		properties: [
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [yearProperty("Only the forms of this past year (not the current one); 0: every year's", false)],
			},
		],
		prepare(item) {
			const year = yearParam(item, item.param<IDataObject>('filters', {}).year, true);
			return async () => {
				const answer = await send(item, 'GET', '/v2/tax_forms', { query: year === undefined ? {} : { year }, scope: SCOPE.viewTaxData });
				return (answer.tax_forms as IDataObject[] | undefined) ?? [];
			};
		},
	},
];
