// Snapshots locations with an e-mail and a tier enrich HighLevel contacts: custom field
// "Snapshots Tier" and a tier-<tier> tag (older tier tags replaced, other tags kept).
export default {
	workflow: '10-snapshots-tier-to-highlevel-contact.json',
	async run({ doubles: { snapshots, highLevel }, E2E, assert, execute }) {
		// 120 locations without e-mail (two pages of the API) and five after them that have one.
		snapshots.seedLocations(120);
		const t = new Date().toISOString();
		const put = (location_id, extra) =>
			snapshots.store.locations.set(location_id, { location_id, name: location_id, timezone: 'UTC', created_at: t, updated_at: t, ...extra });
		put('u_ada', { email: 'ada@example.com', tier: 'Pro', region: 'Germany' });
		put('u_bob', { email: 'Bob@Example.com', tier: 'Team' });
		put('u_cy', { email: 'cy@example.com', tier: 'Team Plus' });
		put('u_dee', { email: 'dee@example.com', tier: null });
		put('u_eve', { email: '', tier: 'Pro' });
		// Bob is already a contact, with a tag of his own and an older tier tag.
		const [bob] = highLevel.seedContacts(E2E.locationId, 1, { email: 'bob@example.com', firstName: 'Bob', tags: ['customer', 'tier-basic'] });
		const tierField = highLevel.store.customFields.get(E2E.locationId).find((field) => field.name === 'Snapshots Tier');
		const contactsBefore = highLevel.store.contacts.size;
		// Other scenarios of the same run may have left locations (and contacts) behind: every
		// location with an e-mail and a tier counts.
		const normalisedTag = (tier) => `tier-${String(tier).trim().toLowerCase().replace(/\s+/g, '-')}`;
		const enriched = [...snapshots.store.locations.values()]
			.filter((l) => typeof l.email === 'string' && l.email && l.tier)
			.map((l) => [l.email.toLowerCase(), l.tier, normalisedTag(l.tier)]);
		const emailsBefore = new Set([...highLevel.store.contacts.values()].map((c) => c.email?.toLowerCase()));
		const expectedNew = new Set(enriched.map(([email]) => email).filter((email) => !emailsBefore.has(email))).size;
		const requestsBefore = snapshots.requests.length;

		// Set-up sanity, before any run: the expectations below do include the seeded locations.
		assert(['ada@example.com', 'bob@example.com', 'cy@example.com'].every((e) => enriched.some(([email]) => email === e)), 'the seeded locations count');
		assert(expectedNew >= 2, 'Ada and Cy are new');

		const contactOf = (email) => [...highLevel.store.contacts.values()].filter((c) => c.email?.toLowerCase() === email);
		const check = (label) => {
			// Literal expectations, independent of this scenario's own tag function.
			assert(contactOf('cy@example.com')[0]?.tags.includes('tier-team-plus'), `${label}: "Team Plus" became the one tag tier-team-plus`);
			assert(contactOf('ada@example.com')[0]?.tags.includes('tier-pro'), `${label}: Ada is tagged tier-pro`);
			for (const [email, tier, tag] of enriched) {
				const found = contactOf(email);
				assert(found.length === 1, `${label}: one contact for ${email} (${found.length})`);
				const [contact] = found;
				const value = contact.customFields.find((v) => v.id === tierField.id)?.value;
				assert(value === tier, `${label}: Snapshots Tier of ${email} is ${tier} (${value})`);
				const tierTags = contact.tags.filter((x) => x.startsWith('tier-'));
				assert(tierTags.length === 1 && tierTags[0] === tag, `${label}: tag ${tag} of ${email} (${contact.tags})`);
			}
			const bobNow = contactOf('bob@example.com')[0];
			assert(bobNow.id === bob.id && bobNow.firstName === 'Bob', `${label}: Bob's contact was updated, not replaced`);
			assert(bobNow.tags.includes('customer') && !bobNow.tags.includes('tier-basic'), `${label}: Bob keeps his tag, loses the old tier (${bobNow.tags})`);
			assert(contactOf('dee@example.com').length === 0, `${label}: no contact for a location without a tier`);
			assert(highLevel.store.contacts.size === contactsBefore + expectedNew, `${label}: ${expectedNew} new contacts (${highLevel.store.contacts.size - contactsBefore})`);
		};

		await execute(); // throws when the run fails
		check('first run');
		const pages = snapshots.requests.slice(requestsBefore).filter((r) => r.method === 'GET' && r.path.endsWith('/locations'));
		const expectedPages = Math.ceil(snapshots.store.locations.size / 100);
		assert(expectedPages >= 2 && pages.length === expectedPages, `all locations were read, in ${expectedPages} pages (${pages.length})`);

		// A second run changes nothing.
		await execute();
		check('second run');
	},
};
