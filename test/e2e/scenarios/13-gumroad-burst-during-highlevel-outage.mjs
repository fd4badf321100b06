// Template 01 through a HighLevel outage (last, so its runs cannot touch the other scenarios' counts): a burst of 100 sales while HighLevel answers 503 to
// everything (30 s here; the node sits out up to its Outage Timeout, 900 s by default). When
// HighLevel is back, every buyer exists once, with no manual step.
import { ping } from '../gumroadPings.mjs';

const OUTAGE_MS = 30_000;
const BURST = 100;

export default {
	workflow: '01-gumroad-customer-to-highlevel-contact.json',
	async run(ctx) {
		const { doubles: { gumroad, highLevel }, waitFor, assert, executions, log } = ctx;
		const before = new Set((await executions()).map((run) => run.id));
		const buyers = Array.from({ length: BURST }, (_, i) => `outage.buyer${i + 1}@example.com`);
		highLevel.outage(OUTAGE_MS);
		const started = Date.now();
		const base = gumroad.fixture('sale');
		try {
			// Ten at a time, as Gumroad's workers send them: a hundred at once would time out at the double's 5 s, not at n8n.
			for (let from = 0; from < BURST; from += 10) {
				await Promise.all(
					buyers.slice(from, from + 10).map((email, k) => {
						const i = from + k;
						return ping(ctx, 'sale', { ...base, email, sale_id: `E2eOutage${String(i).padStart(3, '0')}xxxxxxxxxx==`, purchaser_id: `99900000${String(i).padStart(5, '0')}` });
					}),
				);
			}
		} catch (error) {
			// Later scenarios must not meet this outage.
			highLevel.outage(0);
			throw error;
		}
		log(`${BURST} sales accepted during the outage, ${((Date.now() - started) / 1000).toFixed(1)} s in`);
		const contactsOf = (email) => [...highLevel.store.contacts.values()].filter((contact) => contact.email?.toLowerCase() === email);
		if (Date.now() - started < OUTAGE_MS - 2000) assert(buyers.every((email) => contactsOf(email).length === 0), 'HighLevel made nothing during the outage');
		await waitFor(() => buyers.every((email) => contactsOf(email).length > 0), { timeoutMs: 240_000, intervalMs: 1000, what: `all ${BURST} buyers in HighLevel after the outage` });
		log(`all ${BURST} buyers in HighLevel ${((Date.now() - started) / 1000).toFixed(1)} s after the outage began`);
		for (const email of buyers) assert(contactsOf(email).length === 1, `${email} exists once (${contactsOf(email).length})`);
		const runs = await waitFor(async () => {
			const list = (await executions()).filter((run) => !before.has(run.id));
			return list.length >= BURST && list.every((run) => run.stoppedAt) && list;
		}, { timeoutMs: 60_000, what: 'the burst runs to finish' });
		assert(runs.length === BURST, `one run per sale (${runs.length})`);
		assert(runs.every((run) => run.status === 'success'), `every run succeeded once HighLevel was back (${[...new Set(runs.map((run) => run.status))]})`);
	},
};
