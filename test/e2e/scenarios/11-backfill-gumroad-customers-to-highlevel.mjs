// Backfill of 120 Gumroad sales (100 buyers, one with an invalid e-mail, 5 already contacts)
// into HighLevel, then a resumed run that handles only the sales added since.
const HOUR = 3_600_000;

/**
 * The Summary node's item of the latest run: from the run data `n8n execute --rawOutput` prints,
 * else from the execution n8n saved.
 */
async function summaryOf(output, { lastRunData }) {
	const at = output.search(/^\{/m);
	const resultData = at >= 0 ? JSON.parse(output.slice(at)).data?.resultData : await lastRunData();
	const runs = resultData?.runData?.Summary;
	if (!runs) throw new Error(`no Summary in the run (last node ${resultData?.lastNodeExecuted}, error ${JSON.stringify(resultData?.error)})`);
	return runs.at(-1).data.main[0][0].json;
}

export default {
	workflow: '11-backfill-gumroad-customers-to-highlevel.json',
	async run({ doubles: { gumroad, highLevel }, E2E, assert, execute, lastRunData, log }) {
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
		const buyers = new Set([...gumroad.store.sales.values()].map((sale) => String(sale.purchase_email ?? sale.email).trim().toLowerCase()));
		const known = new Set([...highLevel.store.contacts.values()].map((c) => c.email?.toLowerCase()).filter(Boolean));
		const others = [...buyers].filter((email) => email !== 'not-an-email' && !/^buyer\d+@example\.com$/.test(email));
		const extra = {
			customers: others.length,
			failed: others.filter((email) => !isEmail(email)).length,
			updated: others.filter((email) => isEmail(email) && known.has(email)).length,
		};
		extra.created = extra.customers - extra.failed - extra.updated;
		if (extra.customers) log(`also backfilled, from other scenarios: ${JSON.stringify(extra)}`);
		const field = highLevel.store.customFields.get(E2E.locationId).find((f) => f.name === 'GumroadCustomerId');
		const contactOf = (email) => [...highLevel.store.contacts.values()].filter((c) => c.email?.toLowerCase() === email);

		const output = await execute();
		const summary = await summaryOf(output, { lastRunData });
		log(`first run: ${JSON.stringify(summary)}`);
		assert(summary.customers === 100 + extra.customers, `100 buyers (${summary.customers})`);
		assert(summary.created === 94 + extra.created, `94 created (${summary.created})`);
		assert(summary.updated === 5 + extra.updated, `5 updated (${summary.updated})`);
		assert(summary.failed === 1 + extra.failed && summary.failures.some((f) => /not-an-email/.test(f)), `1 failed, the invalid e-mail (${summary.failures})`);
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

		// New sales since: two new buyers and a repeat purchase of buyer7. The next run resumes.
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
		assert(second.customers === 3 && second.created === 2 && second.updated === 1 && second.failed === 0, `only the new sales (${JSON.stringify(second)})`);
		assert(Date.parse(second.resumeAfter) === later + 3, `new resume point (${second.resumeAfter})`);
		assert(contactOf('newbie2@example.com')[0]?.customFields.some((v) => v.id === field.id && v.value === 'pn2'), 'the new buyer is a contact');
		assert(contactOf('buyer7@example.com')[0]?.lastName === 'Seven', 'the repeat buyer was updated');
		assert(highLevel.store.contacts.size === existing.size + 96 + extra.created, `96 new contacts in all (${highLevel.store.contacts.size - existing.size})`);
	},
};
