// "Snapshots API" test double. Facts: docs/snapshots-api.openapi.yaml — the contract this repository wrote down
// (HighLevel publishes no spec for it). Serves the contract at its root and under
// /v1. Only Node's standard library; listens on 127.0.0.1 only; never logs keys (recorded requests are redacted).
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { serveDouble } from '../http-double.mjs';

/** The scope every operation requires. */
export const REQUIRED_SCOPE = 'saas/location.read';
/** Path prefix served in addition to the root. */
export const BASE_PATH = '/v1';
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const SEED_TIMEZONES = ['America/New_York', 'Europe/London', 'Asia/Tokyo', 'Australia/Sydney', 'UTC'];
const EVENT_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
// RFC 3339 date-time: seconds required, optional fraction, Z or ±hh:mm.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const TIMEZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

export class HttpError extends Error {
  /** @param {number} status @param {any} body @param {Record<string,string>} [headers] */
  constructor(status, body, headers = {}) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** Error envelope `{"error": {code, message, ...extra}}`. */
const envelope = (/** @type {string} */ code, /** @type {string} */ message, extra = {}) => ({ error: { code, message, ...extra } });
export const errors = {
  unauthorized: () => new HttpError(401, envelope('unauthorized', 'Invalid API key')),
  insufficientScope: () =>
    new HttpError(403, envelope('insufficient_scope', `The API key lacks the scope ${REQUIRED_SCOPE}`, { required_scope: REQUIRED_SCOPE })),
  invalidRequest: (/** @type {string} */ field, /** @type {string} */ message) => new HttpError(400, envelope('invalid_request', message, { field })),
  notFound: (/** @type {string} */ message) => new HttpError(404, envelope('not_found', message)),
  validation: (/** @type {{field: string, message: string}[]} */ fields) =>
    new HttpError(422, envelope('validation_failed', 'The request body failed validation', { fields })),
  rateLimited: (/** @type {number} */ seconds) =>
    new HttpError(429, envelope('rate_limited', `Rate limit exceeded; retry after ${seconds} seconds`), { 'Retry-After': String(seconds) }),
  internal: () => new HttpError(500, envelope('internal', 'Internal server error')),
};

/** Default bodies (and headers) for failNext(n, status) without a body. */
const DEFAULT_FAILURES = /** @type {Record<number, () => HttpError>} */ ({
  400: () => errors.invalidRequest('body', 'Injected failure'),
  401: errors.unauthorized,
  403: errors.insufficientScope,
  404: () => errors.notFound('Injected failure'),
  422: () => errors.validation([{ field: 'body', message: 'Injected failure' }]),
  429: () => errors.rateLimited(1),
  500: errors.internal,
});

const isPlainObject = (/** @type {any} */ v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const nowIso = () => new Date().toISOString();
const trim = (/** @type {string} */ p) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);

/** True for an IANA time zone name the runtime knows (e.g. America/New_York, UTC); rejects offsets like +01:00. */
export function isTimeZone(/** @type {unknown} */ tz) {
  if (typeof tz !== 'string' || !TIMEZONE_SHAPE.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** True for an RFC 3339 date-time with seconds and an offset or Z, naming a real calendar instant. */
export function isDateTime(/** @type {unknown} */ v) {
  const m = typeof v === 'string' ? DATE_TIME.exec(v) : null;
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || s > 60) return false;
  if (m[9] && (Number(m[10]) > 23 || Number(m[11]) > 59)) return false;
  return true;
}

// ------------------------------------------------------------------------------------------------ validation (422)
/** @param {Record<string, any>} b */
function validateLocation(b) {
  /** @type {{field: string, message: string}[]} */
  const f = [];
  if (typeof b.name !== 'string' || b.name.length === 0) f.push({ field: 'name', message: b.name === undefined ? 'is required' : 'must be a non-empty string' });
  if (b.timezone === undefined) f.push({ field: 'timezone', message: 'is required' });
  else if (!isTimeZone(b.timezone)) f.push({ field: 'timezone', message: 'must be an IANA time zone name such as America/New_York' });
  if (f.length) throw errors.validation(f);
}
/** @param {Record<string, any>} b */
function validateEvent(b) {
  /** @type {{field: string, message: string}[]} */
  const f = [];
  if (b.event_id === undefined) f.push({ field: 'event_id', message: 'is required' });
  else if (typeof b.event_id !== 'string' || !EVENT_ID.test(b.event_id))
    f.push({ field: 'event_id', message: 'must be 1-128 characters of A-Z a-z 0-9 _ . : -' });
  if (b.type === undefined) f.push({ field: 'type', message: 'is required' });
  else if (typeof b.type !== 'string' || b.type.length === 0) f.push({ field: 'type', message: 'must be a non-empty string' });
  if (b.timestamp === undefined) f.push({ field: 'timestamp', message: 'is required' });
  else if (!isDateTime(b.timestamp))
    f.push({ field: 'timestamp', message: 'must be an ISO 8601 date-time with seconds and an offset or Z, e.g. 2024-05-01T12:00:00Z' });
  if (b.data !== undefined && !isPlainObject(b.data)) f.push({ field: 'data', message: 'must be an object' });
  if (f.length) throw errors.validation(f);
}
/** @param {Record<string, any>} b */
function validateCustomer(b) {
  /** @type {{field: string, message: string}[]} */
  const f = [];
  if (b.email === undefined) f.push({ field: 'email', message: 'is required' });
  else if (typeof b.email !== 'string' || !EMAIL.test(b.email)) f.push({ field: 'email', message: 'must be a valid e-mail address' });
  for (const k of ['name', 'plan']) if (b[k] !== undefined && b[k] !== null && typeof b[k] !== 'string') f.push({ field: k, message: 'must be a string or null' });
  if (b.attributes !== undefined && !isPlainObject(b.attributes)) f.push({ field: 'attributes', message: 'must be an object' });
  if (f.length) throw errors.validation(f);
}

/** Body must be a JSON object (400 otherwise). @param {any} ctx @returns {Record<string, any>} */
function objectBody(ctx) {
  if (ctx.body === undefined) throw errors.invalidRequest('body', 'A JSON object body is required');
  if (!isPlainObject(ctx.body)) throw errors.invalidRequest('body', 'The body must be a JSON object');
  return ctx.body;
}
/** Copy of `o` without `keys`. @param {Record<string, any>} o @param {string[]} keys */
const omit = (o, keys) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

/**
 * Start the double.
 * @param {import('./server.d.mts').SnapshotsDoubleOptions} [options]
 */
export async function startSnapshotsDouble(options = {}) {
  /** @type {Map<string, {scopes: string[]}>} */
  const keys = new Map();
  const initKeys = () => {
    keys.clear();
    for (const [k, v] of Object.entries(options.keys ?? {})) keys.set(k, { scopes: [...(v?.scopes ?? [REQUIRED_SCOPE])] });
  };
  initKeys();
  const store = { locations: new Map(), events: new Map(), customers: new Map() };
  /** @type {Map<string, {after: string}>} issued cursors → last location_id of the page they follow */
  const cursors = new Map();
  /** @type {import('./server.d.mts').RecordedRequest[]} */
  const requests = [];
  /** @type {{status: number, body: any, headers: Record<string,string>}[]} */
  const failQueue = [];
  /** @type {{max: number, windowMs: number} | null} */
  let rateConfig = null;
  /** @type {Map<string, {start: number, count: number}>} fixed window per key */
  const windows = new Map();
  /** @type {{requests: number, rateLimited: number, byRoute: Record<string, number>}} */
  const counters = { requests: 0, rateLimited: 0, byRoute: {} };
  let seedSeq = 0;

  // ---------------------------------------------------------------------------------------------- routes
  /** @type {{method: string, path: string, handler: (ctx: any) => [number, any]}[]} */
  const routeDefs = [
    {
      method: 'GET', path: '/locations',
      handler: (ctx) => {
        const rawLimit = ctx.query.get('limit');
        let limit = DEFAULT_LIMIT;
        if (rawLimit !== null) {
          limit = /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
          if (!(limit >= 1 && limit <= MAX_LIMIT)) throw errors.invalidRequest('limit', `limit must be an integer between 1 and ${MAX_LIMIT}`);
        }
        const cursor = ctx.query.get('cursor');
        let after = null;
        if (cursor !== null) {
          const c = cursors.get(cursor);
          if (!c) throw errors.invalidRequest('cursor', 'Unknown cursor; pass the next_cursor of a previous page');
          after = c.after;
        }
        const all = [...store.locations.values()].sort((a, b) => (a.location_id < b.location_id ? -1 : a.location_id > b.location_id ? 1 : 0));
        const rest = after === null ? all : all.filter((l) => l.location_id > after);
        const page = rest.slice(0, limit);
        let next = null;
        if (rest.length > page.length) {
          next = randomBytes(12).toString('base64url');
          cursors.set(next, { after: page[page.length - 1].location_id });
        }
        return [200, { locations: page.map((l) => ({ ...l })), next_cursor: next }];
      },
    },
    {
      method: 'GET', path: '/locations/{location_id}',
      handler: (ctx) => {
        const l = store.locations.get(ctx.params.location_id);
        if (!l) throw errors.notFound(`Location ${ctx.params.location_id} not found`);
        return [200, { ...l }];
      },
    },
    {
      method: 'PUT', path: '/locations/{location_id}',
      handler: (ctx) => {
        const b = objectBody(ctx);
        validateLocation(b);
        const id = ctx.params.location_id;
        const old = store.locations.get(id);
        const t = nowIso();
        const extra = omit(b, ['location_id', 'name', 'timezone', 'created_at', 'updated_at']);
        const loc = {
          location_id: id, name: b.name, timezone: b.timezone,
          created_at: old?.created_at ?? t, updated_at: t,
          ...omit(old ?? {}, ['location_id', 'name', 'timezone', 'created_at', 'updated_at']),
          ...extra,
        };
        store.locations.set(id, loc);
        return [old ? 200 : 201, { ...loc }];
      },
    },
    {
      method: 'POST', path: '/events',
      handler: (ctx) => {
        const b = objectBody(ctx);
        validateEvent(b);
        const old = store.events.get(b.event_id);
        if (old) return [200, structuredClone(old)];
        const ev = { event_id: b.event_id, type: b.type, timestamp: b.timestamp, data: structuredClone(b.data ?? {}), received_at: nowIso() };
        store.events.set(ev.event_id, ev);
        return [201, structuredClone(ev)];
      },
    },
    {
      method: 'GET', path: '/customers/{customer_id}',
      handler: (ctx) => {
        const c = store.customers.get(ctx.params.customer_id);
        if (!c) throw errors.notFound(`Customer ${ctx.params.customer_id} not found`);
        return [200, structuredClone(c)];
      },
    },
    {
      method: 'PUT', path: '/customers/{customer_id}',
      handler: (ctx) => {
        const b = objectBody(ctx);
        validateCustomer(b);
        const id = ctx.params.customer_id;
        const old = store.customers.get(id);
        const t = nowIso();
        const extra = omit(b, ['customer_id', 'email', 'name', 'plan', 'attributes', 'created_at', 'updated_at']);
        const c = {
          customer_id: id,
          email: b.email,
          name: b.name !== undefined ? b.name : old?.name ?? null,
          plan: b.plan !== undefined ? b.plan : old?.plan ?? null,
          attributes: structuredClone({ ...(old?.attributes ?? {}), ...(b.attributes ?? {}), ...extra }),
          created_at: old?.created_at ?? t,
          updated_at: t,
        };
        store.customers.set(id, c);
        return [old ? 200 : 201, structuredClone(c)];
      },
    },
  ];
  const routes = routeDefs.map((r) => {
    const segs = r.path.split('/').slice(1);
    return { ...r, segs, literals: segs.filter((s) => !s.startsWith('{')).length };
  }).sort((a, b) => b.literals - a.literals);

  function match(/** @type {string} */ method, /** @type {string} */ path) {
    const segs = trim(path).split('/').slice(1);
    for (const r of routes) {
      if (r.method !== method || r.segs.length !== segs.length) continue;
      /** @type {Record<string,string>} */
      const params = {};
      const ok = r.segs.every((s, i) => {
        if (!s.startsWith('{')) return s === segs[i];
        if (segs[i] === '') return false;
        try { params[s.slice(1, -1)] = decodeURIComponent(segs[i]); } catch { return false; }
        return true;
      });
      if (ok) return { route: r, params };
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------- auth + rate limit
  function authenticate(/** @type {string|undefined} */ header) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    const key = m ? keys.get(m[1]) : undefined;
    if (!m || !key) throw errors.unauthorized();
    return { token: m[1], ...key };
  }
  /** Fixed window per key, started by the first accepted request; rejected requests do not count. */
  function takeRate(/** @type {string} */ token) {
    if (!rateConfig) return;
    const t = Date.now();
    let w = windows.get(token);
    if (!w || t >= w.start + rateConfig.windowMs) windows.set(token, (w = { start: t, count: 0 }));
    if (w.count >= rateConfig.max) {
      counters.rateLimited++;
      throw errors.rateLimited(Math.max(1, Math.ceil((w.start + rateConfig.windowMs - t) / 1000)));
    }
    w.count++;
  }

  /** Parse a JSON body: {body} or {error} (400 field "body"). */
  function parseBody(/** @type {string} */ raw) {
    if (raw.trim() === '') return { body: undefined };
    try {
      return { body: JSON.parse(raw) };
    } catch (/** @type {any} */ e) {
      return { error: errors.invalidRequest('body', `Invalid JSON body: ${e.message}`) };
    }
  }

  /**
   * Process one API request.
   * @returns {[number, any, Record<string, string>]}
   */
  function api(/** @type {any} */ rec, /** @type {string} */ raw, /** @type {http.IncomingMessage} */ req, /** @type {URL} */ url) {
    try {
      const parsed = parseBody(raw);
      rec.body = parsed.body;
      let path = url.pathname;
      if (path === BASE_PATH || path.startsWith(`${BASE_PATH}/`)) path = path.slice(BASE_PATH.length) || '/';
      const m = match(rec.method, path);
      if (!m) throw errors.notFound(`No route for ${rec.method} ${url.pathname}`);
      const routeKey = `${m.route.method} ${m.route.path}`;
      counters.byRoute[routeKey] = (counters.byRoute[routeKey] ?? 0) + 1;

      // Injected failures (failNext) answer before anything is processed.
      const injected = failQueue.shift();
      if (injected) return [injected.status, injected.body, injected.headers];

      const auth = authenticate(req.headers.authorization);
      takeRate(auth.token);
      if (!auth.scopes.includes(REQUIRED_SCOPE)) throw errors.insufficientScope();
      if (parsed.error) throw parsed.error;
      const [status, out] = m.route.handler({ params: m.params, query: url.searchParams, body: parsed.body });
      return [status, out, {}];
    } catch (/** @type {any} */ e) {
      if (e instanceof HttpError) return [e.status, e.body, e.headers];
      // A bug in the double: a contract-shaped 500 (the detail never includes keys).
      const err = errors.internal();
      return [500, { error: { ...err.body.error, detail: String(e?.stack ?? e) } }, {}];
    }
  }

  /**
   * Control plane for out-of-process use (cli.mjs): not recorded, no auth.
   * @returns {[number, any]}
   */
  function control(/** @type {string} */ method, /** @type {string} */ path, /** @type {any} */ body) {
    const b = isPlainObject(body) ? body : {};
    switch (`${method} ${trim(path)}`) {
      case 'GET /__double/stats': return [200, double.stats()];
      case 'GET /__double/requests': return [200, { requests }];
      case 'GET /__double/store':
        return [200, { locations: [...store.locations.values()], events: [...store.events.values()], customers: [...store.customers.values()] }];
      case 'GET /__double/routes': return [200, { routes: double.routes }];
      case 'POST /__double/reset': double.reset(); return [200, { ok: true }];
      case 'POST /__double/fail-next': double.failNext(b.n ?? 1, b.status ?? 500, b.body, b.headers); return [200, { ok: true }];
      case 'POST /__double/rate-limit': double.setRateLimit(b.enabled === false ? false : b); return [200, { ok: true, rateLimit: rateConfig }];
      case 'POST /__double/seed-locations': return [200, { locations: double.seedLocations(b.n ?? 1) }];
      case 'POST /__double/keys':
        if (typeof b.key !== 'string' || !b.key) throw new Error('key (string) is required');
        double.addKey(b.key, b.scopes);
        return [200, { ok: true }];
      default: return [404, envelope('not_found', `No control route ${method} ${path}`)];
    }
  }

  const server = await serveDouble({
    port: options.port,
    requests,
    control: (method, url, body) => control(method, url.pathname, body),
    controlError: (message) => envelope('invalid_request', message),
    api: (rec, raw, req, url) => {
      counters.requests++;
      return api(rec, raw, req, url);
    },
    redact: (rec) => {
      if (rec.headers.authorization !== undefined) rec.headers.authorization = '[redacted]';
    },
  });

  const double = {
    url: `http://127.0.0.1:${server.port}`,
    port: server.port,
    store,
    requests,
    routes: routeDefs.map((r) => ({ method: r.method, path: r.path })),
    close: server.close,
    /** Add n locations loc_0001, loc_0002, … (numbering continues across calls until reset). */
    seedLocations(/** @type {number} */ n, /** @type {((i: number) => Record<string, any>) | undefined} */ overrides) {
      const out = [];
      for (let i = 0; i < n; i++) {
        const k = ++seedSeq;
        const t = nowIso();
        const loc = { location_id: `loc_${String(k).padStart(4, '0')}`, name: `Location ${k}`, timezone: SEED_TIMEZONES[(k - 1) % SEED_TIMEZONES.length], created_at: t, updated_at: t, ...overrides?.(i) };
        store.locations.set(loc.location_id, loc);
        out.push({ ...loc });
      }
      return out;
    },
    addKey(/** @type {string} */ key, /** @type {string[]|undefined} */ scopes) { keys.set(key, { scopes: [...(scopes ?? [REQUIRED_SCOPE])] }); },
    /** @param {number} n @param {number} status @param {any} [body] @param {Record<string,string>} [headers] */
    failNext(n, status, body, headers) {
      for (let i = 0; i < n; i++) {
        const def = DEFAULT_FAILURES[status]?.() ?? new HttpError(status, envelope('internal', 'Injected failure'));
        failQueue.push({ status, body: body ?? def.body, headers: { ...def.headers, ...(headers ?? {}) } });
      }
    },
    setRateLimit(/** @type {false | {max?: number, windowMs?: number} | undefined} */ opts) {
      rateConfig = opts ? { max: opts.max ?? 60, windowMs: opts.windowMs ?? 60_000 } : null;
      windows.clear();
    },
    reset() {
      store.locations.clear();
      store.events.clear();
      store.customers.clear();
      cursors.clear();
      requests.length = 0;
      failQueue.length = 0;
      windows.clear();
      seedSeq = 0;
      initKeys();
      Object.assign(counters, { requests: 0, rateLimited: 0, byRoute: {} });
    },
    stats: () => ({
      requests: counters.requests, rateLimited: counters.rateLimited, byRoute: { ...counters.byRoute },
      locations: store.locations.size, events: store.events.size, customers: store.customers.size,
    }),
  };
  double.setRateLimit(options.rateLimit);
  if (options.failNext) double.failNext(options.failNext.n ?? 1, options.failNext.status, options.failNext.body, options.failNext.headers);
  return double;
}
