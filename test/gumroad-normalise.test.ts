import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseQuerystring } from 'node:querystring';

import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import {
	GUMROAD_RESOURCE_NAMES,
	isGumroadTestPing,
	normaliseGumroadPing,
	normaliseGumroadRecord,
	parseGumroadFormBody,
	unflattenGumroadForm,
} from '../nodes/shared/gumroad/normalise';
import { FIXTURES_DIR } from './doubles/gumroad/server.mjs';

// The ping fixtures the Gumroad double sends (see test/fixtures/README.md): one folder, one owner.
const FIXTURES = FIXTURES_DIR;

const stems = readdirSync(FIXTURES)
	.filter((file) => file.endsWith('.json') && !file.endsWith('.n8n-querystring.json'))
	.map((file) => file.slice(0, -'.json'.length))
	.sort();

interface Fixture {
	form: string;
	typed: IDataObject;
	querystring: IDataObject;
}

function fixture(stem: string): Fixture {
	const read = (suffix: string) => readFileSync(join(FIXTURES, `${stem}${suffix}`), 'utf8');
	return {
		form: read('.form.txt'),
		typed: JSON.parse(read('.json')) as IDataObject,
		querystring: JSON.parse(read('.n8n-querystring.json')) as IDataObject,
	};
}

/** What the wire keeps of a typed payload: every scalar as text, nil as ''. */
function asWireStrings(value: unknown): unknown {
	if (value === null) return '';
	if (Array.isArray(value)) return value.map(asWireStrings);
	if (typeof value === 'object') {
		return Object.fromEntries(Object.entries(value as object).map(([key, child]) => [key, asWireStrings(child)]));
	}
	return String(value);
}

/** n8n's body parser, applied to a body we edited. */
const n8nBody = (form: string) => ({ ...parseQuerystring(form) }) as IDataObject;

describe('fixtures', () => {
	it('are all there', () => {
		expect(stems).toEqual(
			expect.arrayContaining([
				'sale',
				'sale-recurring',
				'sale-retry1',
				'refund',
				'dispute',
				'cancellation',
				'subscription_updated',
				'subscription_ended',
				'subscription_restarted',
			]),
		);
	});

	describe.each(stems)('%s', (stem) => {
		const { form, typed, querystring } = fixture(stem);

		it('n8n-querystring.json is what querystring.parse makes of the body', () => {
			expect(n8nBody(form)).toEqual(querystring);
		});

		it('parseGumroadFormBody gives the typed payload as strings, from a string and a Buffer', () => {
			expect(parseGumroadFormBody(form)).toEqual(asWireStrings(typed));
			expect(parseGumroadFormBody(Buffer.from(form, 'utf8'))).toEqual(asWireStrings(typed));
		});

		it('unflattenGumroadForm of n8n’s flat body gives the same nested strings', () => {
			expect(unflattenGumroadForm(querystring)).toEqual(asWireStrings(typed));
		});

		it('normaliseGumroadPing of n8n’s flat body contains the typed payload exactly', () => {
			expect(normaliseGumroadPing(querystring)).toMatchObject(typed);
		});

		it('normaliseGumroadPing of the parsed raw body contains the typed payload exactly', () => {
			expect(normaliseGumroadPing(parseGumroadFormBody(form))).toMatchObject(typed);
		});

		it('normaliseGumroadPing of a JSON ping (zapier hosts) contains the typed payload exactly', () => {
			expect(normaliseGumroadPing(typed)).toMatchObject(typed);
		});

		it('adds the event name, is_test, amounts; no raw unless asked', () => {
			const event = normaliseGumroadPing(querystring);
			expect(event.event).toBe(typed.resource_name);
			expect(event.is_test).toBe(false);
			expect(event.amounts).toBeTypeOf('object');
			expect(event).not.toHaveProperty('raw');
			expect(event).not.toHaveProperty('standard_fields_replaced_by_custom_fields');
		});

		it('does not change its input', () => {
			const before = JSON.parse(JSON.stringify(querystring));
			normaliseGumroadPing(querystring, { includeRaw: true });
			expect(querystring).toEqual(before);
		});
	});
});

describe('event names', () => {
	it('are the 8 resource names', () => {
		expect([...GUMROAD_RESOURCE_NAMES].sort()).toEqual(
			[
				'cancellation',
				'dispute',
				'dispute_won',
				'refund',
				'sale',
				'subscription_ended',
				'subscription_restarted',
				'subscription_updated',
			].sort(),
		);
	});

	it.each([
		['sale', 'sale'],
		['sale-recurring', 'sale'],
		['sale-retry1', 'sale'],
		['refund', 'refund'],
		['dispute', 'dispute'],
		['cancellation', 'cancellation'],
		['subscription_updated', 'subscription_updated'],
		['subscription_ended', 'subscription_ended'],
		['subscription_restarted', 'subscription_restarted'],
	])('%s → %s', (stem, event) => {
		expect(normaliseGumroadPing(fixture(stem).querystring).event).toBe(event);
	});

	it('dispute_won: a dispute ping with resource_name=dispute_won', () => {
		const form = fixture('dispute').form.replace('resource_name=dispute', 'resource_name=dispute_won').replace('dispute_won=false', 'dispute_won=true');
		const event = normaliseGumroadPing(n8nBody(form));
		expect(event).toMatchObject({ event: 'dispute_won', resource_name: 'dispute_won', disputed: true, dispute_won: true });
	});

	it('a resource name Gumroad may add later is passed on, not refused', () => {
		const event = normaliseGumroadPing({ ...fixture('sale').querystring, resource_name: 'payout' });
		expect(event.event).toBe('payout');
	});
});

describe('test pings', () => {
	const sale = fixture('sale').querystring;

	it('Settings "Send test ping": test=true and no resource_name → event "test"', () => {
		const { resource_name: _dropped, ...withoutResourceName } = sale;
		const ping = { ...withoutResourceName, test: 'true' };
		expect(isGumroadTestPing(ping)).toBe(true);
		const event = normaliseGumroadPing(ping);
		expect(event).toMatchObject({ event: 'test', is_test: true, test: true, price: 1200 });
		expect(event).not.toHaveProperty('resource_name');
	});

	it('no resource_name alone is a test ping too', () => {
		const { resource_name: _dropped, ...withoutResourceName } = sale;
		expect(isGumroadTestPing(withoutResourceName)).toBe(true);
		expect(normaliseGumroadPing(withoutResourceName).event).toBe('test');
	});

	it('a seller’s own test purchase keeps its event and is flagged', () => {
		const ping = { ...sale, test: 'true' };
		expect(isGumroadTestPing(ping)).toBe(true);
		expect(normaliseGumroadPing(ping)).toMatchObject({ event: 'sale', is_test: true });
	});

	it('real pings are not test pings, in any shape', () => {
		expect(isGumroadTestPing(sale)).toBe(false);
		expect(isGumroadTestPing(fixture('sale').typed)).toBe(false);
		expect(isGumroadTestPing(normaliseGumroadPing(sale))).toBe(false);
		expect(isGumroadTestPing(fixture('cancellation').querystring)).toBe(false);
	});
});

describe('money', () => {
	it('sale: USD cents → amounts', () => {
		const { amounts } = normaliseGumroadPing(fixture('sale').querystring);
		expect(amounts).toEqual({
			price: { cents: 1200, amount: 12, currency: 'USD' },
			gumroad_fee: { cents: 170, amount: 1.7, currency: 'USD' },
		});
	});

	it('refund of a EUR product: price and fee are still USD cents, currency stays the product’s', () => {
		const event = normaliseGumroadPing(parseGumroadFormBody(fixture('refund').form));
		expect(event.currency).toBe('eur');
		expect(event.price).toBe(2714);
		expect(event.amounts).toEqual({
			price: { cents: 2714, amount: 27.14, currency: 'USD' },
			gumroad_fee: { cents: 321, amount: 3.21, currency: 'USD' },
		});
	});

	it('no float artefacts', () => {
		const { amounts } = normaliseGumroadPing({ ...fixture('sale').querystring, price: '1999', gumroad_fee: '29' });
		const { price, gumroad_fee } = amounts as Record<string, IDataObject>;
		expect(price.amount).toBe(19.99);
		expect(String(price.amount)).toBe('19.99');
		expect(String(gumroad_fee.amount)).toBe('0.29');
	});

	it('optional money fields: shipping, affiliate credit, gift price', () => {
		const event = normaliseGumroadPing({
			...fixture('sale').querystring,
			shipping_rate: '500',
			affiliate_credit_amount_cents: '240',
			gift_price: '1200',
		});
		expect(event).toMatchObject({ shipping_rate: 500, affiliate_credit_amount_cents: 240, gift_price: 1200 });
		expect(event.amounts).toMatchObject({
			shipping_rate: { cents: 500, amount: 5, currency: 'USD' },
			affiliate_credit: { cents: 240, amount: 2.4, currency: 'USD' },
			gift_price: { cents: 1200, amount: 12, currency: 'USD' },
		});
	});

	it('subscription_updated: plan prices are in the product currency, unknown unless given', () => {
		const { querystring } = fixture('subscription_updated');
		expect(normaliseGumroadPing(querystring).amounts).toEqual({
			old_plan_price: { cents: 1500, amount: 15, currency: null },
			new_plan_price: { cents: 15000, amount: 150, currency: null },
		});
		expect(normaliseGumroadPing(querystring, { productCurrency: 'eur' }).amounts).toEqual({
			old_plan_price: { cents: 1500, amount: 15, currency: 'EUR' },
			new_plan_price: { cents: 15000, amount: 150, currency: 'EUR' },
		});
		// Yen have no minor unit: Gumroad's "cents" are whole yen.
		expect(normaliseGumroadPing(querystring, { productCurrency: 'jpy' }).amounts).toMatchObject({
			old_plan_price: { cents: 1500, amount: 1500, currency: 'JPY' },
		});
	});

	it('subscription events without plans have no amounts', () => {
		expect(normaliseGumroadPing(fixture('cancellation').querystring).amounts).toEqual({});
	});
});

describe('purchase_ids', () => {
	const ID = 'FO8TXN-dvxYabdavG97Y-Q==';

	it('one id: a string in n8n’s body, an array in the output', () => {
		const { form } = fixture('cancellation');
		const single = form.replace('&purchase_ids%5B%5D=Xq3mB7nR0kLp2sVwYz9aHg%3D%3D', '');
		expect(single).not.toBe(form);
		const body = n8nBody(single);
		expect(body['purchase_ids[]']).toBe(ID);
		expect(unflattenGumroadForm(body).purchase_ids).toEqual([ID]);
		expect(parseGumroadFormBody(single).purchase_ids).toEqual([ID]);
		expect(normaliseGumroadPing(body).purchase_ids).toEqual([ID]);
		expect(normaliseGumroadPing(parseGumroadFormBody(single)).purchase_ids).toEqual([ID]);
	});

	it('a JSON ping with one id keeps its array', () => {
		expect(normaliseGumroadPing({ ...fixture('cancellation').typed, purchase_ids: [ID] }).purchase_ids).toEqual([ID]);
	});
});

describe('custom fields, variants and other free text', () => {
	/** The sale body with extra pairs spliced in before `custom_fields[...]`, as Gumroad orders them. */
	function saleWith(topLevel: string, customFields: string): string {
		const { form } = fixture('sale');
		return form.replace('custom_fields%5BTwitter', `${topLevel}&${customFields}&custom_fields%5BTwitter`);
	}

	it('number-looking values stay strings; checkbox true/false become booleans in custom_fields', () => {
		const form = saleWith(
			'Member%20number=00123&I%20agree=true',
			'custom_fields%5BMember%20number%5D=00123&custom_fields%5BI%20agree%5D=true',
		).replace('variants%5BTier%5D=Pro', 'variants%5BTier%5D=Pro&variants%5BSeats%5D=42');
		for (const event of [normaliseGumroadPing(n8nBody(form)), normaliseGumroadPing(parseGumroadFormBody(form))]) {
			expect(event.custom_fields).toEqual({
				'Member number': '00123',
				'I agree': true,
				'Twitter handle': '@janedoe',
				'Company [optional]': 'Acme, Inc.',
			});
			expect(event['Member number']).toBe('00123');
			expect(event['I agree']).toBe(true);
			expect(event.variants).toEqual({ Tier: 'Pro', Seats: '42' });
		}
	});

	it('a value that merely contains true is text', () => {
		const form = saleWith('Note=true%20story', 'custom_fields%5BNote%5D=true%20story');
		expect((normaliseGumroadPing(n8nBody(form)).custom_fields as IDataObject).Note).toBe('true story');
	});

	it('url_params and unknown fields are kept as strings, nested ones nested', () => {
		const event = normaliseGumroadPing({
			...fixture('sale').querystring,
			'url_params[ref]': '0042',
			future_field: '17',
			'future_hash[count]': '3',
			'future_list[]': 'only',
		});
		expect(event.url_params).toEqual({ utm_source: 'newsletter', utm_campaign: 'spring_launch', ref: '0042' });
		expect(event.future_field).toBe('17');
		expect(event.future_hash).toEqual({ count: '3' });
		expect(event.future_list).toEqual(['only']);
	});

	it('a percent sign in a name is decoded once only', () => {
		const form = saleWith('Discount%20%2550%25=yes', 'custom_fields%5BDiscount%20%2550%25%5D=yes');
		const event = parseGumroadFormBody(form);
		expect(event['Discount %50%']).toBe('yes');
		expect((event.custom_fields as IDataObject)['Discount %50%']).toBe('yes');
	});

	it('a custom field named like a standard key: standard typing holds, the clash is reported', () => {
		const form = saleWith(
			'', // Gumroad overwrites the standard keys in place rather than adding pairs:
			'custom_fields%5Bemail%5D=work%40example.org&custom_fields%5Bprice%5D=about%20ten&custom_fields%5Bcard%5D=no',
		)
			.replace('email=jane.doe%40example.com', 'email=work%40example.org')
			.replace('price=1200', 'price=about%20ten');
		for (const event of [normaliseGumroadPing(n8nBody(form)), normaliseGumroadPing(parseGumroadFormBody(form))]) {
			expect(event.email).toBe('work@example.org');
			expect(event.price).toBeNull();
			expect(event.amounts).not.toHaveProperty('price');
			expect(event.card).toMatchObject({ visual: '**** **** **** 4242', type: 'visa' });
			expect(event.standard_fields_replaced_by_custom_fields).toEqual(['email', 'price']);
			expect(event.custom_fields).toMatchObject({ email: 'work@example.org', price: 'about ten', card: 'no' });
		}
	});

	it('a custom-field copy sent as a repeated key leaves the standard value first', () => {
		const body = { ...fixture('sale').querystring, email: ['jane.doe@example.com', 'work@example.org'], 'custom_fields[email]': 'work@example.org' };
		const event = normaliseGumroadPing(body);
		expect(event.email).toBe('jane.doe@example.com');
		expect(event).not.toHaveProperty('standard_fields_replaced_by_custom_fields');
	});

	it('a custom field copy named "card" does not replace the card', () => {
		const form = saleWith('card=no', 'custom_fields%5Bcard%5D=no');
		expect(normaliseGumroadPing(n8nBody(form)).card).toEqual(fixture('sale').typed.card);
	});

	it('a key named __proto__ stays data', () => {
		const event = normaliseGumroadPing({ ...fixture('sale').querystring, '__proto__[polluted]': 'yes' });
		expect(({} as IDataObject).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
	});
});

describe('typing by name', () => {
	it('empty is null in every field: known, unknown, custom fields and their top-level copies, URL parameters, variants', () => {
		const event = normaliseGumroadPing({ ...fixture('cancellation').querystring, user_id: '', whatever: '' });
		expect(event).toMatchObject({ user_id: null, charge_occurrence_count: null, free_trial_ends_at: null, whatever: null });
		const sale = normaliseGumroadPing({
			...fixture('sale').querystring,
			'custom_fields[Phone]': '',
			Phone: '',
			'custom_fields[Company]': 'ACME',
			Company: 'ACME',
			'url_params[utm_source]': '',
			'variants[Size]': '',
		});
		expect(sale.custom_fields).toMatchObject({ Phone: null, Company: 'ACME' });
		expect(sale).toMatchObject({ Phone: null, Company: 'ACME', url_params: { utm_source: null }, variants: { Size: null } });
		const strings = JSON.stringify(sale, (_key, value: unknown) => (value === '' ? '<empty>' : value));
		expect(strings).not.toContain('<empty>');
	});

	it('subscription_updated plans', () => {
		const event = normaliseGumroadPing(fixture('subscription_updated').querystring);
		expect(event.old_plan).toEqual({ recurrence: 'monthly', price_cents: 1500, quantity: 1, tier: { id: 'G_-mnBf9b1j9A7a4ub4nFQ==', name: 'Pro' } });
		expect(event.new_plan).toMatchObject({ price_cents: 15000, quantity: 1 });
	});

	it('shipping fields: zip codes stay text', () => {
		const event = normaliseGumroadPing({
			...fixture('sale').querystring,
			zip_code: '01234',
			'shipping_information[zip_code]': '01234',
			'shipping_information[state]': '',
			is_recurring_charge: 'true',
			retry_count: '2',
			charge_occurrence_count: '12',
		});
		expect(event).toMatchObject({ zip_code: '01234', shipping_information: { zip_code: '01234', state: null }, is_recurring_charge: true, retry_count: 2, charge_occurrence_count: 12 });
	});
});

describe('timestamps', () => {
	it('Gumroad’s own form is kept exactly', () => {
		const event = normaliseGumroadPing(fixture('sale').querystring);
		expect(event.sale_timestamp).toBe('2026-03-14T16:22:05Z');
		const ended = normaliseGumroadPing(parseGumroadFormBody(fixture('subscription_ended').form));
		expect(ended).toMatchObject({ created_at: '2026-03-14T16:22:05Z', ended_at: '2026-05-14T16:24:02Z', free_trial_ends_at: null });
	});

	it('other spellings become ISO 8601 UTC; junk and empty become null', () => {
		const event = normaliseGumroadPing({
			...fixture('cancellation').querystring,
			created_at: '2026-03-14 16:22:05 UTC',
			cancelled_at: '2026-05-14T18:23:41+02:00',
			free_trial_ends_at: '2026-03-21',
			ended_at: 'soon',
			restarted_at: '2026-06-01T08:15:30.250Z',
			effective_as_of: '2026-06-01 08:15:30',
		});
		expect(event).toMatchObject({
			created_at: '2026-03-14T16:22:05Z',
			cancelled_at: '2026-05-14T16:23:41Z',
			free_trial_ends_at: '2026-03-21T00:00:00Z',
			ended_at: null,
			restarted_at: '2026-06-01T08:15:30.250Z',
			effective_as_of: '2026-06-01T08:15:30Z',
		});
	});
});

describe('includeRaw', () => {
	it('adds a copy of the input', () => {
		const { querystring } = fixture('sale');
		const event = normaliseGumroadPing(querystring, { includeRaw: true });
		expect(event.raw).toEqual(querystring);
		expect(event.raw).not.toBe(querystring);
	});

	it('or of what the caller passes as raw', () => {
		const { form, querystring } = fixture('refund');
		const event = normaliseGumroadPing(parseGumroadFormBody(form), { includeRaw: true, raw: querystring });
		expect(event.raw).toEqual(querystring);
		expect(normaliseGumroadPing(parseGumroadFormBody(form), { raw: querystring })).not.toHaveProperty('raw');
	});
});

describe('normaliseGumroadRecord', () => {
	const apiSale: IDataObject = {
		id: 'FO8TXN-dvxYabdavG97Y-Q==',
		email: 'jane.doe@example.com',
		seller_id: 'kL0paVL2SdmJSYsNs-OCMg==',
		created_at: '2026-03-14T16:22:05.000Z',
		product_name: 'Notion Second Brain Template',
		price: 2714,
		gumroad_fee: 321,
		currency_symbol: '€',
		formatted_display_price: '€25',
		refunded: false,
		order_id: 343932147,
		variants: { Version: 'Standard' },
		custom_fields: { 'Member number': '00123' },
	};

	it('sale: USD-cent amounts and ISO timestamps like the ping; nothing else changes', () => {
		const record = normaliseGumroadRecord('sale', apiSale);
		expect(record).toMatchObject({ ...apiSale, created_at: '2026-03-14T16:22:05Z' });
		expect(record.amounts).toEqual({
			price: { cents: 2714, amount: 27.14, currency: 'USD' },
			gumroad_fee: { cents: 321, amount: 3.21, currency: 'USD' },
		});
		expect(apiSale.created_at).toBe('2026-03-14T16:22:05.000Z');
	});

	it('sale record and sale ping of the same purchase share the amounts shape', () => {
		const ping = normaliseGumroadPing(fixture('refund').querystring);
		expect(normaliseGumroadRecord('sale', apiSale).amounts).toEqual(ping.amounts);
	});

	it('subscriber: timestamps, nulls', () => {
		const record = normaliseGumroadRecord('subscriber', {
			id: 'GazW4_NBcQy-o7Gjjng7lw==',
			purchase_ids: ['FO8TXN-dvxYabdavG97Y-Q=='],
			created_at: '2026-03-14T16:22:05Z',
			cancelled_at: null,
			ended_at: '',
			free_trial_ends_at: '2026-03-21T16:22:05+00:00',
			charge_occurrence_count: null,
			status: 'alive',
		});
		expect(record).toMatchObject({
			created_at: '2026-03-14T16:22:05Z',
			cancelled_at: null,
			ended_at: null,
			free_trial_ends_at: '2026-03-21T16:22:05Z',
			charge_occurrence_count: null,
			status: 'alive',
			amounts: {},
		});
	});

	it('product: price in the product currency', () => {
		const record = normaliseGumroadRecord('product', { id: 'e7xqFa2WL0E-qJlQ4WYJxA==', price: 2500, currency: 'eur', sales_usd_cents: 543210 });
		expect(record.amounts).toEqual({
			price: { cents: 2500, amount: 25, currency: 'EUR' },
			sales_usd: { cents: 543210, amount: 5432.1, currency: 'USD' },
		});
	});

	it('license verification: the purchase is normalised', () => {
		const record = normaliseGumroadRecord('license', {
			success: true,
			uses: 3,
			purchase: { sale_id: 'x', price: 1200, gumroad_fee: 170, sale_timestamp: '2026-03-14T16:22:05Z', subscription_cancelled_at: null },
		});
		expect(record).toMatchObject({ uses: 3, purchase: { sale_timestamp: '2026-03-14T16:22:05Z', subscription_cancelled_at: null, amounts: { price: { amount: 12, currency: 'USD' } } } });
	});

	it('user: unchanged', () => {
		const user = { user_id: 'kL0paVL2SdmJSYsNs-OCMg==', name: 'Maker', currency_type: 'usd' };
		expect(normaliseGumroadRecord('user', user)).toEqual(user);
	});
});
