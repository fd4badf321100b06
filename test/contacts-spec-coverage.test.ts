import { describe, expect, it } from 'vitest';

import { HighLevelContacts } from '../nodes/HighLevelContacts/HighLevelContacts.node';
import { operations } from '../nodes/HighLevelContacts/actions/operations';
import { contactsSpecOperations } from './spec';

describe('HighLevel Contacts covers apps/contacts.json', () => {
	const specOperations = contactsSpecOperations();
	const description = new HighLevelContacts().description;

	it('reads all 32 operations of the spec', () => {
		expect(specOperations).toHaveLength(32);
	});

	it.each(specOperations.map((op) => [op.operationId, op]))('offers %s', (operationId) => {
		const covering = operations.filter((operation) => operation.specOperationIds.includes(operationId));
		expect(covering.length, `no operation of the node covers ${operationId}`).toBeGreaterThan(0);
		for (const operation of covering) {
			const selector = description.properties.find(
				(property) =>
					property.name === 'operation' &&
					property.displayOptions?.show?.resource?.includes(operation.resource),
			);
			const values = (selector?.options ?? []).map((option) => (option as { value: string }).value);
			expect(values, `${operation.resource}/${operation.value} is not in the node's Operation list`).toContain(operation.value);
		}
	});

	it('names no operationId that the spec does not have', () => {
		const known = new Set(specOperations.map((op) => op.operationId));
		const unknown = operations.flatMap((op) => op.specOperationIds).filter((id) => !known.has(id));
		expect(unknown).toEqual([]);
	});
});
