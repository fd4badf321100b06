#!/usr/bin/env node
// `node bench/pacers.mjs [workers] [requests per worker] [latency ms] [--pause-always] [--start-apart MS] [--answer-work MS] [--rounds N] [--timeline FILE]`: a quick
// look at how pacers that know nothing of each other (queue-mode workers) share one location,
// without n8n. Each "worker" is one RateLimitPacer of the built package (run `npm run build`
// first) sending upserts to the HighLevel double (100 per 1 s, answers after the latency) as the
// transport does: as many in flight as the pacer suggests, a 429 retried. --pause-always pauses
// the location after every 429, as the transport did before 2026-12-06; --start-apart starts each
// worker that many ms after the one before (a worker joining one that fills the window); --answer-work
// keeps the event loop busy that long on each answer, as n8n does while it handles one; --rounds runs
// the sync that many times, 3 s apart, with the same pacers (a queue-mode worker keeps its pacer from
// one execution to the next, and `bench/run.mjs` runs its rows so); --timeline writes each round's
// requests as [arrival ms, status, e-mail] to FILE-ROUND.json. Prints what the double saw, per round.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { startHighLevelDouble } from '../test/doubles/highlevel/server.mjs';
import { windowTiming } from './timing.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { RateLimitPacer, readRateLimitHeaders } = await import(join(ROOT, 'dist/nodes/shared/highlevel/rateLimit.js'));
const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		'pause-always': { type: 'boolean', default: false },
		'start-apart': { type: 'string', default: '0' },
		'answer-work': { type: 'string', default: '0' },
		rounds: { type: 'string', default: '1' },
		timeline: { type: 'string' },
	},
});
const [workers = 2, perWorker = 500, latencyMs = 500] = positionals.map(Number);
const pauseAlways = values['pause-always'];
const startApartMs = Number(values['start-apart']);
const answerWorkMs = Number(values['answer-work']);
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds: a whole number of 1 or more, not "${values.rounds}"`);
const RATE = { max: 100, intervalMs: 1000 };

const double = await startHighLevelDouble({ tokens: { bench: { locationId: 'loc1' } }, rateLimit: { ...RATE, daily: 1e9 } });
double.setLatency(latencyMs);

async function upsert(pacer, email) {
	for (;;) {
		const booking = await pacer.acquire();
		const response = await fetch(`${double.url}/contacts/upsert`, {
			method: 'POST',
			headers: { authorization: 'Bearer bench', version: '2021-07-28', 'content-type': 'application/json' },
			body: JSON.stringify({ locationId: 'loc1', email }),
		});
		await response.text();
		// n8n handles an answer on the one event loop the others wait on.
		for (const until = performance.now() + answerWorkMs; performance.now() < until; );
		pacer.settle(booking);
		const limits = readRateLimitHeaders(Object.fromEntries(response.headers));
		pacer.observe(limits, Date.now(), booking, response.status === 429);
		if (response.status !== 429) return;
		pacer.rateLimited(booking);
		if (pauseAlways || pacer.waitTime() === 0) pacer.pauseFor(Math.max(pacer.waitTime(), 20) + Math.random() * RATE.intervalMs * 0.05);
	}
}

const pacers = Array.from({ length: workers }, () => new RateLimitPacer());

async function worker(index) {
	await new Promise((resolve) => setTimeout(resolve, index * startApartMs));
	const pacer = pacers[index];
	let next = 0;
	let inFlight = 0;
	await new Promise((resolve) => {
		const pump = () => {
			while (inFlight < pacer.concurrency() && next < perWorker) {
				const email = `w${index}-${next++}@example.com`;
				inFlight++;
				void upsert(pacer, email).then(() => {
					inFlight--;
					if (next === perWorker && inFlight === 0) resolve();
					else pump();
				});
			}
		};
		pump();
	});
}

for (let round = 1; round <= rounds; round++) {
	if (round > 1) {
		await new Promise((resolve) => setTimeout(resolve, 3000));
		// Keeps the limit and latency; forgets the requests, so that each round is counted alone.
		double.reset();
	}
	await Promise.all(Array.from({ length: workers }, (_, index) => worker(index)));
	const accepted = double.requests.filter((request) => request.status < 300).map((request) => request.at).sort((a, b) => a - b);
	const spanS = (accepted.at(-1) - accepted[0]) / 1000;
	const { fullWindowMs, slotGapMs } = windowTiming(accepted, RATE.max);
	const stats = double.stats();
	if (values.timeline) writeFileSync(`${values.timeline}-${round}.json`, JSON.stringify(double.requests.map((request) => [request.at, request.status, request.body?.email])));
	const floorS = stats.requests / (RATE.max / (RATE.intervalMs / 1000));
	console.log(
		JSON.stringify({ round, workers, perWorker, latencyMs, pauseAlways, startApartMs, requests: stats.requests, rateLimited: stats.rateLimited, maxInWindow: stats.maxInWindow, spanS, fullWindowMs, slotGapMs, timeOverRequestsPerRate: Number((spanS / floorS).toFixed(3)) }),
	);
}
await double.close?.();
process.exit(0);
