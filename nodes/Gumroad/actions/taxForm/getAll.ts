import type { IDataObject } from 'n8n-workflow';

import { type GumroadOperation, SCOPE, send } from '../../helpers';
import { yearParam, yearProperty } from '../earnings/common';

export const getManyTaxForms: GumroadOperation = {
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
};
