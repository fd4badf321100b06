import { ping, countRunsFromNow } from '../gumroadPings.mjs';
// A recurring charge → a follow-up task due 3 days after it; a first (non-recurring) sale → no
// task. Pings go only to this workflow's subscription (other templates subscribe to sales too).
const DAY_MS = 24 * 60 * 60 * 1000;

export default {
	workflow: '05-gumroad-renewal-to-highlevel-follow-up.json',
	async run(ctx) {
		const { doubles: { gumroad, highLevel }, waitFor, assert } = ctx;
		const finishedRuns = await countRunsFromNow(ctx);
		// The fixtures, for a buyer of their own (other scenarios' pings of the fixtures may have run this workflow).
		const email = 'rene.renewal@example.com';
		const renewal = { ...gumroad.fixture('sale-recurring'), email, full_name: 'Rene Renewal', sale_id: 'RenewalSale000000002==' };
		const title = `Follow up on renewal of ${renewal.product_name}`;
		const followUps = () => {
			const contact = [...highLevel.store.contacts.values()].find((c) => c.email?.toLowerCase() === renewal.email);
			return [...highLevel.store.tasks.values()].filter((t) => t.contactId === contact?.id && t.title === title);
		};

		await ping(ctx, 'sale', renewal);
		const [task] = await waitFor(() => followUps().length && followUps(), { what: `the task "${title}"` });
		assert(Date.parse(task.dueDate) === Date.parse(renewal.sale_timestamp) + 3 * DAY_MS, `due 3 days after the charge (${task.dueDate})`);
		assert(task.completed === false, 'the task is open');
		assert(task.body.includes(`#${renewal.order_number}`) && task.body.includes('15.00 USD'), `the body names the charge (${task.body})`);
		await finishedRuns(1);

		// The first purchase of the same membership is not a renewal: the workflow runs, no task.
		const firstSale = { ...gumroad.fixture('sale'), email, full_name: 'Rene Renewal', sale_id: 'RenewalSale000000001==' };
		assert(!firstSale.is_recurring_charge && firstSale.sale_id !== renewal.sale_id, 'the fixture sale is a different, first purchase');
		await ping(ctx, 'sale', firstSale);
		await finishedRuns(2);
		assert(followUps().length === 1, `still one follow-up task (${followUps().length})`);
		assert(
			![...highLevel.store.tasks.values()].some((t) => t.title.startsWith('Follow up on renewal') && t.body?.includes(`#${firstSale.order_number}`)),
			'no follow-up task mentions the first purchase',
		);
	},
};
