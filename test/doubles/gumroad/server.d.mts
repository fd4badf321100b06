// Type declarations for server.mjs (the Gumroad API v2 + ping test double).
export interface RecordedRequest {
  method: string;
  path: string;
  /** access_token values are replaced by "[redacted]" */
  query: Record<string, string | string[]>;
  /** lower-cased; authorization is "[redacted]" */
  headers: Record<string, string | string[] | undefined>;
  /** parsed form/JSON body (access_token, client_secret, code, refresh_token redacted), undefined when empty */
  body: any;
  status: number;
  at: number;
  /** why auth failed (Gumroad itself sends an empty 401/403 body), e.g. 'Access to this resource requires scope "view_sales account".' */
  reason?: string;
}
export interface TokenSpec { scopes?: string[]; appId?: string }
export interface SellerSpec {
  id?: string; user_id?: string; name?: string; email?: string; username?: string; bio?: string | null;
  twitter_handle?: string | null; currency_type?: string; profile_url?: string; display_name?: string;
  /** false: PUT /v2/user, e-mail previews, sending and scheduling refuse ("You have to confirm your email address…") */
  confirmed?: boolean;
  /** false: e-mails cannot be sent or scheduled (User#eligible_to_send_emails?: $100 of sales and a payout) */
  eligible_to_send_emails?: boolean;
  /** false: earnings and tax forms answer 403 "Tax center is not enabled for this account." */
  tax_center_enabled?: boolean;
  /** the account's creation (ISO; default 2022-01-01): its first tax year */
  created_at?: string;
}
export interface GumroadDoubleOptions {
  port?: number;
  /** accepted tokens; scopes default to all public scopes (like a personal access token), appId to 'app1' */
  tokens?: Record<string, TokenSpec>;
  seller?: SellerSpec;
  oauthClients?: Record<string, { secret: string }>;
  /** default true: refuse localhost/127.0.0.1/0.0.0.0/private IP literals as post_url */
  refuseLocalPostUrls?: boolean;
  /** answer API requests this many ms after processing them (Gumroad's answers take a few hundred) */
  latencyMs?: number;
}
export interface ResourceSubscriptionRecord { id: string; resource_name: string; post_url: string; appId: string; created_at: string }
export interface LicenseRecord { license_key: string; product_id: string; sale_id: string | null; uses: number; disabled: boolean }
export interface GumroadStore {
  subscriptions: Map<string, ResourceSubscriptionRecord>;
  deletedSubscriptions: Map<string, ResourceSubscriptionRecord & { deleted_at: string }>;
  sales: Map<string, any>;
  saleExtras: Map<string, any>;
  products: Map<string, any>;
  subscribers: Map<string, any>;
  licenses: Map<string, LicenseRecord>;
  /** id → {id, code, universal, product_ids, amount_cents, amount_percentage, max_purchase_count, minimum_amount_cents, currency_type, times_used, deleted} */
  offerCodes: Map<string, any>;
  /** id → {id, title, product_id, deleted} */
  variantCategories: Map<string, any>;
  /** id → {id, name, description, price_difference_cents, max_purchase_count, variant_category_id, deleted} */
  variants: Map<string, any>;
  /** sales exports queued by POST /v2/sales/exports */
  exports: Array<{ filters: Record<string, any>; recipient: string; at: string }>;
  /** id → {id, amount_cents, currency, status, created_at, processed_at, payment_processor, bank_account_visual, paypal_email, sales, refunded_sales, disputed_sales} */
  payouts: Map<string, any>;
  /** the unpaid balance GET /v2/payouts lists first, or null */
  upcomingPayout: { amount_cents: number; currency: string; status: string; period_end_date: string } | null;
  /** id → {id, subject, message, audience_type, product_id, state ('draft' | 'scheduled' | 'published'), published_at, scheduled_at, previews, created_at, updated_at, deleted} */
  emails: Map<string, any>;
  /** id → {id, name, cross_sell, universal, text, description, paused, product_id, variant_id, discount, selected_product_ids, deleted} */
  upsells: Map<string, any>;
  /** year → the tax center's totals in cents (a year not set: zeros) */
  earnings: Map<number, Record<string, number>>;
  taxForms: Array<{ tax_year: number; tax_form_type: string; filed_at: string | null }>;
  /** what GET /v2/payouts/upcoming lists */
  upcomingPayouts: Array<Record<string, any>>;
  /** multipart upload id → {key, size, parts: Map<part number, {etag, bytes}>, state: 'open' | 'completed' | 'aborted'} */
  uploads: Map<string, any>;
  /** the part number whose presigned PUT the storage refuses (403), to test aborts */
  refuseUploadPart: number | null;
  /** FilesController::PART_SIZE (100 MB); a test makes it small to upload several parts */
  uploadPartSize: number;
  seq: number;
}
export interface PingResult {
  /** HTTP status, or null on network error / timeout */
  status: number | null;
  body: string | null;
  durationMs: number;
  error?: string;
  /** exact body sent */
  sentBody: string;
  contentType: string;
  /** payload actually encoded (incl. retry_count) */
  payload: Record<string, any>;
}
export interface DeliveryAttempt extends PingResult { subscriptionId: string; url: string; retryCount: number }
export interface SendPingOptions { retryCount?: number; contentType?: 'form' | 'json'; timeoutMs?: number }
export interface DeliverOptions {
  /** wait before retry 1, 2, 3 (default [60000, 180000, 600000]) */
  retryDelaysMs?: number[];
  /** default true; false = a single attempt per subscription */
  retry?: boolean;
  /** default true (Gumroad since Aug 2026); false = drop on network errors/timeouts like the older worker */
  retryNetworkErrors?: boolean;
  timeoutMs?: number;
  /** force a content type (default: json for *.zapier.com hosts, form otherwise) */
  contentType?: 'form' | 'json';
  /** default true: skip subscriptions whose app has no live token with view_sales/account */
  requireLiveToken?: boolean;
}
export type Overrides = Record<string, any> | ((i: number) => Record<string, any>);
export interface GumroadDouble {
  setLatency(ms: number): void;
  /** The next `count` API requests are answered 429 "Retry later", with `Retry-After` when given. */
  throttleNext(count: number, retryAfter?: string): void;
  url: string;
  port: number;
  seller: Required<Pick<SellerSpec, 'id' | 'user_id' | 'name' | 'email' | 'username'>> & SellerSpec;
  store: GumroadStore;
  requests: RecordedRequest[];
  close(): Promise<void>;
  addProduct(overrides?: Record<string, any>): any;
  addSale(overrides?: Record<string, any>): any;
  seedSales(n: number, overrides?: Overrides): any[];
  addSubscriber(overrides?: Record<string, any>): any;
  addLicense(overrides?: Partial<LicenseRecord>): LicenseRecord;
  /** A payout of the seller (completed, USD, by Stripe unless given); `amount_cents`, `created_at`, `sales`… */
  addPayout(overrides?: Record<string, any>): any;
  /** The unpaid balance GET /v2/payouts lists first; null for none. */
  setUpcomingPayout(upcoming: { amount_cents?: number; currency?: string; status?: string; period_end_date?: string } | null): void;
  /** What GET /v2/payouts/upcoming lists: `amount_cents`, `payout_date` (YYYY-MM-DD), `sales`…, `transactions`. */
  setUpcomingPayouts(list: Array<Record<string, any>>): void;
  /** The tax center's totals of a year (`gross_cents`, `fees_cents`, …); a year not set answers zeros. */
  setEarnings(year: number, totals: Record<string, number>): void;
  addTaxForm(form: { tax_year: number; tax_form_type?: string; filed_at?: string | null }): Record<string, any>;
  /** refunds amountCents (sale currency; default: all that is left); returns the `refund` ping payload */
  refundSale(id: string, amountCents?: number): Record<string, any>;
  salePingFor(saleId: string, resourceName?: string): Record<string, any>;
  /** A new stored sale whose `sale` ping goes to every subscription (no retries). */
  sell(overrides?: Record<string, any>): Promise<{ sale: Record<string, any>; attempts: DeliveryAttempt[] }>;
  disputeSale(id: string, won?: boolean): Record<string, any>;
  allowLocalPostUrls(allow?: boolean): void;
  addToken(token: string, spec?: TokenSpec): void;
  revokeToken(token: string): boolean;
  issueAuthorizationCode(clientId: string, scopes?: string[], redirectUri?: string | null): string;
  sendPing(url: string, payloadOrFixtureStem: string | Record<string, any>, opts?: SendPingOptions): Promise<PingResult>;
  deliver(resourceName: string, payloadOrFixtureStem: string | Record<string, any>, opts?: DeliverOptions): Promise<DeliveryAttempt[]>;
  encodePingForm(payload: Record<string, any>): string;
  encodePingJson(payload: Record<string, any>): string;
  fixture(stem: string): Record<string, any>;
  reset(): void;
}
export const RESOURCE_NAMES: string[];
export const PUBLIC_SCOPES: string[];
export const RETRY_STATUSES: number[];
export const DEFAULT_RETRY_DELAYS_MS: number[];
export const FIXTURES_DIR: string;
export function loadFixture(stem: string): Record<string, any>;
export function encodePingForm(payload: Record<string, any>): string;
export function encodePingJson(payload: Record<string, any>): string;
/** A path param as Rails decodes it: `%XX` → byte, a stray `%` and `+` kept, non-UTF-8 bytes → HTTP 400 (thrown). */
export function railsUnescape(text: string): string;
export function startGumroadDouble(options?: GumroadDoubleOptions): Promise<GumroadDouble>;
