// n8n stores an execution's run data "flatted": one JSON array in which every string inside an
// object or array is the index of another entry (so shared and circular values survive).

/** @param {string} text the `data` of `GET /rest/executions/:id` */
export function unflattenExecutionData(text) {
	const input = JSON.parse(text);
	const done = new Map();
	const revive = (index) => {
		const entry = input[index];
		if (entry === null || typeof entry !== 'object') return entry;
		if (done.has(index)) return done.get(index);
		const out = Array.isArray(entry) ? [] : {};
		done.set(index, out);
		for (const [key, value] of Object.entries(entry)) out[key] = typeof value === 'string' ? revive(Number(value)) : value;
		return out;
	};
	return revive(0);
}
