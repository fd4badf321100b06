import { countRunsFromNow, ping } from '../gumroadPings.mjs';

export default {
	workflow: '01-gumroad-customer-to-highlevel-contact.json',
	async run(ctx) {
		const { doubles: { gumroad, highLevel }, waitFor, assert } = ctx;
		// A buyer of its own: other templates act on the fixture's buyer too.
		const sale = { ...gumroad.fixture('sale'), email: 'first.customer@example.com', sale_id: 'E2eSale01xxxxxxxxxxxxx==', purchaser_id: '9990000000001' };
		const runs = await countRunsFromNow(ctx);
		await ping(ctx, 'sale', sale);
		const contact = await waitFor(
			() => [...highLevel.store.contacts.values()].find((c) => c.email?.toLowerCase() === sale.email),
			{ what: 'the contact in HighLevel' },
		);
		assert(contact.firstName === 'Jane' && contact.lastName === 'Doe', `name set (${contact.firstName} ${contact.lastName})`);
		assert(contact.tags.includes('gumroad') && contact.tags.includes(sale.product_name.toLowerCase()), `tags set (${contact.tags})`);
		const field = highLevel.store.customFields.get(ctx.E2E.locationId).find((f) => f.name === 'GumroadCustomerId');
		assert(contact.customFields.some((v) => v.id === field.id && v.value === sale.purchaser_id), 'GumroadCustomerId set');

		// Gumroad's retry of the same ping starts no second run and creates no second contact.
		await ping(ctx, 'sale', { ...sale, retry_count: 1 });
		await new Promise((resolve) => setTimeout(resolve, 1000));
		await runs(1);
		assert([...highLevel.store.contacts.values()].filter((c) => c.email?.toLowerCase() === sale.email).length === 1, 'one contact');
	},
};
