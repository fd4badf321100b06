import type { INodeProperties, INodePropertyModeValidation } from 'n8n-workflow';

export interface DescribedOperation {
	resource: string;
	value: string;
	name: string;
	action: string;
	description: string;
	/** Fields of the operation; shown only for its resource and operation. */
	properties: INodeProperties[];
}

/** A node's Resource-dependent Operation selectors and per-operation fields, from its operation table. */
export function operationProperties(
	resources: Array<{ value: string }>,
	operations: DescribedOperation[],
	defaultOperation: Record<string, string>,
): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const { value: resource } of resources) {
		const ofResource = operations
			.filter((operation) => operation.resource === resource)
			.sort((a, b) => a.name.localeCompare(b.name));
		const defaultValue = defaultOperation[resource] ?? ofResource[0]?.value;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: ofResource.map(({ name, value, action, description }) => ({ name, value, action, description })),
			default: defaultValue,
		});
	}
	for (const operation of operations) {
		for (const property of operation.properties) {
			const show = { ...property.displayOptions?.show, resource: [operation.resource], operation: [operation.value] };
			properties.push({ ...property, displayOptions: { ...property.displayOptions, show } });
		}
	}
	return properties;
}

/** A required text field, such as the ID of the record an operation works on. */
export function requiredTextProperty(displayName: string, name: string, description?: string): INodeProperties {
	return { displayName, name, type: 'string', required: true, default: '', ...(description ? { description } : {}) };
}

/** Return All, and the Limit shown without it. */
export function returnAllProperties(maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The versions a field is shown in: before the version that made it a locator, and from it. */
export interface LocatorVersions {
	before: NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>['@version'];
	from: NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>['@version'];
}

/** The field a field becomes from a node version on (for a node whose fields of one name differ by operation). */
export type LocatorOf = (property: INodeProperties) => INodeProperties | undefined;

/**
 * Text ID fields that are resource locators from a node version on (by name, or by field). Older
 * versions keep the text field, which is what their saved workflows hold; the locator takes the
 * field's name, so an operation reads the ID with `extractValue` whatever the version.
 */
export function withLocators(
	properties: INodeProperties[],
	locators: ReadonlyMap<string, INodeProperties> | LocatorOf,
	versions: LocatorVersions,
): INodeProperties[] {
	const locatorOf: LocatorOf = typeof locators === 'function' ? locators : (property) => (property.type === 'string' ? locators.get(property.name) : undefined);
	return properties.flatMap((property) => {
		const locator = locatorOf(property);
		if (!locator) return [property];
		const show = (version: LocatorVersions['from']) => ({ ...property.displayOptions, show: { ...property.displayOptions?.show, '@version': version } });
		return [
			{ ...property, displayOptions: show(versions.before) },
			{ ...locator, required: property.required ?? false, displayOptions: show(versions.from) },
		];
	});
}

export interface LocatorSpec {
	displayName: string;
	name: string;
	description: string;
	/** The node's `listSearch` method of the From List mode. */
	searchListMethod: string;
	idPlaceholder: string;
	/** The editor's check of By ID (none: any text). */
	idValidation?: INodePropertyModeValidation[];
	/** A By URL mode: the pattern of the page's URL, whose one group is the ID. */
	url?: { pattern: string; placeholder: string; notAPage: string };
}

/** A resource locator: From List (the default), By ID, and By URL where the app's pages name the record. */
export function locatorProperty(spec: LocatorSpec): INodeProperties {
	const { url } = spec;
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: spec.description,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: spec.searchListMethod, searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: spec.idPlaceholder, ...(spec.idValidation ? { validation: spec.idValidation } : {}) },
			...(url
				? [
						{
							displayName: 'By URL',
							name: 'url',
							type: 'string' as const,
							placeholder: url.placeholder,
							validation: [{ type: 'regex' as const, properties: { regex: url.pattern, errorMessage: url.notAPage } }],
							extractValue: { type: 'regex' as const, regex: url.pattern },
						},
					]
				: []),
		],
	};
}
