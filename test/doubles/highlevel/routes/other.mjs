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

/**
 * OAuth state: clients, issued access tokens and live refresh tokens.
 * A client with `userType: 'Company'` issues agency tokens: the token response has `userType: "Company"`, `companyId`
 * and no `locationId` (oauth.json: "locationId (only for sub-account tokens)").
 * @param {Record<string, {secret:string, locationId?:string, companyId?:string, userId?:string, scope?:string,
 *   userType?:'Location'|'Company'}>} clients
 */
export function createOAuth(clients) {
  /** @type {Map<string, {clientId:string, userType:'Location'|'Company', locationId?:string, companyId:string, userId:string, expired:boolean}>} */
  const accessTokens = new Map();
  /** @type {Map<string, string>} refresh token → clientId (one live refresh token per grant; old ones are deleted) */
  const refreshTokens = new Map();
  const usedCodes = new Set();

  function issue(/** @type {string} */ clientId) {
    const c = clients[clientId];
    if (!c) throw new Error(`unknown oauth client ${clientId}`);
    const t = { access_token: token('at'), refresh_token: token('rt') };
    const companyId = c.companyId ?? 'company1';
    const userId = c.userId ?? 'oauthUser00000000001';
    const company = c.userType === 'Company';
    accessTokens.set(t.access_token, { clientId, userType: company ? 'Company' : 'Location', ...(company ? {} : { locationId: c.locationId }), companyId, userId, expired: false });
    refreshTokens.set(t.refresh_token, clientId);
    if (company) {
      return {
        ...t, token_type: 'Bearer', expires_in: 86399,
        scope: c.scope ?? 'locations.readonly locations.write snapshots.readonly saas/location.read saas/location.write',
        userType: 'Company', companyId, userId, isBulkInstallation: false,
      };
    }
    return {
      ...t, token_type: 'Bearer', expires_in: 86399,
      scope: c.scope ?? 'contacts.readonly contacts.write locations.readonly locations/customFields.readonly users.readonly',
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

  return {
    route,
    accessTokens,
    refreshTokens,
    issue,
    expire: (/** @type {string} */ t) => { const rec = accessTokens.get(t); if (rec) rec.expired = true; return !!rec; },
  };
}
