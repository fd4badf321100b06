import { ping } from '../gumroadPings.mjs';

// Upgrade, end and restart of one Gumroad membership, each reflected in its Snapshots customer,
// with the plan's name and the buyer's name read from the membership's latest sale.
export default {
	workflow: '09-gumroad-subscription-to-snapshots-customer.json',
	async run(ctx) {
		const { doubles: { gumroad, snapshots }, waitFor, assert, log } = ctx;
		const id = gumroad.fixture('subscription_updated').subscription_id;
		// This scenario's requests only: earlier scenarios' refund pings are read back as well.
		const requestsBefore = gumroad.requests.length;
		const deliver = async (stem) => {
			const before = snapshots.store.customers.get(id)?.updated_at;
			await ping(ctx, stem, stem);
			const customer = await waitFor(() => {
				const current = snapshots.store.customers.get(id);
				return current && current.attributes.last_event === stem && current.updated_at !== before && current;
			}, { what: `the customer after ${stem}` });
			log(`${stem}: ${JSON.stringify(customer)}`);
			return customer;
		};
		// The pings carry no name and (but for the upgrade) no tier: the workflow reads both from the
		// membership's latest sale. The restart's latest sale is unknown to Gumroad: what is stored stays.
		assert(snapshots.store.customers.size === 0, 'no customers yet');
		const fixture = gumroad.fixture('subscription_updated');
		const latestSale = (stem) => gumroad.fixture(stem).purchase_ids.at(-1);
		for (const stem of ['subscription_updated', 'subscription_ended']) {
			gumroad.addSale({ id: latestSale(stem), product_id: fixture.product_id, product_name: fixture.product_name, email: fixture.user_email, full_name: 'Jane Doe', subscription_id: id, variants: { Tier: 'Team' } });
		}

		const upgraded = await deliver('subscription_updated');
		assert(upgraded.email === 'jane.doe@example.com', `email (${upgraded.email})`);
		assert(upgraded.name === 'Jane Doe', `the name read from the latest sale (${upgraded.name})`);
		assert(upgraded.plan === 'Team', `plan is the new tier (${upgraded.plan})`);
		assert(upgraded.attributes.status === 'active' && upgraded.attributes.tier === 'Team', 'active on Team');
		assert(upgraded.attributes.previous_tier === 'Pro' && upgraded.attributes.change === 'upgrade', 'upgrade from Pro');

		await new Promise((resolve) => setTimeout(resolve, 5));
		const ended = await deliver('subscription_ended');
		assert(ended.plan === 'Team', `the plan keeps its name when the membership ends (${ended.plan})`);
		assert(ended.attributes.status === 'ended' && ended.attributes.ended_reason === 'cancelled', 'status ended, reason cancelled');
		assert(ended.attributes.tier === 'Team', `the tier of the latest sale (${ended.attributes.tier})`);
		assert(ended.created_at === upgraded.created_at, 'the same customer');

		await new Promise((resolve) => setTimeout(resolve, 5));
		const restarted = await deliver('subscription_restarted');
		assert(restarted.plan === 'Team', `plan kept while the latest sale cannot be read (${restarted.plan})`);
		assert(restarted.attributes.status === 'active' && restarted.attributes.restarted_at === '2026-06-01T08:15:30Z', 'status active, restart time');
		assert(restarted.attributes.tier === 'Team', 'the tier is still known');
		assert(restarted.name === 'Jane Doe' && restarted.created_at === upgraded.created_at, 'still the original customer, name kept');
		assert(snapshots.store.customers.size === 1, `one customer (${snapshots.store.customers.size})`);
		const lookups = gumroad.requests.slice(requestsBefore).filter((r) => r.method === 'GET' && r.path.startsWith('/v2/sales/')).map((r) => decodeURIComponent(r.path.slice('/v2/sales/'.length)));
		assert(JSON.stringify(lookups) === JSON.stringify(['subscription_updated', 'subscription_ended', 'subscription_restarted'].map(latestSale)), `one lookup of the latest sale per ping (${lookups})`);
	},
};
