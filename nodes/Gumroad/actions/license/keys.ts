import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../../../shared/gumroad/normalise';
import { requireText } from '../../../shared/input';
import { type GumroadOperation, idParam, idProperty, SCOPE, send } from '../../helpers';
import { licenseProduct, licenseProductProperty } from './verify';

const ROWS = [
	{ value: 'enable', name: 'Enable', action: 'Enable a license key', description: 'Let a disabled license key verify again' },
	{ value: 'disable', name: 'Disable', action: 'Disable a license key', description: 'Make a license key fail verification' },
	{ value: 'decrementUsesCount', path: 'decrement_uses_count', name: 'Decrement Uses Count', action: 'Decrement the uses count of a license key', description: 'Take one use off a license key (not below 0)' },
	{ value: 'rotate', name: 'Rotate', action: 'Rotate a license key', description: 'Replace a license key with a new one; the old key stops working' },
];

/** PUT /v2/licenses/{enable,disable,decrement_uses_count,rotate} (antiwork/gumroad Api::V2::LicensesController; edit_products). */
export const licenseKeyOperations: GumroadOperation[] = ROWS.map((row) => ({
	resource: 'license',
	value: row.value,
	name: row.name,
	action: row.action,
	description: row.description,
	properties: [
		licenseProductProperty,
		idProperty('License Key', 'licenseKey', 'Key in the form XXXXXXXX-XXXXXXXX-XXXXXXXX-XXXXXXXX'),
	],
	prepare(item) {
		const node = item.node;
		const form = {
			product_id: idParam(item, licenseProduct),
			license_key: requireText(node, item.itemIndex, 'License Key', item.param('licenseKey')),
		};
		const path = `/v2/licenses/${row.path ?? row.value}`;
		return async () => {
			const response = await send(item, 'PUT', path, { form, scope: SCOPE.editProducts });
			const purchase = response.purchase as IDataObject | undefined;
			const answered = typeof purchase?.license_key === 'string' && purchase.license_key ? purchase.license_key : undefined;
			// Gumroad rotates the key before it answers, but leaves the key out of the purchase once
			// the product has license keys turned off (Purchase#license_key), and an imported
			// customer's license has no purchase: the old key is dead and the new one unknown.
			if (row.value === 'rotate' && !answered) {
				throw new NodeOperationError(node, 'Gumroad rotated the license key but did not say the new key', {
					itemIndex: item.itemIndex,
					description:
						'The old key no longer works. Gumroad leaves the key out of its answer when the product has license keys turned off (or the license belongs to an imported customer). Turn license keys on again for the product and rotate once more to get a key to hand out.',
				});
			}
			return {
				uses: response.uses,
				license_key: answered ?? form.license_key,
				...(row.value === 'rotate' ? { previous_license_key: form.license_key } : {}),
				purchase: purchase ? normaliseGumroadRecord('license', purchase) : null,
			};
		};
	},
}));
