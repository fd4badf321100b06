// Agency (Company-token) routes: Sub-Account management (apps/locations.json), Snapshots (apps/snapshots.json)
// and SaaS (apps/saas-api.json). Route `security` mirrors each op's spec `security`:
//   'agency' = only `Agency-Access`; 'any' = `Agency-Access` + `Location-Access`; (default 'location' elsewhere).
// The server answers the wrong token type with 401 (errors.wrongTokenType), a companyId in query/body that is not the
// token's company with 403, and (for agency tokens) a path/query locationId of another company with 403.
import { errors, assertBody, checkBody } from '../errors.mjs';
import { randomId } from '../store.mjs';

const V = '2021-07-28';
const V_SAAS = '2021-04-15';

// ---------- DTOs (components.schemas of locations.json / snapshots.json / saas-api.json) ----------
/** CreateLocationDto.country / UpdateLocationDto.country enum (identical in both, 247 codes). */
const COUNTRIES = ('AF AX AL DZ AS AD AO AI AQ AG AR AM AW AU AT AZ BS BH BD BB BY BE BZ BJ BM BT BO BA BW BV BR IO BN BG BF BI KH CM CA '
  + 'CV KY CF TD CL CN CX CC CO KM CG CD CK CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE ET FK FO FJ FI FR GF PF TF GA GM GE '
  + 'DE GH GI GR GL GD GP GU GT GG GN GW GY HT HM VA HN HK HU IS IN ID IR IQ IE IM IL IT JM JP JE JO KZ KE KI KP KR XK KW KG LA '
  + 'LV LB LS LR LY LI LT LU MO MK MG MW MY MV ML MT MH MQ MR MU YT MX FM MD MC MN ME MS MA MZ MM NA NR NP NL AN NC NZ NI NE NG '
  + 'NU NF MP NO OM PK PW PS PA PG PY PE PH PN PL PT PR QA RE RO RU RW SH KN LC MF PM VC WS SM ST SA SN RS SC SL SG SX SK SI SB '
  + 'SO ZA GS ES LK SD SR SJ SZ SE CH SY TW TJ TZ TH TL TG TK TO TT TN TR TM TC TV UG GB UA AE US UM UY UZ VU VE VN VG VI WF EH '
  + 'YE ZM ZW').split(' ');

/** @typedef {import('../errors.mjs').Rule} Rule */
/** Nested DTO check (ValidateNested): messages prefixed with the property name. */
const nested = (/** @type {Record<string, Rule>} */ schema) => (/** @type {any} */ v, /** @type {string} */ k) =>
  checkBody(v, schema).map((m) => (m.startsWith('property ') ? `property ${k}.${m.slice(9)}` : `${k}.${m}`));

/** @type {Record<string, Record<string, Rule>>} */
const SUB = {
  ProspectInfoDto: { firstName: { t: 'string', req: true }, lastName: { t: 'string', req: true }, email: { t: 'string', req: true } },
  SettingsSchema: {
    allowDuplicateContact: { t: 'boolean' }, allowDuplicateOpportunity: { t: 'boolean' },
    allowFacebookNameMerge: { t: 'boolean' }, disableContactTimezone: { t: 'boolean' },
  },
  SocialSchema: Object.fromEntries(['facebookUrl', 'googlePlus', 'linkedIn', 'foursquare', 'twitter', 'yelp', 'instagram', 'youtube',
    'pinterest', 'blogRss', 'googlePlacesId'].map((k) => [k, /** @type {Rule} */ ({ t: 'string' })])),
  TwilioSchema: { sid: { t: 'string', req: true }, authToken: { t: 'string', req: true } },
  MailgunSchema: { apiKey: { t: 'string', req: true }, domain: { t: 'string', req: true } },
  SnapshotPutSchema: { id: { t: 'string', req: true }, override: { t: 'boolean' } },
};
/** Fields shared by CreateLocationDto and UpdateLocationDto. */
const LOCATION_FIELDS = {
  name: /** @type {Rule} */ ({ t: 'string' }), phone: /** @type {Rule} */ ({ t: 'string' }),
  companyId: /** @type {Rule} */ ({ t: 'string', req: true }),
  address: /** @type {Rule} */ ({ t: 'string' }), city: /** @type {Rule} */ ({ t: 'string' }), state: /** @type {Rule} */ ({ t: 'string' }),
  country: /** @type {Rule} */ ({ t: 'string', enum: COUNTRIES }), postalCode: /** @type {Rule} */ ({ t: 'string' }),
  website: /** @type {Rule} */ ({ t: 'string' }), timezone: /** @type {Rule} */ ({ t: 'string' }),
  prospectInfo: /** @type {Rule} */ ({ t: 'object', check: nested(SUB.ProspectInfoDto) }),
  settings: /** @type {Rule} */ ({ t: 'object', check: nested(SUB.SettingsSchema) }),
  social: /** @type {Rule} */ ({ t: 'object', check: nested(SUB.SocialSchema) }),
  twilio: /** @type {Rule} */ ({ t: 'object', check: nested(SUB.TwilioSchema) }),
  mailgun: /** @type {Rule} */ ({ t: 'object', check: nested(SUB.MailgunSchema) }),
};
/** @type {Record<string, Record<string, Rule>>} */
const DTO = {
  // required: name, companyId
  CreateLocationDto: { ...LOCATION_FIELDS, name: { t: 'string', req: true }, snapshotId: { t: 'string' } },
  // required: companyId
  UpdateLocationDto: { ...LOCATION_FIELDS, snapshot: { t: 'object', check: nested(SUB.SnapshotPutSchema) } },
  // required: snapshot_id, share_type
  CreateSnapshotShareLinkRequestDTO: {
    snapshot_id: { t: 'string', req: true },
    share_type: { t: 'string', req: true, enum: ['link', 'permanent_link', 'agency_link', 'location_link'] },
    relationship_number: { t: 'string' }, share_location_id: { t: 'string' },
  },
  // required: subscriptionId, customerId, companyId
  UpdateSubscriptionDto: { subscriptionId: { t: 'string', req: true }, customerId: { t: 'string', req: true }, companyId: { t: 'string', req: true } },
};

/** Validate query parameters like a NestJS query DTO (required → "should not be empty" + type message). */
function assertQuery(/** @type {any} */ query, /** @type {Record<string, Rule & {numeric?: boolean, bool?: boolean, allowEmpty?: boolean}>} */ rules) {
  /** @type {string[]} */
  const msgs = [];
  for (const [k, r] of Object.entries(rules)) {
    const v = query[k];
    if (v === undefined || (v === '' && !r.allowEmpty)) {
      if (r.req) msgs.push(`${k} should not be empty`, r.bool ? `${k} must be a boolean value` : r.numeric ? `${k} must be a number string` : `${k} must be a string`);
      continue;
    }
    if (typeof v !== 'string') { msgs.push(`${k} must be a string`); continue; }
    if (r.bool && v !== 'true' && v !== 'false') msgs.push(`${k} must be a boolean value`);
    if (r.numeric && !/^\d+$/.test(v)) msgs.push(`${k} must be a number string`);
    if (r.enum && !r.enum.includes(v)) msgs.push(`${k} must be one of the following values: ${r.enum.join(', ')}`);
    if (r.check) msgs.push(...r.check(v, k));
  }
  if (msgs.length) throw errors.unprocessable(msgs);
}

// ---------- dates ----------
/** `from`/`to` of get-snapshot-push, spec example format "10-10-2022 12:00 AM" (MM-DD-YYYY hh:mm AM|PM), read as UTC. */
const RANGE_RE = /^(\d{2})-(\d{2})-(\d{4}) (\d{1,2}):(\d{2}) (AM|PM)$/i;
export function parseRangeDate(/** @type {string} */ v) {
  const m = RANGE_RE.exec(v);
  if (!m) return NaN;
  const [mo, d, y, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 1 || h > 12 || mi > 59) return NaN;
  const h24 = (h % 12) + (m[6].toUpperCase() === 'PM' ? 12 : 0);
  const t = Date.UTC(y, mo - 1, d, h24, mi);
  return new Date(t).getUTCDate() === d ? t : NaN;
}
const rangeCheck = (/** @type {string} */ v, /** @type {string} */ k) =>
  (Number.isNaN(parseRangeDate(v)) ? [`${k} must be a date in the format MM-DD-YYYY hh:mm AM|PM (e.g. 10-10-2022 12:00 AM)`] : []);
/** SnapshotStatusSchema.dateAdded, spec example format "10/28/2022, 6:24:54 PM" (en-US locale string), in UTC. */
export function formatPushDate(/** @type {string|number} */ iso) {
  const d = new Date(iso);
  const h = d.getUTCHours();
  const p = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ${h % 12 || 12}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

// ---------- views ----------
const pick = (/** @type {any} */ o, /** @type {string[]} */ keys) =>
  Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, structuredClone(o[k])]));
/** CreateLocationSuccessfulResponseDto (POST /locations/, PUT /locations/{id}). */
export const locationWriteView = (/** @type {any} */ l) => pick(l, ['id', 'companyId', 'name', 'phone', 'email', 'address', 'city', 'state',
  'domain', 'country', 'postalCode', 'website', 'timezone', 'settings', 'social']);
/** GetLocationSchema (items of GET /locations/search). */
export const locationSearchView = (/** @type {any} */ l) => pick(l, ['id', 'name', 'phone', 'email', 'address', 'city', 'state', 'country',
  'postalCode', 'website', 'timezone', 'settings', 'social']);
/** GetLocationByIdSchema: the record minus write-only credentials (twilio, mailgun, prospectInfo); prospect names as firstName/lastName. */
export function locationGetView(/** @type {any} */ l) {
  const { twilio, mailgun, prospectInfo, ...rest } = structuredClone(l);
  return { ...rest, ...(prospectInfo ? { firstName: prospectInfo.firstName, lastName: prospectInfo.lastName } : {}) };
}
const pushListView = (/** @type {any} */ p) => ({ id: p.id, locationId: p.locationId, status: p.status, dateAdded: formatPushDate(p.dateAdded) });
const pushDetailView = (/** @type {any} */ p) => ({ id: p.id, locationId: p.locationId, status: p.status, completed: [...p.completed], pending: [...p.pending] });

// ---------- store helpers (also exposed on the double object) ----------
/** Asset names used in the spec's SnapshotStatusSchemaWithAssets examples (completed + pending). */
export const SNAPSHOT_ASSETS = ['forms', 'surveys', 'funnels', 'workflows', 'custom_fields', 'custom_values', 'tags'];

/** @param {any} store @param {string} companyId @param {{name: string, type?: 'own'|'imported', id?: string}} s */
export function addSnapshot(store, companyId, s) {
  const snap = { id: s.id ?? randomId(), name: s.name, type: s.type ?? 'own', companyId };
  store.snapshots.set(snap.id, snap);
  return { id: snap.id, name: snap.name, type: snap.type };
}

/**
 * Record a snapshot push into a location (what POST /locations/ with snapshotId and PUT with snapshot do).
 * New pushes start as status "processing" (the spec's example) with every asset pending; move them on with
 * double.updateSnapshotPush. `dateAdded` (ISO) may be given to seed history.
 * @param {any} store @param {{companyId: string, snapshotId: string, locationId: string, status?: string, completed?: string[],
 *   pending?: string[], override?: boolean, dateAdded?: string, source?: string, id?: string}} p
 */
export function addSnapshotPush(store, p) {
  const push = {
    id: p.id ?? randomId(), snapshotId: p.snapshotId, companyId: p.companyId, locationId: p.locationId,
    status: p.status ?? 'processing', completed: [...(p.completed ?? [])], pending: [...(p.pending ?? (p.completed ? [] : SNAPSHOT_ASSETS))],
    override: p.override ?? false, source: p.source ?? 'seed', dateAdded: new Date(p.dateAdded ?? Date.now()).toISOString(),
  };
  store.snapshotPushes.set(push.id, push);
  return structuredClone(push);
}

/**
 * @param {any} store @param {string} companyId
 * @param {{locationId: string, customerId?: string, subscriptionId: string, saasMode?: string, name?: string, email?: string,
 *   providerLocationId?: string, isSaaSV2?: boolean, subscriptionInfo?: any}} s SaasLocationDto fields
 */
export function addSaasLocation(store, companyId, s) {
  const rec = { saasMode: 'saasV2', isSaaSV2: true, ...s, companyId };
  store.saasLocations.set(s.locationId, rec);
  return structuredClone(rec);
}

// ---------- handlers ----------
function getOwnLocation(/** @type {any} */ ctx) {
  const loc = ctx.store.locations.get(ctx.params.locationId);
  if (!loc) throw errors.badRequest('Location not found');
  if (loc.companyId !== ctx.auth.companyId) throw errors.forbiddenLocation();
  return loc;
}
function getOwnSnapshot(/** @type {any} */ ctx, /** @type {string} */ id) {
  const s = ctx.store.snapshots.get(id);
  if (!s || s.companyId !== ctx.auth.companyId) throw errors.badRequest('Snapshot not found');
  return s;
}
const LOCATION_COPY = ['name', 'phone', 'address', 'city', 'state', 'country', 'postalCode', 'website', 'timezone', 'prospectInfo', 'twilio', 'mailgun'];
function applyLocationFields(/** @type {any} */ loc, /** @type {any} */ b) {
  for (const k of LOCATION_COPY) if (b[k] !== undefined) loc[k] = structuredClone(b[k]);
  if (b.settings) loc.settings = { ...(loc.settings ?? {}), ...b.settings };
  if (b.social) loc.social = { ...(loc.social ?? {}), ...b.social };
  if (b.prospectInfo?.email && !loc.email) loc.email = b.prospectInfo.email;
}

/**
 * @typedef {import('./contacts.mjs').Route} AgencyRoute
 */
/** @type {AgencyRoute[]} */
export const agencyRoutes = [
  // ----- Sub-Accounts (locations.json) -----
  {
    op: 'search-locations', method: 'GET', path: '/locations/search', version: V, security: 'any',
    handler: (ctx) => {
      assertQuery(ctx.query, {
        companyId: { t: 'string' }, skip: { t: 'string', numeric: true }, limit: { t: 'string', numeric: true },
        order: { t: 'string', enum: ['asc', 'desc'] }, email: { t: 'string' },
      });
      const skip = Number(ctx.query.skip ?? '0');
      const limit = Number(ctx.query.limit ?? '10');
      const email = ctx.query.email?.toLowerCase();
      let list = [...ctx.store.locations.values()].filter((l) => l.companyId === (ctx.query.companyId || ctx.auth.companyId)
        && (ctx.auth.userType === 'Company' || l.id === ctx.auth.locationId)
        && (!email || String(l.email ?? '').toLowerCase() === email));
      if (ctx.query.order === 'desc') list = list.reverse(); // order = creation order (the spec names no sort key)
      return [200, { locations: list.slice(skip, skip + limit).map(locationSearchView) }];
    },
  },
  {
    op: 'create-location', method: 'POST', path: '/locations/', version: V, security: 'agency',
    handler: (ctx) => {
      assertBody(ctx.rawBody, DTO.CreateLocationDto);
      const b = ctx.body;
      if (b.snapshotId) getOwnSnapshot(ctx, b.snapshotId);
      const id = randomId();
      // Only what the request gave (no invented defaults): id, companyId and the body's fields.
      /** @type {any} */
      const loc = { id, companyId: b.companyId, name: b.name };
      applyLocationFields(loc, b);
      ctx.store.locations.set(id, loc);
      if (b.snapshotId) addSnapshotPush(ctx.store, { companyId: b.companyId, snapshotId: b.snapshotId, locationId: id, source: 'create-location' });
      return [200, locationWriteView(loc)];
    },
  },
  {
    op: 'put-location', method: 'PUT', path: '/locations/{locationId}', version: V, security: 'agency',
    handler: (ctx) => {
      assertBody(ctx.rawBody, DTO.UpdateLocationDto);
      const loc = getOwnLocation(ctx);
      const b = ctx.body;
      if (b.snapshot) getOwnSnapshot(ctx, b.snapshot.id);
      applyLocationFields(loc, b);
      if (b.snapshot) {
        addSnapshotPush(ctx.store, {
          companyId: loc.companyId, snapshotId: b.snapshot.id, locationId: loc.id, override: b.snapshot.override ?? false, source: 'update-location',
        });
      }
      return [200, locationWriteView(loc)];
    },
  },
  {
    op: 'delete-location', method: 'DELETE', path: '/locations/{locationId}', version: V, security: 'agency',
    handler: (ctx) => {
      assertQuery(ctx.query, { deleteTwilioAccount: { t: 'string', req: true, bool: true } });
      const loc = getOwnLocation(ctx);
      ctx.store.locations.delete(loc.id);
      ctx.store.saasLocations.delete(loc.id);
      ctx.store.deletedLocations.set(loc.id, { ...loc, deleteTwilioAccount: ctx.query.deleteTwilioAccount === 'true' });
      return [200, { success: true, message: `Deleted location with id: ${loc.id}` }];
    },
  },
  // ----- Snapshots (snapshots.json) -----
  {
    op: 'get-custom-snapshots', method: 'GET', path: '/snapshots/', version: V, security: 'agency',
    handler: (ctx) => {
      assertQuery(ctx.query, { companyId: { t: 'string', req: true } });
      const list = [...ctx.store.snapshots.values()].filter((s) => s.companyId === ctx.query.companyId);
      return [200, { snapshots: list.map((s) => ({ id: s.id, name: s.name, type: s.type })) }];
    },
  },
  {
    op: 'create-snapshot-share-link', method: 'POST', path: '/snapshots/share/link', version: V, security: 'agency',
    handler: (ctx) => {
      assertQuery(ctx.query, { companyId: { t: 'string', req: true } });
      assertBody(ctx.rawBody, DTO.CreateSnapshotShareLinkRequestDTO);
      const b = ctx.body;
      getOwnSnapshot(ctx, b.snapshot_id);
      const id = randomId();
      // shareLink format from the spec example: https://affiliates.gohighlevel.com/?share=<id>
      const link = { id, shareLink: `https://affiliates.gohighlevel.com/?share=${id}` };
      ctx.store.snapshotShareLinks.set(id, { ...link, snapshotId: b.snapshot_id, companyId: ctx.query.companyId, ...pick(b, ['share_type', 'relationship_number', 'share_location_id']) });
      return [201, link];
    },
  },
  {
    op: 'get-snapshot-push', method: 'GET', path: '/snapshots/snapshot-status/{snapshotId}', version: V, security: 'agency',
    handler: (ctx) => {
      assertQuery(ctx.query, {
        companyId: { t: 'string', req: true }, from: { t: 'string', req: true, check: rangeCheck }, to: { t: 'string', req: true, check: rangeCheck },
        // required by the spec; an empty value (`lastDoc=`) starts at the first document
        lastDoc: { t: 'string', req: true, allowEmpty: true }, limit: { t: 'string', req: true, numeric: true },
      });
      getOwnSnapshot(ctx, ctx.params.snapshotId);
      const from = parseRangeDate(ctx.query.from);
      const to = parseRangeDate(ctx.query.to) + 59_999; // minute resolution: "11:59 PM" includes the whole minute
      const list = [...ctx.store.snapshotPushes.values()]
        .filter((p) => p.snapshotId === ctx.params.snapshotId && p.companyId === ctx.query.companyId)
        .filter((p) => { const t = Date.parse(p.dateAdded); return t >= from && t <= to; })
        .sort((a, b) => Date.parse(a.dateAdded) - Date.parse(b.dateAdded) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      let start = 0;
      if (ctx.query.lastDoc) {
        const i = list.findIndex((p) => p.id === ctx.query.lastDoc);
        if (i < 0) throw errors.badRequest('lastDoc not found');
        start = i + 1;
      }
      return [200, { data: list.slice(start, start + Number(ctx.query.limit)).map(pushListView) }];
    },
  },
  {
    op: 'get-latest-snapshot-push', method: 'GET', path: '/snapshots/snapshot-status/{snapshotId}/location/{locationId}', version: V, security: 'agency',
    handler: (ctx) => {
      assertQuery(ctx.query, { companyId: { t: 'string', req: true } });
      getOwnSnapshot(ctx, ctx.params.snapshotId);
      const latest = [...ctx.store.snapshotPushes.values()]
        .filter((p) => p.snapshotId === ctx.params.snapshotId && p.locationId === ctx.params.locationId && p.companyId === ctx.query.companyId)
        .reduce((/** @type {any} */ best, p) => (!best || Date.parse(p.dateAdded) >= Date.parse(best.dateAdded) ? p : best), null);
      if (!latest) throw errors.badRequest('No snapshot push found for this location');
      return [200, { data: pushDetailView(latest) }];
    },
  },
  // ----- SaaS (saas-api.json, Version 2021-04-15) -----
  {
    op: 'locations', method: 'GET', path: '/saas/locations', version: V_SAAS, security: 'agency',
    handler: (ctx) => {
      assertQuery(ctx.query, { customerId: { t: 'string', req: true }, subscriptionId: { t: 'string', req: true }, companyId: { t: 'string', req: true } });
      // "Get locations by stripeCustomerId or stripeSubscriptionId with companyId". The current op declares no 200 schema;
      // its deprecated twin (/saas-api/public-api/locations) declares an array of strings → the matching location ids.
      const ids = [...ctx.store.saasLocations.values()]
        .filter((s) => s.companyId === ctx.query.companyId && (s.customerId === ctx.query.customerId || s.subscriptionId === ctx.query.subscriptionId))
        .map((s) => s.locationId);
      return [200, ids];
    },
  },
  {
    op: 'generate-payment-link', method: 'PUT', path: '/saas/update-saas-subscription/{locationId}', version: V_SAAS, security: 'agency',
    handler: (ctx) => {
      assertBody(ctx.rawBody, DTO.UpdateSubscriptionDto);
      const rec = ctx.store.saasLocations.get(ctx.params.locationId);
      if (!rec || rec.companyId !== ctx.body.companyId) throw errors.notFound(`SaaS location ${ctx.params.locationId} not found`);
      rec.subscriptionId = ctx.body.subscriptionId;
      rec.customerId = ctx.body.customerId;
      // No 200 schema on the current op; the deprecated twin declares `string` ("SaaS subscription updated successfully").
      return [200, 'SaaS subscription updated successfully'];
    },
  },
];

