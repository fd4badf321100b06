import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { gumroadSaleAsPing } from '../shared/gumroad/apiSaleAsPing';
import { gumroadAuthenticationProperty, gumroadCredentials } from '../shared/gumroad/authentication';
import { gumroadEventKey } from '../shared/gumroad/eventKey';
import { newGumroadSales, SALES_OVERLAP_MS } from '../shared/gumroad/newSales';
import { createGumroadClient, type GumroadCredentialType, paginatePageKey } from '../shared/gumroad/transport';

interface PollingOptions {
	productId?: string;
	lookBackHours?: number;
	rememberedSales?: number;
}

/** The sale as the Gumroad Trigger would put it out, with the same `event_key`. */
function saleItem(sale: IDataObject): INodeExecutionData {
	return { json: { ...gumroadSaleAsPing(sale), event_key: gumroadEventKey({ resource_name: 'sale', sale_id: sale.id }) } };
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
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Look Back on First Check (Hours)',
						name: 'lookBackHours',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 720 },
						default: 0,
						description:
							'On the first check after the workflow is activated, also emit the sales of this many hours before; 0 starts from the activation. Later checks continue where the last one stopped, however long n8n was down.',
					},
					{
						displayName: 'Product ID',
						name: 'productId',
						type: 'string',
						default: '',
						description: 'Only sales of this product (its ID, as in the product URL of the API)',
					},
					{
						displayName: 'Remembered Sales',
						name: 'rememberedSales',
						type: 'number',
						typeOptions: { minValue: 100 },
						default: 1000,
						description: `How many emitted sales to remember, so the ${SALES_OVERLAP_MS / 60_000} minutes each check reads again emit nothing twice; more than you sell in that time`,
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const options = this.getNodeParameter('options', {}) as PollingOptions;
		const lookBackHours = Number(options.lookBackHours ?? 0);
		if (!Number.isFinite(lookBackHours) || lookBackHours < 0) {
			throw new NodeOperationError(this.getNode(), 'Look Back on First Check (Hours) must be 0 or more');
		}
		const productId = String(options.productId ?? '').trim();
		const client = await createGumroadClient(this, this.getNodeParameter('authentication') as GumroadCredentialType);
		if (this.getMode() === 'manual') {
			// "Fetch Test Event": the newest sale, as a sample, without moving the cursor.
			const [newest] = await paginatePageKey(client, { method: 'GET', path: '/v2/sales', query: productId ? { product_id: productId } : {} }, 'sales', 1);
			return newest ? [[saleItem(newest)]] : null;
		}
		const sales = await newGumroadSales(client, this.getWorkflowStaticData('node'), {
			firstSince: Date.now() - lookBackHours * 3_600_000,
			productId: productId || undefined,
			remembered: Math.max(100, Number(options.rememberedSales ?? 1000)),
		});
		return sales.length > 0 ? [sales.map(saleItem)] : null;
	}
}
