// Locations (GET location, custom fields), Users and OAuth token routes.
import { randomBytes } from 'node:crypto';
import { errors, checkBody, isPlainObject } from '../errors.mjs';
import { ensureLocation } from '../store.mjs';
import { locationGetView } from './agency.mjs';

const V = '2021-07-28';
const MODELS = ['contact', 'opportunity', 'all'];

/** @type {import('./contacts.mjs').Route[]} */
export const locationRoutes = [
  {
    // security: Location-Access or Agency-Access (an agency token reads its company's locations; others → 403 in server.mjs)
    op: 'get-location', method: 'GET', path: '/locations/{locationId}', version: V, security: 'any',
    handler: (ctx) => {
      const loc = ctx.store.locations.get(ctx.params.locationId);
      if (!loc) throw errors.badRequest('Location not found');
      return [200, { location: locationGetView(loc) }];
    },
  },
  {
    op: 'get-custom-fields', method: 'GET', path: '/locations/{locationId}/customFields', version: V,
    handler: (ctx) => {
      const model = ctx.query.model;
      if (model !== undefined && !MODELS.includes(model)) throw errors.unprocessable(`model must be one of the following values: ${MODELS.join(', ')}`);
      const list = ctx.store.customFields.get(ctx.params.locationId) ?? [];
      return [200, { customFields: list.filter((/** @type {any} */ f) => !model || model === 'all' || f.model === model).map((/** @type {any} */ f) => structuredClone(f)) }];
    },
  },
  {
    op: 'get-custom-field', method: 'GET', path: '/locations/{locationId}/customFields/{id}', version: V,
    handler: (ctx) => {
      // accepts an id or a field key (customFields in apps/contacts.json)
      const list = ctx.store.customFields.get(ctx.params.locationId) ?? [];
      const f = list.find((/** @type {any} */ x) => x.id === ctx.params.id || x.fieldKey === ctx.params.id);
      if (!f) throw errors.badRequest('Custom field not found');
      return [200, { customField: structuredClone(f) }];
    },
  },
  {
    op: 'search-users', method: 'GET', path: '/users/', version: V,
    handler: (ctx) => {
      if (!ctx.query.locationId) throw errors.unprocessable(['locationId should not be empty']);
      return [200, { users: (ctx.store.users.get(ctx.query.locationId) ?? []).map((/** @type {any} */ u) => structuredClone(u)) }];
    },
  },
];

const token = (/** @type {string} */ prefix) => `${prefix}-${randomBytes(24).toString('base64url')}`;

/** An app's ID: its client IDs are `<appId>-<suffix>` (a client without a dash is its own app). */
export const appIdOfClient = (/** @type {string} */ clientId) => clientId.split('-')[0];

/**
 * OAuth state: clients, issued access tokens and live refresh tokens.
 * A client with `userType: 'Company'` issues agency tokens: the token response has `userType: "Company"`, `companyId`
 * and no `locationId` (oauth.json: "locationId (only for sub-account tokens)"). Such an agency app is installed in the
 * sub-accounts of `installedLocations`; `POST /oauth/locationToken` (apps/oauth.json) turns its agency token into a
 * sub-account token for one of them, valid `locationTokenTtlSeconds`, and `GET /oauth/installedLocations` lists them.
 * @param {Record<string, {secret:string, locationId?:string, companyId?:string, userId?:string, scope?:string,
 *   userType?:'Location'|'Company', appId?: string, installedLocations?: string[], installToFutureLocations?: boolean}>} clients
 * @param {{locationTokenTtlSeconds?: number}} [options]
 */
export function createOAuth(clients, options = {}) {
  /**
   * @type {Map<string, {clientId:string, userType:'Location'|'Company', locationId?:string, companyId:string, userId:string,
   *   expired:boolean, expiresAt?: number, scope: string, appId: string}>}
   */
  const accessTokens = new Map();
  /** @type {Map<string, string>} refresh token → clientId (one live refresh token per grant; old ones are deleted) */
  const refreshTokens = new Map();
  const usedCodes = new Set();
  /** @type {Map<string, Set<string>>} appId → locations where the app is installed */
  const installs = new Map();
  const installsOf = (/** @type {string} */ appId) => {
    let set = installs.get(appId);
    if (!set) installs.set(appId, (set = new Set()));
    return set;
  };
  const initInstalls = () => {
    installs.clear();
    for (const [clientId, c] of Object.entries(clients)) {
      const set = installsOf(c.appId ?? appIdOfClient(clientId));
      for (const l of c.installedLocations ?? []) set.add(l);
    }
  };
  initInstalls();
  const agencyScope = 'locations.readonly locations.write snapshots.readonly saas/location.read saas/location.write';

  /** A new grant for `clientId`; `fixed` names its tokens (a stack whose stored credential must work after a restart). */
  function issue(/** @type {string} */ clientId, /** @type {{access_token?: string, refresh_token?: string}} */ fixed = {}) {
    const c = clients[clientId];
    if (!c) throw new Error(`unknown oauth client ${clientId}`);
    const t = { access_token: fixed.access_token ?? token('at'), refresh_token: fixed.refresh_token ?? token('rt') };
    const companyId = c.companyId ?? 'company1';
    const userId = c.userId ?? 'oauthUser00000000001';
    const company = c.userType === 'Company';
    const scope = c.scope ?? (company ? agencyScope : 'contacts.readonly contacts.write locations.readonly locations/customFields.readonly users.readonly');
    accessTokens.set(t.access_token, {
      clientId, userType: company ? 'Company' : 'Location', ...(company ? {} : { locationId: c.locationId }), companyId, userId,
      expired: false, scope, appId: c.appId ?? appIdOfClient(clientId),
    });
    refreshTokens.set(t.refresh_token, clientId);
    if (company) {
      return {
        ...t, token_type: 'Bearer', expires_in: 86399, scope,
        userType: 'Company', companyId, userId, isBulkInstallation: false,
        installToFutureLocations: c.installToFutureLocations ?? false,
      };
    }
    return {
      ...t, token_type: 'Bearer', expires_in: 86399, scope,
      userType: 'Location', locationId: c.locationId, companyId, userId, approvedLocations: [c.locationId],
      isBulkInstallation: false,
    };
  }

  /** @type {import('./contacts.mjs').Route} */
  const route = {
    op: 'get-access-token', method: 'POST', path: '/oauth/token', version: undefined, auth: false,
    handler: (ctx) => {
      const b = isPlainObject(ctx.body) ? ctx.body : {};
      const msgs = checkBody(b, {
        client_id: { t: 'string', req: true }, client_secret: { t: 'string', req: true },
        grant_type: { t: 'string', req: true, enum: ['authorization_code', 'refresh_token', 'client_credentials'] },
      }, { whitelist: false });
      if (msgs.length) throw errors.unprocessable(msgs);
      const client = clients[b.client_id];
      if (!client || client.secret !== b.client_secret)
        throw Object.assign(errors.unauthorized(), { body: { error: 'invalid_client', error_description: 'Client authentication failed' } });
      const invalidGrant = (/** @type {string} */ d) => Object.assign(errors.unauthorized(), { body: { error: 'invalid_grant', error_description: d } });
      if (b.grant_type === 'authorization_code') {
        if (!b.code) throw errors.unprocessable(['code should not be empty']);
        if (usedCodes.has(b.code)) throw invalidGrant('Invalid authorization code');
        usedCodes.add(b.code);
      } else if (b.grant_type === 'refresh_token') {
        if (!b.refresh_token) throw errors.unprocessable(['refresh_token should not be empty']);
        if (refreshTokens.get(b.refresh_token) !== b.client_id) throw invalidGrant('Invalid refresh token');
        refreshTokens.delete(b.refresh_token); // rotation: the old refresh token stops working
      } else {
        throw Object.assign(errors.badRequest(), { body: { error: 'unsupported_grant_type', error_description: `grant_type ${b.grant_type} is not supported by this double` } });
      }
      if (client.userType !== 'Company' && client.locationId) ensureLocation(ctx.store, client.locationId, client.companyId);
      return [200, issue(b.client_id)];
    },
  };

  const ttl = () => options.locationTokenTtlSeconds ?? 86399;
  /** @type {import('./contacts.mjs').Route[]} */
  const agencyOnly = [
    {
      // Agency-Access-Only, scope oauth.write; form-urlencoded body {companyId, locationId} (apps/oauth.json)
      op: 'get-location-access-token', method: 'POST', path: '/oauth/locationToken', version: V, security: 'agency',
      oauthOnly: true, scope: 'oauth.write', form: true,
      handler: (ctx) => {
        const msgs = checkBody(ctx.body, { companyId: { t: 'string', req: true }, locationId: { t: 'string', req: true } });
        if (msgs.length) throw errors.unprocessable(msgs);
        const agency = accessTokens.get(ctx.auth.token);
        if (!agency) throw errors.unauthorized();
        const location = ctx.store.locations.get(ctx.body.locationId);
        if (!location || location.companyId !== agency.companyId) throw errors.badRequest('Location not found');
        // Wording of the double: the published specs give no example for an app missing from the location.
        if (!installsOf(agency.appId).has(ctx.body.locationId)) throw errors.badRequest('This app is not installed in this location');
        const access_token = token('lat');
        const scope = agency.scope.split(' ').filter((s) => s && !s.startsWith('oauth.')).join(' ');
        accessTokens.set(access_token, {
          clientId: agency.clientId, userType: 'Location', locationId: ctx.body.locationId, companyId: agency.companyId,
          userId: agency.userId, expired: false, expiresAt: Date.now() + ttl() * 1000, scope, appId: agency.appId,
        });
        return [200, {
          access_token, token_type: 'Bearer', expires_in: ttl(), scope, locationId: ctx.body.locationId,
          planId: 'plan-double', userId: agency.userId, appId: agency.appId, versionId: `${agency.appId}-v1`,
        }];
      },
    },
    {
      // Agency-Access-Only, scope oauth.readonly; query companyId, appId required, skip/limit strings (apps/oauth.json)
      op: 'get-installed-location', method: 'GET', path: '/oauth/installedLocations', version: V, security: 'agency',
      oauthOnly: true, scope: 'oauth.readonly',
      handler: (ctx) => {
        const q = ctx.query;
        /** @type {string[]} */
        const msgs = [];
        for (const k of ['companyId', 'appId']) if (!q[k]) msgs.push(`${k} should not be empty`);
        for (const k of ['skip', 'limit']) if (q[k] !== undefined && !/^\d+$/.test(q[k])) msgs.push(`${k} must be a number string`);
        for (const k of ['isInstalled', 'onTrial']) if (q[k] !== undefined && !['true', 'false'].includes(q[k])) msgs.push(`${k} must be a boolean value`);
        if (msgs.length) throw errors.unprocessable(msgs);
        const agency = accessTokens.get(ctx.auth.token);
        if (!agency) throw errors.unauthorized();
        if (q.appId !== agency.appId) throw errors.forbiddenApp();
        const installed = installsOf(agency.appId);
        const wanted = typeof q.query === 'string' ? q.query.toLowerCase() : '';
        const all = [...ctx.store.locations.values()]
          .filter((l) => l.companyId === agency.companyId)
          .filter((l) => q.isInstalled === undefined || installed.has(l.id) === (q.isInstalled === 'true'))
          .filter((l) => !q.locationId || l.id === q.locationId)
          .filter((l) => !wanted || String(l.name ?? '').toLowerCase().includes(wanted));
        const skip = Number(q.skip ?? 0);
        const limit = Number(q.limit ?? 20);
        const locations = all.slice(skip, skip + limit).map((l) => ({
          _id: l.id, name: l.name, address: [l.address, l.city, l.state, l.postalCode].filter(Boolean).join(', '),
          isInstalled: installed.has(l.id),
          ...(installed.has(l.id) ? { versionId: `${agency.appId}-v1`, installedAt: '2024-01-15T10:30:00.000Z' } : {}),
        }));
        return [200, { locations, count: all.length, installToFutureLocations: clients[agency.clientId]?.installToFutureLocations ?? false }];
      },
    },
  ];

  return {
    route,
    agencyOnly,
    accessTokens,
    refreshTokens,
    issue,
    expire: (/** @type {string} */ t) => { const rec = accessTokens.get(t); if (rec) rec.expired = true; return !!rec; },
    install: (/** @type {string} */ appId, /** @type {string} */ locationId) => { installsOf(appId).add(locationId); },
    uninstall: (/** @type {string} */ appId, /** @type {string} */ locationId) => installsOf(appId).delete(locationId),
    resetInstalls: initInstalls,
  };
}
