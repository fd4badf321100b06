import { type GumroadOperation, SCOPE, send, withAmounts } from '../../helpers';
import { yearParam, yearProperty } from './common';

export const getEarnings: GumroadOperation = {
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
};
