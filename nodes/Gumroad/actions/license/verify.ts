import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normaliseGumroadRecord } from '../../../shared/gumroad/normalise';
import { GUMROAD_BASE_URL } from '../../../shared/gumroad/transport';
import { invalidInput, requireText } from '../../../shared/input';
import { type GumroadOperation, idParam, idProperty, sentProduct, sentProductField } from '../../helpers';

/** Why a key does not unlock the product. */
export type LicenseRefusal =
	| 'unknown'
	| 'disabled'
	| 'access_revoked'
	| 'refunded'
	| 'chargebacked'
	| 'subscription_failed'
	| 'subscription_cancelled'
	| 'subscription_ended';

/** The output of License > Verify: a verdict first, then what Gumroad answered. */
export interface LicenseVerdict extends IDataObject {
	valid: boolean;
	/** Set when `valid` is false. */
	reason: LicenseRefusal | null;
	/** Gumroad's text when it refused the key itself (HTTP 404). */
	message: string | null;
	uses: number | null;
	purchase: IDataObject | null;
}

/**
 * Gumroad's 404s of verify (LicensesController#fetch_valid_license and #verify) each refuse the
 * key: "That license does not exist for the provided product.", "This license key has been
 * disabled.", "Access to the purchase associated with this license has expired."
 */
function refusalOf(message: string): LicenseRefusal {
	if (/disabled/i.test(message)) return 'disabled';
	if (/access .*(expired|revoked)/i.test(message)) return 'access_revoked';
	return 'unknown';
}

const isPast = (value: unknown, now: number) => typeof value === 'string' && value !== '' && Date.parse(value) <= now;

/**
 * Gumroad answers `success: true` for the key of a refunded, charged-back or ended purchase, with
 * the state in `purchase` (Purchase#as_json_for_license): `refunded` and `chargebacked` for a
 * one-time purchase; for a membership `subscription_failed_at`, `subscription_cancelled_at` (the
 * end of the paid period when the buyer or seller cancelled, so possibly still ahead) and
 * `subscription_ended_at`, with the ping's `refunded`, `disputed` and `dispute_won`.
 */
function refusalOfPurchase(purchase: IDataObject | undefined, now = Date.now()): LicenseRefusal | null {
	if (!purchase) return null;
	if (purchase.refunded === true) return 'refunded';
	if (purchase.chargebacked === true || (purchase.disputed === true && purchase.dispute_won !== true)) return 'chargebacked';
	if (isPast(purchase.subscription_failed_at, now)) return 'subscription_failed';
	if (isPast(purchase.subscription_cancelled_at, now)) return 'subscription_cancelled';
	if (isPast(purchase.subscription_ended_at, now)) return 'subscription_ended';
	return null;
}

/** The product of a license, sent in the form (`product_id`). */
export const licenseProductProperty = sentProductField(idProperty('Product ID', 'productId', 'ID of the product the license belongs to'));
export const licenseProduct = sentProduct('productId', 'Product ID');

export const verifyLicense: GumroadOperation = {
	resource: 'license',
	value: 'verify',
	name: 'Verify',
	action: 'Verify a license key',
	description: 'Check whether a license key unlocks a product, and count a use if wanted',
	needsNoCredential: true,
	properties: [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: GUMROAD_BASE_URL,
			description: 'Change only to point at a proxy or a local test double (with a credential, its Base URL is used)',
			displayOptions: { show: { authentication: ['none'] } },
		},
		licenseProductProperty,
		idProperty('License Key', 'licenseKey', 'Key in the form XXXXXXXX-XXXXXXXX-XXXXXXXX-XXXXXXXX'),
		{
			displayName: 'Increment Uses Count',
			name: 'incrementUsesCount',
			type: 'boolean',
			default: false,
			description: 'Whether this check counts as a use of the license',
		},
	],
	prepare(item) {
		const node = item.node;
		const form = {
			product_id: idParam(item, licenseProduct),
			license_key: requireText(node, item.itemIndex, 'License Key', item.param('licenseKey')),
			increment_uses_count: item.param<boolean>('incrementUsesCount', false) ? 'true' : 'false',
		};
		return async (): Promise<LicenseVerdict> => {
			// Gumroad's LicensesController authorizes no token for verify: none is sent, whatever
			// the node's Authentication. Its refusals of the key are 404s with a `message` (an
			// unknown route says `error`, and stays an error).
			const answer = await item.client.request({
				method: 'POST',
				path: '/v2/licenses/verify',
				form,
				itemIndex: item.itemIndex,
				withoutCredential: true,
				isAnswer: (statusCode, body) => statusCode === 404 && body.success === false && typeof body.message === 'string' && body.message.trim() !== '',
			});
			if (answer.success === false) {
				const refusal = String(answer.message).trim();
				return { valid: false, reason: refusalOf(refusal), message: refusal, uses: null, purchase: null };
			}
			const purchase = answer.purchase && typeof answer.purchase === 'object' ? normaliseGumroadRecord('license', answer.purchase as IDataObject) : null;
			const reason = refusalOfPurchase(purchase ?? undefined);
			return {
				valid: reason === null,
				reason,
				message: null,
				uses: typeof answer.uses === 'number' ? answer.uses : null,
				purchase,
				...(answer.imported_customer && typeof answer.imported_customer === 'object' ? { imported_customer: answer.imported_customer as IDataObject } : {}),
			};
		};
	},
};

/**
 * The Base URL of a run with Authentication "None", where only operations Gumroad answers
 * without a token run.
 */
export function credentialFreeBaseUrl(ctx: IExecuteFunctions, operation: GumroadOperation): string {
	const node = ctx.getNode();
	if (!operation.needsNoCredential) {
		throw new NodeOperationError(node, `Authentication "None" works only for License > Verify: "${operation.action}" needs a Gumroad credential`, {
			description: 'Gumroad needs a token for every other operation: choose Access Token or OAuth2 as Authentication.',
		});
	}
	const value = ctx.getNodeParameter('baseUrl', 0, GUMROAD_BASE_URL);
	const text = typeof value === 'string' && value.trim() ? value.trim() : GUMROAD_BASE_URL;
	if (!/^https?:\/\/[^\s/]+/i.test(text)) throw invalidInput(node, 0, 'Base URL', `"${text}" is not an http(s) URL`);
	return text;
}
