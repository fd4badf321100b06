export default {
	workflow: '01-gumroad-customer-to-highlevel-contact.json',
	async run({ doubles: { gumroad, highLevel }, waitFor, assert, executions }) {
		const sale = gumroad.fixture('sale');
		const attempts = await gumroad.deliver('sale', 'sale', { retry: false });
		assert(attempts.length === 1 && attempts[0].status === 200, `Gumroad's ping was accepted (${JSON.stringify(attempts.map((a) => a.status))})`);
		const contact = await waitFor(
			() => [...highLevel.store.contacts.values()].find((c) => c.email?.toLowerCase() === sale.email),
			{ what: 'the contact in HighLevel' },
		);
		assert(contact.firstName === 'Jane' && contact.lastName === 'Doe', `name set (${contact.firstName} ${contact.lastName})`);
		assert(contact.tags.includes('gumroad') && contact.tags.includes(sale.product_name.toLowerCase()), `tags set (${contact.tags})`);
		const field = highLevel.store.customFields.get('e2eLocation000000001').find((f) => f.name === 'GumroadCustomerId');
		assert(contact.customFields.some((v) => v.id === field.id && v.value === sale.purchaser_id), 'GumroadCustomerId set');

		// A retry of the same ping updates nothing twice and runs the workflow once.
		await gumroad.deliver('sale', 'sale-retry1', { retry: false });
		await new Promise((resolve) => setTimeout(resolve, 1000));
		assert((await executions()).length === 1, 'one execution for the ping and its retry');
		assert([...highLevel.store.contacts.values()].filter((c) => c.email?.toLowerCase() === sale.email).length === 1, 'one contact');
	},
};
