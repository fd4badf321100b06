// Gumroad API v2 + webhook "ping" test double.
// Facts: Gumroad's API v2 docs (gumroad.com/api), the ping fixtures in test/fixtures/gumroad/pings/ and the
// antiwork/gumroad sources
// (app/controllers/api/v2/{base,resource_subscriptions,sales,subscribers,licenses,users,links,custom_fields,
// variant_categories,variants,offer_codes,payouts,skus,emails,upsells,earnings,tax_forms,files}_controller.rb, app/controllers/concerns/api/v2/tax_center_access.rb, app/models/{offer_code,payment,installment,upsell}.rb,
// app/services/{save_installment_service,save_upsell_service}.rb,
// app/models/api/v2/sales_summary.rb, config/routes.rb, config/initializers/api_v2_methods.rb,
// app/sidekiq/post_to_individual_ping_endpoint_worker.rb, config/initializers/doorkeeper.rb).
// Only Node's standard library; listens on 127.0.0.1 only; never logs tokens (recorded requests are redacted).
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { serveDouble } from '../http-double.mjs';
import { encodePingForm, encodePingJson, urlEncode } from './encode.mjs';
import {
  createStore, clearStore, addProduct, addSale, addSubscriber, productView, base64Id, licenseKey, formatAmount, formatMoney, RECURRENCE_SUFFIX,
} from './store.mjs';

export { encodePingForm, encodePingJson } from './encode.mjs';

/** Wire-exact pings in Gumroad's format, the ones `deliver` sends by name (see test/fixtures/README.md). */
export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/gumroad/pings', import.meta.url));
/** ResourceSubscription::VALID_RESOURCE_NAMES */
export const RESOURCE_NAMES = ['sale', 'refund', 'dispute', 'dispute_won', 'cancellation', 'subscription_updated', 'subscription_ended', 'subscription_restarted'];
/** Doorkeeper.configuration.public_scopes (what a personal access token gets). */
export const PUBLIC_SCOPES = ['edit_products', 'edit_emails', 'view_sales', 'mark_sales_as_shipped', 'edit_sales', 'revenue_share', 'ifttt', 'view_profile', 'edit_profile', 'view_payouts', 'view_tax_data', 'account'];
/** public_api_read_scopes + view_public (GET /v2/user, GET /v2/products). */
const READ_SCOPES = ['edit_products', 'view_sales', 'mark_sales_as_shipped', 'edit_sales', 'revenue_share', 'ifttt', 'view_profile', 'view_payouts', 'view_tax_data', 'account', 'view_public'];
/** PostToIndividualPingEndpointWorker::ERROR_CODES_TO_RETRY */
export const RETRY_STATUSES = [499, 500, 502, 503, 504];
/** BACKOFF_STRATEGY minus the never-used 3600 s step (guard `retry_count < length - 1`): 4 attempts max. */
export const DEFAULT_RETRY_DELAYS_MS = [60_000, 180_000, 600_000];
const SALES_PER_PAGE = 10;
const SUBSCRIBERS_PER_PAGE = 100;
const ACTIVE_SUBSCRIBER_STATUSES = ['alive', 'pending_cancellation', 'pending_failure'];
const DEFAULT_SELLER = { id: '7281929472981', user_id: 'kL0paVL2SdmJSYsNs-OCMg==', name: 'Maker Club', email: 'seller@example.com', username: 'makerclub', bio: null, twitter_handle: null, currency_type: 'usd' };

class HttpError extends Error {
  /** @param {number} status @param {any} body @param {Record<string,string>} [headers] @param {string} [reason] */
  constructor(status, body, headers = {}, reason) {
    super(reason ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.reason = reason;
  }
}
/** Api::V2::BaseController#error_400 */
const error400 = (/** @type {string} */ msg) => new HttpError(400, { status: 400, error: msg });
/** @param {string} message @returns {[number, any]} */
const fail = (message) => [200, { success: false, message }];
/** @param {string} object @returns {[number, any]} */
const notFound = (object) => fail(`The ${object} was not found.`);

/** @param {string} stem */
export function loadFixture(stem) {
  if (!/^[\w-]+$/.test(stem)) throw new Error(`bad fixture stem ${stem}`);
  return JSON.parse(readFileSync(`${FIXTURES_DIR}/${stem}.json`, 'utf8'));
}

/** True for literal IPs Gumroad refuses as post_url hosts (loopback, private, link-local, CGNAT, unspecified, ULA). */
function isPrivateIp(/** @type {string} */ host) {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (net.isIPv4(h)) {
    const [a, b] = h.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  if (net.isIPv6(h)) {
    if (h === '::' || h === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    if (mapped) return isPrivateIp(mapped[1]);
    return /^f[cd]/.test(h) || /^fe[89ab]/.test(h);
  }
  return false;
}

/** 14-digit time + 6-digit usec, as ActiveSupport `to_fs(:usec)`. @param {string} iso */
const usecStamp = (iso) => {
  const d = new Date(iso);
  const p = (/** @type {number} */ n, l = 2) => String(n).padStart(l, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}${p(d.getUTCMilliseconds() * 1000, 6)}`;
};
/** @param {string} key @returns {{time: number, id: number}} */
function decodePageKey(key) {
  const [date, num] = String(key).split('-');
  const id = Number.parseInt(num ?? '', 10);
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{6})$/.exec(date ?? '');
  if (!id || !m) throw error400('Invalid page_key.');
  const time = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], Math.floor(+m[7] / 1000));
  return { time, id };
}
/**
 * Path params as Rails decodes them (Journey::Router::Utils.unescape_uri): each `%XX` becomes its
 * byte, a `%` not followed by two hex digits stays as it is, `+` stays `+` (it is a space only in
 * query strings and forms); bytes that are not UTF-8 are refused (ActionController::BadRequest, 400).
 */
export function railsUnescape(/** @type {string} */ text) {
  if (!text.includes('%')) return text;
  /** @type {number[]} */
  const bytes = [];
  for (let i = 0; i < text.length;) {
    if (text[i] === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const ch = String.fromCodePoint(/** @type {number} */ (text.codePointAt(i)));
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length;
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    // Approximation of the body: Rails' exception page for BadRequest.
    throw new HttpError(400, { status: 400, error: 'Invalid path parameters: Invalid encoding' });
  }
}

/** ActiveModel::Type::Integer: "" and text without a leading number → nil, else its leading digits. */
const railsInteger = (/** @type {unknown} */ v) => {
  if (v === undefined || v === null) return null;
  const text = String(v);
  return /^\s*[+-]?\d/.test(text) ? Number.parseInt(text, 10) : null;
};

/** Date.strptime(v, "%Y-%m-%d") → ms at 00:00 UTC, or 400 with Gumroad's message. */
function parseDateParam(/** @type {string} */ v, /** @type {string} */ field) {
  const m = /^(\d{1,4})-(\d{1,2})-(\d{1,2})$/.exec(String(v));
  const bad = () => error400(`Invalid date format provided in field '${field}'. Dates must be in the format YYYY-MM-DD.`);
  if (!m) throw bad();
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const d = new Date(t);
  if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) throw bad();
  return t;
}

/**
 * Start the double.
 * @param {import('./server.d.mts').GumroadDoubleOptions} [options]
 */
export async function startGumroadDouble(options = {}) {
  let latencyMs = options.latencyMs ?? 0;
  /** The next `count` API requests are answered 429, with `Retry-After: retryAfter` when set. */
  const throttle = { count: 0, retryAfter: /** @type {string|undefined} */ (undefined) };
  const seller = { ...DEFAULT_SELLER, ...(options.seller ?? {}) };
  /** @type {Map<string, {scopes: string[], appId: string, revoked?: boolean, refresh?: string}>} */
  const tokens = new Map();
  const initTokens = () => {
    tokens.clear();
    for (const [t, v] of Object.entries(options.tokens ?? {})) tokens.set(t, { scopes: v.scopes ?? [...PUBLIC_SCOPES], appId: v.appId ?? 'app1' });
  };
  initTokens();
  const oauthClients = new Map(Object.entries(options.oauthClients ?? {}));
  /** @type {Map<string, {clientId: string, scopes: string[], redirectUri: string|null, expiresAt: number}>} */
  const authCodes = new Map();
  /** @type {Map<string, {clientId: string, scopes: string[], accessToken: string}>} */
  const refreshTokens = new Map();
  let refuseLocal = options.refuseLocalPostUrls ?? true;
  const store = createStore();
  /** @type {any[]} */
  const requests = [];

  // ------------------------------------------------------------------ auth (Doorkeeper defaults: `head status`)
  function authenticate(/** @type {any} */ ctx, /** @type {string[]|null} */ required) {
    const m = /^Bearer\s+(\S+)$/i.exec(String(ctx.headers.authorization ?? ''));
    const token = m?.[1] ?? ctx.params.access_token ?? ctx.params.bearer_token;
    const t = token ? tokens.get(String(token)) : undefined;
    if (!t || t.revoked)
      throw new HttpError(401, undefined, {
        'WWW-Authenticate': 'Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid"',
        'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache',
      }, 'The access token is invalid');
    if (required && !required.some((s) => t.scopes.includes(s)))
      // Api::V2::BaseController adds :account to every doorkeeper_authorize!; ForbiddenTokenResponse drops WWW-Authenticate.
      throw new HttpError(403, undefined, { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' },
        `Access to this resource requires scope "${required.join(' ')}".`);
    return t;
  }
  const VIEW_SALES = ['view_sales', 'account'];

  const EDIT_PRODUCTS = ['edit_products', 'account'];
  const EDIT_SALES = ['edit_sales', 'account'];
  /** Doorkeeper.configuration.public_scopes + view_public (offer codes, custom fields: index/show). */
  const PUBLIC_READ = [...PUBLIC_SCOPES, 'view_public'];
  const CUSTOM_FIELD_TYPES = ['text', 'long_text', 'checkbox', 'terms', 'file'];
  /** Link native types POST /v2/products creates (physical and legacy types are refused). */
  const CREATABLE_PRODUCT_TYPES = ['digital', 'course', 'ebook', 'membership', 'bundle', 'coffee', 'call', 'commission'];
  /** Link.subscription_durations */
  const SUBSCRIPTION_DURATIONS = ['monthly', 'yearly', 'quarterly', 'biannually', 'every_two_years'];
  /** Part of CURRENCY_CHOICES (config/initializers/currencies). */
  const CURRENCY_CHOICES = ['usd', 'gbp', 'eur', 'jpy', 'inr', 'aud', 'cad', 'hkd', 'sgd', 'twd', 'nzd', 'brl', 'zar', 'chf', 'ils', 'php', 'krw', 'pln', 'czk'];
  /** Link validations the API reaches (full_messages, approximated): a name, a free custom permalink. */
  function productErrors(/** @type {{name: string, custom_permalink: string|null}} */ p, /** @type {string} */ id = '') {
    const errors = [];
    if (!String(p.name ?? '').trim()) errors.push("Name can't be blank");
    if (p.custom_permalink) {
      if (!/^[A-Za-z0-9_-]+$/.test(p.custom_permalink)) errors.push('Custom permalink is invalid');
      else if ([...store.products.values()].some((o) => o.id !== id && !o.deleted && (o.custom_permalink === p.custom_permalink || o.unique_permalink === p.custom_permalink))) errors.push('Custom permalink has already been taken');
    }
    return errors;
  }
  /** Api::V2::SalesSummary::VALID_GROUPS */
  const SUMMARY_GROUPS = ['product', 'day', 'week', 'month', 'hour'];
  const DAY_MS = 86_400_000;
  /** A summary bucket's key: product id, or the day/week (its Monday)/month/hour in the seller's zone (UTC here). */
  function summaryKey(/** @type {any} */ s, /** @type {string} */ groupBy) {
    if (groupBy === 'product') return s.product_id;
    const iso = new Date(s.created_at).toISOString();
    if (groupBy === 'month') return iso.slice(0, 7);
    if (groupBy === 'hour') return `${iso.slice(0, 13)}:00`;
    if (groupBy === 'week') { const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`); d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); return d.toISOString().slice(0, 10); }
    return iso.slice(0, 10);
  }
  /** Api::V2::EmailsController (newest version: edit_emails; schedule and unschedule). */
  const EDIT_EMAILS = ['edit_emails', 'account'];
  const EMAILS_PER_PAGE = 10;
  /** EmailsController::AUDIENCE_TYPES_BY_PARAM → Installment types. */
  const EMAIL_AUDIENCES = /** @type {Record<string, string>} */ ({ all: 'audience', audience: 'audience', customers: 'seller', seller: 'seller', followers: 'follower', follower: 'follower', product: 'product' });
  const CONFIRM_EMAIL = 'You have to confirm your email address before you can do that.';
  /** SaveInstallmentService#ensure_seller_is_eligible_to_publish_or_schedule_emails */
  const NOT_ELIGIBLE = 'You are not eligible to publish or schedule emails. Please ensure you have made at least $100 in sales and received a payout.';
  /** Installment#as_json_for_api (audience_count is nil: the controller never asks for it). */
  const emailView = (/** @type {any} */ e) => ({
    id: e.id, subject: e.subject, message: e.message, audience_type: e.audience_type, product_id: e.product_id, state: e.state,
    published_at: e.published_at, scheduled_at: e.state === 'scheduled' ? e.scheduled_at : null, send_emails: true, shown_on_profile: false,
    audience_count: null, recipients_count: e.state === 'published' ? 0 : null, url: e.state === 'published' ? `https://${seller.username}.gumroad.com/p/${e.slug}` : null,
    created_at: e.created_at, updated_at: e.updated_at,
  });
  /** SaveInstallmentService#publish_installment: eligibility, then Installment#publish! (confirmed e-mail). */
  function publishEmail(/** @type {any} */ e) {
    if (seller.eligible_to_send_emails === false) return NOT_ELIGIBLE;
    if (seller.confirmed === false) return CONFIRM_EMAIL;
    e.state = 'published';
    e.published_at = new Date().toISOString();
    e.scheduled_at = null;
    e.updated_at = e.published_at;
    return null;
  }
  /** Upsell#as_json: the offered product with its currency and variant, OfferCode#discount, selected products. */
  const upsellView = (/** @type {any} */ u) => {
    const p = findProduct(u.product_id);
    const variant = u.variant_id ? store.variants.get(u.variant_id) : null;
    return {
      id: u.id, name: u.name, cross_sell: u.cross_sell, replace_selected_products: u.replace_selected_products, universal: u.universal, text: u.text, description: u.description, paused: u.paused,
      product: { id: p.id, name: p.name, currency_type: String(p.currency ?? 'usd').toLowerCase(), variant: variant ? { id: variant.id, name: variant.name } : null },
      discount: u.discount ? { ...u.discount, product_ids: [p.id], expires_at: null, minimum_quantity: null, duration_in_billing_cycles: null, minimum_amount_cents: null } : null,
      selected_products: u.selected_product_ids.map((/** @type {string} */ id) => ({ id, name: store.products.get(id)?.name ?? null })),
      upsell_variants: (u.upsell_variants ?? []).map((/** @type {any} */ o) => ({
        id: o.id, selected_variant: { id: o.selected_variant_id, name: store.variants.get(o.selected_variant_id)?.name ?? null }, offered_variant: { id: o.offered_variant_id, name: store.variants.get(o.offered_variant_id)?.name ?? null },
      })),
    };
  };
  const railsBoolean = (/** @type {unknown} */ v) => ['true', '1', 't', 'on'].includes(String(v).toLowerCase());
  /**
   * SaveUpsellService#perform, then save: every attribute is set from the params (one not sent is
   * cleared: no offer_code deletes the discount, no upsell_variants drops the version offers).
   * @param {any} q @param {any} existing @returns {[number, any]}
   */
  function saveUpsell(q, existing) {
    const missing = () => fail('The product, variant, or offer referenced by an external ID could not be found.');
    const p = q.product_id ? store.products.get(q.product_id) : undefined;
    if (!p) return missing();
    if (q.variant_id && !store.variants.get(q.variant_id)) return missing();
    // A form's `upsell_variants[0][...]` reaches the service as a hash, whose `each` yields pairs.
    if (q.upsell_variants !== undefined && !Array.isArray(q.upsell_variants)) return [500, { success: false, message: 'no implicit conversion of Symbol into Integer' }];
    const offers = /** @type {any[]} */ (q.upsell_variants ?? []);
    if (offers.some((o) => !store.variants.get(o?.selected_variant_id) || !store.variants.get(o?.offered_variant_id))) return missing();
    const selected = (Array.isArray(q.product_ids) ? q.product_ids : []).filter((/** @type {string} */ id) => store.products.has(id));
    const oc = q.offer_code && typeof q.offer_code === 'object' ? q.offer_code : null;
    const u = {
      id: existing?.id ?? base64Id(), name: q.name ?? null, cross_sell: railsBoolean(q.cross_sell), replace_selected_products: railsBoolean(q.replace_selected_products), universal: railsBoolean(q.universal),
      text: q.text ?? null, description: q.description ?? null, paused: railsBoolean(q.paused), product_id: p.id, variant_id: q.variant_id || null, selected_product_ids: selected, deleted: false,
      discount: oc ? (oc.amount_percentage ? { type: 'percent', percents: railsInteger(oc.amount_percentage) } : { type: 'fixed', cents: railsInteger(oc.amount_cents) }) : null,
      upsell_variants: offers.map((o) => ({ id: existing?.upsell_variants?.find((/** @type {any} */ e) => e.selected_variant_id === o.selected_variant_id)?.id ?? base64Id(), selected_variant_id: o.selected_variant_id, offered_variant_id: o.offered_variant_id })),
    };
    const errors = [];
    if (!String(u.name ?? '').trim()) errors.push("Name can't be blank");
    if (u.variant_id && !categoryOf(p, store.variants.get(u.variant_id).variant_category_id)) errors.push('The offered variant must belong to the offered product.');
    if (!u.cross_sell && [...store.upsells.values()].some((o) => !o.deleted && !o.cross_sell && o.product_id === p.id && o.id !== u.id)) errors.push('You can only create one upsell per product.');
    if (errors.length) return fail(errors.join(' and '));
    store.upsells.set(u.id, u);
    return [200, { success: true, upsell: upsellView(u) }];
  }
  const VIEW_PAYOUTS = ['view_payouts', 'account'];
  /** FilesController#s3_key_prefix and S3_BASE_URL (the double's stand-in bucket). */
  const uploadPrefix = () => `attachments/${seller.user_id}/`;
  const S3_BASE_URL = 'https://gumroad-specials.s3.amazonaws.com/';
  /** FilesController's checks of upload_id, key (the seller's prefix) and, for complete, parts; then the upload, if S3 has it. */
  function checkUpload(/** @type {any} */ q, /** @type {boolean} */ withParts) {
    const uploadId = String(q.upload_id ?? '');
    const key = String(q.key ?? '');
    if (!uploadId) throw error400('upload_id is required');
    if (!key) throw error400('key is required');
    if (withParts && (q.parts === undefined || q.parts === '' || (Array.isArray(q.parts) && !q.parts.length))) throw error400('parts is required');
    if (!key.startsWith(uploadPrefix())) throw error400('invalid key');
    const upload = store.uploads.get(uploadId);
    return upload && upload.key === key ? upload : undefined;
  }
  const VIEW_TAX_DATA = ['view_tax_data', 'account'];
  /** TaxCenterAccess#ensure_tax_center_enabled (the seller's tax_center feature flag: on unless `tax_center_enabled: false`). */
  const taxCenterRefusal = () => (seller.tax_center_enabled === false ? /** @type {[number, any]} */ ([403, { success: false, message: 'Tax center is not enabled for this account.' }]) : null);
  /** Integer(params[:year].to_s, exception: false): a list (`year[]=`) or text that is no integer is nil. */
  const taxYear = (/** @type {unknown} */ v) => (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v) ? Number.parseInt(v, 10) : null);
  /** User#tax_form_available_years: the account's creation year to last year. */
  const validTaxYear = (/** @type {number|null} */ year) =>
    year !== null && year >= new Date(seller.created_at ?? '2022-01-01T00:00:00Z').getUTCFullYear() && year <= new Date().getUTCFullYear() - 1;
  const yearNotAvailable = (/** @type {number|null} */ year, /** @type {string} */ label) =>
    /** @type {[number, any]} */ ([404, { success: false, message: `${label} are not available ${year === null ? 'for the requested year.' : `for ${year}.`}` }]);
  /** Api::V2::PayoutsController::RESULTS_PER_PAGE */
  const PAYOUTS_PER_PAGE = 10;
  /** Payment#as_json (amount as "%.2f" text), with its sales' ids when include_sales. */
  const payoutView = (/** @type {any} */ p, /** @type {boolean} */ includeSales) => ({
    id: p.id, amount: (p.amount_cents / 100).toFixed(2), currency: p.currency, status: p.status, created_at: p.created_at,
    processed_at: p.status === 'completed' ? p.processed_at : null, payment_processor: p.payment_processor, bank_account_visual: p.bank_account_visual, paypal_email: p.paypal_email,
    ...(includeSales ? { sales: p.sales, refunded_sales: p.refunded_sales, disputed_sales: p.disputed_sales } : {}),
  });
  /** User::AsJson for GET /v2/user: e-mail, currency and avatar only with one of the "valid" scopes, display_name with view_profile. */
  function userView(/** @type {string[]} */ scopes) {
    const valid = ['edit_products', 'view_sales', 'revenue_share', 'ifttt', 'view_profile'].some((s) => scopes.includes(s));
    const links = [...store.products.values()].filter((p) => !p.deleted).map((p) => p.short_url);
    const common = { id: seller.id, user_id: seller.user_id, url: `https://${seller.username}.gumroad.com`, links: links.length ? links : null };
    /** @type {Record<string, any>} */
    let user;
    if (valid) {
      user = { name: seller.name, bio: seller.bio, twitter_handle: seller.twitter_handle, currency_type: seller.currency_type, ...common, profile_url: seller.profile_url ?? 'https://public-files.gumroad.com/avatar.png', email: seller.email };
    } else {
      user = Object.fromEntries(Object.entries({ name: seller.name, bio: seller.bio, twitter_handle: seller.twitter_handle }).filter(([, v]) => v != null));
      Object.assign(user, common);
    }
    if (scopes.includes('view_profile')) user.display_name = seller.display_name ?? seller.name;
    return user;
  }
  /** BaseVariant#as_json (approximated as the variant fields), plus Sku's custom_sku when set. */
  const skuView = (/** @type {any} */ k) => ({ id: k.id, name: k.name, description: k.description ?? null, price_difference_cents: k.price_difference_cents ?? 0, max_purchase_count: k.max_purchase_count ?? null, ...(k.custom_sku ? { custom_sku: k.custom_sku } : {}) });
  /** success_with_object(x, nil) */
  const deleted = (/** @type {string} */ object) => /** @type {[number, any]} */ ([200, { success: true, message: `The ${object} was deleted successfully.` }]);
  /** fetch_product: the seller's product by external id or permalink (deleted ones are gone for writes). */
  const liveProduct = (/** @type {string} */ id) => { const p = findProduct(id); return p && !p.deleted ? p : undefined; };
  const categoryOf = (/** @type {any} */ p, /** @type {string} */ id) => { const c = store.variantCategories.get(id); return c && c.product_id === p.id && !c.deleted ? c : undefined; };
  const categoryView = (/** @type {any} */ c) => ({ id: c.id, title: c.title });
  const variantView = (/** @type {any} */ v) => ({ id: v.id, name: v.name, description: v.description, price_difference_cents: v.price_difference_cents, max_purchase_count: v.max_purchase_count, rich_content: [] });
  /** VariantsController#permitted_params */
  function assignVariant(/** @type {any} */ v, /** @type {any} */ q) {
    if (q.name !== undefined) v.name = q.name;
    if (q.description !== undefined) v.description = q.description;
    if (q.price_difference_cents !== undefined) v.price_difference_cents = railsInteger(q.price_difference_cents) ?? 0;
    // nil is unlimited, 0 none left (MaxPurchaseCount); "" is how a form clears it.
    if (q.max_purchase_count !== undefined) v.max_purchase_count = railsInteger(q.max_purchase_count);
  }
  /** Link#product_and_universal_offer_codes: the product's codes plus universal ones in its currency (or percent). */
  const offerApplies = (/** @type {any} */ o, /** @type {any} */ p) => !o.deleted && (o.universal ? (o.currency_type === null || o.currency_type === p.currency) : o.product_ids.includes(p.id));
  /** OfferCode#as_json_for_api (`code` is returned as `name`). */
  const offerCodeView = (/** @type {any} */ o) => ({
    id: o.id, name: o.code, max_purchase_count: o.max_purchase_count, minimum_amount_cents: o.minimum_amount_cents ?? null, universal: o.universal, times_used: o.times_used,
    ...(o.amount_percentage !== null ? { percent_off: o.amount_percentage } : { amount_cents: o.amount_cents }),
  });
  /** OfferCode validations the API reaches (messages: full_messages of the model; price ones approximated). */
  function offerCodeErrors(/** @type {any} */ o) {
    const errors = [];
    if (!o.code) errors.push("Code can't be blank");
    else if (!/^[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF0-9\-_]*$/.test(o.code)) errors.push('Code can only contain numbers, letters, dashes, and underscores.');
    else if ([...store.offerCodes.values()].some((c) => !c.deleted && c.code.toLowerCase() === o.code.toLowerCase() && (c.universal || o.universal || c.product_ids.some((/** @type {string} */ id) => o.product_ids.includes(id)))))
      errors.push('Code must be unique.');
    if (o.amount_percentage !== null && !(o.amount_percentage > 0 && o.amount_percentage <= 100)) errors.push('Please enter a discount amount that is 100% or less.');
    if (o.amount_cents !== null && !(o.amount_cents > 0)) errors.push('Please enter a discount amount greater than 0.');
    return errors;
  }

  // ------------------------------------------------------------------ helpers on records
  const saleSeq = (/** @type {any} */ s) => store.saleExtras.get(s.id)?.seq ?? 0;
  /**
   * Sales newest first (created_at desc, then id desc, as Gumroad orders them), with their times:
   * sorted once per change of the store, not per request (a backfill of 20,000 sales asks 2,000
   * pages; sorting every time would time the double, not the node). Sales are only ever added or
   * all cleared, so the count and the first sale tell a change.
   */
  let salesOrder = { key: '', list: /** @type {any[]} */ ([]), times: /** @type {number[]} */ ([]) };
  const salesInOrder = () => {
    const key = `${store.sales.size}|${store.sales.keys().next().value}`;
    if (salesOrder.key !== key) {
      const entries = [...store.sales.values()].map((sale) => ({ sale, t: Date.parse(sale.created_at), seq: saleSeq(sale) })).sort((a, b) => b.t - a.t || b.seq - a.seq);
      salesOrder = { key, list: entries.map((e) => e.sale), times: entries.map((e) => e.t) };
    }
    return salesOrder;
  };
  const sortedSales = () => salesInOrder().list;
  /** The first index in the newest-first order whose time is below `t` (all before it are at or above). */
  const firstBelow = (/** @type {number[]} */ times, /** @type {number} */ t) => {
    let lo = 0, hi = times.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (times[mid] >= t) lo = mid + 1; else hi = mid; }
    return lo;
  };
  const subSeq = (/** @type {any} */ s) => s.__seq ?? 0;

  /** Relative next_page_url: original query minus access_token/page/page_key, + page_key; Addressable sorts keys. */
  function nextPageUrl(/** @type {any} */ ctx, /** @type {string} */ key) {
    /** @type {Record<string,string>} */
    const q = {};
    for (const [k, v] of ctx.url.searchParams) if (!['access_token', 'page', 'page_key'].includes(k)) q[k] = v;
    q.page_key = key;
    const query = Object.keys(q).sort().map((k) => `${urlEncode(k)}=${urlEncode(q[k])}`).join('&');
    return `${ctx.url.pathname}?${query}`;
  }

  /** Ping payload for a stored sale (Purchase::PingNotification key order). */
  function salePingFor(/** @type {string} */ saleId, resourceName = 'sale') {
    const s = store.sales.get(saleId);
    if (!s) throw new Error(`unknown sale ${saleId}`);
    const x = store.saleExtras.get(saleId) ?? {};
    const p = store.products.get(s.product_id) ?? {};
    const recurring = !!s.recurring_charge;
    /** @type {Record<string, any>} */
    const ping = {
      seller_id: s.seller_id,
      product_id: s.product_id,
      product_name: s.product_name,
      permalink: p.custom_permalink ?? p.unique_permalink ?? s.product_permalink,
      product_permalink: p.short_url ?? `https://${seller.username}.gumroad.com/l/${s.product_permalink}`,
      short_product_id: p.unique_permalink ?? s.product_permalink,
      email: s.purchase_email,
      price: s.price,
      gumroad_fee: s.gumroad_fee,
      currency: x.currency ?? 'usd',
      quantity: s.quantity,
      discover_fee_charged: s.discover_fee_charged,
      can_contact: s.can_contact,
      referrer: s.referrer,
      card: { visual: s.card?.visual ?? null, type: s.card?.type ?? null, bin: null, expiry_month: null, expiry_year: null },
      order_number: s.order_id,
      sale_id: s.id,
      sale_timestamp: new Date(s.created_at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    if (s.full_name) ping.full_name = s.full_name;
    if (s.purchaser_id) ping.purchaser_id = s.purchaser_id;
    if (s.subscription_id) ping.subscription_id = s.subscription_id;
    if (x.affiliate_credit_amount_cents) ping.affiliate_credit_amount_cents = x.affiliate_credit_amount_cents;
    if (resourceName === 'sale' && !recurring && x.url_params && Object.keys(x.url_params).length) ping.url_params = x.url_params;
    if (s.variants && Object.keys(s.variants).length) ping.variants = s.variants;
    if (x.offer_code_string) ping.offer_code = x.offer_code_string;
    if (x.test) ping.test = true;
    if (recurring) ping.is_recurring_charge = true;
    if (x.is_preorder_authorization) ping.is_preorder_authorization = true;
    const cf = s.custom_fields ?? {};
    if (!recurring) for (const [k, v] of Object.entries(cf)) ping[k] = v;
    if (Object.keys(cf).length) ping.custom_fields = cf;
    // Purchase#license_key is nil once the product no longer has license keys turned on.
    if (s.license_key && p.licensed !== false) {
      ping.license_key = s.license_key;
      if (s.subscription_id) ping.is_multiseat_license = x.is_multiseat_license ?? false;
    }
    if (x.ip_country) ping.ip_country = x.ip_country;
    if (x.shipping_rate != null) ping.shipping_rate = x.shipping_rate;
    if (s.subscription_id) ping.recurrence = x.recurrence ?? s.subscription_duration;
    if (s.affiliate?.email) ping.affiliate = s.affiliate.email;
    ping.is_gift_receiver_purchase = !!s.is_gift_receiver_purchase;
    if (x.gift_price != null) { ping.gift_price = x.gift_price; if (s.gifter_email) ping.gifter_email = s.gifter_email; }
    if (x.sku_id) { ping.sku_id = x.sku_id; ping.original_sku_id = x.original_sku_id ?? x.sku_id; }
    ping.refunded = !!s.refunded;
    if (resourceName) ping.resource_name = resourceName;
    ping.disputed = !!s.disputed;
    ping.dispute_won = !!s.dispute_won;
    return ping;
  }

  /** Purchase JSON of POST /v2/licenses/verify: ping payload merged with as_json_for_license whitelist. */
  function licensePurchase(/** @type {any} */ s) {
    const ping = salePingFor(s.id, '');
    const extra = /** @type {Record<string, any>} */ ({
      id: s.id,
      created_at: s.created_at,
      variants: s.variants_and_quantity ?? '',
      custom_fields: Object.entries(s.custom_fields ?? {}).map(([k, v]) => `${k}: ${v}`),
      ...(s.offer_code ? { offer_code: s.offer_code } : {}),
    });
    if (s.is_recurring_billing) {
      const sub = s.subscription_id ? store.subscribers.get(s.subscription_id) : undefined;
      Object.assign(extra, { subscription_ended_at: sub?.ended_at ?? null, subscription_cancelled_at: sub?.cancelled_at ?? null, subscription_failed_at: sub?.failed_at ?? null });
    } else {
      Object.assign(extra, { refunded: !!s.refunded, chargebacked: !!s.chargedback });
    }
    return { ...ping, ...extra };
  }

  /** LicensesController#fetch_valid_license, for every license route: a purchase whose access was revoked. */
  function refuseRevokedAccess(/** @type {any} */ lic) {
    const sale = lic.sale_id ? store.sales.get(lic.sale_id) : undefined;
    if (sale?.access_revoked === true)
      throw new HttpError(404, { success: false, message: 'Access to the purchase associated with this license has expired.' });
  }

  function validPostUrl(/** @type {unknown} */ raw) {
    if (typeof raw !== 'string' || raw === '') return false;
    let u;
    try { u = new URL(raw); } catch { return false; }
    if (!['http:', 'https:'].includes(u.protocol) || !u.hostname) return false;
    if (refuseLocal) {
      const h = u.hostname.toLowerCase();
      if (['localhost', '127.0.0.1', '0.0.0.0'].includes(h) || h.endsWith('.localhost') || isPrivateIp(h)) return false;
    }
    return true;
  }
  const subView = (/** @type {any} */ r) => ({ id: r.id, resource_name: r.resource_name, post_url: r.post_url });

  // ------------------------------------------------------------------ routes
  /** @type {{method: string, path: string, auth?: string[]|null|false, handler: (ctx: any) => [number, any, Record<string,string>?]}[]} */
  const routeDefs = [
    { method: 'GET', path: '/v2/user', auth: READ_SCOPES, handler: (ctx) => [200, { success: true, user: userView(ctx.token.scopes) }] },
    // UsersController#update: permitted name and bio; an unconfirmed e-mail refuses every change.
    ...['PUT', 'PATCH'].map((method) => ({ method, path: '/v2/user', auth: ['edit_profile', 'account'], handler: (/** @type {any} */ ctx) => {
      if (seller.confirmed === false) return fail('You have to confirm your email address before you can do that.');
      for (const key of ['name', 'bio']) if (ctx.params[key] !== undefined) seller[key] = ctx.params[key];
      return /** @type {[number, any]} */ ([200, { success: true, user: userView(ctx.token.scopes) }]);
    } })),

    { method: 'PUT', path: '/v2/resource_subscriptions', auth: VIEW_SALES, handler: (ctx) => {
      const { resource_name: resourceName, post_url: postUrl } = ctx.params;
      if (!validPostUrl(postUrl)) return fail(`Invalid post URL '${postUrl ?? ''}'`);
      // The controller interpolates a nil local, so the name is always blank.
      if (!RESOURCE_NAMES.includes(resourceName)) return fail("Unable to subscribe to ''.");
      const rec = { id: base64Id(), resource_name: resourceName, post_url: postUrl, appId: ctx.token.appId, created_at: new Date().toISOString() };
      store.subscriptions.set(rec.id, rec);
      return [200, { success: true, resource_subscription: subView(rec) }];
    } },
    { method: 'GET', path: '/v2/resource_subscriptions', auth: VIEW_SALES, handler: (ctx) => {
      const name = ctx.params.resource_name;
      if (!RESOURCE_NAMES.includes(name)) return fail('Valid resource_name parameter required');
      const own = ['true', '1', 't', 'on'].includes(String(ctx.params.current_oauth_application_only ?? '').toLowerCase());
      const list = [...store.subscriptions.values()].filter((r) => r.resource_name === name && (!own || r.appId === ctx.token.appId));
      return [200, { success: true, resource_subscriptions: list.map(subView) }];
    } },
    { method: 'DELETE', path: '/v2/resource_subscriptions/:id', auth: VIEW_SALES, handler: (ctx) => {
      const rec = store.subscriptions.get(ctx.route.id);
      if (!rec || rec.appId !== ctx.token.appId) return notFound('resource_subscription');
      store.subscriptions.delete(rec.id);
      store.deletedSubscriptions.set(rec.id, { ...rec, deleted_at: new Date().toISOString() });
      return [200, { success: true, message: 'The resource_subscription was deleted successfully.' }];
    } },

    { method: 'GET', path: '/v2/sales', auth: VIEW_SALES, handler: (ctx) => {
      const q = ctx.params;
      const end = q.before !== undefined ? parseDateParam(q.before, 'before') : null;
      const start = q.after !== undefined ? parseDateParam(q.after, 'after') : null;
      const email = q.email ? String(q.email).trim().toLowerCase() : null;
      const name = q.name ? String(q.name).trim().toLowerCase() : null;
      const lic = q.license_key ? String(q.license_key).trim().toUpperCase() : null;
      if (q.product_id && !/^[A-Za-z0-9_-]{22}==$/.test(String(q.product_id))) throw error400('Invalid product ID.');
      if (q.order_id && String(Number.parseInt(q.order_id, 10)) !== String(q.order_id)) throw error400('Invalid order ID.');
      if (q.page !== undefined && !(Number.parseInt(q.page, 10) > 0)) throw error400('Invalid page number. Page numbers start at 1.');
      const { list: ordered, times } = salesInOrder();
      // [start, end) is a slice of the newest-first order.
      let list = ordered.slice(end === null ? 0 : firstBelow(times, end), start === null ? ordered.length : firstBelow(times, start)).filter((s) => {
        return (!email || String(s.purchase_email).toLowerCase() === email)
          && (!q.product_id || s.product_id === q.product_id)
          && (!q.order_id || String(s.order_id) === String(q.order_id))
          && (!name || String(s.full_name ?? '').toLowerCase().includes(name))
          && (!lic || s.license_key === lic);
      });
      if (q.page !== undefined) { // DEPRECATED offset paging
        const page = Number.parseInt(q.page, 10);
        list = list.slice((page - 1) * SALES_PER_PAGE);
      } else if (q.page_key) {
        const { time, id } = decodePageKey(q.page_key);
        const anchor = [...store.sales.values()].find((s) => s.order_id === id);
        const anchorSeq = anchor ? saleSeq(anchor) : 0;
        // Rows strictly after the anchor in (created_at desc, id desc) order.
        list = list.filter((s) => { const t = Date.parse(s.created_at); return t < time || (t === time && saleSeq(s) < anchorSeq); });
      }
      const page = list.slice(0, SALES_PER_PAGE);
      /** @type {Record<string, any>} */
      const out = { success: true, sales: page };
      if (list.length > SALES_PER_PAGE) {
        const last = page[page.length - 1];
        out.next_page_key = `${usecStamp(last.created_at)}-${last.order_id}`;
        out.next_page_url = nextPageUrl(ctx, out.next_page_key);
      }
      return [200, out];
    } },
    // Before /v2/sales/:id, as in config/routes.rb.
    { method: 'GET', path: '/v2/sales/summary', auth: VIEW_SALES, handler: (ctx) => {
      const q = ctx.params;
      const groupBy = q.group_by || null;
      if (groupBy && !SUMMARY_GROUPS.includes(groupBy)) throw error400(`Invalid group_by. Valid values are: ${SUMMARY_GROUPS.join(', ')}.`);
      const to = q.to ? parseDateParam(q.to, 'to') : Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
      const from = q.from ? parseDateParam(q.from, 'from') : to - 29 * DAY_MS;
      if (from > to) throw error400("'from' must be on or before 'to'.");
      const days = Math.round((to - from) / DAY_MS);
      if (days > 366) throw error400('Date range cannot exceed 366 days.');
      if (groupBy === 'hour' && days > 7) throw error400('Date range cannot exceed 7 days when grouping by hour.');
      // The seller's time zone is UTC here; Purchase::CHARGED_SALES_SEARCH_OPTIONS ≈ every stored sale.
      const sales = sortedSales().filter((s) => { const t = Date.parse(s.created_at); return t >= from && t < to + DAY_MS; });
      const totals = (/** @type {any[]} */ list) => {
        const gross = list.reduce((a, s) => a + s.price, 0);
        const refunded = list.reduce((a, s) => { const x = store.saleExtras.get(s.id); return a + (x?.refundedCents ? Math.round(x.refundedCents * s.price / (x.displayedCents || 1)) : 0); }, 0);
        return { gross_cents: gross, net_cents: gross - refunded, units: list.length, refunded_cents: refunded, refunded_units: list.filter((s) => store.saleExtras.get(s.id)?.refundedCents > 0).length };
      };
      /** @type {Record<string, any>} */
      const out = { success: true, ...totals(sales), currency: 'usd', from: new Date(from).toISOString().slice(0, 10), to: new Date(to).toISOString().slice(0, 10) };
      if (groupBy) {
        /** @type {Map<string, any[]>} */
        const buckets = new Map();
        for (const s of sales) { const key = summaryKey(s, groupBy); buckets.set(key, [...(buckets.get(key) ?? []), s]); }
        const items = [...buckets].map(([key, list]) => ({ ...totals(list), key, label: groupBy === 'product' ? store.products.get(key)?.name ?? null : key }));
        out.breakdown = groupBy === 'product'
          ? items.sort((a, b) => b.gross_cents - a.gross_cents || String(a.label).localeCompare(String(b.label)))
          : items.sort((a, b) => a.key.localeCompare(b.key));
      }
      return [200, out];
    } },
    { method: 'POST', path: '/v2/sales/exports', auth: VIEW_SALES, handler: (ctx) => {
      const q = ctx.params;
      /** @type {Record<string, any>} */
      const filters = {};
      if (q.from) { parseDateParam(q.from, 'from'); filters.start_time = q.from; }
      if (q.to) { parseDateParam(q.to, 'to'); filters.end_time = q.to; }
      if (q.product_id) {
        const p = store.products.get(q.product_id);
        if (!p) throw error400('Invalid product ID.');
        filters.product_ids = [p.id];
      }
      store.exports.push({ filters, recipient: seller.email, at: new Date().toISOString() });
      return [200, { success: true, status: 'queued', recipient_email: seller.email }];
    } },
    { method: 'GET', path: '/v2/sales/:id', auth: VIEW_SALES, handler: (ctx) => {
      const s = store.sales.get(ctx.route.id);
      return s ? [200, { success: true, sale: s }] : notFound('sale');
    } },

    { method: 'GET', path: '/v2/products', auth: READ_SCOPES, handler: (ctx) =>
      [200, { success: true, products: [...store.products.values()].filter((p) => !p.deleted).map((p) => productView(store, p, ctx.token.scopes)) }] },
    { method: 'GET', path: '/v2/products/:id', auth: READ_SCOPES, handler: (ctx) => {
      const p = findProduct(ctx.route.id);
      return p ? [200, { success: true, product: productView(store, p, ctx.token.scopes) }] : notFound('product');
    } },
    { method: 'GET', path: '/v2/products/:product_id/subscribers', auth: VIEW_SALES, handler: (ctx) => {
      const p = findProduct(ctx.route.product_id);
      if (!p) return notFound('product');
      const q = ctx.params;
      const email = q.email ? String(q.email).trim().toLowerCase() : null;
      let list = [...store.subscribers.values()]
        .filter((s) => s.product_id === p.id && ACTIVE_SUBSCRIBER_STATUSES.includes(s.status) && (!email || String(s.email).toLowerCase() === email))
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || subSeq(b) - subSeq(a));
      if (q.page_key) {
        const { time, id } = decodePageKey(q.page_key);
        list = list.filter((s) => { const t = Date.parse(s.created_at); return t < time || (t === time && subSeq(s) < id); });
      }
      if (!(['1', 'true'].includes(String(q.paginated)) || q.page_key)) return [200, { success: true, subscribers: list }];
      const page = list.slice(0, SUBSCRIBERS_PER_PAGE);
      /** @type {Record<string, any>} */
      const out = { success: true, subscribers: page };
      if (list.length > SUBSCRIBERS_PER_PAGE) {
        const last = page[page.length - 1];
        out.next_page_key = `${usecStamp(last.created_at)}-${subSeq(last)}`;
        out.next_page_url = nextPageUrl(ctx, out.next_page_key);
      }
      return [200, out];
    } },
    { method: 'GET', path: '/v2/subscribers/:id', auth: VIEW_SALES, handler: (ctx) => {
      const s = store.subscribers.get(ctx.route.id);
      return s ? [200, { success: true, subscriber: s }] : notFound('subscriber');
    } },

    { method: 'GET', path: '/v2/payouts', auth: VIEW_PAYOUTS, handler: (ctx) => {
      const q = ctx.params;
      const end = q.before !== undefined ? parseDateParam(q.before, 'before') : null;
      const start = q.after !== undefined ? parseDateParam(q.after, 'after') : null;
      let list = [...store.payouts.values()]
        .filter((p) => { const t = Date.parse(p.created_at); return (start === null || t >= start) && (end === null || t < end); })
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.seq - a.seq);
      if (q.page_key) {
        const { time, id } = decodePageKey(q.page_key);
        list = list.filter((p) => { const t = Date.parse(p.created_at); return t < time || (t === time && p.seq < id); });
      }
      /** @type {any[]} */
      const page = list.slice(0, PAYOUTS_PER_PAGE + 1).map((p) => payoutView(p, false));
      // include_upcoming_payout?: the unpaid balance, with no id, first on the first page.
      const upcoming = store.upcomingPayout;
      if (!q.page_key && q.include_upcoming !== 'false' && upcoming && (end === null || end >= Date.parse(`${upcoming.period_end_date}T00:00:00Z`)))
        page.unshift({ id: null, amount: (upcoming.amount_cents / 100).toFixed(2), currency: upcoming.currency, status: upcoming.status, created_at: null, processed_at: null, payment_processor: null, bank_account_visual: null, paypal_email: null });
      /** @type {Record<string, any>} */
      const out = { success: true, payouts: page.slice(0, PAYOUTS_PER_PAGE) };
      if (page.length > PAYOUTS_PER_PAGE) {
        const last = store.payouts.get(out.payouts[out.payouts.length - 1].id);
        out.next_page_key = `${usecStamp(last.created_at)}-${last.seq}`;
        out.next_page_url = nextPageUrl(ctx, out.next_page_key);
      }
      return [200, out];
    } },
    // PayoutsController#upcoming (a collection route, so before :id): the unpaid payouts, up to two, no paging.
    { method: 'GET', path: '/v2/payouts/upcoming', auth: VIEW_PAYOUTS, handler: (ctx) => {
      const includeSales = ctx.params.include_sales !== 'false';
      const includeTransactions = ctx.params.include_transactions === 'true';
      const payouts = store.upcomingPayouts.map((/** @type {any} */ p) => ({
        id: null, amount: (p.amount_cents / 100).toFixed(2), currency: p.currency ?? 'USD', status: p.status ?? 'payable', created_at: `${p.payout_date}T00:00:00Z`, processed_at: null,
        payment_processor: p.payment_processor ?? 'stripe', bank_account_visual: p.bank_account_visual ?? null, paypal_email: p.paypal_email ?? null,
        ...(includeSales ? { sales: p.sales ?? [], refunded_sales: p.refunded_sales ?? [], disputed_sales: p.disputed_sales ?? [] } : {}),
        ...(includeTransactions ? { transactions: p.transactions ?? [] } : {}),
      }));
      return [200, { success: true, payouts }];
    } },
    { method: 'GET', path: '/v2/payouts/:id', auth: VIEW_PAYOUTS, handler: (ctx) => {
      const p = store.payouts.get(ctx.route.id);
      // The sales lists need the view_sales scope itself: `account` does not count here.
      return p ? [200, { success: true, payout: payoutView(p, ctx.token.scopes.includes('view_sales')) }] : notFound('payout');
    } },

    // EmailsController#index: the seller's live e-mails, newest first, 10 a page by page_key, `type` a state.
    { method: 'GET', path: '/v2/emails', auth: EDIT_EMAILS, handler: (ctx) => {
      const q = ctx.params;
      if (q.type && !['published', 'scheduled', 'draft'].includes(q.type)) throw error400('Invalid type. Valid values are: published, scheduled, draft.');
      let list = [...store.emails.values()].filter((e) => !e.deleted && (!q.type || e.state === q.type))
        .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.seq - a.seq);
      if (q.page_key) {
        const { time, id } = decodePageKey(q.page_key);
        list = list.filter((e) => { const t = Date.parse(e.created_at); return t < time || (t === time && e.seq < id); });
      }
      /** @type {Record<string, any>} */
      const out = { success: true, emails: list.slice(0, EMAILS_PER_PAGE).map(emailView) };
      if (list.length > EMAILS_PER_PAGE) {
        const lastEmail = list[EMAILS_PER_PAGE - 1];
        out.next_page_key = `${usecStamp(lastEmail.created_at)}-${lastEmail.seq}`;
        out.next_page_url = nextPageUrl(ctx, out.next_page_key);
      }
      return [200, out];
    } },
    // EmailsController#create: subject, body, audience (product: product_id or link_id), publish; SaveInstallmentService.
    { method: 'POST', path: '/v2/emails', auth: EDIT_EMAILS, handler: (ctx) => {
      const q = ctx.params;
      const type = EMAIL_AUDIENCES[String(q.audience || 'audience').toLowerCase()];
      if (!type) return fail(`Invalid audience. Valid values are: ${Object.keys(EMAIL_AUDIENCES).join(', ')}.`);
      /** @type {any} */
      let product = null;
      if (type === 'product') {
        const identifier = q.product_id || q.link_id;
        if (!identifier) return fail('Product audience requires a product_id or link_id.');
        product = liveProduct(identifier);
        if (!product) return fail('Product not found.');
      }
      const publish = ['true', '1', 't', 'on'].includes(String(q.publish)) || ['false', '0', 'f', 'off'].includes(String(q.draft));
      if (publish && seller.eligible_to_send_emails === false) return fail(NOT_ELIGIBLE);
      const message = String(q.body ?? '');
      if (!message.replace(/<\/?(p|br)\b[^>]*>/gi, '').trim()) return fail('Please include a message as part of the update.');
      if (String(q.subject ?? '').length > 255) return fail('Name is too long (maximum is 255 characters)');
      const now = new Date().toISOString();
      const e = {
        id: base64Id(), subject: q.subject ?? null, message, audience_type: type, product_id: product?.id ?? null, state: 'draft', published_at: null, scheduled_at: null,
        slug: String(q.subject || 'update').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'update', previews: 0, created_at: now, updated_at: now, deleted: false, seq: ++store.seq,
      };
      if (publish) { const error = publishEmail(e); if (error) return fail(error); }
      store.emails.set(e.id, e);
      return [200, { success: true, email: emailView(e) }];
    } },
    ...['GET', 'DELETE'].map((method) => ({ method, path: '/v2/emails/:id', auth: EDIT_EMAILS, handler: (/** @type {any} */ ctx) => {
      const e = store.emails.get(ctx.route.id);
      if (!e || e.deleted) return notFound('email');
      if (method === 'DELETE') { e.deleted = true; return deleted('email'); }
      return /** @type {[number, any]} */ ([200, { success: true, email: emailView(e) }]);
    } })),
    ...['preview', 'send', 'schedule', 'unschedule'].map((action) => ({ method: 'POST', path: `/v2/emails/:id/${action}`, auth: EDIT_EMAILS, handler: (/** @type {any} */ ctx) => {
      const e = store.emails.get(ctx.route.id);
      if (!e || e.deleted) return notFound('email');
      /** @returns {[number, any]} */
      const answer = () => [200, { success: true, email: emailView(e) }];
      if (action === 'preview') {
        if (seller.confirmed === false) return fail(CONFIRM_EMAIL);
        e.previews += 1;
        const previewUrl = e.state === 'published' ? emailView(e).url : `https://gumroad.com/emails/${encodeURIComponent(e.id)}/edit?preview_post=true`;
        return [200, { success: true, email: emailView(e), preview_url: previewUrl, message: 'A preview has been sent to your email.' }];
      }
      if (action === 'unschedule') {
        if (e.state !== 'scheduled') return fail('This email is not scheduled.');
        e.state = 'draft';
        e.scheduled_at = null;
        return answer();
      }
      if (e.state === 'published') return fail('The email has already been sent.');
      if (action === 'send') {
        if (e.state === 'scheduled') return fail('The email is scheduled to be sent at its scheduled time.');
        const error = publishEmail(e);
        return error ? fail(error) : answer();
      }
      // schedule: SaveInstallmentService#schedule_installment (eligibility, confirmed e-mail, a time ahead; message approximated).
      if (seller.eligible_to_send_emails === false) return fail(NOT_ELIGIBLE);
      if (seller.confirmed === false) return fail(CONFIRM_EMAIL);
      const at = Date.parse(String(ctx.params.to_be_published_at ?? ''));
      if (Number.isNaN(at) || at <= Date.now()) return fail('Please select a date and time in the future.');
      e.state = 'scheduled';
      e.scheduled_at = new Date(at).toISOString();
      return answer();
    } })),

    // EarningsController#show, TaxFormsController#index (Api::V2::TaxCenterAccess: view_tax_data, the tax center on, a past year of the account).
    { method: 'GET', path: '/v2/earnings', auth: VIEW_TAX_DATA, handler: (ctx) => {
      const refused = taxCenterRefusal();
      if (refused) return refused;
      const year = taxYear(ctx.params.year);
      if (!validTaxYear(year)) return yearNotAvailable(year, 'Earnings');
      const totals = store.earnings.get(/** @type {number} */ (year)) ?? {};
      const cents = Object.fromEntries(['gross_cents', 'fees_cents', 'taxes_cents', 'affiliate_credit_cents', 'net_cents'].map((k) => [k, totals[k] ?? 0]));
      return [200, { success: true, year, currency: 'usd', ...cents }];
    } },
    { method: 'GET', path: '/v2/tax_forms', auth: VIEW_TAX_DATA, handler: (ctx) => {
      const refused = taxCenterRefusal();
      if (refused) return refused;
      let forms = [...store.taxForms].sort((a, b) => a.tax_year - b.tax_year || a.tax_form_type.localeCompare(b.tax_form_type));
      if (ctx.params.year !== undefined && ctx.params.year !== '') {
        const year = taxYear(ctx.params.year);
        if (!validTaxYear(year)) return yearNotAvailable(year, 'Tax forms');
        forms = forms.filter((f) => f.tax_year === year);
      }
      return [200, { success: true, tax_forms: forms.map((f) => ({ tax_year: f.tax_year, tax_form_type: f.tax_form_type, filed_at: f.filed_at ?? null })) }];
    } },

    // UpsellsController: index/show with any public scope, create/update/destroy with edit_products; SaveUpsellService.
    { method: 'GET', path: '/v2/upsells', auth: PUBLIC_READ, handler: () => [200, { success: true, upsells: [...store.upsells.values()].filter((u) => !u.deleted).map(upsellView) }] },
    { method: 'POST', path: '/v2/upsells', auth: EDIT_PRODUCTS, handler: (ctx) => saveUpsell(ctx.params, null) },
    ...['GET', 'PUT', 'DELETE'].map((method) => ({ method, path: '/v2/upsells/:id', auth: method === 'GET' ? PUBLIC_READ : EDIT_PRODUCTS, handler: (/** @type {any} */ ctx) => {
      const u = store.upsells.get(ctx.route.id);
      if (!u || u.deleted) return notFound('upsell');
      if (method === 'DELETE') { u.deleted = true; return deleted('upsell'); }
      if (method === 'PUT') return saveUpsell(ctx.params, u);
      return /** @type {[number, any]} */ ([200, { success: true, upsell: upsellView(u) }]);
    } })),

    // FilesController (edit_products): a multipart upload to S3, one presigned PUT per part; S3's side is
    // played here too, under /s3-uploads/, its presigned URLs taking no token.
    { method: 'POST', path: '/v2/files/presign', auth: EDIT_PRODUCTS, handler: (ctx) => {
      // ActiveStorage::Filename#sanitized
      const filename = String(ctx.params.filename ?? '').trim().replace(/[\u202E%$|:;/<>?*"\t\r\n\\]/g, '-');
      if (!filename) throw error400('filename is required');
      const size = railsInteger(ctx.params.file_size) ?? 0;
      if (size <= 0) throw error400('file_size is required');
      if (size > 20 * 1024 ** 3) throw error400('file_size exceeds the 20 GB maximum');
      const uploadId = randomBytes(12).toString('base64url');
      const key = `${uploadPrefix()}${randomBytes(16).toString('hex')}/original/${filename}`;
      store.uploads.set(uploadId, { key, size, parts: new Map(), state: 'open' });
      const count = Math.ceil(size / store.uploadPartSize);
      const parts = Array.from({ length: count }, (_, i) => ({
        part_number: i + 1, presigned_url: `${double.url}/s3-uploads/${uploadId}/${i + 1}?X-Amz-Expires=900&X-Amz-Signature=${randomBytes(8).toString('hex')}`,
      }));
      return [200, { success: true, upload_id: uploadId, key, file_url: `${S3_BASE_URL}${key}`, parts }];
    } },
    { method: 'PUT', path: '/s3-uploads/:uploadId/:partNumber', auth: false, handler: (ctx) => {
      const upload = store.uploads.get(ctx.route.uploadId);
      const part = Number(ctx.route.partNumber);
      if (!upload || upload.state !== 'open') return [404, { Code: 'NoSuchUpload' }];
      if (ctx.headers.authorization) return [400, { Code: 'InvalidArgument', Message: 'Only one auth mechanism allowed' }];
      if (store.refuseUploadPart === part) return [403, { Code: 'AccessDenied' }];
      const etag = `"${createHash('md5').update(ctx.raw).digest('hex')}"`;
      upload.parts.set(part, { etag, bytes: ctx.raw });
      return [200, undefined, { ETag: etag }];
    } },
    { method: 'POST', path: '/v2/files/complete', auth: EDIT_PRODUCTS, handler: (ctx) => {
      const q = ctx.params;
      const upload = checkUpload(q, true);
      // Array(params[:parts]): a form's indexed `parts[0][etag]` is one hash, read as part 0 without an ETag.
      const parts = (Array.isArray(q.parts) ? q.parts : [q.parts]).map((/** @type {any} */ p) => ({ part_number: railsInteger(p?.part_number) ?? 0, etag: String(p?.etag ?? '') }));
      if (!upload || upload.state !== 'open') throw error400('The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');
      if (parts.some((p) => upload.parts.get(p.part_number)?.etag !== p.etag) || parts.length !== upload.parts.size)
        throw error400('One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part\'s entity tag.');
      upload.state = 'completed';
      upload.content = parts.map((p) => upload.parts.get(p.part_number).bytes).join('');
      return [200, { success: true, file_url: `${S3_BASE_URL}${upload.key}` }];
    } },
    { method: 'POST', path: '/v2/files/abort', auth: EDIT_PRODUCTS, handler: (ctx) => {
      const upload = checkUpload(ctx.params, false);
      if (!upload || upload.state !== 'open') return [200, { success: true, status: 'already_gone' }];
      upload.state = 'aborted';
      return [200, { success: true, status: 'accepted' }];
    } },

    { method: 'POST', path: '/v2/licenses/verify', auth: false, handler: (ctx) => {
      const q = ctx.params;
      for (const k of ['license_key', 'product_id', 'product_permalink', 'id', 'link_id'])
        if (q[k] !== undefined && q[k] !== '' && typeof q[k] !== 'string') throw new HttpError(400, { success: false, message: `The '${k}' parameter must be a string.` });
      const permalink = q.id || q.link_id || q.product_permalink || null;
      const increment = !['false'].includes(String(q.increment_uses_count)) && q.increment_uses_count !== false;
      let lic;
      if (q.product_id) {
        const product = store.products.get(q.product_id);
        lic = product ? [...store.licenses.values()].find((l) => l.product_id === product.id && l.license_key === q.license_key) : undefined;
      } else {
        lic = q.license_key ? store.licenses.get(q.license_key) : undefined;
        const product = lic ? store.products.get(lic.product_id) : undefined;
        if (lic && !permalink) // products created after the cut-over must be verified with product_id
          throw new HttpError(500, { success: false, message: `The 'product_id' parameter is required to verify the license for this product. Please set 'product_id' to '${lic.product_id}' in the request.` });
        if (lic && product && ![product.unique_permalink, product.custom_permalink].includes(permalink)) lic = undefined;
      }
      if (!lic) throw new HttpError(404, { success: false, message: 'That license does not exist for the provided product.' });
      refuseRevokedAccess(lic);
      if (lic.disabled) throw new HttpError(404, { success: false, message: 'This license key has been disabled.' });
      if (increment) lic.uses += 1;
      const sale = lic.sale_id ? store.sales.get(lic.sale_id) : undefined;
      if (sale && 'license_uses' in sale) sale.license_uses = lic.uses;
      return [200, { success: true, uses: lic.uses, ...(sale ? { purchase: licensePurchase(sale) } : {}) }];
    } },

    // ---------------------------------------------------------------- writes (Api::V2::{Sales,Links,CustomFields,VariantCategories,Variants,OfferCodes,Licenses}Controller)
    { method: 'PUT', path: '/v2/sales/:id/mark_as_shipped', auth: ['mark_sales_as_shipped', 'account'], handler: (ctx) => {
      const s = store.sales.get(ctx.route.id);
      if (!s) return notFound('sale');
      const x = store.saleExtras.get(s.id);
      x.shipped = true;
      if (ctx.params.tracking_url !== undefined) x.tracking_url = ctx.params.tracking_url;
      // Approximation: the sale JSON shows the shipment state once a sale was marked.
      Object.assign(s, { shipped: true, ...(x.tracking_url !== undefined ? { tracking_url: x.tracking_url } : {}) });
      return [200, { success: true, sale: s }];
    } },
    { method: 'PUT', path: '/v2/sales/:id/refund', auth: ['refund_sales', 'edit_sales', 'account'], handler: (ctx) => {
      const s = store.sales.get(ctx.route.id);
      if (!s) return notFound('sale');
      if (s.refunded) return fail('Purchase is already refunded.');
      const raw = ctx.params.amount_cents;
      const amount = raw !== undefined && raw !== '' ? Number.parseInt(String(raw), 10) || 0 : undefined;
      try { refundSale(s.id, amount); } catch (/** @type {any} */ e) { return fail(String(e.message)); }
      return [200, { success: true, sale: s }];
    } },
    { method: 'POST', path: '/v2/sales/:id/resend_receipt', auth: EDIT_SALES, handler: (ctx) => {
      const s = store.sales.get(ctx.route.id);
      if (!s) return notFound('sale');
      const x = store.saleExtras.get(s.id);
      x.receipts_resent = (x.receipts_resent ?? 0) + 1;
      return [200, { success: true }];
    } },

    { method: 'PUT', path: '/v2/products/:id/enable', auth: EDIT_PRODUCTS, handler: (ctx) => {
      const p = liveProduct(ctx.route.id);
      if (!p) return notFound('product');
      p.published = true;
      return [200, { success: true, product: productView(store, p, ctx.token.scopes) }];
    } },
    { method: 'PUT', path: '/v2/products/:id/disable', auth: EDIT_PRODUCTS, handler: (ctx) => {
      const p = liveProduct(ctx.route.id);
      if (!p) return notFound('product');
      p.published = false;
      return [200, { success: true, product: productView(store, p, ctx.token.scopes) }];
    } },
    { method: 'DELETE', path: '/v2/products/:id', auth: EDIT_PRODUCTS, handler: (ctx) => {
      const p = liveProduct(ctx.route.id);
      if (!p) return notFound('product');
      p.deleted = true;
      return deleted('product');
    } },

    { method: 'POST', path: '/v2/products', auth: EDIT_PRODUCTS, handler: (ctx) => {
      const q = ctx.params;
      const nativeType = q.native_type || 'digital';
      if (!CREATABLE_PRODUCT_TYPES.includes(nativeType)) return fail(`The product type '${nativeType}' is not supported for creation.`);
      if (q.subscription_duration) {
        if (!SUBSCRIPTION_DURATIONS.includes(q.subscription_duration)) return fail(`Invalid subscription duration '${q.subscription_duration}'. Valid values: ${SUBSCRIPTION_DURATIONS.join(', ')}.`);
        if (nativeType !== 'membership') return fail('subscription_duration is only valid for membership products.');
      }
      // Only an absent key falls back to the seller's currency; a blank one is an invalid explicit value.
      const currency = 'price_currency_type' in q ? String(q.price_currency_type).trim().toLowerCase() : seller.currency_type;
      if (!CURRENCY_CHOICES.includes(currency)) return fail(`'${'price_currency_type' in q ? q.price_currency_type : currency}' is not a supported currency.`);
      const errors = productErrors({ name: q.name ?? '', custom_permalink: q.custom_permalink || null });
      if (errors.length) return fail(errors.join(' and '));
      const membership = nativeType === 'membership';
      const p = addProduct(store, seller, {
        name: q.name, description: q.description ?? '', custom_permalink: q.custom_permalink || null, price: railsInteger(q.price) ?? 0, currency,
        customizable_price: q.customizable_price === 'true', max_purchase_count: railsInteger(q.max_purchase_count), custom_summary: q.custom_summary || null,
        published: false, is_tiered_membership: membership, subscription_duration: membership ? (q.subscription_duration || 'monthly') : null,
      });
      p.native_type = nativeType;
      if (q.suggested_price_cents !== undefined) p.suggested_price_cents = railsInteger(q.suggested_price_cents);
      return [200, { success: true, product: productView(store, p, ctx.token.scopes) }];
    } },
    { method: 'PUT', path: '/v2/products/:id', auth: EDIT_PRODUCTS, handler: (ctx) => {
      const p = liveProduct(ctx.route.id);
      if (!p) return notFound('product');
      const q = ctx.params;
      if (p.is_tiered_membership && 'price' in q) return fail('Price cannot be updated for tiered membership products. Use the variant endpoints to manage tier pricing.');
      const currency = String(q.price_currency_type ?? '').trim().toLowerCase();
      if ('price_currency_type' in q && !CURRENCY_CHOICES.includes(currency)) return fail(`'${q.price_currency_type}' is not a supported currency.`);
      const next = { name: 'name' in q ? q.name : p.name, custom_permalink: 'custom_permalink' in q ? (q.custom_permalink || null) : p.custom_permalink };
      const errors = productErrors(next, p.id);
      if (errors.length) return fail(errors.join(' and '));
      Object.assign(p, next);
      if ('description' in q) p.description = q.description;
      if ('price' in q) p.price = railsInteger(q.price) ?? 0;
      if ('price_currency_type' in q) p.currency = currency;
      if ('customizable_price' in q) p.customizable_price = q.customizable_price === 'true';
      if ('suggested_price_cents' in q) p.suggested_price_cents = railsInteger(q.suggested_price_cents);
      if ('max_purchase_count' in q) p.max_purchase_count = railsInteger(q.max_purchase_count);
      if ('custom_receipt' in q) p.custom_receipt = q.custom_receipt || null;
      if ('custom_summary' in q) p.custom_summary = q.custom_summary || null;
      p.short_url = `https://${seller.username}.gumroad.com/l/${p.custom_permalink ?? p.unique_permalink}`;
      p.formatted_price = formatMoney(p.price, p.currency) + (p.subscription_duration ? RECURRENCE_SUFFIX[p.subscription_duration] ?? '' : '');
      // LinksController#check_offer_code_validity, amount case only: a fixed code that leaves less than
      // the minimum price (approximated as 99 cents, "$0.99", in any currency).
      const invalid = [...store.offerCodes.values()].filter((o) => offerApplies(o, p) && o.amount_cents !== null && p.price > 0 && p.price - o.amount_cents < 99).map((o) => o.code);
      const many = invalid.length > 1;
      const warning = invalid.length ? `The following offer ${many ? 'codes' : 'code'} ${many ? 'discount' : 'discounts'} this product below ${formatMoney(99, p.currency)}: ${invalid.join(', ')}. Please update ${many ? 'them or they' : 'it or it'} will not work at checkout.` : undefined;
      return [200, { success: true, product: productView(store, p, ctx.token.scopes), ...(warning ? { warning } : {}) }];
    } },

    { method: 'GET', path: '/v2/products/:product_id/custom_fields', auth: PUBLIC_READ, handler: (ctx) => {
      const p = liveProduct(ctx.route.product_id);
      return p ? [200, { success: true, custom_fields: p.custom_fields }] : notFound('product');
    } },
    { method: 'POST', path: '/v2/products/:product_id/custom_fields', auth: EDIT_PRODUCTS, handler: (ctx) => {
      const p = liveProduct(ctx.route.product_id);
      if (!p) return notFound('product');
      const q = ctx.params;
      const name = q.name || q.url || q.label;
      const type = q.type || 'text';
      if (!name || !CUSTOM_FIELD_TYPES.includes(type)) return fail('The custom_field was unable to be created.');
      const field = { name, required: q.required === 'true', type };
      p.custom_fields.push(field);
      return [200, { success: true, custom_field: field }];
    } },
    { method: 'PUT', path: '/v2/products/:product_id/custom_fields/:id', auth: EDIT_PRODUCTS, handler: (ctx) => {
      const p = liveProduct(ctx.route.product_id);
      if (!p) return notFound('product');
      const field = p.custom_fields.findLast((/** @type {any} */ f) => f.name === ctx.route.id);
      if (!field) return notFound('custom_field');
      if (ctx.params.required !== undefined) field.required = ctx.params.required === 'true';
      return [200, { success: true, custom_field: field }];
    } },
    { method: 'DELETE', path: '/v2/products/:product_id/custom_fields/:id', auth: EDIT_PRODUCTS, handler: (ctx) => {
      const p = liveProduct(ctx.route.product_id);
      if (!p) return notFound('product');
      const index = p.custom_fields.findLastIndex((/** @type {any} */ f) => f.name === ctx.route.id);
      if (index < 0) return notFound('custom_field');
      p.custom_fields.splice(index, 1);
      return deleted('custom_field');
    } },

    // SkusController#index: the product's own SKUs (not the default one, unless it is the only one) when SKUs are
    // enabled, a physical product's variants otherwise, else none. fetch_product: deleted products too.
    { method: 'GET', path: '/v2/products/:product_id/skus', auth: PUBLIC_READ, handler: (ctx) => {
      const p = findProduct(ctx.route.product_id);
      if (!p) return notFound('product');
      /** @type {any[]} */
      let skus = [];
      if (p.skus_enabled) {
        const alive = (p.skus ?? []).filter((/** @type {any} */ k) => !k.deleted);
        const own = alive.filter((/** @type {any} */ k) => !k.is_default_sku);
        skus = (own.length ? own : alive.filter((/** @type {any} */ k) => k.is_default_sku)).map(skuView);
      } else if (p.is_physical) {
        const categories = new Set([...store.variantCategories.values()].filter((c) => c.product_id === p.id && !c.deleted).map((c) => c.id));
        skus = [...store.variants.values()].filter((v) => categories.has(v.variant_category_id) && !v.deleted).map(skuView);
      }
      return [200, { success: true, skus }];
    } },
    { method: 'GET', path: '/v2/products/:product_id/variant_categories', auth: READ_SCOPES, handler: (ctx) => {
      const p = liveProduct(ctx.route.product_id);
      if (!p) return notFound('product');
      return [200, { success: true, variant_categories: [...store.variantCategories.values()].filter((c) => c.product_id === p.id && !c.deleted).map(categoryView) }];
    } },
    { method: 'POST', path: '/v2/products/:product_id/variant_categories', auth: EDIT_PRODUCTS, handler: (ctx) => {
      const p = liveProduct(ctx.route.product_id);
      if (!p) return notFound('product');
      const c = { id: base64Id(), title: ctx.params.title ?? null, product_id: p.id, deleted: false };
      store.variantCategories.set(c.id, c);
      return [200, { success: true, variant_category: categoryView(c) }];
    } },
    ...['GET', 'PUT', 'DELETE'].map((method) => ({ method, path: '/v2/products/:product_id/variant_categories/:id', auth: method === 'GET' ? READ_SCOPES : EDIT_PRODUCTS, handler: (/** @type {any} */ ctx) => {
      const p = liveProduct(ctx.route.product_id);
      if (!p) return notFound('product');
      const c = categoryOf(p, ctx.route.id);
      if (!c) return notFound('variant_category');
      if (method === 'DELETE') { c.deleted = true; return deleted('variant_category'); }
      if (method === 'PUT' && ctx.params.title !== undefined) c.title = ctx.params.title;
      return [200, { success: true, variant_category: categoryView(c) }];
    } })),
    { method: 'GET', path: '/v2/products/:product_id/variant_categories/:variant_category_id/variants', auth: READ_SCOPES, handler: (ctx) => {
      const p = liveProduct(ctx.route.product_id);
      if (!p) return notFound('product');
      const c = categoryOf(p, ctx.route.variant_category_id);
      if (!c) return notFound('variant_category');
      return [200, { success: true, variants: [...store.variants.values()].filter((v) => v.variant_category_id === c.id && !v.deleted).map(variantView) }];
    } },
    { method: 'POST', path: '/v2/products/:product_id/variant_categories/:variant_category_id/variants', auth: EDIT_PRODUCTS, handler: (ctx) => {
      const p = liveProduct(ctx.route.product_id);
      if (!p) return notFound('product');
      const c = categoryOf(p, ctx.route.variant_category_id);
      if (!c) return notFound('variant_category');
      if (!ctx.params.name) return fail('The variant was unable to be created.');
      const v = { id: base64Id(), name: '', description: null, price_difference_cents: 0, max_purchase_count: null, variant_category_id: c.id, deleted: false };
      assignVariant(v, ctx.params);
      store.variants.set(v.id, v);
      return [200, { success: true, variant: variantView(v) }];
    } },
    ...['GET', 'PUT', 'DELETE'].map((method) => ({ method, path: '/v2/products/:product_id/variant_categories/:variant_category_id/variants/:id', auth: method === 'GET' ? READ_SCOPES : EDIT_PRODUCTS, handler: (/** @type {any} */ ctx) => {
      const p = liveProduct(ctx.route.product_id);
      if (!p) return notFound('product');
      const c = categoryOf(p, ctx.route.variant_category_id);
      if (!c) return notFound('variant_category');
      const v = store.variants.get(ctx.route.id);
      if (!v || v.variant_category_id !== c.id || v.deleted) return notFound('variant');
      if (method === 'DELETE') { v.deleted = true; return deleted('variant'); }
      if (method === 'PUT') assignVariant(v, ctx.params);
      return [200, { success: true, variant: variantView(v) }];
    } })),

    { method: 'GET', path: '/v2/products/:product_id/offer_codes', auth: PUBLIC_READ, handler: (ctx) => {
      const p = liveProduct(ctx.route.product_id);
      if (!p) return notFound('product');
      return [200, { success: true, offer_codes: [...store.offerCodes.values()].filter((o) => offerApplies(o, p)).map(offerCodeView) }];
    } },
    { method: 'POST', path: '/v2/products/:product_id/offer_codes', auth: EDIT_PRODUCTS, handler: (ctx) => {
      const q = ctx.params;
      // check_offer_code_params runs before fetch_product.
      if (!q.amount_off && !q.amount_cents) return fail('You are missing required offer code parameters. Please refer to https://gumroad.com/api#offer-codes for the correct parameters.');
      const p = liveProduct(ctx.route.product_id);
      if (!p) return notFound('product');
      const universal = q.universal === 'true';
      const percent = q.offer_type === 'percent';
      const toInt = (/** @type {any} */ v) => (v === undefined || v === '' || v === null ? null : Number.parseInt(String(v), 10) || 0);
      const o = {
        id: base64Id(), code: String(q.name ?? '').trim(), universal, product_ids: universal ? null : [p.id],
        amount_percentage: percent ? toInt(q.amount_off) ?? 0 : null,
        amount_cents: percent ? null : toInt(q.amount_cents || q.amount_off),
        max_purchase_count: toInt(q.max_purchase_count), minimum_amount_cents: toInt(q.minimum_amount_cents),
        currency_type: percent ? null : p.currency, times_used: 0, deleted: false,
      };
      const errors = offerCodeErrors(o);
      if (errors.length) return fail(errors.join(' and '));
      store.offerCodes.set(o.id, o);
      return [200, { success: true, offer_code: offerCodeView(o) }];
    } },
    ...['GET', 'PUT', 'DELETE'].map((method) => ({ method, path: '/v2/products/:product_id/offer_codes/:id', auth: method === 'GET' ? PUBLIC_READ : EDIT_PRODUCTS, handler: (/** @type {any} */ ctx) => {
      const p = liveProduct(ctx.route.product_id);
      if (!p) return notFound('product');
      const o = store.offerCodes.get(ctx.route.id);
      if (!o || !offerApplies(o, p)) return notFound('offer_code');
      if (method === 'DELETE') { o.deleted = true; return deleted('offer_code'); }
      if (method === 'PUT') { // permitted_params: max_purchase_count, minimum_amount_cents
        if (ctx.params.max_purchase_count !== undefined) o.max_purchase_count = railsInteger(ctx.params.max_purchase_count);
        if (ctx.params.minimum_amount_cents !== undefined) o.minimum_amount_cents = railsInteger(ctx.params.minimum_amount_cents);
      }
      return [200, { success: true, offer_code: offerCodeView(o) }];
    } })),

    ...['enable', 'disable', 'decrement_uses_count', 'rotate'].map((action) => ({ method: 'PUT', path: `/v2/licenses/${action}`, auth: EDIT_PRODUCTS, handler: (/** @type {any} */ ctx) => {
      const q = ctx.params;
      const product = q.product_id ? store.products.get(q.product_id) : undefined;
      const lic = q.product_id
        ? (product ? [...store.licenses.values()].find((l) => l.product_id === product.id && l.license_key === q.license_key) : undefined)
        : (q.license_key ? store.licenses.get(q.license_key) : undefined);
      if (!lic) throw new HttpError(404, { success: false, message: 'That license does not exist for the provided product.' });
      refuseRevokedAccess(lic);
      const sale = lic.sale_id ? store.sales.get(lic.sale_id) : undefined;
      if (action === 'enable' || action === 'disable') lic.disabled = action === 'disable';
      if (action === 'decrement_uses_count' && lic.uses > 0) lic.uses -= 1;
      if (action === 'rotate') {
        store.licenses.delete(lic.license_key);
        lic.license_key = licenseKey();
        store.licenses.set(lic.license_key, lic);
        if (sale) sale.license_key = lic.license_key;
      }
      if (sale && 'license_disabled' in sale) sale.license_disabled = lic.disabled;
      if (sale && 'license_uses' in sale) sale.license_uses = lic.uses;
      return [200, { success: true, uses: lic.uses, ...(sale ? { purchase: licensePurchase(sale) } : {}) }];
    } })),

    { method: 'GET', path: '/oauth/authorize', auth: false, handler: (ctx) => {
      const q = ctx.params;
      const client = oauthClients.get(q.client_id);
      if (!client) return [401, { error: 'invalid_client', error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.' }];
      if (q.response_type !== 'code') return [400, { error: 'unsupported_response_type', error_description: 'The authorization server does not support this response type.' }];
      const scopes = String(q.scope ?? '').split(/[\s+]+/).filter(Boolean);
      const code = issueCode(q.client_id, scopes.length ? scopes : ['view_public'], q.redirect_uri ?? null);
      const target = new URL(q.redirect_uri ?? 'urn:ietf:wg:oauth:2.0:oob');
      target.searchParams.set('code', code);
      if (q.state !== undefined) target.searchParams.set('state', q.state);
      return [302, undefined, { Location: target.toString() }];
    } },
    { method: 'POST', path: '/oauth/token', auth: false, handler: (ctx) => oauthToken(ctx) },
  ];
  const routes = routeDefs.map((r) => ({ ...r, segs: r.path.split('/').slice(1) }));

  function findProduct(/** @type {string} */ idOrPermalink) {
    return store.products.get(idOrPermalink) ?? [...store.products.values()].find((p) => p.unique_permalink === idOrPermalink);
  }

  function issueCode(/** @type {string} */ clientId, /** @type {string[]} */ scopes, /** @type {string|null} */ redirectUri) {
    const code = randomBytes(32).toString('hex');
    authCodes.set(code, { clientId, scopes, redirectUri, expiresAt: Date.now() + 10 * 60_000 });
    return code;
  }
  function issueTokens(/** @type {string} */ clientId, /** @type {string[]} */ scopes) {
    const access = randomBytes(32).toString('hex');
    const refresh = randomBytes(32).toString('hex');
    tokens.set(access, { scopes, appId: clientId, refresh });
    refreshTokens.set(refresh, { clientId, scopes, accessToken: access });
    // Gumroad: access_token_expires_in nil → no expires_in.
    return { access_token: access, token_type: 'Bearer', refresh_token: refresh, scope: scopes.join(' '), created_at: Math.floor(Date.now() / 1000) };
  }

  /**
   * POST /oauth/token (Doorkeeper; grant flows authorization_code + refresh_token + client_credentials).
   * @param {any} ctx @returns {[number, any, Record<string,string>]}
   */
  function oauthToken(ctx) {
    const q = ctx.params;
    let clientId = q.client_id;
    let secret = q.client_secret;
    const basic = /^Basic\s+(\S+)$/i.exec(String(ctx.headers.authorization ?? ''));
    if (basic) [clientId, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':').map((s) => decodeURIComponent(s));
    const headers = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
    /** @type {[number, any, Record<string,string>]} */
    const invalidClient = [401, { error: 'invalid_client', error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.' }, headers];
    /** @type {[number, any, Record<string,string>]} */
    const invalidGrant = [400, { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.' }, headers];
    if (!['authorization_code', 'refresh_token', 'client_credentials'].includes(q.grant_type))
      return [400, { error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported by the authorization server.' }, headers];
    const client = clientId ? oauthClients.get(clientId) : undefined;
    if (!client || client.secret !== secret) return invalidClient;
    if (q.grant_type === 'authorization_code') {
      const c = authCodes.get(q.code);
      if (!c || c.clientId !== clientId || c.expiresAt < Date.now() || (c.redirectUri && q.redirect_uri !== c.redirectUri)) return invalidGrant;
      authCodes.delete(q.code);
      return [200, issueTokens(clientId, c.scopes), headers];
    }
    if (q.grant_type === 'refresh_token') {
      const r = refreshTokens.get(q.refresh_token);
      if (!r || r.clientId !== clientId) return invalidGrant;
      refreshTokens.delete(q.refresh_token);
      const old = tokens.get(r.accessToken);
      if (old) old.revoked = true;
      return [200, issueTokens(clientId, r.scopes), headers];
    }
    const scopes = String(q.scope ?? '').split(/\s+/).filter(Boolean);
    return [200, issueTokens(clientId, scopes.length ? scopes : ['view_public']), headers];
  }

  /**
   * Rails routing (ActionDispatch::Journey): the router reads the path as sent, still
   * percent-encoded; each dynamic segment is `[^/.?]+` and every route ends in an optional
   * `(.:format)`, itself `[^/.?]+`. So `custom_fields/a.b` routes with `id` "a" (format "b"),
   * `custom_fields/a.b.c` matches no route (404), and only a dot sent as `%2E` stays in the id.
   * Params are percent-decoded after the match (railsUnescape).
   */
  function match(/** @type {string} */ method, /** @type {string} */ path) {
    const segs = (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path).split('/').slice(1);
    const last = segs[segs.length - 1] ?? '';
    const dot = last.indexOf('.');
    if (dot >= 0) {
      const format = last.slice(dot + 1);
      if (format === '' || format.includes('.')) return null;
      segs[segs.length - 1] = last.slice(0, dot);
    }
    for (const r of routes) {
      if (r.method !== method || r.segs.length !== segs.length) continue;
      /** @type {Record<string,string>} */
      const params = {};
      if (r.segs.every((s, i) => (s.startsWith(':') ? ((params[s.slice(1)] = segs[i]), segs[i] !== '' && !segs[i].includes('.')) : s === segs[i]))) {
        for (const k of Object.keys(params)) params[k] = railsUnescape(params[k]);
        return { route: r, params };
      }
    }
    return null;
  }

  /** Rails-ish params: query string merged with the (form or JSON) body, body wins. */
  function parseParams(/** @type {URL} */ url, /** @type {string} */ raw, /** @type {string} */ contentType) {
    /** @type {Record<string, any>} */
    const params = {};
    for (const [k, v] of url.searchParams) params[k] = v;
    if (!raw) return params;
    if (contentType.includes('application/json')) {
      try { Object.assign(params, JSON.parse(raw)); } catch { throw new HttpError(400, { status: 400, error: 'Invalid request.' }); }
    } else {
      for (const [k, v] of new URLSearchParams(raw)) {
        params[k] = v;
        // Rails' nested params, one level: `ids[]=a&ids[]=b` → ids: [a, b], `code[cents]=1` → code: {cents: 1}
        // (`list[0][key]` → list: {0: {key}}, which permit reads as a list); the flat key stays too.
        const m = /^([^[\]]+)\[([^[\]]*)\](?:\[([^[\]]+)\])?$/.exec(k);
        if (!m || typeof params[m[1]] === 'string') continue;
        if (m[2] === '') params[m[1]] = [...(Array.isArray(params[m[1]]) ? params[m[1]] : []), v];
        else if (m[3] === undefined) params[m[1]] = { ...params[m[1]], [m[2]]: v };
        else params[m[1]] = { ...params[m[1]], [m[2]]: { ...params[m[1]]?.[m[2]], [m[3]]: v } };
      }
    }
    return params;
  }

  const redact = (/** @type {Record<string, any>} */ o) => {
    if (!o || typeof o !== 'object') return o;
    const c = { ...o };
    for (const k of ['access_token', 'bearer_token', 'client_secret', 'code', 'refresh_token']) if (k in c) c[k] = '[redacted]';
    return c;
  };

  async function api(/** @type {any} */ rec, /** @type {URL} */ url, /** @type {string} */ raw, /** @type {http.IncomingMessage} */ req) {
    try {
      const params = parseParams(url, raw, String(req.headers['content-type'] ?? ''));
      if (raw) {
        try { rec.body = redact(String(req.headers['content-type'] ?? '').includes('json') ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw))); } catch { rec.body = raw.length; }
      } else rec.body = undefined;
      if (throttle.count > 0) {
        // Rack::Attack's throttled responder: text/plain "Retry later", Retry-After only when set.
        throttle.count--;
        return [429, 'Retry later\n', { 'Content-Type': 'text/plain', ...(throttle.retryAfter === undefined ? {} : { 'Retry-After': throttle.retryAfter }) }];
      }
      const m = match(rec.method, url.pathname);
      if (!m) return [404, { success: false, error: 'Not found' }, {}];
      const ctx = { params, route: m.params, headers: req.headers, url, raw, token: /** @type {any} */ (null) };
      if (m.route.auth !== false) ctx.token = authenticate(ctx, m.route.auth ?? null);
      const [status, body, headers] = m.route.handler(ctx);
      return [status, body, headers ?? {}];
    } catch (/** @type {any} */ e) {
      if (e instanceof HttpError) { if (e.reason) rec.reason = e.reason; return [e.status, e.body, e.headers]; }
      return [500, { success: false, message: 'Internal Server Error (double bug)', detail: String(e?.stack ?? e) }, {}];
    }
  }

  // ------------------------------------------------------------------ ping delivery (PostToIndividualPingEndpointWorker)
  /** @param {any} payloadOrStem */
  const resolvePayload = (payloadOrStem) => (typeof payloadOrStem === 'string' ? loadFixture(payloadOrStem) : { ...payloadOrStem });

  /**
   * One POST, like HTTParty.post(post_url, body:, timeout: 5, headers: {"Content-Type" => content_type}).
   * @param {string} postUrl @param {any} payloadOrStem @param {{retryCount?: number, contentType?: 'form'|'json', timeoutMs?: number}} [opts]
   */
  function sendPing(postUrl, payloadOrStem, opts = {}) {
    /** @type {Record<string, any>} */
    const payload = resolvePayload(payloadOrStem);
    if (opts.retryCount) payload.retry_count = opts.retryCount;
    const json = opts.contentType === 'json';
    const body = json ? encodePingJson(payload) : encodePingForm(payload);
    const u = new URL(postUrl);
    /** @type {Record<string, string|number>} */
    const headers = {
      'Content-Type': json ? 'application/json' : 'application/x-www-form-urlencoded',
      'Content-Length': Buffer.byteLength(body),
      'Accept-Encoding': 'gzip;q=1.0,deflate;q=0.6,identity;q=0.3',
      Accept: '*/*',
      'User-Agent': 'Ruby',
    };
    if (u.username || u.password) headers.Authorization = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
    const timeoutMs = opts.timeoutMs ?? 5000;
    const started = Date.now();
    return new Promise((resolve) => {
      let settled = false;
      const done = (/** @type {any} */ r) => { if (!settled) { settled = true; resolve({ ...r, durationMs: Date.now() - started, sentBody: body, contentType: String(headers['Content-Type']), payload }); } };
      const lib = u.protocol === 'https:' ? https : http;
      const req = lib.request(u, { method: 'POST', headers, timeout: timeoutMs }, (res) => {
        /** @type {Buffer[]} */
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => done({ status: null, body: null, error: String(err.message) }));
      });
      const timer = setTimeout(() => { req.destroy(new Error('timeout')); done({ status: null, body: null, error: 'timeout' }); }, timeoutMs);
      req.on('timeout', () => { req.destroy(new Error('timeout')); done({ status: null, body: null, error: 'timeout' }); });
      req.on('error', (err) => done({ status: null, body: null, error: /** @type {any} */ (err).code ?? err.message }));
      req.on('close', () => clearTimeout(timer));
      req.end(body);
    });
  }

  /** Whether the app behind a subscription still holds a non-revoked token with view_sales/account (User#urls_for_ping_notification). */
  const appCanReceive = (/** @type {string} */ appId) => [...tokens.values()].some((t) => t.appId === appId && !t.revoked && t.scopes.some((s) => VIEW_SALES.includes(s)));

  /**
   * Fan-out to every live subscription of `resourceName`, with the worker's retry policy.
   * @param {string} resourceName @param {any} payloadOrStem @param {import('./server.d.mts').DeliverOptions} [opts]
   */
  async function deliver(resourceName, payloadOrStem, opts = {}) {
    const base = resolvePayload(payloadOrStem);
    const delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const subs = [...store.subscriptions.values()].filter((s) => s.resource_name === resourceName && (opts.requireLiveToken === false || appCanReceive(s.appId)));
    const perSub = await Promise.all(subs.map(async (sub) => {
      const attempts = [];
      const host = (() => { try { return new URL(sub.post_url).hostname; } catch { return ''; } })();
      const contentType = opts.contentType ?? (host.endsWith('zapier.com') ? 'json' : 'form');
      for (let retryCount = 0; ; retryCount++) {
        const r = await sendPing(sub.post_url, base, { retryCount, contentType, timeoutMs: opts.timeoutMs });
        attempts.push({ subscriptionId: sub.id, url: sub.post_url, retryCount, ...r });
        const ok = r.status !== null && r.status >= 200 && r.status < 300;
        const retryable = r.status === null ? opts.retryNetworkErrors !== false : RETRY_STATUSES.includes(r.status);
        if (ok || !retryable || opts.retry === false || retryCount >= delays.length) break;
        await new Promise((res) => setTimeout(res, delays[retryCount]));
      }
      return attempts;
    }));
    return perSub.flat();
  }

  // ------------------------------------------------------------------ refunds
  function refundSale(/** @type {string} */ id, /** @type {number|undefined} */ amountCents) {
    const s = store.sales.get(id);
    const x = store.saleExtras.get(id);
    if (!s || !x) throw new Error(`unknown sale ${id}`);
    if (s.refunded) throw new Error('Purchase is already refunded.');
    const remaining = x.displayedCents - x.refundedCents;
    const amount = amountCents ?? remaining;
    if (!(amount > 0) || amount > remaining) throw new Error(`Refund amount must be between 1 and ${remaining} cents`);
    x.refundedCents += amount;
    s.refunded = x.refundedCents >= x.displayedCents;
    s.partially_refunded = !s.refunded;
    s.amount_refundable_in_currency = formatAmount(x.displayedCents - x.refundedCents);
    return salePingFor(id, 'refund');
  }

  // ------------------------------------------------------------------ control plane (cli.mjs / e2e), no auth, not recorded
  async function control(/** @type {string} */ method, /** @type {URL} */ url, /** @type {any} */ b) {
    const key = `${method} ${url.pathname.replace(/\/$/, '')}`;
    const q = Object.fromEntries(url.searchParams);
    switch (key) {
      case 'GET /__double/requests': return [200, { requests }];
      case 'POST /__double/reset': double.reset(); return [200, { ok: true }];
      case 'GET /__double/subscriptions': return [200, { subscriptions: [...store.subscriptions.values()] }];
      case 'GET /__double/sales': return [200, { sales: sortedSales() }];
      case 'POST /__double/sales': return [200, b.n ? { sales: double.seedSales(b.n, b.overrides) } : { sale: double.addSale(b) }];
      case 'POST /__double/products': return [200, { product: double.addProduct(b) }];
      case 'POST /__double/subscribers': return [200, { subscriber: double.addSubscriber(b) }];
      case 'POST /__double/licenses': return [200, { license: double.addLicense(b) }];
      case 'POST /__double/payouts': return [200, { payout: double.addPayout(b) }];
      case 'POST /__double/refund': return [200, { ping: refundSale(b.id, b.amountCents), sale: store.sales.get(b.id) }];
      case 'GET /__double/sale-ping': return [200, { ping: salePingFor(q.id, q.resource_name ?? 'sale') }];
      case 'GET /__double/fixture': return [200, { payload: loadFixture(q.stem) }];
      case 'POST /__double/allow-local-post-urls': double.allowLocalPostUrls(b.allow !== false); return [200, { ok: true }];
      case 'POST /__double/send-ping': return [200, await sendPing(b.url, b.payload ?? b.fixture, b)];
      case 'POST /__double/deliver': return [200, { attempts: await deliver(b.resource_name, b.payload ?? b.fixture, b) }];
      case 'POST /__double/sell': return [200, await double.sell(b)];
      case 'POST /__double/oauth/code': return [200, { code: issueCode(b.clientId, b.scopes ?? ['view_sales'], b.redirectUri ?? null) }];
      default: return [404, { error: `Cannot ${method} ${url.pathname}` }];
    }
  }

  const server = await serveDouble({
    port: options.port,
    requests,
    control: (method, url, body) => control(method, url, body ?? {}),
    controlError: (message) => ({ error: message }),
    api: (rec, raw, req, url) => api(rec, url, raw, req),
    latencyMs: () => latencyMs,
    redact: (rec) => {
      if (rec.headers.authorization) rec.headers.authorization = '[redacted]';
      if ('access_token' in rec.query) rec.query.access_token = '[redacted]';
    },
  });

  const double = {
    url: `http://127.0.0.1:${server.port}`,
    port: server.port,
    seller,
    store,
    requests,
    close: server.close,
    addProduct: (/** @type {any} */ o = {}) => addProduct(store, seller, o),
    addSale: (/** @type {any} */ o = {}) => addSale(store, seller, o),
    setLatency(/** @type {number} */ ms) { latencyMs = ms; },
    /** The next `count` API requests are throttled (429), as Rack::Attack answers. */
    throttleNext(/** @type {number} */ count, /** @type {string|undefined} */ retryAfter = undefined) { throttle.count = count; throttle.retryAfter = retryAfter; },
    /** n sales, one minute apart, the newest `now - 1 min`; created oldest first so ids grow with time (as in Gumroad). */
    /** @param {number} n @param {any} [overrides] */
    seedSales(n, overrides = {}) {
      const now = Date.now();
      const out = [];
      /** @type {string|undefined} one shared product unless the overrides name one */
      let productId;
      for (let i = n - 1; i >= 0; i--) {
        const o = typeof overrides === 'function' ? overrides(i) : overrides;
        productId ??= o.product_id ?? [...store.products.values()][0]?.id ?? addProduct(store, seller, { name: 'Seeded Product' }).id;
        out.push(addSale(store, seller, { created_at: new Date(now - (i + 1) * 60_000).toISOString(), product_id: productId, ...o }));
      }
      return out.reverse();
    },
    /** A payout (Payment) of the seller; completed, paid by Stripe to a bank account, unless told. */
    addPayout(/** @type {any} */ o = {}) {
      const created = o.created_at ? new Date(o.created_at).toISOString() : new Date().toISOString();
      const p = {
        id: o.id ?? base64Id(), amount_cents: o.amount_cents ?? 10_000, currency: o.currency ?? 'USD', status: o.status ?? 'completed', created_at: created,
        processed_at: o.processed_at ?? created, payment_processor: o.payment_processor ?? 'STRIPE', bank_account_visual: o.bank_account_visual ?? '******6789',
        paypal_email: o.paypal_email ?? null, sales: o.sales ?? [], refunded_sales: o.refunded_sales ?? [], disputed_sales: o.disputed_sales ?? [], seq: ++store.seq,
      };
      store.payouts.set(p.id, p);
      return p;
    },
    /** The unpaid balance GET /v2/payouts lists first (null: none); its payout period ends on `period_end_date` (default today). */
    setUpcomingPayout(/** @type {any} */ o) {
      store.upcomingPayout = o ? { amount_cents: o.amount_cents ?? 1500, currency: o.currency ?? seller.currency_type, status: o.status ?? 'payable', period_end_date: o.period_end_date ?? new Date().toISOString().slice(0, 10) } : null;
    },
    /** What GET /v2/payouts/upcoming lists (up to two in Gumroad): amount_cents, payout_date (YYYY-MM-DD), sales…, transactions. */
    setUpcomingPayouts(/** @type {any[]} */ list) { store.upcomingPayouts.splice(0, store.upcomingPayouts.length, ...list); },
    /** The tax center's totals of a year (cents); a year not set answers zeros. */
    setEarnings(/** @type {number} */ year, /** @type {any} */ totals) { store.earnings.set(year, totals); },
    addTaxForm(/** @type {any} */ o) { const f = { tax_year: o.tax_year, tax_form_type: o.tax_form_type ?? 'us_1099_k', filed_at: o.filed_at ?? null }; store.taxForms.push(f); return f; },
    addSubscriber: (/** @type {any} */ o = {}) => addSubscriber(store, o),
    addLicense(/** @type {any} */ o = {}) {
      const lic = { license_key: o.license_key ?? licenseKey(), product_id: o.product_id ?? addProduct(store, seller, { licensed: true }).id, sale_id: o.sale_id ?? null, uses: o.uses ?? 0, disabled: o.disabled ?? false };
      store.licenses.set(lic.license_key, lic);
      return lic;
    },
    refundSale,
    salePingFor,
    /**
     * A new purchase, as a buyer makes one: the sale is stored (so `GET /v2/sales/:id` confirms it)
     * and its `sale` ping goes to every subscription. Fields as for addSale; the shop's first
     * product unless `product_id` names one.
     * @param {any} [o]
     */
    async sell(o = {}) {
      const sale = addSale(store, seller, { product_id: [...store.products.values()][0]?.id, ...o });
      return { sale, attempts: await deliver('sale', salePingFor(sale.id), { retry: false }) };
    },
    /** Mark a sale disputed (dispute) or won (dispute_won) and return that ping payload. */
    disputeSale(/** @type {string} */ id, won = false) {
      const s = store.sales.get(id);
      if (!s) throw new Error(`unknown sale ${id}`);
      s.disputed = true;
      s.dispute_won = won;
      s.chargedback = !won;
      return salePingFor(id, won ? 'dispute_won' : 'dispute');
    },
    allowLocalPostUrls(/** @type {boolean} */ allow = true) { refuseLocal = !allow; },
    addToken(/** @type {string} */ token, /** @type {{scopes?: string[], appId?: string}} */ t = {}) { tokens.set(token, { scopes: t.scopes ?? [...PUBLIC_SCOPES], appId: t.appId ?? 'app1' }); },
    revokeToken(/** @type {string} */ token) { const t = tokens.get(token); if (t) t.revoked = true; return !!t; },
    issueAuthorizationCode: (/** @type {string} */ clientId, /** @type {string[]} */ scopes = ['view_sales'], /** @type {string|null} */ redirectUri = null) => issueCode(clientId, scopes, redirectUri),
    sendPing,
    deliver,
    encodePingForm,
    encodePingJson,
    fixture: loadFixture,
    reset() {
      clearStore(store);
      // PUT /v2/user changes the seller: back to the options' seller.
      for (const key of Object.keys(seller)) delete (/** @type {any} */ (seller))[key];
      Object.assign(seller, DEFAULT_SELLER, options.seller ?? {});
      latencyMs = options.latencyMs ?? 0;
      throttle.count = 0;
      requests.length = 0;
      authCodes.clear();
      refreshTokens.clear();
      initTokens();
      refuseLocal = options.refuseLocalPostUrls ?? true;
    },
  };
  return double;
}
