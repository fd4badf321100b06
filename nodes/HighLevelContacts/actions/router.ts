import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperation } from '../../shared/operation';
import {
	agencyPrivateTokenError,
	createHighLevelClient,
	DEFAULT_RETRY_POLICY,
	type HighLevelClient,
	type HighLevelCredentialType,
	type RetryPolicy,
} from '../../shared/highlevel/transport';
import { LocationCustomFields } from '../customFields';
import { operations } from './operations';
import type { HighLevelOperation } from './types';

function retryPolicyOf(ctx: IExecuteFunctions): RetryPolicy {
	const options = ctx.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	return {
		maxRetries: Math.max(0, Number(options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries)),
		maxWaitMs:
			Math.max(1, Number(options.maxWaitSeconds ?? DEFAULT_RETRY_POLICY.maxWaitMs / 1000)) * 1000,
		rateLimitTimeoutMs:
			Math.max(0, Number(options.rateLimitTimeoutSeconds ?? DEFAULT_RETRY_POLICY.rateLimitTimeoutMs / 1000)) * 1000,
		outageTimeoutMs: Math.max(0, Number(options.outageTimeoutSeconds ?? DEFAULT_RETRY_POLICY.outageTimeoutMs / 1000)) * 1000,
	};
}

/**
 * Which contact an item is about, as far as its parameters say: items about one contact are sent
 * one after the other, so two updates of a buyer do not race (a second upsert finds the first's contact).
 */
function sequenceKeyOf(ctx: IExecuteFunctions, operation: HighLevelOperation, itemIndex: number): string | undefined {
	const has = (name: string) => operation.properties.some((property) => property.name === name);
	const value = (name: string) => {
		// Only locators are extracted: n8n cannot extract a parameter the node's version does not show
		// (Find Duplicate's `phone` in version 1).
		const raw = ctx.getNodeParameter(name, itemIndex, '', { extractValue: LOCATORS.has(name) });
		return typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim().toLowerCase() : '';
	};
	if (has('contactId') && value('contactId')) return `contact:${value('contactId')}`;
	if (has('email') && value('email')) return `email:${value('email')}`;
	if (has('phone') && value('phone')) return `phone:${value('phone').replace(/[^\d+]/g, '')}`;
	return undefined;
}

/**
 * Parameters that are resource locators in some node version (with their label), read as their ID.
 * Only these: n8n's value extraction fails on a parameter whose definition it cannot find by name
 * (e.g. in a collection).
 */
const LOCATORS = new Map([
	['contactId', 'Contact'],
	['taskId', 'Task'],
	['noteId', 'Note'],
]);
const CONTACT_PAGE = 'a HighLevel contact page (…/v2/location/{locationId}/contacts/detail/{contactId})';

/** Most items in flight at once over all sub-accounts of an agency run (each has its own window). */
const MAX_AGENCY_CONCURRENCY = 100;

/**
 * Runs the operation picked with one client (and one pacer) for all items; with an agency app, one
 * client per sub-account the items name, each with its own token and window.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, operations, async (operation) => {
		const credentialType = this.getNodeParameter('authentication', 0) as HighLevelCredentialType;
		if (credentialType === 'goHighLevelAgencyPrivateTokenApi') throw agencyPrivateTokenError(this.getNode());
		const client = await createHighLevelClient(this, credentialType, retryPolicyOf(this));
		const agency = credentialType === 'goHighLevelAgencyOAuth2Api';
		// Read once per item: the client and the item's sequence key both need it.
		const subAccounts: string[] = [];
		const subAccountOf = (itemIndex: number) => {
			if (subAccounts[itemIndex] === undefined) {
				const value = this.getNodeParameter('subAccount', itemIndex, '', { extractValue: true });
				subAccounts[itemIndex] = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
			}
			return subAccounts[itemIndex];
		};
		const clientOf = (itemIndex: number) => (agency ? client.forSubAccount(subAccountOf(itemIndex), itemIndex) : client);
		// Custom field lists are per location: one per client.
		const customFields = new Map<HighLevelClient, LocationCustomFields>();
		const customFieldsOf = (itemClient: HighLevelClient) => {
			let fields = customFields.get(itemClient);
			if (!fields) customFields.set(itemClient, (fields = new LocationCustomFields(itemClient)));
			return fields;
		};
		const requestOptions = this.getNodeParameter('requestOptions', 0, {}) as IDataObject;
		const concurrencyCap = Number(requestOptions.concurrency) || Number.POSITIVE_INFINITY;
		const suggested = () => {
			if (!agency) return client.suggestedConcurrency();
			// Each sub-account sets its own pace: the items of all of them may be in flight together.
			let sum = 0;
			for (const itemClient of customFields.keys()) sum += itemClient.suggestedConcurrency();
			return Math.min(MAX_AGENCY_CONCURRENCY, Math.max(1, sum));
		};
		return {
			item: (base) => {
				const itemClient = clientOf(base.itemIndex);
				return { ...base, client: itemClient, customFields: customFieldsOf(itemClient) };
			},
			locator: (name) => {
				const field = LOCATORS.get(name);
				return field ? { field, page: CONTACT_PAGE } : undefined;
			},
			// 0 (the default) lets the pacer choose from the latency it measures; a number is an upper bound.
			concurrency: () => Math.min(suggested(), concurrencyCap),
			sequenceKey: (itemIndex) => {
				const key = sequenceKeyOf(this, operation, itemIndex);
				// The same email in two sub-accounts is two contacts.
				return key !== undefined && agency ? `${subAccountOf(itemIndex)}|${key}` : key;
			},
		};
	});
}
