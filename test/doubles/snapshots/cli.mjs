#!/usr/bin/env node
// Standalone "Snapshots API" double (contract: docs/snapshots-api.openapi.yaml; served at / and under /v1):
//   node test/doubles/snapshots/cli.mjs --port 0 --key KEY[:scope,scope] (repeatable; no ":" = saas/location.read, "KEY:" = no scopes)
//     [--seed-locations N] [--rate-max N --rate-window-ms MS]
// Prints one JSON line {"url": "http://127.0.0.1:PORT"} when listening; runs until SIGTERM/SIGINT.
// Control routes (no auth): GET /__double/{requests,stats,store,routes}, POST /__double/{reset,fail-next,rate-limit,seed-locations,keys}
import { startSnapshotsDouble } from './server.mjs';
import { parseCliArgs } from '../cli-args.mjs';

const { opts, one } = parseCliArgs(import.meta.url, 5);

/** @type {Record<string, {scopes?: string[]}>} */
const keys = {};
for (const spec of opts.key ?? []) {
  const i = spec.indexOf(':');
  // Scopes contain ':'-free names like saas/location.read, so the first ':' separates key and scopes.
  keys[i < 0 ? spec : spec.slice(0, i)] = i < 0 ? {} : { scopes: spec.slice(i + 1).split(',').filter(Boolean) };
}
const rateWanted = opts['rate-max'] || opts['rate-window-ms'];
const double = await startSnapshotsDouble({
  port: Number(one('port', '0')),
  keys,
  rateLimit: rateWanted ? { max: Number(one('rate-max', '60')), windowMs: Number(one('rate-window-ms', '60000')) } : false,
});
const seed = Number(one('seed-locations', '0'));
if (seed > 0) double.seedLocations(seed);
process.stdout.write(`${JSON.stringify({ url: double.url })}\n`);

const stop = async () => { await double.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
