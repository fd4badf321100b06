/**
 * A From List's filter where the API has no search of its own: whether any of a record's texts
 * contains it, ignoring case (every record matches an empty filter).
 */
export function listFilter(filter: string | undefined) {
	const wanted = (filter ?? '').trim().toLowerCase();
	return (...texts: unknown[]) => !wanted || texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(wanted));
}
