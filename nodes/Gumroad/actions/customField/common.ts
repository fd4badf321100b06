import type { INodeProperties } from 'n8n-workflow';

import { pathSegment, requireText } from '../../../shared/input';
import { type GumroadItem, productPath } from '../../helpers';

/** Checkout fields of a product (antiwork/gumroad Api::V2::CustomFieldsController; writes need edit_products). */

export const fieldNameProperty = (description: string): INodeProperties => ({
	displayName: 'Field Name',
	name: 'fieldName',
	type: 'string',
	required: true,
	default: '',
	description,
});

export const requiredProperty: INodeProperties = {
	displayName: 'Required',
	name: 'required',
	type: 'boolean',
	default: false,
	description: 'Whether the buyer must fill in (or tick) the field to check out',
};

/**
 * A field name as the last segment of a path. Rails routes `custom_fields/:id(.:format)`, so `:id`
 * stops at the first `.` (and a second one matches no route), then decodes the percent-escapes:
 * a `.` sent as `%2E` reaches the controller as part of the name (every Terms field's name is a
 * URL).
 */
export const fieldPath = (item: GumroadItem) => {
	const name = requireText(item.node, item.itemIndex, 'Field Name', item.param('fieldName'));
	return { name, path: `${productPath(item)}/custom_fields/${pathSegment(item.node, item.itemIndex, 'Field Name', name, { encodeDots: true })}` };
};
