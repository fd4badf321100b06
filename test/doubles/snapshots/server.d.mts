// Type declarations for server.mjs (the "Snapshots API" test double; contract: docs/snapshots-api.openapi.yaml).
export interface RecordedRequest {
  method: string;
  /** as received, including any /v1 prefix */
  path: string;
  query: Record<string, string | string[]>;
  /** lower-cased; authorization is "[redacted]" */
  headers: Record<string, string | string[] | undefined>;
  /** parsed JSON body, undefined when empty or not JSON */
  body: any;
  status: number;
  at: number;
}
export interface KeySpec {
  /** default: ['saas/location.read'] */
  scopes?: string[];
}
export interface RateLimitOptions {
  /** requests per window per key (default 60) */
  max?: number;
  /** window length in ms (default 60000); fixed window started by the key's first accepted request */
  windowMs?: number;
}
export interface FailSpec { n?: number; status: number; body?: any; headers?: Record<string, string> }
export interface SnapshotsDoubleOptions {
  port?: number;
  /** accepted API keys (sent as `Authorization: Bearer <key>`) */
  keys?: Record<string, KeySpec>;
  /** default false (no rate limiting) */
  rateLimit?: RateLimitOptions | false;
  /** queue injected failures at start (not re-queued by reset()) */
  failNext?: FailSpec;
}
export interface Location {
  location_id: string;
  name: string;
  timezone: string;
  created_at: string;
  updated_at: string;
  [extra: string]: any;
}
export interface SnapshotEvent {
  event_id: string;
  type: string;
  timestamp: string;
  data: Record<string, any>;
  received_at: string;
}
export interface Customer {
  customer_id: string;
  email: string;
  name: string | null;
  plan: string | null;
  attributes: Record<string, any>;
  created_at: string;
  updated_at: string;
}
export interface SnapshotsStore {
  /** location_id → Location (the exact response representation, extras included) */
  locations: Map<string, Location>;
  /** event_id → Event */
  events: Map<string, SnapshotEvent>;
  /** customer_id → Customer */
  customers: Map<string, Customer>;
}
export interface SnapshotsStats {
  requests: number;
  rateLimited: number;
  /** "GET /locations" → count (route templates, without /v1) */
  byRoute: Record<string, number>;
  locations: number;
  events: number;
  customers: number;
}
export interface ErrorBody { error: { code: string; message: string; [extra: string]: any } }
export interface SnapshotsDouble {
  /** http://127.0.0.1:PORT — the contract is served here and under `${url}/v1` */
  url: string;
  port: number;
  store: SnapshotsStore;
  requests: RecordedRequest[];
  /** every method + path template the double serves (relative to the base URL) */
  routes: { method: string; path: string }[];
  close(): Promise<void>;
  /** adds n locations loc_0001, loc_0002, … (numbering continues across calls until reset) */
  /** Stored copies are returned: pass `overrides` (e.g. email, tier) to change what is stored. */
  seedLocations(n: number, overrides?: (i: number) => Partial<Location> & Record<string, unknown>): Location[];
  addKey(key: string, scopes?: string[]): void;
  /** the next n API requests (any key, even none) answer status with body (default: the contract's error body) */
  failNext(n: number, status: number, body?: any, headers?: Record<string, string>): void;
  setRateLimit(opts: RateLimitOptions | false): void;
  /** clears store, cursors, requests, failures, rate windows, stats; restores the keys given in options (keeps the rate-limit setting) */
  reset(): void;
  stats(): SnapshotsStats;
}
export const REQUIRED_SCOPE: 'saas/location.read';
export const BASE_PATH: '/v1';
export class HttpError extends Error {
  constructor(status: number, body: any, headers?: Record<string, string>);
  status: number;
  body: any;
  headers: Record<string, string>;
}
export const errors: {
  unauthorized(): HttpError;
  insufficientScope(): HttpError;
  invalidRequest(field: string, message: string): HttpError;
  notFound(message: string): HttpError;
  validation(fields: { field: string; message: string }[]): HttpError;
  rateLimited(seconds: number): HttpError;
  internal(): HttpError;
};
export function isTimeZone(tz: unknown): boolean;
export function isDateTime(v: unknown): boolean;
export function startSnapshotsDouble(options?: SnapshotsDoubleOptions): Promise<SnapshotsDouble>;
