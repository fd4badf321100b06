import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	highLevelContactsAuthenticationProperty,
	highLevelContactsCredentials,
	subAccountProperty,
} from '../shared/highlevel/authentication';
import { DEFAULT_RETRY_POLICY } from '../shared/highlevel/transport';
import { contactsOperationProperties, resources } from './actions/operations';
import { route } from './actions/router';
import {
	getCustomFields,
	getUsers,
	searchContacts,
	searchCustomFields,
	searchNotes,
	searchSubAccounts,
	searchTasks,
	searchUsers,
} from './methods/loadOptions';

const DEFAULT_MAX_RETRIES = DEFAULT_RETRY_POLICY.maxRetries;
const DEFAULT_MAX_WAIT_SECONDS = DEFAULT_RETRY_POLICY.maxWaitMs / 1000;
const DEFAULT_RATE_LIMIT_TIMEOUT_SECONDS = DEFAULT_RETRY_POLICY.rateLimitTimeoutMs / 1000;
const DEFAULT_OUTAGE_TIMEOUT_SECONDS = DEFAULT_RETRY_POLICY.outageTimeoutMs / 1000;

export class HighLevelContacts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HighLevel Contacts',
		name: 'highLevelContacts',
		icon: { light: 'file:highLevel.svg', dark: 'file:highLevel.dark.svg' },
		group: ['transform'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Contacts, tasks, notes and tags in HighLevel (LeadConnector), with rate-limit handling',
		defaults: { name: 'HighLevel Contacts' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: highLevelContactsCredentials,
		properties: [
			highLevelContactsAuthenticationProperty,
			subAccountProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resources,
				default: 'contact',
			},
			...contactsOperationProperties(),
			{
				displayName: 'Request Options',
				name: 'requestOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				description:
					'How to handle HighLevel rate limits (100 requests per 10 s per location) and temporary errors',
				options: [
					{
						displayName: 'Concurrency',
						name: 'concurrency',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 100 },
						default: 0,
						description:
							"The most items sent at once. 0 (automatic): as many as HighLevel's rate limit and its measured latency call for, so a sync runs at the limit's pace. The limit is always respected, the output keeps the input order, and items about the same contact (ID, email or phone) are sent one after the other.",
					},
					{
						displayName: 'Max Retries',
						name: 'maxRetries',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 20 },
						default: DEFAULT_MAX_RETRIES,
						description:
							'How often a request answered with a temporary server error is retried (or with a 429 that carries no rate-limit headers)',
					},
					{
						displayName: 'Max Wait (Seconds)',
						name: 'maxWaitSeconds',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 600 },
						default: DEFAULT_MAX_WAIT_SECONDS,
						description: 'Longest single wait between two attempts',
					},
					{
						displayName: 'Outage Timeout (Seconds)',
						name: 'outageTimeoutSeconds',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 86400 },
						default: DEFAULT_OUTAGE_TIMEOUT_SECONDS,
						description:
							'How long a request keeps being retried, beyond Max Retries, while HighLevel cannot be reached or answers 502/503 (it did not process the request, so even a create is safe to send again). 0 leaves it to Max Retries.',
					},
					{
						displayName: 'Rate Limit Timeout (Seconds)',
						name: 'rateLimitTimeoutSeconds',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 3600 },
						default: DEFAULT_RATE_LIMIT_TIMEOUT_SECONDS,
						description:
							"How long a request may wait for its turn while HighLevel answers 429 because the location's window is full, before its item fails. Other workflows, queue-mode workers or apps on the same location share the limit and can hold it for a while.",
					},
				],
			},
		],
	};

	methods = {
		loadOptions: { getCustomFields, getUsers },
		listSearch: { searchContacts, searchCustomFields, searchNotes, searchSubAccounts, searchTasks, searchUsers },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
