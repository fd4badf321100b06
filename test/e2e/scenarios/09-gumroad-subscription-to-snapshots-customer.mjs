import { ping } from '../gumroadPings.mjs';

// Upgrade, end and restart of one Gumroad membership, each reflected in its Snapshots customer.
export default {
	workflow: '09-gumroad-subscription-to-snapshots-customer.json',
	async run(ctx) {
		const { doubles: { gumroad, snapshots }, waitFor, assert, log } = ctx;
		const id = gumroad.fixture('subscription_updated').subscription_id;
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
		// The customer exists with a name (e.g. from a sign-up flow); the pings carry none and keep it.
		assert(snapshots.store.customers.size === 0, 'no customers yet');
		const t = new Date(Date.now() - 60_000).toISOString();
		snapshots.store.customers.set(id, { customer_id: id, email: 'jane.doe@example.com', name: 'Jane Doe', plan: 'Pro', attributes: { source: 'signup' }, created_at: t, updated_at: t });

		const upgraded = await deliver('subscription_updated');
		assert(upgraded.email === 'jane.doe@example.com', `email (${upgraded.email})`);
		assert(upgraded.name === 'Jane Doe' && upgraded.attributes.source === 'signup', `name and other attributes kept (${upgraded.name})`);
		assert(upgraded.plan === 'Team', `plan is the new tier (${upgraded.plan})`);
		assert(upgraded.attributes.status === 'active' && upgraded.attributes.tier === 'Team', 'active on Team');
		assert(upgraded.attributes.previous_tier === 'Pro' && upgraded.attributes.change === 'upgrade', 'upgrade from Pro');

		await new Promise((resolve) => setTimeout(resolve, 5));
		const ended = await deliver('subscription_ended');
		assert(ended.plan === 'ended', `plan ended (${ended.plan})`);
		assert(ended.attributes.status === 'ended' && ended.attributes.ended_reason === 'cancelled', 'status ended, reason cancelled');
		assert(ended.attributes.tier === 'Team', `the last tier is kept (${ended.attributes.tier})`);
		assert(ended.created_at === upgraded.created_at, 'the same customer');

		await new Promise((resolve) => setTimeout(resolve, 5));
		const restarted = await deliver('subscription_restarted');
		assert(restarted.plan === 'active', `plan active again (${restarted.plan})`);
		assert(restarted.attributes.status === 'active' && restarted.attributes.restarted_at === '2026-06-01T08:15:30Z', 'status active, restart time');
		assert(restarted.attributes.tier === 'Team', 'the tier is still known');
		assert(restarted.name === 'Jane Doe' && restarted.created_at === t, 'still the original customer');
		assert(snapshots.store.customers.size === 1, `one customer (${snapshots.store.customers.size})`);
	},
};
