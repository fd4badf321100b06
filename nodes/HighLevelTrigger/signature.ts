import { createPublicKey, verify, type KeyObject } from 'crypto';

import { HIGHLEVEL_ED25519_PUBLIC_KEY, HIGHLEVEL_RSA_PUBLIC_KEY } from '../shared/highlevel/webhookKeys';

export interface SignatureKeys {
	ed25519?: string;
	rsa?: string;
}

export type SignatureCheck =
	| { valid: true; header: 'x-ghl-signature' | 'x-wh-signature' }
	| { valid: false; reason: string };

function publicKey(pem: string | undefined, fallback: string): KeyObject {
	return createPublicKey((pem?.trim() || fallback).replace(/\\n/g, '\n'));
}

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name];
	const text = Array.isArray(value) ? value[0] : value;
	return typeof text === 'string' && text.trim() ? text.trim() : undefined;
}

/**
 * Checks a HighLevel webhook signature over the exact bytes received: `x-ghl-signature`
 * (Ed25519) when present, else the legacy `x-wh-signature` (RSA-SHA256) if still accepted.
 */
export function verifyHighLevelSignature(
	rawBody: Buffer,
	headers: Record<string, unknown>,
	keys: SignatureKeys,
	acceptLegacyRsa: boolean,
): SignatureCheck {
	const ed25519Signature = headerValue(headers, 'x-ghl-signature');
	const rsaSignature = headerValue(headers, 'x-wh-signature');
	try {
		if (ed25519Signature) {
			const valid = verify(null, rawBody, publicKey(keys.ed25519, HIGHLEVEL_ED25519_PUBLIC_KEY), Buffer.from(ed25519Signature, 'base64'));
			return valid ? { valid, header: 'x-ghl-signature' } : { valid, reason: 'x-ghl-signature does not match the body' };
		}
		if (rsaSignature && acceptLegacyRsa) {
			const valid = verify('sha256', rawBody, publicKey(keys.rsa, HIGHLEVEL_RSA_PUBLIC_KEY), Buffer.from(rsaSignature, 'base64'));
			return valid ? { valid, header: 'x-wh-signature' } : { valid, reason: 'x-wh-signature does not match the body' };
		}
	} catch (error) {
		return { valid: false, reason: `signature could not be checked: ${(error as Error).message}` };
	}
	return { valid: false, reason: rsaSignature ? 'only the legacy x-wh-signature was sent, and it is not accepted' : 'no signature header' };
}
