import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { createHighLevelClient, type HighLevelCredentialType } from '../shared/highlevel/transport';
import { routeOperation } from '../shared/operation';
import { type DescribedOperation, operationProperties, withLocators } from '../shared/operationProperties';
import { createSnapshotsClient } from '../shared/snapshots/transport';
import { agencyOperations } from './agencyOperations';
import { searchLocations, searchSnapshots, searchSubAccounts } from './listSearch';
import { agencyLocators, apiLocators, fieldLabel, LOCATOR_VERSIONS, SUB_ACCOUNT_PAGE } from './locators';
import { snapshotsApiOperations } from './snapshotsApiOperations';

const SNAPSHOTS_API = 'snapshotsApi';
const HIGHLEVEL_AGENCY = 'highLevelAgency';

const apiResources = [
	{ name: 'Customer', value: 'customer' },
	{ name: 'Event', value: 'event' },
	{ name: 'Location', value: 'location' },
];
const agencyResources = [
	{ name: 'SaaS', value: 'saas' },
	{ name: 'Snapshot', value: 'snapshot' },
	{ name: 'Sub-Account', value: 'subAccount' },
];

/** An API's operations with their ID fields as locators from version 1.2. */
function withLocatorsOf<T extends DescribedOperation>(operations: T[], locators: ReadonlyMap<string, INodeProperties>): T[] {
	return operations.map((operation) => ({ ...operation, properties: withLocators(operation.properties, locators, LOCATOR_VERSIONS) }));
}

/** Shows a generated property only for one of the two APIs. */
function forApi(api: string, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, api: [api] } },
	}));
}

export class Snapshots implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Snapshots',
		name: 'snapshots',
		icon: { light: 'file:snapshots.svg', dark: 'file:snapshots.dark.svg' },
		group: ['transform'],
		version: [1, 1.1, 1.2],
		defaultVersion: 1.2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Snapshots API locations, events and customers, and HighLevel agency sub-accounts, snapshots and SaaS',
		defaults: { name: 'Snapshots' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'snapshotsApi', required: true, displayOptions: { show: { api: [SNAPSHOTS_API] } } },
			{
				name: 'goHighLevelAgencyOAuth2Api',
				required: true,
				displayOptions: { show: { api: [HIGHLEVEL_AGENCY], authentication: ['goHighLevelAgencyOAuth2Api'] } },
			},
			{
				name: 'goHighLevelAgencyPrivateTokenApi',
				required: true,
				displayOptions: { show: { api: [HIGHLEVEL_AGENCY], authentication: ['goHighLevelAgencyPrivateTokenApi'] } },
			},
		],
		properties: [
			{
				displayName: 'API',
				name: 'api',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Snapshots API', value: SNAPSHOTS_API, description: 'Locations, events and customers of your Snapshots API' },
					{ name: 'HighLevel Agency API', value: HIGHLEVEL_AGENCY, description: 'Sub-accounts from snapshots, snapshots and SaaS of a HighLevel agency' },
				],
				default: SNAPSHOTS_API,
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'Agency OAuth2', value: 'goHighLevelAgencyOAuth2Api' },
					{ name: 'Agency Private Integration Token', value: 'goHighLevelAgencyPrivateTokenApi' },
				],
				default: 'goHighLevelAgencyOAuth2Api',
				displayOptions: { show: { api: [HIGHLEVEL_AGENCY] } },
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: apiResources,
				default: 'location',
				displayOptions: { show: { api: [SNAPSHOTS_API] } },
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: agencyResources,
				default: 'subAccount',
				displayOptions: { show: { api: [HIGHLEVEL_AGENCY] } },
			},
			...forApi(
				SNAPSHOTS_API,
				operationProperties(apiResources, withLocatorsOf(snapshotsApiOperations, apiLocators), { location: 'upsert', event: 'create', customer: 'update' }),
			),
			...forApi(
				HIGHLEVEL_AGENCY,
				operationProperties(agencyResources, withLocatorsOf(agencyOperations, agencyLocators), { subAccount: 'search', snapshot: 'getAll', saas: 'getLocations' }),
			),
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: 1,
				description: 'How many items to send at once (batch mode); results keep the input order',
				displayOptions: { show: { api: [SNAPSHOTS_API], resource: ['event'] } },
			},
		],
	};

	methods = { listSearch: { searchLocations, searchSnapshots, searchSubAccounts } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const api = this.getNodeParameter('api', 0) as string;
		const locators = api === HIGHLEVEL_AGENCY ? agencyLocators : apiLocators;
		const { typeVersion } = this.getNode();
		// Locators are read as the ID they hold (text fields of older versions as they are).
		const locator = (name: string) => (locators.has(name) ? { field: fieldLabel(locators, typeVersion, name, name), page: SUB_ACCOUNT_PAGE } : undefined);
		if (api === HIGHLEVEL_AGENCY) {
			return await routeOperation(this, agencyOperations, async () => {
				const client = await createHighLevelClient(this, this.getNodeParameter('authentication', 0) as HighLevelCredentialType);
				return { item: (base) => ({ ...base, client }), locator };
			});
		}
		return await routeOperation(this, snapshotsApiOperations, async (operation) => {
			const client = await createSnapshotsClient(this);
			const concurrency = operation.resource === 'event' ? (this.getNodeParameter('concurrency', 0, 1) as number) : 1;
			return { item: (base) => ({ ...base, client }), locator, concurrency };
		});
	}
}
