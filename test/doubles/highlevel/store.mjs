// In-memory state of the HighLevel double + record helpers (ids, views, seeding).
import { createHash, randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** 20-char alphanumeric id, like GHL's (firebase-style) ids. */
export function randomId() {
  let s = '';
  for (const b of randomBytes(20)) s += ALNUM[b % 62];
  return s;
}
/** Deterministic 20-char id derived from a seed string. */
export function deterministicId(/** @type {string} */ seed) {
  const h = createHash('sha256').update(seed).digest();
  let s = '';
  for (let i = 0; i < 20; i++) s += ALNUM[h[i] % 62];
  return s;
}
export const isGhlId = (/** @type {any} */ v) => typeof v === 'string' && /^[A-Za-z0-9]{20}$/.test(v);

/** dateAdded of seeded contacts: SEED_EPOCH + seq seconds (distinct, ascending). */
export const SEED_EPOCH = Date.parse('2024-01-01T00:00:00.000Z');

/** A Map that counts its changes, so sorted views of it can be cached (100,000-contact pages). */
export class VersionedMap extends Map {
  version = 0;
  set(/** @type {any} */ key, /** @type {any} */ value) { this.version = (this.version ?? 0) + 1; return super.set(key, value); }
  delete(/** @type {any} */ key) { this.version++; return super.delete(key); }
  clear() { this.version++; super.clear(); }
}

export function createStore() {
  return {
    /** @type {Map<string, any>} contact id → contact record (all locations) */
    contacts: new VersionedMap(),
    /** @type {Map<string, any>} task id → {id,title,body,assignedTo,dueDate,completed,contactId} */
    tasks: new Map(),
    /** @type {Map<string, any>} note id → {id,body,userId,dateAdded,contactId,title,color,pinned} */
    notes: new Map(),
    /** @type {Map<string, any[]>} locationId → custom field definitions */
    customFields: new Map(),
    /** @type {Map<string, any[]>} locationId → users */
    users: new Map(),
    /** @type {Map<string, any>} locationId → location ({id,name,timezone,companyId,settings,...}) */
    locations: new Map(),
    /** @type {Map<string, Map<string, {campaignId:string, addedAt:string}>>} contactId → campaigns */
    campaigns: new Map(),
    /** @type {Map<string, Map<string, {workflowId:string, addedAt:string, eventStartTime?:string}>>} contactId → workflows */
    workflows: new Map(),
    /** @type {Map<string, any>} appointment id → GetEventSchema (with contactId); seeded by tests */
    appointments: new Map(),
    /** @type {Map<string, any>} businessId → {id, locationId, name}; optional, informative only */
    businesses: new Map(),
    /** @type {Map<string, any>} snapshot id → {id, name, type: 'own'|'imported', companyId} (agency snapshots) */
    snapshots: new Map(),
    /**
     * @type {Map<string, any>} push id → {id, snapshotId, companyId, locationId, status, completed[], pending[],
     *   override, source: 'create-location'|'update-location'|'seed', dateAdded (ISO)}
     */
    snapshotPushes: new Map(),
    /** @type {Map<string, any>} share id → {id, shareLink, snapshotId, companyId, share_type, relationship_number?, share_location_id?} */
    snapshotShareLinks: new Map(),
    /** @type {Map<string, any>} locationId → SaaS record (SaasLocationDto fields: locationId, companyId, saasMode, subscriptionId, customerId, …) */
    saasLocations: new Map(),
    /** @type {Map<string, any>} locationId → record of a location removed by DELETE /locations/{id} (+ deleteTwilioAccount) */
    deletedLocations: new Map(),
    /** @type {Set<string>} ids of deleted contacts (bulk tag responses say "contact is deleted") */
    deletedContactIds: new Set(),
    seq: 0,
  };
}

/** Clear a store in place (keeps Map identities so `double.store` references stay valid). */
export function clearStore(/** @type {ReturnType<typeof createStore>} */ store) {
  for (const v of Object.values(store)) if (v instanceof Map || v instanceof Set) v.clear();
  store.seq = 0;
}

export function ensureLocation(/** @type {any} */ store, /** @type {string} */ locationId, companyId = 'company1') {
  let loc = store.locations.get(locationId);
  if (!loc) {
    loc = {
      id: locationId,
      companyId,
      name: `Location ${locationId}`,
      address: '',
      city: '',
      state: '',
      country: 'US',
      postalCode: '',
      website: '',
      timezone: 'America/Chicago',
      email: `owner@${locationId.toLowerCase()}.example.com`,
      phone: '',
      settings: { allowDuplicateContact: false, allowDuplicateOpportunity: false, allowFacebookNameMerge: false, disableContactTimezone: false },
    };
    store.locations.set(locationId, loc);
  }
  return loc;
}

export const toMs = (/** @type {any} */ v) => (typeof v === 'number' ? v : v == null ? NaN : /^\d+$/.test(String(v)) ? Number(v) : Date.parse(v));

/** Compare contacts by (dateAdded asc, id asc) — the order of GET /contacts/. */
export function byDateThenId(/** @type {any} */ a, /** @type {any} */ b) {
  const d = toMs(a.dateAdded) - toMs(b.dateAdded);
  return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const normTags = (/** @type {string[]} */ tags) => [...new Set(tags.map((t) => String(t).trim().toLowerCase()).filter(Boolean))];
export const normPhone = (/** @type {any} */ p) => (typeof p === 'string' ? p.replace(/[\s\-().]/g, '') : '');

const fullName = (/** @type {any} */ c) => c.name ?? ([c.firstName, c.lastName].filter(Boolean).join(' ') || null);

/** Full contact view (GetContectByIdSchema / CreateContactSchema). */
export function contactView(/** @type {any} */ c) {
  const name = fullName(c);
  return {
    ...c,
    name,
    contactName: name,
    firstNameLowerCase: c.firstName ? c.firstName.toLowerCase() : null,
    lastNameLowerCase: c.lastName ? c.lastName.toLowerCase() : null,
    fullNameLowerCase: name ? name.toLowerCase() : null,
    emailLowerCase: c.email ? c.email.toLowerCase() : null,
    tags: [...c.tags],
    customFields: c.customFields.map((/** @type {any} */ f) => ({ ...f })),
    followers: [...c.followers],
    deleted: false,
  };
}

/** Search view (POST /contacts/search): `address` instead of `address1`, dateOfBirth as epoch ms, plus searchAfter. */
export function searchView(/** @type {any} */ c, /** @type {any[]} */ searchAfter) {
  const { address1, ...v } = contactView(c);
  return { ...v, address: address1 ?? null, dateOfBirth: c.dateOfBirth ? Date.parse(c.dateOfBirth) : null, searchAfter };
}

export function newContactRecord(/** @type {string} */ locationId, /** @type {string} */ id, /** @type {string} */ dateAdded) {
  return {
    id, locationId, type: 'lead',
    firstName: null, lastName: null, email: null, phone: null,
    address1: null, city: null, state: null, postalCode: null, country: null, website: null, timezone: null,
    companyName: null, source: null, dateOfBirth: null, assignedTo: null, businessId: null,
    dnd: false, dndSettings: {},
    tags: /** @type {string[]} */ ([]), customFields: /** @type {any[]} */ ([]), followers: /** @type {string[]} */ ([]),
    attributions: [],
    dateAdded, dateUpdated: dateAdded,
  };
}

/**
 * Insert n contacts with deterministic ids/emails/phones and distinct ascending dateAdded.
 * @param {any} store @param {string} locationId @param {number} n
 * @param {Record<string, any> | ((i:number) => Record<string, any>)} [overrides]
 */
export function seedContacts(store, locationId, n, overrides) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const seq = ++store.seq;
    const dateAdded = new Date(SEED_EPOCH + seq * 1000).toISOString();
    const c = newContactRecord(locationId, deterministicId(`contact:${locationId}:${seq}`), dateAdded);
    Object.assign(c, {
      firstName: `First${seq}`, lastName: `Last${seq}`,
      email: `contact${seq}@example.com`, phone: `+1555${String(seq).padStart(7, '0')}`, source: 'seed',
    });
    const extra = typeof overrides === 'function' ? overrides(i) : overrides;
    if (extra) Object.assign(c, extra, extra.tags ? { tags: normTags(extra.tags) } : {});
    store.contacts.set(c.id, c);
    out.push(contactView(c));
  }
  return out;
}

/** @param {any} store @param {string} locationId @param {{name:string, fieldKey?:string, dataType:string, picklistOptions?:string[], model?:string, placeholder?:string, id?:string}} def */
export function addCustomField(store, locationId, def) {
  const list = store.customFields.get(locationId) ?? [];
  const slug = def.name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  const model = def.model ?? 'contact';
  const field = {
    id: def.id ?? deterministicId(`cf:${locationId}:${list.length}:${def.name}`),
    name: def.name,
    fieldKey: def.fieldKey ?? `${model}.${slug}`,
    dataType: def.dataType,
    placeholder: def.placeholder ?? '',
    position: list.length * 50,
    picklistOptions: def.picklistOptions ?? [],
    model,
    locationId,
  };
  list.push(field);
  store.customFields.set(locationId, list);
  return { ...field };
}

/** @param {any} store @param {string} locationId @param {{firstName:string, lastName:string, email:string, id?:string, role?:string}} u */
export function addUser(store, locationId, u) {
  const list = store.users.get(locationId) ?? [];
  const user = {
    id: u.id ?? deterministicId(`user:${locationId}:${list.length}:${u.email}`),
    name: `${u.firstName} ${u.lastName}`.trim(),
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    phone: '',
    roles: { type: 'account', role: u.role ?? 'user', locationIds: [locationId] },
    deleted: false,
  };
  list.push(user);
  store.users.set(locationId, list);
  return { ...user };
}
