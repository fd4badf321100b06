import type { IDataObject, INode } from 'n8n-workflow';

import { HIGHLEVEL_API_VERSION, type HighLevelClient } from '../shared/highlevel/transport';
import { invalidInput, parseList } from '../shared/input';

export interface CustomFieldDefinition {
	id: string;
	name: string;
	fieldKey?: string;
	dataType?: string;
	picklistOptions?: string[];
}

export function fetchContactCustomFields(
	client: HighLevelClient,
	itemIndex?: number,
): Promise<CustomFieldDefinition[]> {
	const locationId = client.requireLocationId(itemIndex);
	return client
		.request<{ customFields?: CustomFieldDefinition[] }>({
			method: 'GET',
			path: `/locations/${encodeURIComponent(locationId)}/customFields`,
			query: { model: 'contact' },
			version: HIGHLEVEL_API_VERSION.locations,
			itemIndex,
		})
		.then((response) => response.customFields ?? []);
}

const FIELD_LABEL = 'Custom Fields';

/**
 * The field an entry names: node version 1 stores a plain string (ID, or a name by expression),
 * 1.1 a resource locator whose value is an ID (From List) or a name, field key or ID.
 */
export function fieldReference(field: unknown): string {
	const value = typeof field === 'object' && field !== null && 'value' in field ? (field as IDataObject).value : field;
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** `field_value` in the form the field's data type takes (customFields in apps/contacts.json of HighLevel's OpenAPI files). */
function typedValue(
	node: INode,
	itemIndex: number,
	field: CustomFieldDefinition,
	value: unknown,
): unknown {
	const label = `${FIELD_LABEL} > ${field.name}`;
	switch (field.dataType) {
		case 'NUMERICAL':
		case 'MONETORY': {
			const number = typeof value === 'number' ? value : Number(String(value).trim());
			if (String(value).trim() === '' || !Number.isFinite(number)) {
				throw invalidInput(node, itemIndex, label, `"${String(value)}" is not a number`);
			}
			return number;
		}
		case 'CHECKBOX':
		case 'MULTIPLE_OPTIONS':
			return parseList(node, itemIndex, label, value);
		case 'DATE': {
			const millis = Date.parse(String(value));
			if (Number.isNaN(millis)) throw invalidInput(node, itemIndex, label, `"${String(value)}" is not a date`);
			return String(value);
		}
		case 'FILE_UPLOAD':
			if (typeof value === 'object' && value !== null) return value;
			throw invalidInput(node, itemIndex, label, 'expects an object keyed by upload ID');
		default:
			return typeof value === 'string' ? value : JSON.stringify(value);
	}
}

/**
 * How long a location's field list is shared by the node runs of this n8n process: a workflow that
 * runs once per sale would otherwise spend a request of the location's rate limit on the same list
 * every time, and a backfill would wait a round trip for a list the node before it just read.
 */
const SHARED_LIST_MS = 60_000;
const sharedLists = new Map<string, { readAt: number; fields: Promise<CustomFieldDefinition[]> }>();

export function resetSharedCustomFieldLists() {
	sharedLists.clear();
}

/** The contact custom fields of the credential's location, found by name (`GumroadCustomerId`), field key or ID. */
export class LocationCustomFields {
	private fields?: Promise<CustomFieldDefinition[]>;
	/** Whether `fields` was read by this run: a shared list may predate a field created since. */
	private readHere = false;

	constructor(private readonly client: HighLevelClient) {}

	private key(itemIndex?: number) {
		return `${this.client.baseUrl}|${this.client.credentialType}|${this.client.requireLocationId(itemIndex)}`;
	}

	private read(itemIndex?: number) {
		const key = this.key(itemIndex);
		this.readHere = true;
		// A failed lookup is not kept: the next item asks again instead of inheriting this error.
		const fields = fetchContactCustomFields(this.client, itemIndex).catch((error: unknown) => {
			if (this.fields === fields) this.fields = undefined;
			if (sharedLists.get(key)?.fields === fields) sharedLists.delete(key);
			throw error;
		});
		sharedLists.set(key, { readAt: Date.now(), fields });
		return fields;
	}

	list(itemIndex?: number) {
		if (!this.fields) {
			const shared = sharedLists.get(this.key(itemIndex));
			this.fields = shared && Date.now() - shared.readAt < SHARED_LIST_MS ? shared.fields : this.read(itemIndex);
		}
		return this.fields;
	}

	async find(node: INode, itemIndex: number, reference: string, label = FIELD_LABEL): Promise<CustomFieldDefinition> {
		const wanted = reference.trim();
		const lowered = wanted.toLowerCase();
		const match = (fields: CustomFieldDefinition[]) =>
			fields.find((f) => f.id === wanted) ??
			fields.find((f) => f.fieldKey === wanted || f.fieldKey === `contact.${wanted}`) ??
			fields.find((f) => f.name?.toLowerCase() === lowered);
		const list = this.list(itemIndex);
		let field = match(await list);
		// Not in a list another run read: the field may be new, so read the list once more (once
		// per run: the items that missed with this one wait for the same new list).
		if (!field && !this.readHere) this.fields = this.read(itemIndex);
		if (!field && this.fields && this.fields !== list) field = match(await this.fields);
		if (!field) {
			throw invalidInput(
				node,
				itemIndex,
				label,
				`the location has no contact custom field named "${wanted}" (by name, field key or ID)`,
			);
		}
		return field;
	}

	/** The `customFields` array of a contact body, from the node's Custom Fields entries. */
	async toRequest(node: INode, itemIndex: number, entries: IDataObject[]): Promise<IDataObject[]> {
		const result: IDataObject[] = [];
		for (const entry of entries) {
			const reference = fieldReference(entry.field);
			if (!reference) throw invalidInput(node, itemIndex, FIELD_LABEL, 'an entry has no field selected');
			const field = await this.find(node, itemIndex, reference);
			result.push({ id: field.id, field_value: typedValue(node, itemIndex, field, entry.value) as IDataObject });
		}
		return result;
	}
}
