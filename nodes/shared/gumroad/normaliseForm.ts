import type { IDataObject } from 'n8n-workflow';

/**
 * Turning Gumroad's form-encoded ping bodies (or n8n's flat view of them) into nested objects.
 *
 * Gumroad's wire format (antiwork/gumroad PostToIndividualPingEndpointWorker): brackets inside key names are first replaced by
 * `%5B`/`%5D`, then keys and values are percent-encoded once more. So after ONE decode a
 * literal `[`/`]` is always structural (`card[visual]`, `old_plan[tier][id]`, `purchase_ids[]`)
 * and a bracket that belongs to a name is still `%5B`/`%5D` (`Company %5Boptional%5D`).
 * Splitting on the structural brackets first and decoding `%5B`/`%5D` in the names second
 * therefore recovers the real names. Only those two escapes are decoded again: every other
 * character of a name was encoded only once (`50% off` arrives as `50% off` after one decode),
 * so a second full decode would corrupt it. A name that literally contains the text `%5B`
 * cannot be told apart from an encoded bracket; Gumroad's encoding makes them identical.
 */

type FieldValue = IDataObject[string];

export const hasOwn = (object: object, key: string): boolean =>
	Object.prototype.hasOwnProperty.call(object, key);

/** Plain `{}` objects, including the prototype-less ones `querystring.parse` returns. */
export function isPlainObject(value: unknown): value is IDataObject {
	return Object.prototype.toString.call(value) === '[object Object]';
}

/** Assignment that cannot reach `Object.prototype`: a key named `__proto__` in a body stays data. */
export function setOwn(target: IDataObject, key: string, value: FieldValue): void {
	if (key === '__proto__') {
		Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
	} else {
		target[key] = value;
	}
}

export function decodeBracketsInName(name: string): string {
	return name.replace(/%5B/gi, '[').replace(/%5D/gi, ']');
}

/** `old_plan[tier][id]` → `['old_plan', 'tier', 'id']`; `purchase_ids[]` → `['purchase_ids', '']`. */
const BRACKET_PATH = /^([^[\]]+)((?:\[[^[\]]*\])+)$/;

function splitBracketPath(key: string): string[] {
	const match = BRACKET_PATH.exec(key);
	// A key that is not a well-formed path (`a[b`, `[x]`) is taken as one plain name.
	if (!match) return [key];
	const segments = [match[1]];
	for (const bracket of match[2].matchAll(/\[([^[\]]*)\]/g)) segments.push(bracket[1]);
	return segments;
}

/**
 * Puts `value` at `path` inside `target`. Structure beats scalars when they collide: a
 * top-level custom-field copy named like a container (a checkout field called `card`) must not
 * wipe out the real `card[...]` data; its value is still available under `custom_fields`.
 * An empty last segment (`[]`) appends, and always yields an array, even for one value.
 */
function insertAtPath(target: IDataObject, path: string[], value: FieldValue): void {
	const [rawName, ...rest] = path;
	const name = decodeBracketsInName(rawName);
	const existing = hasOwn(target, name) ? target[name] : undefined;

	if (rest.length === 1 && rest[0] === '') {
		const list = Array.isArray(existing) ? (existing as FieldValue[]) : [];
		if (Array.isArray(value)) list.push(...(value as FieldValue[]));
		else list.push(value);
		setOwn(target, name, list as IDataObject[string]);
		return;
	}
	if (rest.length === 0) {
		if (isPlainObject(existing) || Array.isArray(existing)) return;
		setOwn(target, name, value);
		return;
	}
	let child: IDataObject;
	if (isPlainObject(existing)) {
		child = existing;
	} else {
		child = {};
		setOwn(target, name, child);
	}
	insertAtPath(child, rest, value);
}

/** Keys of an already nested object (a JSON ping, or a body from a nesting parser): names, not paths. */
function decodeNestedKeys(value: FieldValue): FieldValue {
	if (Array.isArray(value)) return (value as FieldValue[]).map(decodeNestedKeys) as IDataObject[string];
	if (!isPlainObject(value)) return value;
	const result: IDataObject = {};
	for (const [key, child] of Object.entries(value)) {
		const decodedChild = decodeNestedKeys(child);
		if (key.endsWith('[]')) {
			const name = decodeBracketsInName(key.slice(0, -2));
			setOwn(result, name, (Array.isArray(decodedChild) ? decodedChild : [decodedChild]) as IDataObject[string]);
		} else {
			setOwn(result, decodeBracketsInName(key), decodedChild);
		}
	}
	return result;
}

/**
 * n8n's flat querystring object (or any object with bracketed keys) → nested object, with
 * `%5B`/`%5D` inside names decoded exactly once more and `purchase_ids[]` always an array.
 *
 * Two input shapes are told apart by their values: if no top-level value is an object the
 * input is flat (n8n's `querystring.parse` result) and every `[`/`]` in a key is structure;
 * otherwise it is already nested (a JSON ping, sent to zapier.com hosts) and keys are taken as
 * names — there a top-level custom-field copy such as `Company [optional]` has real brackets
 * that must not be split. Values are never changed (strings stay strings).
 */
export function unflattenGumroadForm(flat: IDataObject): IDataObject {
	const alreadyNested = Object.values(flat).some((value) => isPlainObject(value));
	return alreadyNested ? (decodeNestedKeys(flat) as IDataObject) : nestFlatFields(flat);
}

/** Flat fields whose every `[`/`]` in a key is structure → nested object. */
function nestFlatFields(flat: IDataObject): IDataObject {
	const nested: IDataObject = {};
	for (const [key, value] of Object.entries(flat)) {
		insertAtPath(nested, splitBracketPath(key), value);
	}
	return nested;
}

/**
 * One percent-decode of a form component. `+` is a space in form encoding (Gumroad itself
 * always sends `%20`, other senders may not). A malformed escape is kept as written instead of
 * failing the whole body, decoding every well-formed run around it.
 */
function decodeFormComponent(component: string): string {
	const text = component.replace(/\+/g, ' ');
	try {
		return decodeURIComponent(text);
	} catch {
		return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
			try {
				return decodeURIComponent(run);
			} catch {
				return run;
			}
		});
	}
}

/**
 * The exact raw wire body (`application/x-www-form-urlencoded`) → nested object. Equal to the
 * typed payload Gumroad built except that every value is a string and nil is `''`.
 *
 * Prefer it over n8n's parsed body when the raw body is available: `querystring.parse` stops
 * after 1000 keys and replaces undecodable bytes, this parser does neither. Repeated keys
 * without `[]` (which Gumroad does not send) are kept as an array, as `querystring.parse` does.
 */
export function parseGumroadFormBody(raw: string | Buffer): IDataObject {
	const body = (typeof raw === 'string' ? raw : raw.toString('utf8')).replace(/^[\s?]+|\s+$/g, '');
	const flat: IDataObject = {};
	for (const pair of body.split('&')) {
		if (pair === '') continue;
		const separator = pair.indexOf('=');
		const key = decodeFormComponent(separator < 0 ? pair : pair.slice(0, separator));
		const value = separator < 0 ? '' : decodeFormComponent(pair.slice(separator + 1));
		if (!hasOwn(flat, key)) {
			setOwn(flat, key, value);
			continue;
		}
		const previous = flat[key];
		setOwn(flat, key, Array.isArray(previous) ? [...(previous as string[]), value] : [previous as string, value]);
	}
	return nestFlatFields(flat);
}

/** A ping as it arrives: the raw form body, n8n's flat view of the form, or a JSON ping. */
export type GumroadPingBody = string | Buffer | IDataObject;

/**
 * Any of them → the nested object, in one pass over the fields: the raw body is decoded and
 * nested, never read back as a nested ping (its names would be decoded twice).
 */
export function nestGumroadPing(body: GumroadPingBody): IDataObject {
	return typeof body === 'string' || Buffer.isBuffer(body) ? parseGumroadFormBody(body) : unflattenGumroadForm(body);
}
