import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { executePerItem } from '../shared/executePerItem';
import { gumroadAuthenticationProperty, gumroadCredentials } from '../shared/gumroad/authentication';
import { createGumroadClient, type GumroadCredentialType } from '../shared/gumroad/transport';
import { operationProperties } from '../shared/operationProperties';
import { gumroadOperations } from './operations';

const resources = [
	{ name: 'Custom Field', value: 'customField' },
	{ name: 'License', value: 'license' },
	{ name: 'Offer Code', value: 'offerCode' },
	{ name: 'Product', value: 'product' },
	{ name: 'Sale', value: 'sale' },
	{ name: 'Subscriber', value: 'subscriber' },
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
};

export class Gumroad implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gumroad',
		name: 'gumroad',
		icon: { light: 'file:gumroad.svg', dark: 'file:gumroad.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and manage Gumroad sales, products, offer codes, variants, subscribers and licenses',
		defaults: { name: 'Gumroad' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: gumroadCredentials,
		properties: [
			gumroadAuthenticationProperty,
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

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const value = this.getNodeParameter('operation', 0) as string;
		const operation = gumroadOperations.find((op) => op.resource === resource && op.value === value);
		if (!operation) throw new NodeOperationError(this.getNode(), `Unsupported operation "${value}" of "${resource}"`);
		const client = await createGumroadClient(this, this.getNodeParameter('authentication', 0) as GumroadCredentialType);
		return await executePerItem(this, (itemIndex) =>
			operation.prepare({
				ctx: this,
				itemIndex,
				client,
				param: <T>(name: string, fallback?: T) => this.getNodeParameter(name, itemIndex, fallback) as T,
			}),
		);
	}
}
