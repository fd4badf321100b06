import type { IDataObject, IExecuteFunctions, INode, INodePropertyModeValidation } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Refusals of bad input. Each names the field (by its label in the node panel) and the item,
 * and is raised before anything is sent for that item.
 */
export function invalidInput(node: INode, itemIndex: number, field: string, problem: string) {
	return new NodeOperationError(node, `${field}: ${problem} (item ${itemIndex})`, {
		itemIndex,
		description: `Fix "${field}" of input item ${itemIndex}; nothing was sent to the API for this item.`,
	});
}

/**
 * The ID a resource locator holds, as n8n extracts it (from a URL, an expression, `$fromAI`); a
 * URL it cannot read is bad input of this item (`page`: what the URL should be the address of).
 */
export function locatorValue(ctx: IExecuteFunctions, itemIndex: number, name: string, field: string, page: string, fallback?: unknown): unknown {
	try {
		return ctx.getNodeParameter(name, itemIndex, fallback, { extractValue: true });
	} catch (error) {
		const raw = ctx.getNodeParameter(name, itemIndex, fallback) as { mode?: string; value?: unknown } | undefined;
		const problem = raw?.mode === 'url' ? `"${String(raw.value)}" is not the URL of ${page}` : (error as Error).message.replace(/^ERROR: /, '');
		throw invalidInput(ctx.getNode(), itemIndex, field, problem);
	}
}

export function requireText(node: INode, itemIndex: number, field: string, value: unknown): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!text) throw invalidInput(node, itemIndex, field, 'is required and must not be empty');
	return text;
}

/** The characters of an ID of an API that uses only letters, digits, `_` and `-` (HighLevel's). */
const URL_SAFE_ID_CHARS = '[A-Za-z0-9_-]+';
const URL_SAFE_ID = new RegExp(`^${URL_SAFE_ID_CHARS}$`);

/** The editor's check of a locator's By ID: the IDs that `pathSegment` lets in as URL-safe. */
export const idModeValidation: INodePropertyModeValidation[] = [
	{ type: 'regex', properties: { regex: URL_SAFE_ID_CHARS, errorMessage: 'Not an ID (letters, digits, "_" and "-" only)' } },
];

export interface PathSegmentOptions {
	/**
	 * The API's IDs use only URL-safe characters: other text is refused before sending, not
	 * encoded (a pasted name or URL is a mistake there). Such an ID is its own segment, so the
	 * same check serves the API's IDs in request bodies.
	 */
	urlSafe?: boolean;
	/** Encode `.` too, for APIs whose routes end an ID at a `.` (a format suffix in Rails). */
	encodeDots?: boolean;
}

/**
 * An ID (or name) as one segment of a request path: required, and encoded so that no character
 * of it can change the path.
 */
export function pathSegment(node: INode, itemIndex: number, field: string, value: unknown, options: PathSegmentOptions = {}): string {
	const id = requireText(node, itemIndex, field, value);
	if (options.urlSafe && !URL_SAFE_ID.test(id)) {
		throw invalidInput(node, itemIndex, field, `"${id}" is not a valid ID (letters, digits, "_" and "-" only)`);
	}
	// URLs resolve "." and ".." (also encoded) as steps in the path: "/v2/sales/.." would reach "/v2/".
	if (id === '.' || id === '..') throw invalidInput(node, itemIndex, field, `"${id}" cannot be addressed in a URL path`);
	const segment = encodeURIComponent(id);
	return options.encodeDots ? segment.replace(/\./g, '%2E') : segment;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(node: INode, itemIndex: number, field: string, value: unknown): string {
	const email = requireText(node, itemIndex, field, value);
	if (!EMAIL.test(email)) throw invalidInput(node, itemIndex, field, `"${email}" is not a valid email address`);
	return email;
}

export function checkPhone(node: INode, itemIndex: number, field: string, value: unknown): string {
	const phone = requireText(node, itemIndex, field, value);
	const digits = phone.replace(/\D/g, '');
	if (!/^\+?[\d\s().-]+$/.test(phone) || digits.length < 6 || digits.length > 15) {
		throw invalidInput(node, itemIndex, field, `"${phone}" is not a valid phone number (use E.164, e.g. +15550001111)`);
	}
	return phone;
}

/** ISO 8601 in UTC without milliseconds: the form HighLevel documents and accepts back on PUT. */
export function toIsoSeconds(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function checkDateTime(node: INode, itemIndex: number, field: string, value: unknown): string {
	if (value instanceof Date && !Number.isNaN(value.getTime())) return toIsoSeconds(value);
	const text = requireText(node, itemIndex, field, value);
	const millis = /^\d{10,13}$/.test(text)
		? Number(text.length === 10 ? Number(text) * 1000 : text)
		: Date.parse(text);
	if (Number.isNaN(millis)) {
		throw invalidInput(node, itemIndex, field, `"${text}" is not a date and time (use ISO 8601, e.g. 2026-01-31T17:00:00Z)`);
	}
	return toIsoSeconds(new Date(millis));
}

export function parseJsonInput<T = unknown>(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
): T {
	if (typeof value !== 'string') return value as T;
	try {
		return JSON.parse(value) as T;
	} catch (error) {
		throw invalidInput(node, itemIndex, field, `is not valid JSON (${(error as Error).message})`);
	}
}

/** A list given as an array, a JSON array, or comma/newline-separated text. */
export function parseList(node: INode, itemIndex: number, field: string, value: unknown): string[] {
	let list: unknown = value;
	if (typeof value === 'string') {
		const text = value.trim();
		list = text.startsWith('[') ? parseJsonInput(node, itemIndex, field, text) : text.split(/[,\n]/);
	}
	if (!Array.isArray(list)) throw invalidInput(node, itemIndex, field, 'must be a list of values');
	return list.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
}

export function requireList(node: INode, itemIndex: number, field: string, value: unknown): string[] {
	const list = parseList(node, itemIndex, field, value);
	if (list.length === 0) throw invalidInput(node, itemIndex, field, 'needs at least one value');
	return list;
}

export function requireIdList(node: INode, itemIndex: number, field: string, value: unknown): string[] {
	return requireList(node, itemIndex, field, value).map((id) => pathSegment(node, itemIndex, field, id, { urlSafe: true }));
}

/** Drops empty strings and undefined so that unset optional fields are not sent. */
export function compact(body: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(body)) {
		if (value === undefined || value === '') continue;
		result[key] = value;
	}
	return result;
}
