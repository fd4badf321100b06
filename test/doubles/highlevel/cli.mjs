#!/usr/bin/env node
// Standalone HighLevel double:
//   node test/doubles/highlevel/cli.mjs --port 0 --rate-max 100 --rate-interval-ms 10000 [--rate-daily 200000]
//     --token TOKEN:LOCATIONID[:COMPANYID] (repeatable) [--oauth-client ID:SECRET:LOCATIONID] (repeatable)
//     [--agency-token TOKEN:COMPANYID] (repeatable) [--oauth-company-client ID:SECRET:COMPANYID] (repeatable)
//     [--snapshot COMPANYID:NAME[:own|imported]] (repeatable) [--seed-contacts N] [--latency-ms MS] [--no-rate-limit]
// Prints one JSON line {"url": "http://127.0.0.1:PORT"} when listening; runs until SIGTERM/SIGINT.
import { startHighLevelDouble } from './server.mjs';
import { parseCliArgs } from '../cli-args.mjs';

const { opts, one } = parseCliArgs(import.meta.url, 6);

/** @type {Record<string, {locationId?: string, companyId?: string, type?: 'Company'}>} */
const tokens = {};
for (const t of opts.token ?? []) {
  const [token, locationId, companyId] = t.split(':');
  tokens[token] = { locationId, ...(companyId ? { companyId } : {}) };
}
for (const t of opts['agency-token'] ?? []) {
  const [token, companyId] = t.split(':');
  tokens[token] = { companyId, type: 'Company' };
}
/** @type {Record<string, {secret: string, locationId?: string, companyId?: string, userType?: 'Company'}>} */
const oauthClients = {};
for (const c of opts['oauth-client'] ?? []) {
  const [id, secret, locationId] = c.split(':');
  oauthClients[id] = { secret, locationId };
}
for (const c of opts['oauth-company-client'] ?? []) {
  const [id, secret, companyId] = c.split(':');
  oauthClients[id] = { secret, companyId, userType: 'Company' };
}
const rateWanted = one('no-rate-limit') === undefined && (opts['rate-max'] || opts['rate-interval-ms'] || opts['rate-daily']);
const double = await startHighLevelDouble({
  port: Number(one('port', '0')),
  tokens,
  oauthClients,
  latencyMs: Number(one('latency-ms', '0')),
  rateLimit: rateWanted
    ? { max: Number(one('rate-max', '100')), intervalMs: Number(one('rate-interval-ms', '10000')), daily: Number(one('rate-daily', '200000')) }
    : false,
});
const seed = Number(one('seed-contacts', '0'));
const firstLocation = Object.values(tokens).find((t) => t.locationId)?.locationId;
if (seed > 0 && firstLocation) double.seedContacts(firstLocation, seed);
for (const sn of opts.snapshot ?? []) {
  const [companyId, name, type] = sn.split(':');
  double.addSnapshot(companyId, { name, ...(type ? { type: /** @type {'own'|'imported'} */ (type) } : {}) });
}
process.stdout.write(`${JSON.stringify({ url: double.url })}\n`);

const stop = async () => { await double.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
