import { ping, countRunsFromNow } from '../gumroadPings.mjs';
// Sale → one note with the purchase and its checkout fields on the buyer's contact; the refund
// of the same sale updates that note rather than adding a second one. Pings go only to this
// workflow's subscriptions (other templates subscribe to the same Gumroad events).

export default {
	workflow: '03-gumroad-purchase-to-highlevel-note.json',
	async run(ctx) {
		const { doubles: { gumroad, highLevel }, waitFor, assert } = ctx;
		const email = 'nora.notes@example.com';
		const notesOf = (saleId) => {
			const contact = [...highLevel.store.contacts.values()].find((c) => c.email?.toLowerCase() === email);
			return [...highLevel.store.notes.values()].filter((n) => n.contactId === contact?.id && n.body.startsWith(`Gumroad sale ${saleId}`));
		};

		const finishedRuns = await countRunsFromNow(ctx);
		// A new contact (no notes yet) buys with two checkout fields.
		const sale = gumroad.addSale({
			email,
			full_name: 'Nora Notes',
			product_name: 'Pricing Playbook',
			price: 4900,
			custom_fields: { Company: 'Nora & Co', 'Accept newsletter': 'true' },
		});
		await ping(ctx, 'sale', gumroad.salePingFor(sale.id));
		const [note] = await waitFor(() => notesOf(sale.id).length && notesOf(sale.id), { what: 'the sale note' });
		for (const line of ['Status: Paid', 'Product: Pricing Playbook', 'Price: 49.00 USD', '- Company: Nora & Co', '- Accept newsletter: true']) {
			assert(note.body.includes(line), `the note has "${line}" (${JSON.stringify(note.body)})`);
		}

		// The refund of the same sale: the same note, now "Refunded".
		await ping(ctx, 'refund', gumroad.refundSale(sale.id));
		await waitFor(() => notesOf(sale.id)[0]?.body.includes('Status: Refunded'), { what: 'the note to say Refunded' });
		const notes = notesOf(sale.id);
		assert(notes.length === 1 && notes[0].id === note.id, `one note for the sale, updated (${notes.length})`);
		assert(notes[0].body.includes('- Company: Nora & Co'), 'the checkout fields are still there');
		await finishedRuns(2);
	},
};
