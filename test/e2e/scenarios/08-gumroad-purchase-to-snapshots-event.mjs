import { ping as pingSubscription } from '../gumroadPings.mjs';

// Each Gumroad sale becomes exactly one Snapshots event, however often the workflow sees it.
//
// What this proves, layer by layer:
// 1. A Gumroad retry of a ping (retry_count=1) is dropped by the trigger itself: no second run.
// 2. A different sale is a different event.
// 3. The Snapshots side is idempotent on its own: the same Gumroad event run twice through the
//    Snapshots node (n8n's "Retry execution" of a failed run, done twice — what a user does after
//    an outage, and the one way to replay an item the trigger has already remembered) sends the
//    same derived event_id both times and the API keeps one event. The trigger cannot be made to
//    pass the same event twice (it remembers 1000), so this is the path that exercises it.
export default {
	workflow: '08-gumroad-purchase-to-snapshots-event.json',
	async run(ctx) {
		const { doubles: { gumroad, snapshots }, waitFor, assert, rest, executions, log } = ctx;
		const ping = (payload, options) => pingSubscription(ctx, 'sale', payload, options);
		const eventsOf = (saleId) => [...snapshots.store.events.values()].filter((event) => event.data?.sale_id === saleId);
		const finished = async (count) =>
			await waitFor(async () => {
				const list = await executions();
				return list.length === count && list.every((e) => !['new', 'running', 'waiting'].includes(e.status)) && list;
			}, { what: `${count} finished executions` });

		// 1. The sale, then Gumroad's retry of the same ping.
		const sale = gumroad.fixture('sale');
		await ping('sale');
		const [first] = await waitFor(() => eventsOf(sale.sale_id).length > 0 && eventsOf(sale.sale_id), { what: 'the event of the sale' });
		log(`event ${first.event_id} ${first.type} ${first.timestamp}`);
		assert(first.type === 'sale', `type (${first.type})`);
		assert(first.timestamp === sale.sale_timestamp, `timestamp is the sale's (${first.timestamp})`);
		assert(first.data.sale_id === sale.sale_id && first.data.product_name === sale.product_name && first.data.price === sale.price, `the sale's summary is the data (${JSON.stringify(first.data)})`);
		const personal = ['email', 'full_name', 'purchaser_id', 'card', 'license_key', 'ip_country', 'custom_fields'].filter((key) => key in first.data);
		assert(personal.length === 0, `no buyer or payment details sent (${personal})`);
		assert(/^gumroad_[0-9a-f]{40}$/.test(first.event_id), `a derived event ID (${first.event_id})`);
		const retry = await ping('sale', { retryCount: 1 });
		assert(/duplicate/.test(retry.body), `the trigger recognised the retry (${retry.body})`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		await finished(1);
		assert(eventsOf(sale.sale_id).length === 1, 'one event for the sale and its retry');

		// 2. Another sale: another event.
		const recurring = gumroad.fixture('sale-recurring');
		await ping('sale-recurring');
		await waitFor(() => eventsOf(recurring.sale_id).length === 1, { what: 'the event of the second sale' });
		await finished(2);
		assert(snapshots.store.events.size === 2, `two events (${snapshots.store.events.size})`);

		// 3. A third sale arrives while the Snapshots API is down (more failures than the node's 3 tries).
		const third = { ...sale, sale_id: 'ThirdSale0000000000001==', order_number: 524459998, sale_timestamp: '2026-05-01T09:00:00Z' };
		snapshots.failNext(3, 503);
		await ping(third);
		const afterFailure = await finished(3);
		const failed = afterFailure.find((e) => e.status === 'error');
		assert(failed, `the run failed (${afterFailure.map((e) => e.status)})`);
		assert(eventsOf(third.sale_id).length === 0, 'nothing stored while the API was down');
		// Gumroad got a 200 and will not retry; a resent ping is dropped by the trigger.
		assert(/duplicate/.test((await ping(third, { retryCount: 1 })).body), 'the trigger drops the resent ping');

		// The user retries the failed execution — twice (e.g. from two browser tabs).
		const postsOf = () => snapshots.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/events') && r.body?.data?.sale_id === third.sale_id);
		const before = postsOf().length;
		for (let i = 0; i < 2; i++) {
			const retried = await rest(`/executions/${failed.id}/retry`, { method: 'POST', body: JSON.stringify({ loadWorkflow: false }) });
			log(`retry ${i + 1}: ${JSON.stringify(retried).slice(0, 120)}`);
		}
		await finished(5);
		const sent = postsOf().slice(before);
		assert(sent.length === 2 && sent.every((r) => r.body.event_id === sent[0].body.event_id), `both retries sent the same event ID (${sent.map((r) => `${r.status} ${r.body.event_id}`)})`);
		assert(sent[0].status === 201 && sent[1].status === 200, `stored by the first, found by the second (${sent.map((r) => r.status)})`);
		assert(eventsOf(third.sale_id).length === 1, `one event for the third sale (${eventsOf(third.sale_id).length})`);
		assert(snapshots.store.events.size === 3, `three events in all (${snapshots.store.events.size})`);
	},
};
