// In-memory records of the Gumroad double: products, sales (API v2 shape), subscribers, licenses, resource
// subscriptions. Shapes follow Gumroad's API v2 docs (gumroad.com/api) and Purchase#as_json(version: 2),
// User::AsJson, Api::V2::SubscribersController in antiwork/gumroad. Only Node's standard library.
import { randomBytes, randomInt } from 'node:crypto';

/** 24-char URL-safe base64 ending in `==` (ObfuscateIds.encrypt / external ids). */
export const base64Id = () => randomBytes(16).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
/** 13-digit numeric string (User#external_id, purchaser_id, user_id). */
export const numericId13 = () => String(randomInt(1_000_000, 9_999_999)) + String(randomInt(100_000, 999_999));
/** 9-digit order number (Purchase#external_id_numeric = API `order_id` = ping `order_number`). */
export const orderNumber = () => randomInt(100_000_000, 999_999_999);
/** `XXXXXXXX-XXXXXXXX-XXXXXXXX-XXXXXXXX`. */
export const licenseKey = () => Array.from({ length: 4 }, () => randomBytes(4).toString('hex').toUpperCase()).join('-');
const slug = (n = 5) => {
  const abc = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return Array.from({ length: n }, () => abc[randomInt(0, abc.length)]).join('');
};

export const CURRENCY_SYMBOLS = /** @type {Record<string,string>} */ ({ usd: '$', eur: '€', gbp: '£', jpy: '¥', inr: '₹', aud: 'A$', cad: 'C$', chf: 'CHF' });
/** Money#format(no_cents_if_whole: true, symbol: false). @param {number} cents */
export const formatAmount = (cents) => (cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2));
/** @param {number} cents @param {string} currency */
export const formatMoney = (cents, currency) => `${CURRENCY_SYMBOLS[currency] ?? currency.toUpperCase() + ' '}${formatAmount(cents)}`;
export const RECURRENCE_SUFFIX = /** @type {Record<string,string>} */ ({ monthly: ' a month', quarterly: ' every 3 months', biannually: ' every 6 months', yearly: ' a year', every_two_years: ' every 2 years' });

export function createStore() {
  return {
    /** @type {Map<string, any>} id → {id, resource_name, post_url, appId, created_at} (live only; deletes are soft) */
    subscriptions: new Map(),
    /** @type {Map<string, any>} soft-deleted resource subscriptions */
    deletedSubscriptions: new Map(),
    /** @type {Map<string, any>} sale id → API v2 sale object */
    sales: new Map(),
    /** @type {Map<string, any>} sale id → ping-only / internal data (seq, url_params, ip_country, refunded cents, ...) */
    saleExtras: new Map(),
    /** @type {Map<string, any>} product id → product record */
    products: new Map(),
    /** @type {Map<string, any>} subscription id → subscriber object */
    subscribers: new Map(),
    /** @type {Map<string, any>} license key → {license_key, product_id, sale_id, uses, disabled} */
    licenses: new Map(),
    /** @type {Map<string, any>} offer code id → {id, code, universal, product_ids, amount_cents, amount_percentage, max_purchase_count, minimum_amount_cents, currency_type, times_used, deleted} */
    offerCodes: new Map(),
    /** @type {Map<string, any>} variant category id → {id, title, product_id, deleted} */
    variantCategories: new Map(),
    /** @type {Map<string, any>} variant id → {id, name, description, price_difference_cents, max_purchase_count, variant_category_id, deleted} */
    variants: new Map(),
    /** @type {any[]} sales exports queued by POST /v2/sales/exports: {filters, recipient, at} */
    exports: [],
    /** @type {Map<string, any>} payout id → {id, amount_cents, currency, status, created_at, processed_at, payment_processor, bank_account_visual, paypal_email, sales, refunded_sales, disputed_sales, seq} */
    payouts: new Map(),
    /** @type {any} the unpaid balance GET /v2/payouts lists first ({amount_cents, currency, status}), or null */
    upcomingPayout: null,
    /** @type {Map<string, any>} e-mail id → {id, subject, message, audience_type, product_id, state, published_at, scheduled_at, slug, previews, created_at, updated_at, deleted, seq} */
    emails: new Map(),
    /** @type {Map<string, any>} upsell id → {id, name, cross_sell, replace_selected_products, universal, text, description, paused, product_id, variant_id, discount, selected_product_ids, upsell_variants, deleted} */
    upsells: new Map(),
    /** @type {Map<number, any>} year → the tax center's totals {gross_cents, fees_cents, taxes_cents, affiliate_credit_cents, net_cents} (a year not set: zeros) */
    earnings: new Map(),
    /** @type {any[]} the seller's tax forms: {tax_year, tax_form_type, filed_at (ISO or null)} */
    taxForms: [],
    /** @type {any[]} what GET /v2/payouts/upcoming lists: {amount_cents, currency, status, payout_date, payment_processor, sales, refunded_sales, disputed_sales, transactions} */
    upcomingPayouts: [],
    /** @type {Map<string, any>} multipart upload id → {key, size, parts: Map<part number, {etag, bytes}>, state: 'open'|'completed'|'aborted'} */
    uploads: new Map(),
    /** @type {number|null} the part number whose presigned PUT the storage refuses (403), to test aborts */
    refuseUploadPart: null,
    /** FilesController::PART_SIZE (100 MB); a test makes it small to upload several parts */
    uploadPartSize: 100 * 1024 * 1024,
    seq: 0,
  };
}

/** @param {ReturnType<typeof createStore>} store */
export function clearStore(store) {
  for (const m of [store.subscriptions, store.deletedSubscriptions, store.sales, store.saleExtras, store.products, store.subscribers, store.licenses, store.offerCodes, store.variantCategories, store.variants, store.payouts, store.emails, store.upsells, store.earnings, store.uploads]) m.clear();
  store.exports.length = 0;
  store.taxForms.length = 0;
  store.upcomingPayouts.length = 0;
  store.refuseUploadPart = null;
  store.uploadPartSize = 100 * 1024 * 1024;
  store.upcomingPayout = null;
  store.seq = 0;
}

/**
 * @param {ReturnType<typeof createStore>} store
 * @param {{username: string}} seller
 * @param {Record<string, any>} [o]
 */
export function addProduct(store, seller, o = {}) {
  const unique = o.unique_permalink ?? slug(5);
  const membership = o.subscription_duration != null || o.is_tiered_membership === true;
  const p = {
    id: o.id ?? base64Id(),
    name: o.name ?? `Product ${store.products.size + 1}`,
    description: o.description ?? '',
    customizable_price: o.customizable_price ?? false,
    require_shipping: o.require_shipping ?? false,
    custom_receipt: o.custom_receipt ?? null,
    custom_permalink: o.custom_permalink ?? null,
    subscription_duration: o.subscription_duration ?? null,
    preview_url: o.preview_url ?? null,
    short_url: `https://${seller.username}.gumroad.com/l/${o.custom_permalink ?? unique}`,
    thumbnail_url: o.thumbnail_url ?? null,
    tags: o.tags ?? [],
    formatted_price: '',
    published: o.published ?? true,
    deleted: o.deleted ?? false,
    file_info: o.file_info ?? {},
    max_purchase_count: o.max_purchase_count ?? null,
    custom_fields: o.custom_fields ?? [],
    custom_summary: o.custom_summary ?? null,
    is_tiered_membership: o.is_tiered_membership ?? false,
    recurrences: o.recurrences ?? (membership ? [o.subscription_duration ?? 'monthly'] : null),
    variants: o.variants ?? [],
    price: o.price ?? 1000,
    currency: o.currency ?? 'usd',
    // internal (not part of the API product JSON)
    unique_permalink: unique,
    licensed: o.licensed ?? false,
    is_physical: o.is_physical ?? false,
    skus_enabled: o.skus_enabled ?? false,
    /** {id, name, description, price_difference_cents, max_purchase_count, custom_sku, is_default_sku, deleted} */
    skus: o.skus ?? [],
  };
  p.formatted_price = formatMoney(p.price, p.currency) + (p.subscription_duration ? RECURRENCE_SUFFIX[p.subscription_duration] ?? '' : '');
  store.products.set(p.id, p);
  return p;
}

const INTERNAL_PRODUCT_KEYS = ['unique_permalink', 'licensed', 'is_physical', 'native_type', 'skus_enabled', 'skus'];
/**
 * Product JSON as GET /v2/products returns it; sales_count / sales_usd_cents only with view_sales (or account).
 * @param {ReturnType<typeof createStore>} store @param {any} p @param {string[]} scopes
 */
export function productView(store, p, scopes) {
  /** @type {Record<string, any>} */
  const out = {};
  for (const [k, v] of Object.entries(p)) if (!INTERNAL_PRODUCT_KEYS.includes(k)) out[k] = v;
  if (scopes.includes('view_sales') || scopes.includes('account')) {
    const sales = [...store.sales.values()].filter((s) => s.product_id === p.id && !s.refunded && !s.chargedback);
    out.sales_count = sales.length;
    out.sales_usd_cents = sales.reduce((a, s) => a + s.price, 0);
  }
  return out;
}

/** Fields callers may pass to addSale that are not part of the API v2 sale but feed the ping payload. */
export const SALE_EXTRA_KEYS = [
  'url_params', 'ip_country', 'test', 'is_multiseat_license', 'is_preorder_authorization', 'affiliate_credit_amount_cents',
  'shipping_rate', 'gift_price', 'sku_id', 'original_sku_id', 'currency', 'recurrence', 'displayed_price_cents', 'offer_code_string',
];

/**
 * Add a sale (a successful purchase) in API v2 shape. Unknown product_id → a product is created.
 * @param {ReturnType<typeof createStore>} store
 * @param {{username: string, user_id: string}} seller
 * @param {Record<string, any>} [o]
 */
export function addSale(store, seller, o = {}) {
  let product = o.product_id ? store.products.get(o.product_id) : undefined;
  if (!product) product = addProduct(store, seller, { id: o.product_id, name: o.product_name, price: o.price, currency: o.currency, subscription_duration: o.subscription_duration, licensed: !!o.license_key });
  const id = o.id ?? base64Id();
  const seq = ++store.seq;
  const createdAt = o.created_at ? new Date(o.created_at) : new Date();
  const currency = o.currency ?? product.currency;
  const displayed = o.displayed_price_cents ?? (currency === 'usd' ? (o.price ?? product.price) : product.price);
  const price = o.price ?? (currency === 'usd' ? displayed : Math.round(displayed * 1.08));
  const fee = o.gumroad_fee ?? Math.round(price * 0.1) + 50;
  const email = o.purchase_email ?? o.email ?? `buyer${seq}@example.com`;
  const variants = o.variants ?? null;
  const customFields = o.custom_fields ?? {};
  const membership = !!product.subscription_duration;
  const variantsAndQuantity = variants && Object.keys(variants).length ? `(${Object.values(variants).join(', ')})` : '';
  const licenseKeyValue = o.license_key ?? (product.licensed ? licenseKey() : null);
  const quantity = o.quantity ?? 1;
  const recurrence = o.recurrence ?? product.subscription_duration ?? null;
  const suffix = membership ? RECURRENCE_SUFFIX[recurrence] ?? '' : '';
  /** @type {Record<string, any>} */
  const s = {
    id,
    email: o.email ?? email,
    seller_id: seller.user_id,
    timestamp: 'less than a minute ago',
    daystamp: '',
    created_at: createdAt.toISOString(),
    product_name: product.name,
    product_has_variants: Array.isArray(product.variants) && product.variants.length > 0,
    price,
    gumroad_fee: fee,
    is_bundle_purchase: false,
    is_bundle_product_purchase: false,
    subscription_duration: membership ? recurrence : undefined,
    formatted_display_price: formatMoney(displayed, currency) + suffix,
    formatted_total_price: formatMoney(displayed, currency) + suffix,
    currency_symbol: CURRENCY_SYMBOLS[currency] ?? currency.toUpperCase(),
    amount_refundable_in_currency: formatAmount(displayed),
    product_id: product.id,
    product_permalink: product.unique_permalink,
    refunded: false,
    partially_refunded: false,
    chargedback: false,
    purchase_email: email,
    full_name: o.full_name ?? null,
    paid: price !== 0,
    has_variants: variants !== null,
    variants: variants ?? undefined,
    variants_and_quantity: variantsAndQuantity,
    has_custom_fields: Object.keys(customFields).length > 0,
    custom_fields: customFields,
    order_id: o.order_id ?? orderNumber(),
    is_product_physical: product.is_physical,
    purchaser_id: o.purchaser_id ?? null,
    is_recurring_billing: membership,
    can_contact: o.can_contact ?? true,
    is_following: false,
    disputed: false,
    dispute_won: false,
    is_additional_contribution: false,
    discover_fee_charged: o.discover_fee_charged ?? false,
    is_upgrade_purchase: false,
    is_more_like_this_recommended: false,
    is_gift_sender_purchase: false,
    is_gift_receiver_purchase: o.is_gift_receiver_purchase ?? false,
    referrer: o.referrer ?? 'direct',
    paypal_refund_expired: false,
    card: { visual: '**** **** **** 4242', type: 'visa', bin: null, expiry_month: null, expiry_year: null, ...(o.card ?? {}) },
    product_rating: null,
    ...(membership ? {
      subscription_id: o.subscription_id ?? base64Id(), cancelled: false, dead: false, ended: false, free_trial_ended: null,
      free_trial_ends_on: null, recurring_charge: o.recurring_charge ?? false,
    } : {}),
    ...(o.offer_code ? { offer_code: typeof o.offer_code === 'string' ? { code: o.offer_code, displayed_amount_off: '', name: o.offer_code } : o.offer_code } : {}),
    ...(licenseKeyValue ? { license_key: licenseKeyValue, license_id: base64Id(), license_disabled: false, license_uses: 0 } : {}),
    quantity,
  };
  s.daystamp = createdAt.toUTCString();
  // Caller overrides for any other v2 field (but never for the derived ones above that would contradict the record).
  for (const [k, v] of Object.entries(o)) {
    if (SALE_EXTRA_KEYS.includes(k) || ['id', 'product_id', 'created_at', 'offer_code', 'card', 'variants'].includes(k)) continue;
    s[k] = v;
  }
  // Purchase#as_json drops nil values of everything merged before `card` (`.delete_if { |_, v| v.nil? }`).
  const KEEP_NULL = ['card', 'product_rating', 'free_trial_ended', 'free_trial_ends_on', 'subscription_id', 'cancelled', 'dead', 'ended', 'recurring_charge'];
  for (const k of Object.keys(s)) if (s[k] === undefined || (s[k] === null && !KEEP_NULL.includes(k))) delete s[k];
  store.sales.set(id, s);
  store.saleExtras.set(id, {
    seq,
    currency,
    displayedCents: displayed,
    refundedCents: 0,
    recurrence,
    url_params: o.url_params,
    ip_country: o.ip_country,
    test: o.test,
    is_multiseat_license: o.is_multiseat_license ?? (licenseKeyValue && membership ? false : undefined),
    is_preorder_authorization: o.is_preorder_authorization,
    affiliate_credit_amount_cents: o.affiliate_credit_amount_cents,
    shipping_rate: o.shipping_rate,
    gift_price: o.gift_price,
    sku_id: o.sku_id,
    original_sku_id: o.original_sku_id,
    offer_code_string: typeof o.offer_code === 'string' ? o.offer_code : o.offer_code?.code,
  });
  if (licenseKeyValue && !store.licenses.has(licenseKeyValue))
    store.licenses.set(licenseKeyValue, { license_key: licenseKeyValue, product_id: product.id, sale_id: id, uses: 0, disabled: false });
  return s;
}

/**
 * @param {ReturnType<typeof createStore>} store
 * @param {Record<string, any>} [o]
 */
export function addSubscriber(store, o = {}) {
  const product = o.product_id ? store.products.get(o.product_id) : undefined;
  const seq = ++store.seq;
  const created = o.created_at ? new Date(o.created_at).toISOString() : new Date().toISOString();
  const email = o.email ?? o.user_email ?? `subscriber${seq}@example.com`;
  const sub = {
    id: o.id ?? base64Id(),
    email,
    product_id: o.product_id ?? product?.id ?? base64Id(),
    product_name: o.product_name ?? product?.name ?? 'Membership',
    user_id: o.user_id ?? null,
    user_email: o.user_email ?? email,
    purchase_ids: o.purchase_ids ?? [base64Id()],
    created_at: created,
    user_requested_cancellation_at: o.user_requested_cancellation_at ?? null,
    charge_occurrence_count: o.charge_occurrence_count ?? null,
    recurrence: o.recurrence ?? product?.subscription_duration ?? 'monthly',
    cancelled_at: o.cancelled_at ?? null,
    ended_at: o.ended_at ?? null,
    failed_at: o.failed_at ?? null,
    free_trial_ends_at: o.free_trial_ends_at ?? null,
    ...(o.license_key ? { license_key: o.license_key } : {}),
    status: o.status ?? 'alive',
  };
  Object.defineProperty(sub, '__seq', { value: seq, enumerable: false });
  store.subscribers.set(sub.id, sub);
  return sub;
}
