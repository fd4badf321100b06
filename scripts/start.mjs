#!/usr/bin/env node
// `npm start`: a local n8n on http://127.0.0.1:5678 with this package, every example workflow of
// workflows/ imported, and the HighLevel, Gumroad and Snapshots API doubles (with demo data) that
// the imported credentials point at, so each template runs without a Gumroad or HighLevel account.
import { join } from 'node:path';

import { E2E } from '../test/e2e/fixtures.mjs';
import { ROOT, startStack } from '../test/e2e/stack.mjs';

const port = Number(process.env.N8N_PORT ?? 5678);
const doublePorts = { highLevel: 5701, gumroad: 5702, snapshots: 5703, smtp: 5704 };
const log = (message) => console.log(`[start] ${message}`);

/** Demo data: past Gumroad sales for the backfill, Snapshots locations with tiers for enrichment. */
function seed({ gumroad, snapshots }) {
	gumroad.seedSales(25, (i) => ({ email: `buyer${i % 20}@example.com`, full_name: `Demo Buyer ${i % 20}` }));
	const tiers = ['starter', 'pro', 'agency'];
	snapshots.seedLocations(6, (i) => ({ email: `buyer${i}@example.com`, tier: tiers[i % 3] }));
}

const unknown = process.argv.slice(2).filter((arg) => arg !== '--fresh');
if (unknown.length > 0) {
	console.error(`npm start: unknown option ${unknown.join(' ')} (the only one is \`npm start -- --fresh\`)`);
	process.exit(2);
}
const stack = await startStack({
	userFolder: process.env.N8N_USER_FOLDER ?? join(ROOT, '.cache', 'n8n-demo'),
	// A restart keeps the demo's n8n as the user left it; --fresh starts from the shipped workflows.
	freshUserFolder: process.argv.includes('--fresh'),
	keepImported: true,
	port,
	doublePorts,
	log,
	seed,
});
const { highLevel, gumroad, snapshots } = stack.doubles;
console.log(`
n8n is running with n8n-nodes-gumroad-highlevel and ${stack.workflows.length} example workflows:

  ${stack.url}            log in as ${E2E.ownerEmail} / ${E2E.ownerPassword}

Your workflows, credentials and executions are kept from one \`npm start\` to the next
(\`npm start -- --fresh\` starts over from the shipped workflows).

Local API doubles (in memory, reset on every start), already used by the imported credentials:
  HighLevel  ${highLevel.url}   location ${E2E.locationId}
             agency ${E2E.agency.companyId}, its app installed in ${E2E.agency.subAccounts.map(({ id }) => id).join(' and ')} (template 13)
  Gumroad    ${gumroad.url}   (the Gumroad Trigger workflows are active and subscribed here)
  Snapshots  ${snapshots.url}/v1
  SMTP       127.0.0.1:${doublePorts.smtp} (catches the welcome e-mails)

Make a new Gumroad sale (the double pings n8n as Gumroad does) and watch the workflows run
(Executions tab); each call is another sale, and every field is optional:
  curl -s -X POST ${gumroad.url}/__double/sell -H 'content-type: application/json' \\
    -d '{"email":"jane@example.com","full_name":"Jane Doe"}'
See what reached HighLevel:  curl -s '${highLevel.url}/__double/contacts?locationId=${E2E.locationId}'

To use the real APIs, open Credentials and change each one: set Base URL back to
https://services.leadconnectorhq.com (HighLevel) or https://api.gumroad.com (Gumroad), your
Snapshots API's URL, and paste real tokens. Gumroad needs n8n on a public URL (WEBHOOK_URL).

Press Ctrl+C to stop.`);

let stopping = false;
const shutdown = async () => {
	stopping = true;
	log('stopping');
	await stack.stop();
	process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
stack.server.on('exit', (code) => {
	if (stopping) return;
	// n8n stopped on its own: its last lines say why.
	console.log(stack.serverLog().split('\n').slice(-30).join('\n'));
	log(`n8n exited (${code})`);
	void stack.stop().then(() => process.exit(code || 1));
});
