// Backfill of 120 Gumroad sales (100 buyers, one with an invalid e-mail, 5 already contacts)
// into HighLevel; a later run that handles only the sales added since and leaves a repeat buyer's
// contact as it is; then a backfill of 400 more buyers interrupted with Ctrl+C (twice, as
// `n8n execute` waits for its run on the first), run again and killed (SIGKILL), and run again:
// every buyer once, nothing re-sent that HighLevel already had.
const HOUR = 3_600_000;

/**
 * The Summary node's item of the latest run: from the run data `n8n execute --rawOutput` prints,
 * else (none, or cut short: n8n may exit before a large print reaches the pipe) from the
 * execution n8n saved.
 */
async function summaryOf(output, { lastRunData }) {
	const printed = () => {
		try {
			return JSON.parse(output.slice(output.search(/^\{/m))).data?.resultData;
		} catch {
			return undefined;
		}
	};
	const resultData = (output.search(/^\{/m) >= 0 && printed()) || (await lastRunData());
	const runs = resultData?.runData?.Summary;
	if (!runs) throw new Error(`no Summary in the run (last node ${resultData?.lastNodeExecuted}, error ${JSON.stringify(resultData?.error)})`);
	return runs.at(-1).data.main[0][0].json;
}

export default {
	workflow: '11-backfill-gumroad-customers-to-highlevel.json',
	async run({ doubles: { gumroad, highLevel }, E2E, assert, execute, startExecute, lastRunData, waitFor, log }) {
		// Sale i is i+1 hours old. Sales 100..119 are repeat purchases of buyers 0..19 (so those
		// buyers' earliest sale is the repeat one); sale 50 has an invalid e-mail; even sales
		// belong to buyers with a Gumroad account (purchaser_id).
		const now = Date.now();
		const emailOf = (i) => (i === 50 ? 'not-an-email' : `buyer${i % 100}@example.com`);
		gumroad.seedSales(120, (i) => ({
			email: emailOf(i),
			full_name: `Buyer ${i} Smith`,
			...(i % 2 === 0 ? { purchaser_id: `p${i}` } : {}),
			created_at: new Date(now - (i + 1) * HOUR).toISOString(),
		}));
		// Buyers 1..5 are HighLevel contacts already.
		highLevel.seedContacts(E2E.locationId, 5, (i) => ({ email: `buyer${i + 1}@example.com`, firstName: 'Old', lastName: 'Name', tags: ['vip'] }));
		const existing = new Set([...highLevel.store.contacts.keys()]);
		// Other scenarios of the same run may have left sales and contacts behind: they are part
		// of the backfill too (all 0 when this scenario runs alone).
		const isEmail = (email) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
		const field = highLevel.store.customFields.get(E2E.locationId).find((f) => f.name === 'GumroadCustomerId');
		const buyers = new Set([...gumroad.store.sales.values()].map((sale) => String(sale.purchase_email ?? sale.email).trim().toLowerCase()));
		const contacts = [...highLevel.store.contacts.values()];
		const known = new Set(contacts.map((c) => c.email?.toLowerCase()).filter(Boolean));
		const marked = new Set(contacts.filter((c) => c.customFields?.some((v) => v.id === field.id)).map((c) => c.email?.toLowerCase()));
		const others = [...buyers].filter((email) => email !== 'not-an-email' && !/^buyer\d+@example\.com$/.test(email));
		const unmarked = others.filter((email) => !marked.has(email));
		const extra = {
			customers: unmarked.length,
			skipped: others.length - unmarked.length,
			failed: unmarked.filter((email) => !isEmail(email)).length,
			updated: unmarked.filter((email) => isEmail(email) && known.has(email)).length,
		};
		extra.created = extra.customers - extra.failed - extra.updated;
		if (others.length) log(`also in the backfill, from other scenarios: ${JSON.stringify(extra)}`);
		const contactOf = (email) => [...highLevel.store.contacts.values()].filter((c) => c.email?.toLowerCase() === email);

		const output = await execute();
		const summary = await summaryOf(output, { lastRunData });
		log(`first run: ${JSON.stringify(summary)}`);
		assert(summary.customers === 100 + extra.customers, `100 buyers (${summary.customers})`);
		assert(summary.created === 94 + extra.created, `94 created (${summary.created})`);
		assert(summary.updated === 5 + extra.updated, `5 updated (${summary.updated})`);
		assert(summary.failed === 1 + extra.failed && summary.failures.some((f) => /not-an-email/.test(f)), `1 failed, the invalid e-mail (${summary.failures})`);
		assert(summary.skipped === extra.skipped, `skipped: the buyers other workflows wrote (${summary.skipped})`);
		assert(summary.resumedAfter === null, 'the first run started from the beginning');
		const newest = Math.max(...[...gumroad.store.sales.values()].map((sale) => Date.parse(sale.created_at)));
		assert(newest === now - HOUR || extra.customers, 'the seeded sales are the newest when alone');
		assert(Date.parse(summary.resumeAfter) === newest, `resume point: the newest sale (${summary.resumeAfter})`);

		// The contacts in HighLevel.
		for (let b = 0; b < 100; b++) {
			if (b === 50) continue;
			const found = contactOf(`buyer${b}@example.com`);
			assert(found.length === 1, `one contact for buyer${b} (${found.length})`);
			const [contact] = found;
			// The earliest sale of buyers 0..19 is their repeat purchase 100+b.
			const first = b < 20 ? b + 100 : b;
			assert(contact.firstName === 'Buyer' && contact.lastName === `${first} Smith`, `buyer${b}: name from the earliest sale (${contact.firstName} ${contact.lastName})`);
			const expectedId = first % 2 === 0 ? `p${first}` : `buyer${b}@example.com`;
			const value = contact.customFields.find((v) => v.id === field.id)?.value;
			assert(value === expectedId, `buyer${b}: GumroadCustomerId ${expectedId} (${value})`);
			if (b >= 1 && b <= 5) assert(existing.has(contact.id) && contact.tags.includes('vip'), `buyer${b}: the existing contact, tags kept`);
		}
		assert(contactOf('not-an-email').length === 0, 'no contact for the invalid e-mail');
		assert(highLevel.store.contacts.size === existing.size + 94 + extra.created, `94 new contacts (${highLevel.store.contacts.size - existing.size})`);

		// New sales since: two new buyers and a repeat purchase of buyer7. The next run reads only
		// the sales since, and leaves buyer7's contact (written from the earliest sale) as it is.
		const later = Date.now();
		gumroad.addSale({ email: 'newbie1@example.com', full_name: 'New One', created_at: new Date(later + 1).toISOString() });
		gumroad.addSale({ email: 'newbie2@example.com', full_name: 'New Two', purchaser_id: 'pn2', created_at: new Date(later + 2).toISOString() });
		gumroad.addSale({ email: 'BUYER7@example.com', full_name: 'Buyer Seven', created_at: new Date(later + 3).toISOString() });
		const requestsBefore = gumroad.requests.length;
		const second = await summaryOf(await execute(), { lastRunData });
		log(`second run: ${JSON.stringify(second)}`);
		const listings = gumroad.requests.slice(requestsBefore).filter((r) => r.method === 'GET' && r.path === '/v2/sales');
		const resumeDay = summary.resumeAfter.slice(0, 10);
		assert(
			listings.length > 0 && listings.every((r) => r.query.after >= resumeDay) && listings.some((r) => r.query.after === resumeDay),
			`Gumroad was asked only for sales since that day (after=${listings.map((r) => r.query.after).join(',')})`,
		);
		assert(second.resumedAfter === summary.resumeAfter, `resumed after the first run's newest sale (${second.resumedAfter})`);
		assert(second.customers === 2 && second.created === 2 && second.skipped === 1 && second.failed === 0, `only the new buyers (${JSON.stringify(second)})`);
		assert(Date.parse(second.resumeAfter) === later + 3, `new resume point (${second.resumeAfter})`);
		assert(contactOf('newbie2@example.com')[0]?.customFields.some((v) => v.id === field.id && v.value === 'pn2'), 'the new buyer is a contact');
		assert(contactOf('buyer7@example.com')[0]?.lastName === '107 Smith', `the repeat buyer keeps the name of the earliest sale (${contactOf('buyer7@example.com')[0]?.lastName})`);
		assert(highLevel.store.contacts.size === existing.size + 96 + extra.created, `96 new contacts in all (${highLevel.store.contacts.size - existing.size})`);

		// 400 more buyers; HighLevel takes 20 requests a second, so a whole run takes 20 s. One run is
		// interrupted with Ctrl+C after 120 upserts, the next one killed (SIGKILL, as a crash or an
		// OOM kill ends it) after 120 more, and a third one finishes.
		const third = Date.now();
		const late = (i) => `late${i}@example.com`;
		for (let i = 0; i < 400; i++) gumroad.addSale({ email: late(i), full_name: `Late ${i}`, created_at: new Date(third + 10 + i).toISOString() });
		highLevel.setRateLimit({ max: 20, intervalMs: 1000 });
		const upsertsOf = (from) => highLevel.requests.slice(from).filter((r) => r.method === 'POST' && r.path === '/contacts/upsert' && /^late\d+@/.test(r.body?.email ?? ''));
		/** One run interrupted after `upserts` upserts by `signals` 300 ms apart: the buyers HighLevel took. */
		const interruptedRun = async (upserts, signals, what) => {
			const since = highLevel.requests.length;
			const child = await startExecute();
			const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
			await waitFor(() => upsertsOf(since).length >= upserts, { timeoutMs: 120_000, what: `${upserts} upserts` });
			const interruptedAt = Date.now();
			for (const [i, signal] of signals.entries()) {
				if (i > 0) await new Promise((resolve) => setTimeout(resolve, 300));
				child.kill(signal);
			}
			const exit = await exited;
			const stopMs = exit.at - interruptedAt;
			await new Promise((resolve) => setTimeout(resolve, 1000));
			const interrupted = upsertsOf(since);
			const afterExit = interrupted.filter((r) => r.at > exit.at);
			log(`${what}: n8n execute ended after ${stopMs} ms (${exit.signal ?? exit.code}); ${interrupted.length} upserts before`);
			assert(stopMs < 5000, `${what}: n8n execute stops within seconds (${stopMs} ms)`);
			assert(interrupted.length < 400 && afterExit.length === 0, `${what}: the run was interrupted (${interrupted.length} upserts, ${afterExit.length} after the exit)`);
			return interrupted.filter((r) => r.status < 300).map((r) => r.body.email);
		};
		const firstDone = await interruptedRun(120, ['SIGINT', 'SIGINT'], 'Ctrl+C twice');
		const secondDone = await interruptedRun(120, ['SIGKILL'], 'SIGKILL');
		const resentBySecond = secondDone.filter((email) => firstDone.includes(email));
		assert(resentBySecond.length === 0, `the run after Ctrl+C sent nothing HighLevel had (${resentBySecond.length} re-sent)`);
		const done = new Set([...firstDone, ...secondDone]);

		const since = highLevel.requests.length;
		const resumed = await summaryOf(await execute(), { lastRunData });
		highLevel.setRateLimit({ max: 100, intervalMs: 10_000 });
		log(`run after the interruptions: ${JSON.stringify(resumed)}`);
		const again = upsertsOf(since);
		const resent = again.filter((r) => done.has(r.body.email));
		assert(resent.length === 0, `nothing HighLevel had is sent again (${resent.length} re-sent)`);
		assert(resumed.created === 400 - done.size && resumed.skipped >= done.size, `the rest written, the written skipped (${JSON.stringify(resumed)})`);
		for (let i = 0; i < 400; i++) assert(contactOf(late(i)).length === 1, `one contact for ${late(i)} (${contactOf(late(i)).length})`);
	},
};
