import { ping, countRunsFromNow } from '../gumroadPings.mjs';
// Sale → the product's mapped tags on the buyer's contact; cancellation (user_email) and refund
// → removed again; the contact's other tags stay. Pings go only to this workflow's
// subscriptions (other templates subscribe to the same Gumroad events).

export default {
	workflow: '06-gumroad-product-to-highlevel-tags.json',
	async run(ctx) {
		const { doubles: { gumroad, highLevel }, E2E, waitFor, assert } = ctx;
		const email = 'tina.tags@example.com';
		const [seeded] = highLevel.seedContacts(E2E.locationId, 1, { email, firstName: 'Tina', lastName: 'Tags', tags: ['vip'] });
		const tags = () => highLevel.store.contacts.get(seeded.id).tags;
		const has = (...names) => names.every((name) => tags().includes(name));
		const hasNone = (...names) => names.every((name) => !tags().includes(name));
		const finishedRuns = await countRunsFromNow(ctx);

		// Sale of the membership (the fixture, for our buyer): its two tags are added.
		const sale = { ...gumroad.fixture('sale'), email, full_name: 'Tina Tags', sale_id: 'TagsSale0000000000001==' };
		await ping(ctx, 'sale', sale);
		await waitFor(() => has('community', 'membership'), { what: `the mapped tags (${tags()})` });
		assert(has('vip'), `the other tag stays (${tags()})`);
		await finishedRuns(1);

		// A product not in the mapping changes nothing.
		await ping(ctx, 'sale', { ...sale, sale_id: 'TagsSale0000000000002==', product_name: 'Unmapped Ebook', product_id: 'unmapped' });
		await finishedRuns(2);
		assert(tags().length === 3, `no tags for an unmapped product (${tags()})`);

		// A second product, bought and refunded: its tags come and go, the membership's stay.
		const stored = gumroad.addSale({ email, full_name: 'Tina Tags', product_name: 'Notion Second Brain Template', price: 2900 });
		await ping(ctx, 'sale', gumroad.salePingFor(stored.id));
		await waitFor(() => has('notion', 'templates'), { what: `the template's tags (${tags()})` });
		await ping(ctx, 'refund', gumroad.refundSale(stored.id));
		await waitFor(() => hasNone('notion', 'templates'), { what: `the template's tags to be removed (${tags()})` });
		assert(has('vip', 'community', 'membership'), `the other tags stay after the refund (${tags()})`);

		// The membership is cancelled (the ping has user_email, not email): its tags go, "vip" stays.
		const cancellation = { ...gumroad.fixture('cancellation'), user_email: email, subscription_id: 'TagsSubscription00001==' };
		await ping(ctx, 'cancellation', cancellation);
		await waitFor(() => hasNone('community', 'membership'), { what: `the membership tags to be removed (${tags()})` });
		await finishedRuns(5);
		assert(tags().length === 1 && tags()[0] === 'vip', `only the other tag is left (${tags()})`);
		assert(
			[...highLevel.store.contacts.values()].filter((c) => c.email?.toLowerCase() === email).length === 1,
			'one contact for the buyer',
		);
	},
};
