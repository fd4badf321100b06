#!/usr/bin/env node
// Standalone Gumroad double:
//   node test/doubles/gumroad/cli.mjs --port 0 --token TOKEN[:scope,scope][@APPID] (repeatable)
//     [--oauth-client ID:SECRET] (repeatable) [--allow-local-post-urls] [--seed-sales N] [--latency-ms MS]
// Prints one JSON line {"url": "http://127.0.0.1:PORT"} when listening; runs until SIGTERM/SIGINT.
// Control routes (no auth): GET /__double/requests, POST /__double/reset, /__double/deliver, /__double/send-ping, ...
import { startGumroadDouble } from './server.mjs';
import { parseCliArgs } from '../cli-args.mjs';

const { opts, one } = parseCliArgs(import.meta.url, 6);

/** @type {Record<string, {scopes?: string[], appId?: string}>} */
const tokens = {};
for (const t of opts.token ?? []) {
  const [main, appId] = t.split('@');
  const [token, scopes] = main.split(':');
  tokens[token] = { ...(scopes ? { scopes: scopes.split(',').filter(Boolean) } : {}), ...(appId ? { appId } : {}) };
}
/** @type {Record<string, {secret: string}>} */
const oauthClients = {};
for (const c of opts['oauth-client'] ?? []) {
  const [id, secret] = c.split(':');
  oauthClients[id] = { secret };
}
const double = await startGumroadDouble({
  port: Number(one('port', '0')),
  tokens,
  oauthClients,
  refuseLocalPostUrls: one('allow-local-post-urls') === undefined,
  latencyMs: Number(one('latency-ms', '0')),
});
const seed = Number(one('seed-sales', '0'));
if (seed > 0) double.seedSales(seed);
process.stdout.write(`${JSON.stringify({ url: double.url })}\n`);

const stop = async () => { await double.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
