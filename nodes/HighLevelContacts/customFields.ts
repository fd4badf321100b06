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
 * The contact custom fields of the credential's location, fetched once per execution, so
 * fields can be picked by their name (`GumroadCustomerId`), field key or ID.
 */
export class LocationCustomFields {
	private fields?: Promise<CustomFieldDefinition[]>;

	constructor(private readonly client: HighLevelClient) {}

	list(itemIndex?: number) {
		// A failed lookup is not kept: the next item asks again instead of inheriting this error.
		this.fields ??= fetchContactCustomFields(this.client, itemIndex).catch((error: unknown) => {
			this.fields = undefined;
			throw error;
		});
		return this.fields;
	}

	async find(node: INode, itemIndex: number, reference: string): Promise<CustomFieldDefinition> {
		const wanted = reference.trim();
		const lowered = wanted.toLowerCase();
		const fields = await this.list(itemIndex);
		const field =
			fields.find((f) => f.id === wanted) ??
			fields.find((f) => f.fieldKey === wanted || f.fieldKey === `contact.${wanted}`) ??
			fields.find((f) => f.name?.toLowerCase() === lowered);
		if (!field) {
			throw invalidInput(
				node,
				itemIndex,
				FIELD_LABEL,
				`the location has no contact custom field named "${wanted}" (by name, field key or ID)`,
			);
		}
		return field;
	}

	/** The `customFields` array of a contact body, from the node's Custom Fields entries. */
	async toRequest(node: INode, itemIndex: number, entries: IDataObject[]): Promise<IDataObject[]> {
		const result: IDataObject[] = [];
		for (const entry of entries) {
			const reference = String(entry.field ?? '').trim();
			if (!reference) throw invalidInput(node, itemIndex, FIELD_LABEL, 'an entry has no field selected');
			const field = await this.find(node, itemIndex, reference);
			result.push({ id: field.id, field_value: typedValue(node, itemIndex, field, entry.value) as IDataObject });
		}
		return result;
	}
}
