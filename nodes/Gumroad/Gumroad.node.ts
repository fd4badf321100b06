import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { gumroadAuthenticationProperty, gumroadCredentials } from '../shared/gumroad/authentication';
import { createGumroadClient, type GumroadCredentialType } from '../shared/gumroad/transport';
import { routeOperation } from '../shared/operation';
import { operationProperties } from '../shared/operationProperties';
import { gumroadOperations } from './actions/operations';
import { credentialFreeBaseUrl } from './actions/license/verify';
import { searchOfferCodes, searchProducts, searchSales, searchSubscribers, searchVariantCategories } from './methods/listSearch';

const resources = [
	{ name: 'Custom Field', value: 'customField' },
	{ name: 'Earnings', value: 'earnings' },
	{ name: 'Email', value: 'email' },
	{ name: 'File', value: 'file' },
	{ name: 'License', value: 'license' },
	{ name: 'Offer Code', value: 'offerCode' },
	{ name: 'Payout', value: 'payout' },
	{ name: 'Product', value: 'product' },
	{ name: 'Sale', value: 'sale' },
	{ name: 'SKU', value: 'sku' },
	{ name: 'Subscriber', value: 'subscriber' },
	{ name: 'Tax Form', value: 'taxForm' },
	{ name: 'Upsell', value: 'upsell' },
	{ name: 'User', value: 'user' },
	{ name: 'Variant', value: 'variant' },
	{ name: 'Variant Category', value: 'variantCategory' },
];

/** The operation each resource opens with (the first ones the node had stay the defaults). */
const defaultOperations = {
	sale: 'getAll',
	product: 'getAll',
	subscriber: 'getAll',
	license: 'verify',
	customField: 'getAll',
	offerCode: 'getAll',
	variant: 'getAll',
	variantCategory: 'getAll',
	payout: 'getAll',
	user: 'get',
	sku: 'getAll',
	email: 'getAll',
	upsell: 'getAll',
	earnings: 'get',
	taxForm: 'getAll',
	file: 'upload',
};

/**
 * License > Verify needs no token at Gumroad, so its Authentication also offers "None"; the other
 * operations keep the shared selector. Both keep Access Token as default: a saved workflow reads
 * as before. Only License has a `verify` operation, so hiding on the operation alone is exact.
 */
const credentialFree = gumroadOperations.filter((operation) => operation.needsNoCredential);
const authenticationProperties: INodeProperties[] = [
	{
		...gumroadAuthenticationProperty,
		displayOptions: { hide: { operation: credentialFree.map((operation) => operation.value) } },
	},
	{
		...gumroadAuthenticationProperty,
		options: [
			...(gumroadAuthenticationProperty.options ?? []),
			{ name: 'None', value: 'none', description: 'Gumroad verifies license keys without a token' },
		].sort((a, b) => a.name.localeCompare(b.name)),
		displayOptions: {
			show: {
				resource: [...new Set(credentialFree.map((operation) => operation.resource))],
				operation: credentialFree.map((operation) => operation.value),
			},
		},
	},
];

export class Gumroad implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gumroad',
		name: 'gumroad',
		icon: { light: 'file:gumroad.svg', dark: 'file:gumroad.dark.svg' },
		group: ['transform'],
		// 1.1: Offer Code > Update takes Max Uses as an update field, sent only when given.
		// 1.2: the product of an operation is a locator (From List, By ID, By URL), not a text ID.
		// 1.3: so are a sale, offer code, variant category and subscriber, and a product sent in a query or form.
		version: [1, 1.1, 1.2, 1.3],
		defaultVersion: 1.3,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and manage Gumroad sales, products, offer codes, variants, subscribers, licenses, payouts, e-mails, upsells, files and tax figures',
		defaults: { name: 'Gumroad' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: gumroadCredentials,
		properties: [
			...authenticationProperties,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resources,
				default: 'sale',
			},
			...operationProperties(resources, gumroadOperations, defaultOperations),
		],
	};

	methods = { listSearch: { searchOfferCodes, searchProducts, searchSales, searchSubscribers, searchVariantCategories } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation(this, gumroadOperations, async (operation) => {
			const authentication = this.getNodeParameter('authentication', 0) as GumroadCredentialType | 'none';
			const client =
				authentication === 'none'
					? await createGumroadClient(this, undefined, { baseUrl: credentialFreeBaseUrl(this, operation) })
					: await createGumroadClient(this, authentication);
			return { item: (base) => ({ ...base, client }) };
		});
	}
}
