/** A response header's value whatever the case of its name; the first of a repeated one. */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): unknown {
	const key = Object.keys(headers ?? {}).find((candidate) => candidate.toLowerCase() === name);
	const raw = key === undefined ? undefined : (headers as Record<string, unknown>)[key];
	return Array.isArray(raw) ? raw[0] : raw;
}
