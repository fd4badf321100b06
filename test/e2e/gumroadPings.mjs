// Helpers of the e2e scenarios. Several shipped workflows subscribe to the same Gumroad events,
// so a scenario pings only its own workflow's subscription and counts only the runs it started.

/**
 * Sends a ping to this workflow's own Gumroad subscription, as Gumroad would (`options` as the
 * double's sendPing takes them, e.g. `{ retryCount: 1 }`), and returns Gumroad's view of the answer.
 */
export async function ping(ctx, resourceName, payload, options) {
	const trigger = ctx.workflow.nodes.find((node) => node.type.endsWith('.gumroadTrigger'));
	const ours = () =>
		[...ctx.doubles.gumroad.store.subscriptions.values()].filter((s) => s.post_url.includes(`/webhook/${trigger.webhookId}/`));
	// n8n may still be activating the workflows (subscribing at Gumroad) when it reports ready.
	await ctx.waitFor(() => trigger.parameters.events.every((event) => ours().some((s) => s.resource_name === event)), {
		what: `the workflow's subscriptions to ${trigger.parameters.events}`,
	});
	// Until n8n has saved the activation's static data, the trigger does not know the URL's secret
	// yet and answers 401 without starting the workflow: resend until it knows it.
	const result = await ctx.waitFor(
		async () => {
			const subscriptions = ours().filter((s) => s.resource_name === resourceName);
			ctx.assert(subscriptions.length === 1, `the workflow subscribed once to ${resourceName} (${subscriptions.length})`);
			const sent = await ctx.doubles.gumroad.sendPing(subscriptions[0].post_url, payload, options);
			return sent.status !== 401 && sent;
		},
		{ what: `the trigger to accept the ${resourceName} ping` },
	);
	ctx.assert(result.status === 200, `the ${resourceName} ping was accepted (${result.status} ${result.body})`);
	return result;
}

/** From now on: waits for exactly n new runs of this workflow, all successful (earlier scenarios' pings may have run it too). */
export async function countRunsFromNow(ctx) {
	const before = new Set((await ctx.executions()).map((run) => run.id));
	return async (n) =>
		await ctx.waitFor(async () => {
			const runs = (await ctx.executions()).filter((run) => !before.has(run.id));
			return runs.length === n && runs.every((run) => run.status === 'success') && runs;
		}, { what: `${n} successful runs of the workflow` });
}
