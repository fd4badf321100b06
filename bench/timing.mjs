// Where a sync's time went, from the double's arrival times of the accepted requests (sorted):
// when the first window's worth had arrived, and how much later than one window each slot was
// taken again (request k to request k + max; median and 90th percentile). Used by bench/run.mjs
// and bench/pacers.mjs.
export function windowTiming(acceptedAt, max) {
	const slotGaps = acceptedAt.slice(max).map((at, k) => at - acceptedAt[k]).sort((a, b) => a - b);
	return {
		fullWindowMs: acceptedAt.length >= max ? acceptedAt[max - 1] - acceptedAt[0] : undefined,
		slotGapMs: slotGaps.length ? { median: slotGaps[slotGaps.length >> 1], p90: slotGaps[Math.floor(slotGaps.length * 0.9)] } : undefined,
	};
}
