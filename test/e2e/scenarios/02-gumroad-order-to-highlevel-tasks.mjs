import { ping, countRunsFromNow } from '../gumroadPings.mjs';
// Sale → "Fulfil Gumroad order #…" task on the buyer's contact; refund of that sale → the task
// is marked completed. Pings go only to this workflow's subscriptions: other templates in
// workflows/ subscribe to the same Gumroad events and would act on the same contacts.
const DAY_MS = 24 * 60 * 60 * 1000;

export default {
	workflow: '02-gumroad-order-to-highlevel-tasks.json',
	async run(ctx) {
		const { doubles: { gumroad, highLevel }, waitFor, assert } = ctx;
		const contactOf = (email) => [...highLevel.store.contacts.values()].find((c) => c.email?.toLowerCase() === email);
		const tasksOf = (email, title) =>
			[...highLevel.store.tasks.values()].filter((t) => t.contactId === contactOf(email)?.id && t.title === title);

		const finishedRuns = await countRunsFromNow(ctx);
		// 1. The fixture sale (for a buyer and order of its own): one open task, due two days after the sale.
		const sale = { ...gumroad.fixture('sale'), email: 'olly.orders@example.com', full_name: 'Olly Orders', sale_id: 'TasksSale00000000001==', order_number: 900000002 };
		await ping(ctx, 'sale', sale);
		const title = `Fulfil Gumroad order #${sale.order_number}`;
		const [task] = await waitFor(() => tasksOf(sale.email, title).length && tasksOf(sale.email, title), { what: `the task "${title}"` });
		assert(Date.parse(task.dueDate) === Date.parse(sale.sale_timestamp) + 2 * DAY_MS, `due 2 days after the sale (${task.dueDate})`);
		assert(task.completed === false, `the task is open (${task.completed})`);
		assert(task.body.includes(sale.product_name) && task.body.includes(sale.sale_id), `the body names product and sale (${task.body})`);

		// 2. A sale the Gumroad double knows (the trigger re-fetches refunded sales), then its refund.
		const stored = gumroad.addSale({ email: 'rita.refund@example.com', full_name: 'Rita Refund', product_name: 'Notion Second Brain Template', price: 2900 });
		const storedPing = gumroad.salePingFor(stored.id);
		await ping(ctx, 'sale', storedPing);
		const refundTitle = `Fulfil Gumroad order #${storedPing.order_number}`;
		await waitFor(() => tasksOf(storedPing.email, refundTitle).length === 1, { what: `the task "${refundTitle}"` });
		assert(tasksOf(storedPing.email, refundTitle)[0].completed === false, 'the second order starts open');

		await ping(ctx, 'refund', gumroad.refundSale(stored.id));
		await waitFor(() => tasksOf(storedPing.email, refundTitle)[0]?.completed === true, { what: 'the refunded order\'s task to be completed' });
		assert(tasksOf(storedPing.email, refundTitle).length === 1, 'the refund created no task');
		assert(tasksOf(sale.email, title).length === 1 && tasksOf(sale.email, title)[0].completed === false, 'the other order\'s task stays open');
		await finishedRuns(3);
	},
};
