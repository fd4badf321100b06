// The Gumroad Polling Trigger through an outage: n8n is stopped while 20 sales are made, then
// started on the same database. Every buyer reaches HighLevel, once, with no manual step.
import { activateWorkflow, POLLED } from '../stack.mjs';

export default {
	workflow: '12-gumroad-sales-polling-to-highlevel-contact.json',
	async run({ workflow, doubles: { gumroad, highLevel }, assert, waitFor, rest, restartN8n, executions, log }) {
		assert(workflow.nodes.some((node) => node.type in POLLED), 'the template starts with a polling trigger');
		// Off until now, so it did not pick up the other scenarios' sales.
		await activateWorkflow(rest, workflow.id);
		const buyers = Array.from({ length: 20 }, (_, i) => `offline.buyer${i + 1}@example.com`);
		await restartN8n(async () => {
			for (const email of buyers) gumroad.addSale({ email, purchase_email: email, full_name: 'Offline Buyer' });
			log('20 sales made while n8n was stopped');
		});
		const contactsOf = (email) => [...highLevel.store.contacts.values()].filter((contact) => contact.email?.toLowerCase() === email);
		// The check at the restart, or the next Poll Time (every minute).
		await waitFor(() => buyers.every((email) => contactsOf(email).length > 0), { timeoutMs: 150_000, intervalMs: 1000, what: 'all 20 buyers in HighLevel' });
		const runs = await waitFor(async () => {
			const list = await executions();
			return list.length > 0 && list.every((run) => run.stoppedAt) && list;
		}, { what: 'the runs to finish' });
		assert(runs.every((run) => run.status === 'success'), `every run succeeded (${runs.map((run) => run.status)})`);
		for (const email of buyers) assert(contactsOf(email).length === 1, `${email} exists once in HighLevel (${contactsOf(email).length})`);
		await rest(`/workflows/${workflow.id}/deactivate`, { method: 'POST' });
	},
};
