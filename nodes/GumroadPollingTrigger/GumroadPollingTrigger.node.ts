import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { gumroadSaleAsPing } from '../shared/gumroad/apiSaleAsPing';
import { gumroadAuthenticationProperty, gumroadCredentials } from '../shared/gumroad/authentication';
import { newGumroadSales, saleEventKey } from '../shared/gumroad/newSales';
import { createGumroadClient, type GumroadCredentialType, paginatePageKey } from '../shared/gumroad/transport';
import { pollingOptionsProperty, readPollingOptions } from '../shared/pollWindow';

/** The sale as the Gumroad Trigger would put it out, with the same `event_key`. */
function saleItem(sale: IDataObject): INodeExecutionData {
	return { json: { ...gumroadSaleAsPing(sale), event_key: saleEventKey(sale) } };
}

export class GumroadPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gumroad Polling Trigger',
		name: 'gumroadPollingTrigger',
		icon: { light: 'file:gumroad.svg', dark: 'file:gumroad.dark.svg' },
		group: ['trigger'],
		version: 1,
		polling: true,
		subtitle: 'New sales',
		description: "Starts the workflow on new Gumroad sales by asking Gumroad's Sales API on a schedule: no public URL needed",
		defaults: { name: 'Gumroad Polling Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: gumroadCredentials,
		properties: [
			{
				displayName:
					'For n8n without a public URL (a laptop, a home server, a company network), where Gumroad cannot deliver pings. Each check asks Gumroad for the sales made since the one before; a sale made while n8n was stopped comes with the next check. Gumroad\'s API shows new sales (renewals and free-trial starts included), not refunds, disputes or subscription changes: those need the Gumroad Trigger.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			gumroadAuthenticationProperty,
			pollingOptionsProperty('rememberedSales', 'Sales', [
				{
					displayName: 'Product ID',
					name: 'productId',
					type: 'string',
					default: '',
					description: 'Only sales of this product (its ID, as in the product URL of the API)',
				},
			]),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const { lookBackMs, remembered, options } = readPollingOptions(this, 'rememberedSales');
		const productId = String(options.productId ?? '').trim();
		const client = await createGumroadClient(this, this.getNodeParameter('authentication') as GumroadCredentialType);
		if (this.getMode() === 'manual') {
			// "Fetch Test Event": the newest sale, as a sample, without moving the cursor.
			const [newest] = await paginatePageKey(client, { method: 'GET', path: '/v2/sales', query: productId ? { product_id: productId } : {} }, 'sales', 1);
			return newest ? [[saleItem(newest)]] : null;
		}
		const sales = await newGumroadSales(client, this.getWorkflowStaticData('node'), { lookBackMs, remembered, productId: productId || undefined });
		return sales.length > 0 ? [sales.map(saleItem)] : null;
	}
}
