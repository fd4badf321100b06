// HighLevel ContactCreate (a workflow's Webhook action, with the shared secret in the URL) →
// one welcome e-mail to the contact, caught by the SMTP catcher. Without the secret: 401, no mail.
import { randomUUID } from 'node:crypto';

export default {
	workflow: '04-highlevel-contact-to-welcome-email.json',
	async run({ workflow, doubles: { smtp }, E2E, assert, waitFor, webhookUrl, executions }) {
		const trigger = workflow.nodes.find((node) => node.type.endsWith('.highLevelTrigger'));
		const email = 'welcome.test@example.com';
		const mailsTo = () => smtp.messages.filter((m) => m.to.some((to) => to.includes(email)));
		// The example of test/fixtures/highlevel/webhook-events/ContactCreate.md, with our address.
		const event = {
			type: 'ContactCreate',
			locationId: E2E.locationId,
			id: 'nmFmQEsNgz6AVpgLVUJ0',
			address1: '3535 1st St N',
			city: 'ruDolomitebika',
			state: 'AL',
			companyName: 'Loram ipsum',
			country: 'DE',
			source: 'xyz form',
			dateAdded: new Date().toISOString(),
			dnd: false,
			email,
			name: 'John Deo',
			firstName: 'John',
			lastName: 'Deo',
			phone: '+919509597501',
			postalCode: '452001',
			tags: ['id magna sed Lorem'],
			website: 'https://www.google.com/',
			attachments: [],
			customFields: [{ id: 'BcdmQEsNgz6AVpgLVUJ0', value: 'XYZ Corp' }],
			webhookId: randomUUID(),
			timestamp: new Date().toISOString(),
		};
		const post = (query) =>
			fetch(`${webhookUrl(trigger.webhookId)}${query}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(event),
			});

		// Without the secret, or with a wrong one: refused, nothing sent.
		assert((await post('')).status === 401, 'a POST without the secret is refused with 401');
		assert((await post('?secret=wrong')).status === 401, 'a POST with a wrong secret is refused with 401');
		await new Promise((resolve) => setTimeout(resolve, 1000));
		assert(mailsTo().length === 0, 'no e-mail for refused requests');
		assert((await executions()).length === 0, 'no execution for refused requests');

		const accepted = await post(`?secret=${encodeURIComponent(E2E.highLevelWebhookSecret)}`);
		assert(accepted.status === 200, `the event with the secret is accepted (${accepted.status})`);
		const [mail] = await waitFor(() => mailsTo().length && mailsTo(), { what: 'the welcome e-mail' });
		assert(/^Subject: Welcome aboard, John!$/m.test(mail.data), `the subject greets the contact (${mail.data.split('\n').find((l) => l.startsWith('Subject'))})`);
		assert(mail.data.includes('Hi John,'), 'the text greets the contact');

		// A redelivery of the same event (same webhookId) sends nothing more.
		assert((await post(`?secret=${encodeURIComponent(E2E.highLevelWebhookSecret)}`)).status === 200, 'the redelivery is acknowledged');
		await waitFor(async () => (await executions()).some((run) => run.status === 'success'), { what: 'the run to finish' });
		await new Promise((resolve) => setTimeout(resolve, 1000));
		assert(mailsTo().length === 1, `one e-mail (${mailsTo().length})`);
		assert((await executions()).length === 1, 'one execution');
	},
};
