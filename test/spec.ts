import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// HighLevel's published Contacts OpenAPI file (see test/fixtures/README.md).
const SPEC = join(__dirname, 'fixtures', 'highlevel', 'contacts.json');

export interface SpecOperation {
	operationId: string;
	method: string;
	path: string;
}

/** The operations of HighLevel's official Contacts OpenAPI spec. */
export function contactsSpecOperations(): SpecOperation[] {
	const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as {
		paths: Record<string, Record<string, { operationId: string }>>;
	};
	return Object.entries(spec.paths).flatMap(([path, methods]) =>
		Object.entries(methods).map(([method, op]) => ({ operationId: op.operationId, method: method.toUpperCase(), path })),
	);
}

/** The spec operation a request was for: its method and its path matched against the spec's templates. */
export function specOperationOf(operations: SpecOperation[], method: string, path: string): string | undefined {
	const clean = path.split('?')[0];
	const matches = operations.filter((op) => {
		if (op.method !== method) return false;
		const pattern = op.path.replace(/\/$/, '').replace(/\{[^}]+\}/g, '[^/]+');
		return new RegExp(`^${pattern}/?$`).test(clean);
	});
	// Literal segments beat parameters: /contacts/search/duplicate is not /contacts/{contactId}/...
	matches.sort((a, b) => (b.path.match(/\{/g)?.length ?? 0) < (a.path.match(/\{/g)?.length ?? 0) ? 1 : -1);
	return matches[0]?.operationId;
}
