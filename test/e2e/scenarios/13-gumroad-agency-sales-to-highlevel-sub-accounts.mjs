import { countRunsFromNow, ping } from '../gumroadPings.mjs';
// Template 13, an agency with two client sub-accounts where its app is installed: a sale of each
// client's product lands, once, in that client's sub-account (upsert with GumroadCustomerId,
// through the agency OAuth2 credential and a sub-account token per sub-account), nowhere else; a
// second sale of the same buyer updates that contact; a product missing from the mapping table
// writes nothing. Pings go only to this workflow's subscription.

/** The mapping table of the shipped template (its Code node), as the user would edit it. */
const PRODUCT_A = 'ClientAProduct000001A==';
const PRODUCT_B = 'ClientBProduct000001B==';

export default {
	workflow: '13-gumroad-agency-sales-to-highlevel-sub-accounts.json',
	async run(ctx) {
		const { doubles: { gumroad, highLevel }, E2E, assert, log } = ctx;
		const [subA, subB] = E2E.agency.subAccounts.map(({ id }) => id);
		const code = ctx.workflow.nodes.find((node) => node.name === 'Sub-Account per Product').parameters.jsCode;
		assert(code.includes(`'${PRODUCT_A}': '${subA}'`) && code.includes(`'${PRODUCT_B}': '${subB}'`), 'the template maps the two products to the two sub-accounts');

		const fieldId = (locationId) => highLevel.store.customFields.get(locationId)?.find?.((f) => f.name === 'GumroadCustomerId')?.id;
		const contactsOf = (email) => [...highLevel.store.contacts.values()].filter((c) => c.email?.toLowerCase() === email);
		const base = gumroad.fixture('sale');
		const saleOf = (product, email, n, extra = {}) => ({
			...base,
			product_id: product,
			product_name: product === PRODUCT_A ? 'Client A Course' : product === PRODUCT_B ? 'Client B Ebook' : 'Unmapped Product',
			email,
			full_name: 'Agency Buyer',
			sale_id: `E2eAgencySale${String(n).padStart(3, '0')}xxxxxxx==`,
			purchaser_id: `99913000000${n}`,
			...extra,
		});
		const tokenRequests = () => highLevel.requests.filter((r) => r.path === '/oauth/locationToken').length;
		const tokensBefore = tokenRequests();
		const finishedRuns = await countRunsFromNow(ctx);

		const buyerA = 'agency.buyer.a@example.com';
		const buyerB = 'agency.buyer.b@example.com';
		await ping(ctx, 'sale', saleOf(PRODUCT_A, buyerA, 1));
		await ping(ctx, 'sale', saleOf(PRODUCT_B, buyerB, 2));
		await finishedRuns(2);
		for (const [email, locationId, product, purchaser] of [
			[buyerA, subA, 'Client A Course', '999130000001'],
			[buyerB, subB, 'Client B Ebook', '999130000002'],
		]) {
			const contacts = contactsOf(email);
			assert(contacts.length === 1, `${email}: one contact in all of HighLevel (${contacts.map((c) => c.locationId)})`);
			const [contact] = contacts;
			assert(contact.locationId === locationId, `${email} is in ${locationId} (${contact.locationId})`);
			const tags = (contact.tags ?? []).map((tag) => tag.toLowerCase());
			assert(tags.includes('gumroad') && tags.includes(product.toLowerCase()), `${email} tagged (${contact.tags})`);
			const field = contact.customFields?.find((f) => f.id === fieldId(locationId));
			assert(field?.value === purchaser, `${email} has GumroadCustomerId ${purchaser} from its sub-account's own field (${JSON.stringify(contact.customFields)})`);
		}
		// One sub-account token each, from the agency token (POST /oauth/locationToken).
		assert(tokenRequests() - tokensBefore === 2, `two sub-account tokens issued (${tokenRequests() - tokensBefore})`);
		const upserts = highLevel.requests.filter((r) => r.path === '/contacts/upsert' && [subA, subB].includes(r.body?.locationId));
		assert(upserts.every((r) => r.status === 200 || r.status === 201), `the upserts succeeded (${upserts.map((r) => r.status)})`);

		// The same buyer again, for client A: updated, not duplicated; the token is reused.
		await ping(ctx, 'sale', saleOf(PRODUCT_A, buyerA, 3, { full_name: 'Agency Buyer Renamed' }));
		// A product nobody mapped: the run ends at "Sub-Account Found?", nothing reaches HighLevel.
		const sentBefore = highLevel.requests.length;
		await ping(ctx, 'sale', saleOf('UnmappedProduct00000==', 'agency.unmapped@example.com', 4));
		await finishedRuns(4);
		assert(contactsOf(buyerA).length === 1 && contactsOf(buyerA)[0].lastName === 'Buyer Renamed', `${buyerA} updated once (${JSON.stringify(contactsOf(buyerA).map((c) => [c.locationId, c.lastName]))})`);
		assert(contactsOf('agency.unmapped@example.com').length === 0, 'no contact for an unmapped product');
		assert(
			!highLevel.requests.slice(sentBefore).some((r) => r.body?.email === 'agency.unmapped@example.com'),
			'nothing sent to HighLevel for the unmapped product',
		);
		assert(tokenRequests() - tokensBefore === 2, `the sub-account tokens were reused (${tokenRequests() - tokensBefore} issued)`);
		log(`client A: ${contactsOf(buyerA).length} contact, client B: ${contactsOf(buyerB).length}; ${tokenRequests() - tokensBefore} sub-account tokens`);
	},
};
