import { ping } from '../gumroadPings.mjs';

// A Gumroad sale creates a Snapshots location keyed by the buyer; a guest buyer with a
// *Timezone* checkout field gets that time zone; a repeat purchase updates the same location.
export default {
	workflow: '07-gumroad-signup-to-snapshots-location.json',
	async run(ctx) {
		const { doubles: { gumroad, snapshots }, waitFor, assert, log } = ctx;
		const sale = gumroad.fixture('sale');
		// Other templates subscribe to sales too: ping only this workflow's subscription.
		const accepted = (payload) => ping(ctx, 'sale', payload);

		// 1. A buyer with a Gumroad account, no Timezone field.
		await accepted('sale');
		const location = await waitFor(() => snapshots.store.locations.get(sale.purchaser_id), { what: 'the location of the buyer' });
		log(`location ${JSON.stringify(location)}`);
		assert(location.name === 'Jane Doe', `name (${location.name})`);
		assert(location.timezone === 'UTC', `timezone defaults to UTC (${location.timezone})`);
		assert(location.region === 'Germany', `region from ip_country (${location.region})`);
		assert(location.onboarding_status === 'new', `onboarding_status (${location.onboarding_status})`);
		assert(location.email === sale.email, `email (${location.email})`);
		assert(location.tier === 'Pro', `tier from the variant (${location.tier})`);

		// 2. A guest buyer (no purchaser_id, no name) who filled in the Timezone checkout field.
		const guest = { ...sale, sale_id: 'GuestSale0000000000001==', order_number: 524459996, email: 'Guest.Buyer@Example.com', ip_country: 'France' };
		delete guest.purchaser_id;
		delete guest.full_name;
		delete guest.variants;
		delete guest['Twitter handle'];
		delete guest['Company [optional]'];
		guest.custom_fields = { Timezone: 'Europe/Berlin' };
		guest.Timezone = 'Europe/Berlin';
		await accepted(guest);
		const guestLocation = await waitFor(() => snapshots.store.locations.get('guest.buyer@example.com'), { what: 'the location of the guest buyer' });
		log(`guest location ${JSON.stringify(guestLocation)}`);
		assert(guestLocation.name === 'Guest.Buyer@Example.com', `name falls back to the e-mail (${guestLocation.name})`);
		assert(guestLocation.timezone === 'Europe/Berlin', `timezone from the checkout field (${guestLocation.timezone})`);
		assert(guestLocation.region === 'France' && guestLocation.onboarding_status === 'new', 'extra fields of the guest');
		assert(guestLocation.tier === null, `no tier without a variant (${guestLocation.tier})`);

		// 3. The first buyer buys again: same location, updated, nothing new.
		const before = location.updated_at;
		await new Promise((resolve) => setTimeout(resolve, 1100));
		await accepted({ ...sale, sale_id: 'RepeatSale000000000001==', order_number: 524459997, ip_country: 'Austria' });
		await waitFor(() => snapshots.store.locations.get(sale.purchaser_id)?.region === 'Austria', { what: 'the update of the first location' });
		const updated = snapshots.store.locations.get(sale.purchaser_id);
		assert(updated.created_at === location.created_at && updated.updated_at !== before, 'the same location was updated');
		assert(snapshots.store.locations.size === 2, `two locations in all (${[...snapshots.store.locations.keys()]})`);
	},
};
