// Template 01's Gumroad Trigger catches up the sales whose pings never arrived: 20 made while n8n
// is stopped (Gumroad's connection refused; n8n runs no node code for a webhook workflow when it
// starts, so the first ping after the start resumes the checks), one whose ping is lost while it
// runs (found at the regular check), and 3 made while the workflow is off. Each buyer reaches HighLevel once, each
// sale runs the workflow once, marked `delivery: catch-up`.
import { ping } from '../gumroadPings.mjs';
import { activateWorkflow } from '../stack.mjs';

export default {
	workflow: '01-gumroad-customer-to-highlevel-contact.json',
	async run(ctx) {
		const { workflow, doubles: { gumroad, highLevel }, assert, waitFor, rest, restartN8n, executions, runData, log } = ctx;
		// The e2e turns catch-up off everywhere (see run.mjs); back to the template's default here, checking every minute.
		const current = await rest(`/workflows/${workflow.id}`);
		const nodes = current.nodes.map((node) => {
			if (!node.type.endsWith('.gumroadTrigger')) return node;
			const { catchUpMissedSales, ...options } = node.parameters.options ?? {};
			return { ...node, parameters: { ...node.parameters, options: { ...options, catchUpIntervalMinutes: 1 } } };
		});
		const updated = await rest(`/workflows/${workflow.id}`, { method: 'PATCH', body: JSON.stringify({ nodes, connections: current.connections, versionId: current.versionId }) });
		await activateWorkflow(rest, workflow.id, updated.versionId);
		const trigger = nodes.find((node) => node.type.endsWith('.gumroadTrigger'));
		const ours = () => [...gumroad.store.subscriptions.values()].filter((s) => s.post_url.includes(`/webhook/${trigger.webhookId}/`) && s.resource_name === 'sale');
		await waitFor(() => ours().length === 1, { what: 'the re-activated trigger subscribed to sales' });

		const before = new Set((await executions()).map((run) => run.id));
		const contactsOf = (email) => [...highLevel.store.contacts.values()].filter((contact) => contact.email?.toLowerCase() === email);
		const allIn = (emails, what, timeoutMs = 120_000) =>
			waitFor(() => emails.every((email) => contactsOf(email).length > 0), { timeoutMs, intervalMs: 1000, what });

		const offline = Array.from({ length: 20 }, (_, i) => `down.buyer${i + 1}@example.com`);
		await restartN8n(async () => {
			for (const email of offline) {
				const { attempts } = await gumroad.sell({ email, full_name: 'Down Buyer' });
				const mine = attempts.filter((attempt) => attempt.subscriptionId === ours()[0].id);
				assert(mine.length === 1 && mine[0].status !== 200, `the ping to the stopped n8n failed (${JSON.stringify(mine.map((a) => a.status ?? a.error))})`);
			}
			log('20 sales made while n8n was stopped; their pings were refused');
		});
		const first = 'first.after.start@example.com';
		const kick = gumroad.addSale({ email: first, purchase_email: first, full_name: 'First After' });
		await ping({ ...ctx, workflow: { ...workflow, nodes } }, 'sale', gumroad.salePingFor(kick.id));
		await allIn([first, ...offline], 'the first buyer after the start, and the 20 caught up');

		// A ping that never arrives while n8n runs: the check every minute finds it.
		const lost = 'lost.ping@example.com';
		gumroad.addSale({ email: lost, purchase_email: lost, full_name: 'Lost Ping' });
		await allIn([lost], 'the buyer of the lost ping, at the next regular check', 150_000);

		// Sales while the workflow is off: Gumroad sends nothing (no subscription), the activation catches up.
		await rest(`/workflows/${workflow.id}/deactivate`, { method: 'POST' });
		// n8n answers before the trigger's delete() has removed the subscriptions.
		await waitFor(() => ours().length === 0, { what: 'the deactivated trigger unsubscribed' });
		const whileOff = ['off.buyer1@example.com', 'off.buyer2@example.com', 'off.buyer3@example.com'];
		for (const email of whileOff) {
			const { attempts } = await gumroad.sell({ email, full_name: 'Off Buyer' });
			assert(!attempts.some((attempt) => attempt.url.includes(trigger.webhookId)), 'no ping to an inactive workflow');
		}
		await activateWorkflow(rest, workflow.id, updated.versionId);
		await allIn(whileOff, 'the 3 buyers of the time the workflow was off');

		const buyers = [first, ...offline, lost, ...whileOff];
		for (const email of buyers) assert(contactsOf(email).length === 1, `${email} exists once in HighLevel (${contactsOf(email).length})`);
		// Past one more regular check: nothing comes twice.
		await new Promise((resolve) => setTimeout(resolve, 65_000));
		const runs = await waitFor(async () => {
			const list = (await executions()).filter((run) => !before.has(run.id));
			return list.every((run) => run.stoppedAt) && list;
		}, { what: 'the catch-up runs to finish' });
		assert(runs.every((run) => run.status === 'success'), `every run succeeded (${[...new Set(runs.map((run) => run.status))]})`);
		// What each run started with: one sale each, the ping as a ping, every other one marked.
		const emitted = await Promise.all(runs.map(async (run) => (await runData(run.id)).runData[trigger.name][0].data.main[0].map((item) => item.json)));
		const repeated = emitted.flat().filter((item, i, all) => all.findIndex((other) => other.email === item.email) !== i);
		assert(runs.length === buyers.length, `one run per missed sale (${runs.length} for ${buyers.length}; again: ${JSON.stringify(repeated.map((item) => [item.email, item.delivery]))})`);
		assert(emitted.every((items) => items.length === 1), 'one sale per run');
		const byEmail = new Map(emitted.map(([item]) => [item.email, item.delivery]));
		assert(byEmail.size === buyers.length && buyers.every((email) => byEmail.has(email)), `a run for each buyer (${[...byEmail.keys()]})`);
		assert(buyers.every((email) => byEmail.get(email) === (email === first ? undefined : 'catch-up')), `caught-up sales marked delivery: catch-up (${JSON.stringify([...byEmail])})`);
	},
};
