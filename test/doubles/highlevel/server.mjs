// HighLevel (GoHighLevel / LeadConnector) API v2 test double.
// Facts: HighLevel's published OpenAPI files (github.com/GoHighLevel/highlevel-api-docs: apps/contacts.json,
// apps/locations.json, apps/oauth.json, apps/snapshots.json, apps/saas-api.json, common/common-schemas.json) and
// marketplace.gohighlevel.com/docs. Only Node's standard library; listens on 127.0.0.1 only. Never logs tokens.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { serveDouble } from '../http-double.mjs';
import { HttpError, errors, DEFAULT_STATUS_BODIES, isPlainObject } from './errors.mjs';
import { contactRoutes, validateContactBody } from './routes/contacts.mjs';
import { locationRoutes, createOAuth } from './routes/other.mjs';
import { agencyRoutes, addSnapshot, addSnapshotPush, addSaasLocation } from './routes/agency.mjs';
import {
  createStore, clearStore, ensureLocation, seedContacts, addCustomField, addUser, contactView,
} from './store.mjs';

const DEFAULT_RATE = { max: 100, intervalMs: 10000, daily: 200000 };
const trim = (/** @type {string} */ p) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);

/** @param {any} route */
function compile(route) {
  const segs = trim(route.path).split('/').slice(1);
  // security: 'location' (Location-Access/bearer only, the default), 'agency' (Agency-Access only), 'any' (both)
  return { security: 'location', ...route, auth: route.auth !== false, segs, literals: segs.filter((s) => !s.startsWith('{')).length };
}

/** 'Company' for agency tokens (explicit `type`, or no locationId), else 'Location'. */
const tokenType = (/** @type {{type?: string, locationId?: string}} */ t) => (t.type === 'Company' || (!t.type && !t.locationId) ? 'Company' : 'Location');
/** Rate-limit bucket (HighLevel's API docs, rate limits: per resource): the location for sub-account tokens, the company for agency tokens. */
const rateKey = (/** @type {any} */ auth) => (auth.userType === 'Company' ? `company:${auth.companyId}` : auth.locationId);

/** @param {any} rl */
const normalizeRate = (rl) => (rl ? { ...DEFAULT_RATE, ...rl } : null);

/**
 * Start the double.
 * Tokens with `type: 'Company'` (or without a locationId) are agency tokens (Agency-Access); the others are
 * sub-account (Location) tokens.
 * @param {{ port?: number,
 *   tokens?: Record<string, {locationId?: string, companyId?: string, userId?: string, type?: 'Location'|'Company'}>,
 *   rateLimit?: false | {max?: number, intervalMs?: number, daily?: number},
 *   oauthClients?: Record<string, {secret: string, locationId?: string, companyId?: string, userId?: string, scope?: string,
 *     userType?: 'Location'|'Company', appId?: string, installedLocations?: string[], installToFutureLocations?: boolean}>,
 *   locationTokenTtlSeconds?: number,
 *   latencyMs?: number }} [options]
 */
export async function startHighLevelDouble(options = {}) {
  const tokens = new Map(Object.entries(options.tokens ?? {}));
  const oauth = createOAuth(options.oauthClients ?? {}, { locationTokenTtlSeconds: options.locationTokenTtlSeconds });
  const store = createStore();
  const initLocations = () => {
    for (const t of tokens.values()) if (t.locationId && tokenType(t) === 'Location') ensureLocation(store, t.locationId, t.companyId);
    for (const c of Object.values(options.oauthClients ?? {})) {
      if (c.locationId && c.userType !== 'Company') ensureLocation(store, c.locationId, c.companyId);
      // The sub-accounts an agency app is installed in exist in its agency.
      if (c.userType === 'Company') for (const l of c.installedLocations ?? []) ensureLocation(store, l, c.companyId ?? 'company1');
    }
  };
  initLocations();

  // Most specific route first: more literal segments win ("/contacts/search" beats "/contacts/{contactId}").
  const routes = [...contactRoutes, ...locationRoutes, ...agencyRoutes, oauth.route, ...oauth.agencyOnly].map(compile).sort((a, b) => b.literals - a.literals);

  /** @type {any[]} */
  const requests = [];
  /** @type {{status:number, body:any, headers?: Record<string, string>}[]} */
  const failQueue = [];
  const outage = { until: 0, status: 503 };
  const rate = {
    config: normalizeRate(options.rateLimit),
    /** @type {Map<string, number[]>} accepted-request timestamps per location within the last interval (sliding) */
    windows: new Map(),
    /** @type {Map<string, {day:string, count:number}>} */
    daily: new Map(),
  };
  const counters = { requests: 0, rateLimited: 0, maxInWindow: 0, /** @type {Record<string, number>} */ byRoute: {} };
  let latencyMs = options.latencyMs ?? 0;

  const rateHeaders = (/** @type {number} */ inWindow, /** @type {number} */ dailyCount) => {
    const c = rate.config ?? DEFAULT_RATE;
    return {
      'X-RateLimit-Max': String(c.max),
      'X-RateLimit-Remaining': String(Math.max(0, c.max - inWindow)),
      'X-RateLimit-Interval-Milliseconds': String(c.intervalMs),
      'X-RateLimit-Limit-Daily': String(c.daily),
      'X-RateLimit-Daily-Remaining': String(Math.max(0, c.daily - dailyCount)),
    };
  };

  /**
   * Sliding-window limiter per location (HighLevel's API docs, rate limits): a request is accepted when fewer than `max` requests were
   * accepted in the preceding `intervalMs` (window = (now - intervalMs, now]). Also tracks maxInWindow even when off.
   * @returns {Record<string,string>} headers to send (empty when rate limiting is off)
   */
  function takeRate(/** @type {string} */ key) {
    const t = Date.now();
    const interval = rate.config?.intervalMs ?? DEFAULT_RATE.intervalMs;
    const w = rate.windows.get(key) ?? [];
    rate.windows.set(key, w);
    while (w.length && w[0] <= t - interval) w.shift();
    const day = new Date(t).toISOString().slice(0, 10);
    let d = rate.daily.get(key);
    if (!d || d.day !== day) rate.daily.set(key, (d = { day, count: 0 }));
    const cfg = rate.config;
    if (cfg && (d.count >= cfg.daily || w.length >= cfg.max)) {
      counters.rateLimited++;
      throw new HttpError(429, { ...DEFAULT_STATUS_BODIES[429] }, { ...rateHeaders(cfg.max, d.count), 'X-RateLimit-Remaining': '0' });
    }
    w.push(t);
    d.count++;
    counters.maxInWindow = Math.max(counters.maxInWindow, w.length);
    return cfg ? rateHeaders(w.length, d.count) : {};
  }

  function authenticate(/** @type {string|undefined} */ header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!m) throw errors.unauthorized();
    const fixed = tokens.get(m[1]);
    if (fixed) {
      const userType = tokenType(fixed);
      // Fixed tokens are Private Integration Tokens: no OAuth scopes, refused by the *-Access-Only ops.
      return { userType, locationId: userType === 'Company' ? undefined : fixed.locationId, companyId: fixed.companyId ?? 'company1', userId: fixed.userId ?? null, oauth: false, token: m[1] };
    }
    const issued = oauth.accessTokens.get(m[1]);
    if (issued && !issued.expired && (issued.expiresAt === undefined || Date.now() < issued.expiresAt)) {
      return { userType: issued.userType, locationId: issued.locationId, companyId: issued.companyId, userId: issued.userId, oauth: true, scope: issued.scope, token: m[1] };
    }
    throw errors.unauthorized();
  }

  function match(/** @type {string} */ method, /** @type {string} */ path) {
    const segs = trim(path).split('/').slice(1);
    for (const r of routes) {
      if (r.method !== method || r.segs.length !== segs.length) continue;
      /** @type {Record<string,string>} */
      const params = {};
      if (r.segs.every((/** @type {string} */ s, /** @type {number} */ i) => (s.startsWith('{') ? ((params[s.slice(1, -1)] = decodeURIComponent(segs[i])), segs[i] !== '') : s === segs[i])))
        return { route: r, params };
    }
    return null;
  }

  /** Parse a request body: form-urlencoded → object, otherwise JSON. Returns {body} or {error}. */
  function parseBody(/** @type {string} */ raw, /** @type {string} */ contentType) {
    if (!raw) return { body: undefined };
    if (contentType.includes('application/x-www-form-urlencoded')) return { body: Object.fromEntries(new URLSearchParams(raw)) };
    try {
      return { body: JSON.parse(raw) };
    } catch (e) {
      return { error: new HttpError(400, { statusCode: 400, message: `Invalid JSON body: ${e.message}`, error: 'Bad Request' }) };
    }
  }

  /** Process one API request; returns [status, body, headers]. */
  async function answerNow(/** @type {any} */ rec, /** @type {string} */ raw, /** @type {http.IncomingMessage} */ req) {
    /** @type {Record<string,string>} */
    let headers = {};
    try {
      const parsed = parseBody(raw, String(req.headers['content-type'] ?? ''));
      rec.body = parsed.body;
      const m = match(rec.method, rec.path);
      if (!m) throw errors.routeNotFound(rec.method, rec.path);
      const { route, params } = m;
      const routeKey = `${route.method} ${route.path}`;
      counters.byRoute[routeKey] = (counters.byRoute[routeKey] ?? 0) + 1;

      // An outage (double.outage) answers every API request, processing nothing.
      if (Date.now() < outage.until) return [outage.status, DEFAULT_STATUS_BODIES[/** @type {keyof DEFAULT_STATUS_BODIES} */ (outage.status)] ?? { statusCode: outage.status, message: 'Service Unavailable' }, {}];
      // Injected failures (double.failNext) answer before anything is processed.
      const injected = failQueue.shift();
      if (injected) {
        if (injected.status === 429) {
          counters.rateLimited++;
          let auth = null;
          try { auth = authenticate(req.headers.authorization); } catch { /* headers still sent */ }
          const d = auth ? rate.daily.get(rateKey(auth))?.count ?? 0 : 0;
          headers = { ...rateHeaders((rate.config ?? DEFAULT_RATE).max, d), 'X-RateLimit-Remaining': '0' };
        }
        return [injected.status, injected.body, { ...headers, ...injected.headers }];
      }

      /** @type {any} */
      let auth = null;
      if (route.auth) {
        auth = authenticate(req.headers.authorization);
        headers = takeRate(rateKey(auth));
        const version = req.headers.version;
        if (route.version && version === undefined) throw errors.badRequest('Version header was not found');
        if (route.version && version !== route.version)
          throw errors.badRequest(`Version header "${version}" is not supported by this endpoint; expected "${route.version}"`);
      }
      if (parsed.error) throw parsed.error;
      const body = parsed.body;
      if (auth) {
        // Token user type vs the op's spec security (Agency-Access / Location-Access).
        if (route.security === 'agency' && auth.userType !== 'Company') throw errors.wrongTokenType();
        if (route.security === 'location' && auth.userType === 'Company') throw errors.wrongTokenType();
        // *-Access-Only ops take OAuth tokens only (no Private Integration Token), with the op's scope.
        if (route.oauthOnly && !auth.oauth) throw errors.wrongTokenType();
        if (route.scope && auth.oauth && !String(auth.scope ?? '').split(' ').includes(route.scope)) throw errors.wrongTokenType();
        if (route.form && !String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded'))
          throw errors.badRequest('Content-Type must be application/x-www-form-urlencoded');
        const companies = [rec.query.companyId, isPlainObject(body) ? body.companyId : undefined];
        if (companies.some((c) => typeof c === 'string' && c !== '' && c !== auth.companyId)) throw errors.forbiddenCompany();
      }
      if (auth?.locationId) {
        const claimed = [params.locationId, rec.query.locationId, isPlainObject(body) ? body.locationId : undefined];
        if (claimed.some((l) => typeof l === 'string' && l !== '' && l !== auth.locationId)) throw errors.forbiddenLocation();
      } else if (auth?.userType === 'Company') {
        // An agency token reaches only its own company's sub-accounts (unknown ids are left to the handler).
        for (const l of [params.locationId, rec.query.locationId]) {
          const loc = typeof l === 'string' ? store.locations.get(l) ?? store.saasLocations.get(l) : undefined;
          if (loc && loc.companyId !== auth.companyId) throw errors.forbiddenLocation();
        }
      }
      validateContactBody(route, body);
      const ctx = { params, query: rec.query, body: isPlainObject(body) ? body : {}, rawBody: body, auth: auth ?? {}, store, baseUrl: double.url };
      const [status, out] = route.handler(ctx);
      return [status, isPlainObject(out) && route.auth ? { ...out, traceId: out.traceId ?? randomUUID() } : out, headers];
    } catch (e) {
      if (e instanceof HttpError) return [e.status, e.body, { ...headers, ...(e.headers ?? {}) }];
      // Unexpected bug in the double: surface it as a 500 with the message (never includes tokens).
      return [500, { statusCode: 500, message: 'Internal Server Error', detail: String(e?.stack ?? e) }, headers];
    }
  }

  /** Control plane for out-of-process use (cli.mjs): not recorded, no auth. */
  function control(/** @type {string} */ method, /** @type {string} */ path, /** @type {any} */ body, /** @type {any} */ query) {
    const b = isPlainObject(body) ? body : {};
    const key = `${method} ${trim(path)}`;
    switch (key) {
      case 'GET /__double/stats': return [200, double.stats()];
      case 'GET /__double/requests':
        return [200, { requests: requests.map((r) => ({ ...r, headers: { ...r.headers, ...(r.headers.authorization ? { authorization: 'Bearer [redacted]' } : {}) } })) }];
      case 'GET /__double/contacts':
        return [200, { contacts: [...store.contacts.values()].filter((c) => !query.locationId || c.locationId === query.locationId).map(contactView) }];
      case 'POST /__double/reset': double.reset(); return [200, { ok: true }];
      case 'POST /__double/fail-next': double.failNext(b.n ?? 1, b.status ?? 500, b.body); return [200, { ok: true }];
      case 'POST /__double/rate-limit': double.setRateLimit(b.enabled === false ? false : b); return [200, { ok: true, rateLimit: rate.config }];
      case 'POST /__double/seed-contacts': return [200, { contacts: double.seedContacts(b.locationId, b.n ?? 1, b.overrides) }];
      case 'POST /__double/custom-fields': return [200, { customField: double.addCustomField(b.locationId, b) }];
      case 'POST /__double/users': return [200, { user: double.addUser(b.locationId, b) }];
      case 'POST /__double/snapshots': return [200, { snapshot: double.addSnapshot(b.companyId, b) }];
      case 'POST /__double/snapshot-pushes': return [200, { push: double.addSnapshotPush(b) }];
      case 'GET /__double/snapshot-pushes': return [200, { pushes: [...store.snapshotPushes.values()].filter((p) => !query.companyId || p.companyId === query.companyId) }];
      case 'POST /__double/saas-locations': return [200, { saasLocation: double.addSaasLocation(b.companyId, b) }];
      case 'POST /__double/locations': return [200, { location: double.addLocation(b.companyId, b) }];
      case 'POST /__double/oauth/issue': return [200, double.issueOAuthTokens(b.clientId)];
      case 'POST /__double/oauth/expire': return [200, { ok: double.expireAccessToken(b.token) }];
      case 'POST /__double/oauth/install': double.installApp(b.appId, b.locationId, b.location); return [200, { ok: true }];
      case 'POST /__double/oauth/uninstall': return [200, { ok: double.uninstallApp(b.appId, b.locationId) }];
      default: return [404, { statusCode: 404, message: `Cannot ${method} ${path}` }];
    }
  }

  // With `tls: {key, cert, hostname}` it serves HTTPS under HighLevel's own host name, so a client
  // that cannot change its base URL (n8n's built-in node) can be pointed at it by name resolution.
  const server = await serveDouble({
    port: options.port,
    tls: options.tls,
    requests,
    control: (method, url, body) => control(method, url.pathname, body, Object.fromEntries(url.searchParams)),
    controlError: (message) => ({ statusCode: 400, message }),
    // Like HighLevel's gateway: counted against the rate limit (and processed) on arrival,
    // answered after the latency.
    api: (rec, raw, req) => {
      counters.requests++;
      return answerNow(rec, raw, req);
    },
    latencyMs: () => latencyMs,
  });
  const double = {
    url: options.tls
      ? `https://${options.tls.hostname}${server.port === 443 ? '' : `:${server.port}`}`
      : `http://127.0.0.1:${server.port}`,
    port: server.port,
    store,
    requests,
    close: server.close,
    seedContacts: (/** @type {string} */ locationId, /** @type {number} */ n, /** @type {any} */ overrides) => {
      ensureLocation(store, locationId);
      return seedContacts(store, locationId, n, overrides);
    },
    addCustomField: (/** @type {string} */ locationId, /** @type {any} */ def) => addCustomField(store, locationId, def),
    addUser: (/** @type {string} */ locationId, /** @type {any} */ u) => addUser(store, locationId, u),
    // ----- agency (Company) data -----
    addLocation: (/** @type {string} */ companyId, /** @type {any} */ l = {}) => {
      const id = l.id ?? l.locationId;
      if (!id) throw new Error('addLocation needs an id');
      const loc = ensureLocation(store, id, companyId);
      const { locationId: _ignored, ...fields } = l;
      Object.assign(loc, fields, { id, companyId });
      return structuredClone(loc);
    },
    addSnapshot: (/** @type {string} */ companyId, /** @type {any} */ s) => addSnapshot(store, companyId, s),
    addSnapshotPush: (/** @type {any} */ p) => addSnapshotPush(store, p),
    updateSnapshotPush(/** @type {string} */ id, /** @type {any} */ patch) {
      const p = store.snapshotPushes.get(id);
      if (!p) throw new Error(`unknown snapshot push ${id}`);
      Object.assign(p, patch, patch.dateAdded ? { dateAdded: new Date(patch.dateAdded).toISOString() } : {});
      return structuredClone(p);
    },
    addSaasLocation: (/** @type {string} */ companyId, /** @type {any} */ s) => {
      ensureLocation(store, s.locationId, companyId);
      return addSaasLocation(store, companyId, s);
    },
    /** @param {number} n @param {number} status @param {any} [body] @param {Record<string, string>} [headers] extra answer headers */
    failNext(n, status, body, headers) {
      for (let i = 0; i < n; i++) failQueue.push({ status, headers, body: body ?? DEFAULT_STATUS_BODIES[/** @type {keyof DEFAULT_STATUS_BODIES} */ (status)] ?? { statusCode: status, message: 'Injected failure' } });
    },
    setRateLimit(/** @type {any} */ opts) { rate.config = normalizeRate(opts); rate.windows.clear(); },
    setLatency(/** @type {number} */ ms) { latencyMs = ms; },
    /** From now on, for `ms`, every API request is answered `status` (default 503) and nothing is processed. */
    outage(/** @type {number} */ ms, status = 503) { Object.assign(outage, { until: Date.now() + ms, status }); },
    issueOAuthTokens: (/** @type {string} */ clientId, /** @type {{access_token?: string, refresh_token?: string}} */ fixed = {}) => {
      const t = oauth.issue(clientId, fixed);
      return { access_token: t.access_token, refresh_token: t.refresh_token };
    },
    expireAccessToken: (/** @type {string} */ t) => oauth.expire(t),
    /** Installs the app `appId` in a sub-account of `companyId` (created when missing), as its agency admin would. */
    installApp(/** @type {string} */ appId, /** @type {string} */ locationId, /** @type {any} */ location = {}) {
      if (location.companyId || !store.locations.has(locationId)) double.addLocation(location.companyId ?? 'company1', { ...location, id: locationId });
      else if (Object.keys(location).length) Object.assign(store.locations.get(locationId), location);
      oauth.install(appId, locationId);
    },
    uninstallApp: (/** @type {string} */ appId, /** @type {string} */ locationId) => oauth.uninstall(appId, locationId),
    reset() {
      clearStore(store);
      oauth.resetInstalls();
      initLocations();
      requests.length = 0;
      failQueue.length = 0;
      outage.until = 0;
      rate.windows.clear();
      rate.daily.clear();
      Object.assign(counters, { requests: 0, rateLimited: 0, maxInWindow: 0, byRoute: {} });
    },
    stats: () => ({ requests: counters.requests, rateLimited: counters.rateLimited, maxInWindow: counters.maxInWindow, byRoute: { ...counters.byRoute } }),
    routes: routes.map((r) => ({ operationId: r.op, method: r.method, path: r.path, version: r.version ?? null, security: r.auth ? r.security : null })),
  };
  return double;
}
