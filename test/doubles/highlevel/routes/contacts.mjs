// Contacts API (apps/contacts.json): all 32 operations, table driven.
import { errors, assertBody, checkBody, isPlainObject, isIsoDate } from '../errors.mjs';
import {
  randomId, isGhlId, contactView, searchView, newContactRecord, normTags, normPhone, byDateThenId, toMs, ensureLocation,
} from '../store.mjs';

const V = '2021-07-28';

// ---------- DTOs (request bodies), from components.schemas of contacts.json ----------
const DND_CHANNELS = ['Call', 'Email', 'SMS', 'WhatsApp', 'GMB', 'FB'];
/** @type {(statuses: string[], keys: string[]) => (v:any, k:string) => string[]} */
const dndCheck = (statuses, keys) => (v, k) => {
  const m = [];
  for (const [ch, s] of Object.entries(v)) {
    if (!keys.includes(ch)) m.push(`${k}.property ${ch} should not exist`);
    else if (!isPlainObject(s) || !statuses.includes(s.status)) m.push(`${k}.${ch}.status must be one of the following values: ${statuses.join(', ')}`);
  }
  return m;
};
const cfCheck = (/** @type {any} */ v, /** @type {string} */ k) =>
  v.flatMap((/** @type {any} */ f, /** @type {number} */ i) =>
    !isPlainObject(f) ? [`${k}.${i} must be an object`] : !f.id && !f.key ? [`${k}.${i}.id should not be empty`] : []);
const DOB_RES = [/^(\d{4})[/\-._](\d{2})[/\-._](\d{2})$/, /^(\d{2})[/\-._](\d{2})[/\-._](\d{4})$/];
/** Accepts the spec's formats (YYYY/MM/DD, MM/DD/YYYY, … with / - . _), ISO datetimes and epoch ms; returns ISO or null. */
function parseDob(/** @type {any} */ v) {
  if (typeof v === 'number') return new Date(v).toISOString();
  if (typeof v !== 'string') return null;
  let m = DOB_RES[0].exec(v);
  if (m) return `${m[1]}-${m[2]}-${m[3]}T00:00:00.000Z`;
  m = DOB_RES[1].exec(v);
  if (m) return `${m[3]}-${m[1]}-${m[2]}T00:00:00.000Z`;
  return isIsoDate(v) ? new Date(v).toISOString() : null;
}

/** @type {Record<string, import('../errors.mjs').Rule>} */
const UPDATE_CONTACT = {
  firstName: { t: 'string', nullable: true }, lastName: { t: 'string', nullable: true }, name: { t: 'string', nullable: true },
  email: { t: 'string', nullable: true, check: (v, k) => (v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? [] : [`${k} must be an email`]) },
  phone: { t: 'string', nullable: true }, address1: { t: 'string', nullable: true }, city: { t: 'string', nullable: true },
  state: { t: 'string', nullable: true }, postalCode: { t: 'string' }, website: { t: 'string', nullable: true },
  timezone: { t: 'string', nullable: true }, dnd: { t: 'boolean' },
  dndSettings: { t: 'object', check: dndCheck(['active', 'inactive', 'permanent'], DND_CHANNELS) },
  inboundDndSettings: { t: 'object', check: dndCheck(['active', 'inactive'], ['all']) },
  tags: { t: 'strings' }, customFields: { t: 'array', check: cfCheck }, source: { t: 'string', nullable: true },
  dateOfBirth: { t: 'any', nullable: true, check: (v, k) => (parseDob(v) ? [] : [`${k} must be a valid date (YYYY-MM-DD, MM/DD/YYYY, …)`]) },
  country: { t: 'string', check: (v, k) => (/^[A-Za-z]{2}$/.test(v) ? [] : [`${k} must be a valid 2-letter country code`]) },
  assignedTo: { t: 'string', nullable: true },
};
const CREATE_CONTACT = {
  ...UPDATE_CONTACT, locationId: { t: /** @type {const} */ ('string'), req: true }, gender: { t: /** @type {const} */ ('string') },
  companyName: { t: /** @type {const} */ ('string'), nullable: true },
  source: { t: /** @type {const} */ ('string') }, assignedTo: { t: /** @type {const} */ ('string') },
};
const UPSERT_CONTACT = { ...CREATE_CONTACT, createNewIfDuplicateAllowed: { t: /** @type {const} */ ('boolean') } };
const CONTACT_KEYS = Object.keys(UPSERT_CONTACT).filter((k) => !['locationId', 'tags', 'customFields', 'createNewIfDuplicateAllowed'].includes(k));

/** @type {Record<string, Record<string, import('../errors.mjs').Rule>>} */
const DTO = {
  CreateTaskParams: { title: { t: 'string', req: true }, body: { t: 'string' }, dueDate: { t: 'date', req: true }, completed: { t: 'boolean', req: true }, assignedTo: { t: 'string' } },
  UpdateTaskBody: { title: { t: 'string' }, body: { t: 'string' }, dueDate: { t: 'date' }, completed: { t: 'boolean' }, assignedTo: { t: 'string' } },
  UpdateTaskStatusParams: { completed: { t: 'boolean', req: true } },
  TagsDTO: { tags: { t: 'strings', req: true } },
  NotesDTO: { userId: { t: 'string' }, body: { t: 'string', req: true }, title: { t: 'string' }, color: { t: 'string' }, pinned: { t: 'boolean' } },
  UpdateNoteDTO: { userId: { t: 'string' }, body: { t: 'string' }, title: { t: 'string' }, color: { t: 'string' }, pinned: { t: 'boolean' } },
  UpdateTagsDTO: { contacts: { t: 'strings', req: true }, tags: { t: 'strings', req: true }, locationId: { t: 'string', req: true }, removeAllTags: { t: 'boolean' } },
  ContactsBusinessUpdate: { locationId: { t: 'string', req: true }, ids: { t: 'strings', req: true }, businessId: { t: 'string', req: true, nullable: true } },
  FollowersDTO: { followers: { t: 'strings', req: true } },
  AddContactToCampaignDto: {},
  CreateWorkflowDto: { eventStartTime: { t: 'date' } },
  CreateContactDto: CREATE_CONTACT, UpdateContactDto: UPDATE_CONTACT, UpsertContactDto: UPSERT_CONTACT,
};

// ---------- helpers ----------
const now = () => new Date().toISOString();
const contactsOf = (/** @type {any} */ ctx) => [...ctx.store.contacts.values()].filter((c) => c.locationId === ctx.auth.locationId);

/** @type {WeakMap<any, Map<string, {version: number, value: any}>>} */
const orderCache = new WeakMap();
/**
 * `build()` for the location, built again only once contacts were added or removed: for orders by
 * fields no write changes in place (dateAdded, id), which stay valid until then.
 */
function cachedOrder(/** @type {any} */ ctx, /** @type {string} */ name, /** @type {() => any} */ build) {
  const contacts = ctx.store.contacts;
  if (contacts.version === undefined) return build();
  let byKey = orderCache.get(contacts);
  if (!byKey) orderCache.set(contacts, (byKey = new Map()));
  const key = `${ctx.auth.locationId}|${name}`;
  const cached = byKey.get(key);
  if (cached && cached.version === contacts.version) return cached.value;
  const value = build();
  byKey.set(key, { version: contacts.version, value });
  return value;
}
/** The location's contacts by (dateAdded, id), the order of GET /contacts/. */
const sortedContactsOf = (/** @type {any} */ ctx) => cachedOrder(ctx, 'list', () => contactsOf(ctx).sort(byDateThenId));

/** Unknown contact, or a contact of another location → 400 "Contact not found" (GHL answers 400, not 404). */
function getContact(/** @type {any} */ ctx, id = ctx.params.contactId) {
  const c = ctx.store.contacts.get(id);
  if (!c || (ctx.auth.locationId && c.locationId !== ctx.auth.locationId)) throw errors.badRequest('Contact not found');
  return c;
}
function getChild(/** @type {any} */ ctx, /** @type {'tasks'|'notes'} */ kind, /** @type {string} */ id) {
  const c = getContact(ctx);
  const item = ctx.store[kind].get(id);
  if (!item || item.contactId !== c.id) throw errors.badRequest(kind === 'tasks' ? 'Task not found' : 'Note not found');
  return item;
}

/** Resolve write-side custom fields `[{id|key, field_value}]` (customFields in apps/contacts.json) to `[{id, value}]`; 422 on unknown id/key. */
function resolveCustomFields(/** @type {any} */ ctx, /** @type {any[]|undefined} */ input, locationId = ctx.auth.locationId) {
  if (!input) return null;
  const defs = ctx.store.customFields.get(locationId) ?? [];
  const msgs = [];
  const out = [];
  for (const [i, f] of input.entries()) {
    const def = f.id ? defs.find((d) => d.id === f.id) : defs.find((d) => d.fieldKey === f.key || d.fieldKey === `contact.${f.key}`);
    if (!def) { msgs.push(`customFields.${i}: custom field ${f.id ? `id ${f.id}` : `key ${f.key}`} does not exist in this location`); continue; }
    if (!('field_value' in f)) { msgs.push(`customFields.${i}.field_value should not be empty`); continue; }
    const v = f.field_value;
    if (v !== null && v !== '') {
      const t = def.dataType;
      const bad = ['CHECKBOX', 'MULTIPLE_OPTIONS'].includes(t) ? !Array.isArray(v)
        : ['NUMERICAL', 'MONETORY'].includes(t) ? Number.isNaN(Number(v)) || typeof v === 'boolean'
          : t === 'FILE_UPLOAD' ? !isPlainObject(v) : t === 'TEXTBOX_LIST' ? false : typeof v !== 'string' && typeof v !== 'number';
      if (bad) { msgs.push(`customFields.${i}.field_value has an invalid type for ${t} field ${def.fieldKey}`); continue; }
    }
    out.push({ id: def.id, value: v });
  }
  if (msgs.length) throw errors.unprocessable(msgs);
  return out;
}
function mergeCustomFields(/** @type {any} */ c, /** @type {any[]|null} */ updates) {
  if (!updates) return;
  const ids = new Set(updates.map((u) => u.id));
  c.customFields = [...c.customFields.filter((/** @type {any} */ f) => !ids.has(f.id)), ...updates.filter((u) => u.value !== null && u.value !== '')];
}

function applyContactFields(/** @type {any} */ c, /** @type {any} */ body, /** @type {any[]|null} */ cfs) {
  for (const k of CONTACT_KEYS) if (k in body) c[k] = k === 'dateOfBirth' && body[k] !== null ? parseDob(body[k]) : body[k];
  if (typeof c.email === 'string') c.email = c.email.trim() || null;
  if (body.tags) c.tags = normTags(body.tags); // tags on create/update/upsert overwrite (apps/contacts.json)
  mergeCustomFields(c, cfs);
  c.dateUpdated = now();
}

/**
 * Duplicate lookup: email (case-insensitive) first, then phone; the oldest match wins. One pass
 * over the contacts, no sort: an upsert sync of 10,000 customers calls this for every request.
 */
function findDuplicate(/** @type {any} */ ctx, /** @type {string} */ locationId, /** @type {any} */ { email, phone }, /** @type {string|undefined} */ excludeId) {
  const wantEmail = email ? String(email).trim().toLowerCase() : '';
  const wantPhone = phone ? normPhone(phone) : '';
  /** @type {any} */ let byEmail = null;
  /** @type {any} */ let byPhone = null;
  const older = (/** @type {any} */ c, /** @type {any} */ best) => !best || byDateThenId(c, best) < 0;
  for (const c of ctx.store.contacts.values()) {
    if (c.locationId !== locationId || c.id === excludeId) continue;
    if (wantEmail && c.email && c.email.toLowerCase() === wantEmail && older(c, byEmail)) byEmail = c;
    if (wantPhone && c.phone && normPhone(c.phone) === wantPhone && older(c, byPhone)) byPhone = c;
  }
  if (byEmail) return { contact: byEmail, field: 'email' };
  return byPhone ? { contact: byPhone, field: 'phone' } : null;
}
const allowDup = (/** @type {any} */ ctx, /** @type {string} */ loc) => !!ctx.store.locations.get(loc)?.settings?.allowDuplicateContact;
/** Observed live behaviour (not in the spec): create/update onto an existing email/phone with duplicates disabled → 400 with meta. */
function rejectDuplicate(/** @type {any} */ ctx, /** @type {string} */ loc, /** @type {any} */ body, /** @type {string} */ [excludeId] = []) {
  if (allowDup(ctx, loc)) return;
  const dup = findDuplicate(ctx, loc, body, excludeId);
  if (dup) throw errors.badRequest('This location does not allow duplicated contacts.', {
    meta: { contactName: contactView(dup.contact).name, contactId: dup.contact.id, matchingField: dup.field },
  });
}

function createContact(/** @type {any} */ ctx, /** @type {any} */ body, /** @type {any[]|null} */ cfs) {
  const c = newContactRecord(body.locationId, randomId(), now());
  applyContactFields(c, body, cfs);
  c.dateUpdated = c.dateAdded;
  ctx.store.contacts.set(c.id, c);
  return c;
}

function removeContact(/** @type {any} */ store, /** @type {string} */ id) {
  store.contacts.delete(id);
  store.deletedContactIds.add(id);
  for (const kind of ['tasks', 'notes', 'appointments']) for (const [k, v] of store[kind]) if (v.contactId === id) store[kind].delete(k);
  store.campaigns.delete(id);
  store.workflows.delete(id);
}

function textMatch(/** @type {any} */ c, /** @type {string|undefined} */ q) {
  if (!q) return true;
  const needle = q.toLowerCase();
  const v = contactView(c);
  return [v.name, v.firstName, v.lastName, v.email, v.phone, v.companyName].some((s) => s && String(s).toLowerCase().includes(needle));
}

function intQuery(/** @type {any} */ q, /** @type {string} */ k, /** @type {number} */ def, /** @type {number} */ max) {
  if (q[k] === undefined || q[k] === '') return def;
  const n = Number(q[k]);
  if (!Number.isInteger(n) || n < 0) throw errors.unprocessable(`${k} must be a number conforming to the specified constraints`);
  if (max !== undefined && n > max) throw errors.unprocessable(`${k} must not be greater than ${max}`);
  return n;
}
const requireQueryLocation = (/** @type {any} */ ctx) => {
  if (!ctx.query.locationId) throw errors.unprocessable(['locationId should not be empty', 'locationId must be a string']);
  return ctx.query.locationId;
};

// ---------- POST /contacts/search: filters, sort, page / searchAfter ----------
const SEARCH_MAX_PAGE_LIMIT = 500;
const SEARCH_MAX_PAGED_RECORDS = 10000;
const FILTER_OPS = ['eq', 'not_eq', 'contains', 'not_contains', 'exists', 'not_exists', 'range'];
const DATE_FIELDS = new Set(['dateAdded', 'dateUpdated', 'dateOfBirth', 'lastActivity']);
const FIELD_ALIASES = /** @type {Record<string,string>} */ ({ address: 'address1', contactName: 'name', fullName: 'name', firstNameLowerCase: 'firstName', lastNameLowerCase: 'lastName' });
const SEARCHABLE = new Set([...CONTACT_KEYS, 'id', 'tags', 'dateAdded', 'dateUpdated', 'businessId', 'followers', 'type', 'locationId', 'lastActivity']);

function fieldValue(/** @type {any} */ c, /** @type {string} */ field) {
  const m = /^customFields?\.(.+)$/.exec(field);
  if (m) return c.customFields.find((/** @type {any} */ f) => f.id === m[1])?.value;
  const f = FIELD_ALIASES[field] ?? field;
  if (f === 'name') return contactView(c).name;
  const v = c[f];
  return DATE_FIELDS.has(f) && v != null ? toMs(v) : v;
}
function checkFilters(/** @type {any[]} */ filters, path = 'filters') {
  /** @type {string[]} */
  const msgs = [];
  filters.forEach((f, i) => {
    const p = `${path}.${i}`;
    if (!isPlainObject(f)) return msgs.push(`${p} must be an object`);
    if ('group' in f) {
      if (!['AND', 'OR'].includes(f.group)) msgs.push(`${p}.group must be one of the following values: AND, OR`);
      if (!Array.isArray(f.filters)) msgs.push(`${p}.filters must be an array`);
      else msgs.push(...checkFilters(f.filters, `${p}.filters`));
      return;
    }
    if (typeof f.field !== 'string' || !(SEARCHABLE.has(FIELD_ALIASES[f.field] ?? f.field) || /^customFields?\./.test(f.field))) msgs.push(`${p}.field ${f.field} is not a supported filter field`);
    if (!FILTER_OPS.includes(f.operator)) msgs.push(`${p}.operator must be one of the following values: ${FILTER_OPS.join(', ')}`);
    if (f.operator === 'range' && !isPlainObject(f.value)) msgs.push(`${p}.value must be an object with gt/gte/lt/lte for range`);
    if (!['exists', 'not_exists', 'range'].includes(f.operator) && f.value === undefined) msgs.push(`${p}.value should not be empty`);
    if (typeof f.value === 'string' && f.value.length > 75) msgs.push(`${p}.value must be shorter than or equal to 75 characters`);
  });
  return msgs;
}
const lc = (/** @type {any} */ v) => (typeof v === 'string' ? v.toLowerCase() : v);
function matchFilter(/** @type {any} */ c, /** @type {any} */ f) {
  if ('group' in f) return f.group === 'OR' ? f.filters.some((/** @type {any} */ g) => matchFilter(c, g)) : f.filters.every((/** @type {any} */ g) => matchFilter(c, g));
  const v = fieldValue(c, f.field);
  const isDate = DATE_FIELDS.has(f.field);
  const values = Array.isArray(v) ? v : v == null || v === '' ? [] : [v];
  const wanted = Array.isArray(f.value) ? f.value : [f.value];
  const eq = () => values.some((x) => wanted.some((w) => (isDate ? x === toMs(w) : lc(String(x)) === lc(String(w)))));
  const contains = () => values.some((x) => wanted.some((w) => lc(String(x)).includes(lc(String(w)))));
  switch (f.operator) {
    case 'eq': return eq();
    case 'not_eq': return !eq();
    case 'contains': return contains();
    case 'not_contains': return !contains();
    case 'exists': return values.length > 0;
    case 'not_exists': return values.length === 0;
    case 'range': {
      const r = f.value;
      const num = (/** @type {any} */ x) => (isDate ? toMs(x) : Number(x));
      return values.some((x) => {
        const n = num(x);
        return (r.gte == null || n >= num(r.gte)) && (r.gt == null || n > num(r.gt)) && (r.lte == null || n <= num(r.lte)) && (r.lt == null || n < num(r.lt));
      });
    }
    default: return false;
  }
}
function cmpValues(/** @type {any} */ a, /** @type {any} */ b) {
  if (a == null && b == null) return 0;
  if (a == null) return 1; // nulls last
  if (b == null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = lc(String(a)); const y = lc(String(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

function searchContacts(/** @type {any} */ ctx) {
  const b = ctx.body;
  const msgs = checkBody(b, {
    locationId: { t: 'string', req: true }, pageLimit: { t: 'number', req: true, min: 1, max: SEARCH_MAX_PAGE_LIMIT },
    page: { t: 'number', min: 1 }, searchAfter: { t: 'array' }, query: { t: 'string' }, filters: { t: 'array' }, sort: { t: 'array' },
  }, { whitelist: false }); // the spec's SearchBodyV2DTO is empty, so unknown keys are tolerated
  if (isPlainObject(b)) {
    if (b.page !== undefined && b.searchAfter !== undefined) msgs.push('page and searchAfter cannot be used together; use searchAfter only');
    if (typeof b.query === 'string' && b.query.length > 75) msgs.push('query must be shorter than or equal to 75 characters');
    if (Array.isArray(b.filters)) msgs.push(...checkFilters(b.filters));
    if (Array.isArray(b.sort)) b.sort.forEach((/** @type {any} */ s, /** @type {number} */ i) => {
      if (!isPlainObject(s) || typeof s.field !== 'string') msgs.push(`sort.${i}.field should not be empty`);
      else if (!['asc', 'desc'].includes(s.direction ?? 'asc')) msgs.push(`sort.${i}.direction must be one of the following values: asc, desc`);
    });
    if (Number.isInteger(b.pageLimit) && Number.isInteger(b.page ?? 1) && (b.page ?? 1) * b.pageLimit > SEARCH_MAX_PAGED_RECORDS)
      msgs.push(`page-based pagination is limited to ${SEARCH_MAX_PAGED_RECORDS} records (page * pageLimit); use searchAfter to paginate further`);
  }
  if (msgs.length) throw errors.unprocessable(msgs);

  const sort = [...(b.sort ?? []).map((/** @type {any} */ s) => ({ field: s.field, dir: s.direction === 'desc' ? -1 : 1 }))];
  if (!sort.length) sort.push({ field: 'dateAdded', dir: 1 });
  const cmpKeys = (/** @type {any[]} */ a, /** @type {any[]} */ bk) => {
    for (let i = 0; i < sort.length; i++) { const d = cmpValues(a[i], bk[i]) * sort[i].dir; if (d) return d; }
    const x = a[sort.length]; const y = bk[sort.length];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const ordered = searchOrder(ctx, sort, cmpKeys);
  // Like a search index: a range on the leading ascending date sort field is two binary searches,
  // so paging 100,000 contacts by date ranges does not scan them all for every page.
  const lead = sort[0];
  const isLeadRange = (/** @type {any} */ f) => isPlainObject(f) && !('group' in f) && f.operator === 'range' && isPlainObject(f.value)
    && lead.dir === 1 && DATE_FIELDS.has(lead.field) && (FIELD_ALIASES[f.field] ?? f.field) === lead.field;
  let lo = 0;
  let hi = ordered.length;
  for (const f of (b.filters ?? []).filter(isLeadRange)) {
    const r = f.value;
    const below = (/** @type {number} */ v) => (r.gte != null && v < toMs(r.gte)) || (r.gt != null && v <= toMs(r.gt));
    const above = (/** @type {number|null} */ v) => v == null || (r.lte != null && v > toMs(r.lte)) || (r.lt != null && v >= toMs(r.lt));
    lo = Math.max(lo, firstIndex(ordered, (row) => !below(row.key[0])));
    hi = Math.min(hi, firstIndex(ordered, (row) => above(row.key[0])));
  }
  const rest = (b.filters ?? []).filter((/** @type {any} */ f) => !isLeadRange(f));
  const inRange = ordered.slice(lo, Math.max(lo, hi));
  const rows = rest.length || b.query
    ? inRange.filter((r) => textMatch(r.c, b.query) && rest.every((/** @type {any} */ f) => matchFilter(r.c, f)))
    : inRange;
  let start;
  if (b.searchAfter) {
    const after = b.searchAfter.length === sort.length + 1 ? b.searchAfter : null;
    if (!after) throw errors.unprocessable(`searchAfter must have ${sort.length + 1} elements (sort values then id)`);
    start = firstIndex(rows, (r) => cmpKeys(r.key, after) > 0);
  } else start = ((b.page ?? 1) - 1) * b.pageLimit;
  const page = rows.slice(start, start + b.pageLimit);
  return [200, { contacts: page.map((r) => searchView(r.c, r.key)), total: rows.length }];
}

/** The first index of a sorted list where `test` turns true (it stays true after), or the length. */
function firstIndex(/** @type {any[]} */ list, /** @type {(x: any) => boolean} */ test) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (test(list[mid])) hi = mid; else lo = mid + 1; }
  return lo;
}

/** Sort fields no write changes in place, so an order by them stays valid until a contact is added or removed. */
const STABLE_SORT_FIELDS = new Set(['dateAdded', 'id']);
/** The location's contacts as `{c, key}` rows in the search's order. */
function searchOrder(/** @type {any} */ ctx, /** @type {{field: string, dir: number}[]} */ sort, /** @type {(a: any[], b: any[]) => number} */ cmpKeys) {
  const build = () => contactsOf(ctx).map((c) => ({ c, key: [...sort.map((s) => fieldValue(c, s.field) ?? null), c.id] })).sort((x, y) => cmpKeys(x.key, y.key));
  return sort.every((s) => STABLE_SORT_FIELDS.has(s.field)) ? cachedOrder(ctx, `search|${JSON.stringify(sort)}`, build) : build();
}

// ---------- GET /contacts/ (deprecated; cursor startAfterId/startAfter, ContactsMetaSchema) ----------
function listContacts(/** @type {any} */ ctx) {
  const q = ctx.query;
  const locationId = requireQueryLocation(ctx);
  const limit = intQuery(q, 'limit', 20, 100);
  if (limit === 0) throw errors.unprocessable('limit must not be less than 1');
  if (q.startAfter !== undefined && Number.isNaN(Number(q.startAfter))) throw errors.unprocessable('startAfter must be a number conforming to the specified constraints');
  const sorted = sortedContactsOf(ctx);
  const all = q.query ? sorted.filter((c) => textMatch(c, q.query)) : sorted;
  let start = 0;
  if (q.startAfterId || q.startAfter) {
    const ref = q.startAfterId ? ctx.store.contacts.get(q.startAfterId) : null;
    const kMs = ref ? toMs(ref.dateAdded) : Number(q.startAfter);
    const kId = ref ? ref.id : q.startAfterId || null;
    if (Number.isNaN(kMs)) throw errors.badRequest('Invalid startAfterId');
    const after = (/** @type {any} */ c) => { const d = toMs(c.dateAdded) - kMs; return d > 0 || (d === 0 && kId !== null && c.id > kId); };
    // The list is sorted by (dateAdded, id): the first contact after the cursor by binary search.
    let lo = 0;
    let hi = all.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (after(all[mid])) hi = mid; else lo = mid + 1; }
    start = lo;
  }
  const page = all.slice(start, start + limit);
  const hasNext = start + limit < all.length;
  const last = page[page.length - 1];
  const currentPage = Math.floor(start / limit) + 1;
  const next = hasNext ? { startAfterId: last.id, startAfter: toMs(last.dateAdded) } : null;
  const qs = next && new URLSearchParams({ locationId, limit: String(limit), ...(q.query ? { query: q.query } : {}), startAfter: String(next.startAfter), startAfterId: next.startAfterId });
  return [200, {
    contacts: page.map(contactView),
    count: all.length,
    meta: {
      total: all.length,
      nextPageUrl: next ? `${ctx.baseUrl}/contacts/?${qs}` : null,
      startAfterId: next ? next.startAfterId : null,
      startAfter: next ? next.startAfter : null,
      currentPage,
      nextPage: hasNext ? currentPage + 1 : null,
      prevPage: currentPage > 1 ? currentPage - 1 : null,
    },
  }];
}

// ---------- handlers ----------
const taskOut = (/** @type {any} */ t) => ({ ...t });
const memberships = (/** @type {any} */ ctx, /** @type {'campaigns'|'workflows'} */ kind, /** @type {string} */ contactId) => {
  let m = ctx.store[kind].get(contactId);
  if (!m) ctx.store[kind].set(contactId, (m = new Map()));
  return m;
};

/**
 * @typedef {{ op: string, method: string, path: string, body?: string, version?: string, auth?: boolean, security?: 'location'|'agency'|'any',
 *   oauthOnly?: boolean, scope?: string, form?: boolean, handler: (ctx:any) => [number, any] }} Route
 * `oauthOnly`: a `*-Access-Only` op (OAuth tokens, no Private Integration Token); `scope`: the OAuth scope it needs;
 * `form`: the body must be application/x-www-form-urlencoded.
 */
/** @type {Route[]} */
export const contactRoutes = [
  { op: 'search-contacts-advanced', method: 'POST', path: '/contacts/search', handler: searchContacts },
  {
    op: 'get-duplicate-contact', method: 'GET', path: '/contacts/search/duplicate',
    handler: (ctx) => {
      const loc = requireQueryLocation(ctx);
      const dup = findDuplicate(ctx, loc, { email: ctx.query.email, phone: ctx.query.number });
      return [200, { contact: dup ? contactView(dup.contact) : null }];
    },
  },
  {
    op: 'get-all-tasks', method: 'GET', path: '/contacts/{contactId}/tasks',
    handler: (ctx) => { const c = getContact(ctx); return [200, { tasks: [...ctx.store.tasks.values()].filter((t) => t.contactId === c.id).map(taskOut) }]; },
  },
  {
    op: 'create-task', method: 'POST', path: '/contacts/{contactId}/tasks', body: 'CreateTaskParams',
    handler: (ctx) => {
      const c = getContact(ctx); const b = ctx.body;
      const task = { id: randomId(), title: b.title, body: b.body ?? '', assignedTo: b.assignedTo ?? null, dueDate: new Date(b.dueDate).toISOString(), completed: b.completed, contactId: c.id };
      ctx.store.tasks.set(task.id, task);
      return [201, { task: taskOut(task) }];
    },
  },
  { op: 'get-task', method: 'GET', path: '/contacts/{contactId}/tasks/{taskId}', handler: (ctx) => [200, { task: taskOut(getChild(ctx, 'tasks', ctx.params.taskId)) }] },
  {
    op: 'update-task', method: 'PUT', path: '/contacts/{contactId}/tasks/{taskId}', body: 'UpdateTaskBody',
    handler: (ctx) => {
      const t = getChild(ctx, 'tasks', ctx.params.taskId);
      Object.assign(t, ctx.body, ctx.body.dueDate ? { dueDate: new Date(ctx.body.dueDate).toISOString() } : {});
      return [200, { task: taskOut(t) }];
    },
  },
  {
    op: 'delete-task', method: 'DELETE', path: '/contacts/{contactId}/tasks/{taskId}',
    handler: (ctx) => { ctx.store.tasks.delete(getChild(ctx, 'tasks', ctx.params.taskId).id); return [200, { succeded: true }]; },
  },
  {
    op: 'update-task-completed', method: 'PUT', path: '/contacts/{contactId}/tasks/{taskId}/completed', body: 'UpdateTaskStatusParams',
    handler: (ctx) => { const t = getChild(ctx, 'tasks', ctx.params.taskId); t.completed = ctx.body.completed; return [200, { task: taskOut(t) }]; },
  },
  {
    op: 'get-appointments-for-contact', method: 'GET', path: '/contacts/{contactId}/appointments',
    handler: (ctx) => { const c = getContact(ctx); return [200, { events: [...ctx.store.appointments.values()].filter((e) => e.contactId === c.id).map((e) => ({ ...e })) }]; },
  },
  {
    op: 'add-tags', method: 'POST', path: '/contacts/{contactId}/tags', body: 'TagsDTO',
    handler: (ctx) => { const c = getContact(ctx); c.tags = normTags([...c.tags, ...ctx.body.tags]); c.dateUpdated = now(); return [201, { tags: [...c.tags] }]; },
  },
  {
    op: 'remove-tags', method: 'DELETE', path: '/contacts/{contactId}/tags', body: 'TagsDTO',
    handler: (ctx) => {
      const c = getContact(ctx); const rm = new Set(normTags(ctx.body.tags));
      c.tags = c.tags.filter((/** @type {string} */ t) => !rm.has(t)); c.dateUpdated = now();
      return [200, { tags: [...c.tags] }];
    },
  },
  {
    op: 'get-all-notes', method: 'GET', path: '/contacts/{contactId}/notes',
    handler: (ctx) => { const c = getContact(ctx); return [200, { notes: [...ctx.store.notes.values()].filter((n) => n.contactId === c.id).map((n) => ({ ...n })) }]; },
  },
  {
    op: 'create-note', method: 'POST', path: '/contacts/{contactId}/notes', body: 'NotesDTO',
    handler: (ctx) => {
      const c = getContact(ctx); const b = ctx.body;
      const note = { id: randomId(), body: b.body, userId: b.userId ?? null, dateAdded: now(), contactId: c.id, title: b.title ?? null, color: b.color ?? null, pinned: b.pinned ?? false };
      ctx.store.notes.set(note.id, note);
      return [201, { note: { ...note } }];
    },
  },
  { op: 'get-note', method: 'GET', path: '/contacts/{contactId}/notes/{id}', handler: (ctx) => [200, { note: { ...getChild(ctx, 'notes', ctx.params.id) } }] },
  {
    op: 'update-note', method: 'PUT', path: '/contacts/{contactId}/notes/{id}', body: 'UpdateNoteDTO',
    handler: (ctx) => { const n = getChild(ctx, 'notes', ctx.params.id); Object.assign(n, ctx.body); return [200, { note: { ...n } }]; },
  },
  {
    op: 'delete-note', method: 'DELETE', path: '/contacts/{contactId}/notes/{id}',
    handler: (ctx) => { ctx.store.notes.delete(getChild(ctx, 'notes', ctx.params.id).id); return [200, { succeded: true }]; },
  },
  {
    // The path param {type} is not declared in the spec; its description says add/remove.
    op: 'create-association', method: 'POST', path: '/contacts/bulk/tags/update/{type}', body: 'UpdateTagsDTO',
    handler: (ctx) => {
      const { type } = ctx.params; const b = ctx.body;
      if (!['add', 'remove'].includes(type)) throw errors.unprocessable('type must be one of the following values: add, remove');
      if (b.removeAllTags && type !== 'remove') throw errors.unprocessable('removeAllTags can only be used with the remove type');
      const tags = normTags(b.tags);
      const responses = b.contacts.map((/** @type {string} */ id) => {
        if (!isGhlId(id)) return { contactId: id, message: 'contact id is not a valid firebase id', type: 'error' };
        const c = ctx.store.contacts.get(id);
        if (!c) return { contactId: id, message: ctx.store.deletedContactIds.has(id) ? 'contact is deleted' : 'contact not found', type: 'error' };
        if (c.locationId !== b.locationId) return { contactId: id, message: 'contact does not belong to location', type: 'error' };
        const oldTags = [...c.tags];
        c.tags = type === 'add' ? normTags([...c.tags, ...tags]) : b.removeAllTags ? [] : c.tags.filter((/** @type {string} */ t) => !tags.includes(t));
        c.dateUpdated = now();
        return {
          contactId: id, message: 'Tags updated', type: 'success', oldTags,
          tagsAdded: c.tags.filter((/** @type {string} */ t) => !oldTags.includes(t)), tagsRemoved: oldTags.filter((t) => !c.tags.includes(t)),
        };
      });
      return [201, { succeded: true, errorCount: responses.filter((/** @type {any} */ r) => r.type === 'error').length, responses }];
    },
  },
  {
    op: 'add-remove-contact-from-business', method: 'POST', path: '/contacts/bulk/business', body: 'ContactsBusinessUpdate',
    handler: (ctx) => {
      const b = ctx.body;
      const found = b.ids.map((/** @type {string} */ id) => ctx.store.contacts.get(id)).filter((/** @type {any} */ c) => c && c.locationId === b.locationId);
      for (const c of found) { c.businessId = b.businessId; c.dateUpdated = now(); }
      return [200, { success: found.length === b.ids.length, ids: found.map((/** @type {any} */ c) => c.id) }];
    },
  },
  { op: 'get-contact', method: 'GET', path: '/contacts/{contactId}', handler: (ctx) => [200, { contact: contactView(getContact(ctx)) }] },
  {
    op: 'update-contact', method: 'PUT', path: '/contacts/{contactId}', body: 'UpdateContactDto',
    handler: (ctx) => {
      const c = getContact(ctx);
      const cfs = resolveCustomFields(ctx, ctx.body.customFields, c.locationId);
      rejectDuplicate(ctx, c.locationId, { email: ctx.body.email, phone: ctx.body.phone }, [c.id]);
      applyContactFields(c, ctx.body, cfs);
      return [200, { succeded: true, contact: contactView(c) }];
    },
  },
  {
    op: 'delete-contact', method: 'DELETE', path: '/contacts/{contactId}',
    handler: (ctx) => { removeContact(ctx.store, getContact(ctx).id); return [200, { succeded: true }]; },
  },
  {
    op: 'upsert-contact', method: 'POST', path: '/contacts/upsert', body: 'UpsertContactDto',
    handler: (ctx) => {
      const b = ctx.body;
      ensureLocation(ctx.store, b.locationId);
      const cfs = resolveCustomFields(ctx, b.customFields, b.locationId);
      const forceNew = b.createNewIfDuplicateAllowed === true && allowDup(ctx, b.locationId);
      const dup = forceNew ? null : findDuplicate(ctx, b.locationId, b);
      if (dup) {
        applyContactFields(dup.contact, b, cfs);
        return [200, { new: false, contact: contactView(dup.contact) }];
      }
      return [200, { new: true, contact: contactView(createContact(ctx, b, cfs)) }];
    },
  },
  {
    op: 'get-contacts-by-businessId', method: 'GET', path: '/contacts/business/{businessId}',
    handler: (ctx) => {
      requireQueryLocation(ctx);
      const limit = intQuery(ctx.query, 'limit', 25, 100);
      const skip = intQuery(ctx.query, 'skip', 0, Infinity);
      const all = contactsOf(ctx).filter((c) => c.businessId === ctx.params.businessId && textMatch(c, ctx.query.query)).sort(byDateThenId);
      return [200, { contacts: all.slice(skip, skip + limit).map(contactView), count: all.length }];
    },
  },
  {
    op: 'add-followers-contact', method: 'POST', path: '/contacts/{contactId}/followers', body: 'FollowersDTO',
    handler: (ctx) => {
      const c = getContact(ctx);
      const added = [...new Set(ctx.body.followers)].filter((f) => !c.followers.includes(f));
      c.followers = [...c.followers, ...added];
      return [201, { followers: [...c.followers], followersAdded: added }];
    },
  },
  {
    op: 'remove-followers-contact', method: 'DELETE', path: '/contacts/{contactId}/followers', body: 'FollowersDTO',
    handler: (ctx) => {
      const c = getContact(ctx);
      const removed = c.followers.filter((/** @type {string} */ f) => ctx.body.followers.includes(f));
      c.followers = c.followers.filter((/** @type {string} */ f) => !removed.includes(f));
      return [200, { followers: [...c.followers], followersRemoved: removed }];
    },
  },
  {
    op: 'add-contact-to-campaign', method: 'POST', path: '/contacts/{contactId}/campaigns/{campaignId}', body: 'AddContactToCampaignDto',
    handler: (ctx) => {
      const c = getContact(ctx);
      memberships(ctx, 'campaigns', c.id).set(ctx.params.campaignId, { campaignId: ctx.params.campaignId, addedAt: now() });
      return [201, { succeded: true }];
    },
  },
  {
    op: 'remove-contact-from-every-campaign', method: 'DELETE', path: '/contacts/{contactId}/campaigns/removeAll',
    handler: (ctx) => { ctx.store.campaigns.delete(getContact(ctx).id); return [200, { succeded: true }]; },
  },
  {
    op: 'remove-contact-from-campaign', method: 'DELETE', path: '/contacts/{contactId}/campaigns/{campaignId}',
    handler: (ctx) => { memberships(ctx, 'campaigns', getContact(ctx).id).delete(ctx.params.campaignId); return [200, { succeded: true }]; },
  },
  {
    op: 'add-contact-to-workflow', method: 'POST', path: '/contacts/{contactId}/workflow/{workflowId}', body: 'CreateWorkflowDto',
    handler: (ctx) => {
      const c = getContact(ctx);
      memberships(ctx, 'workflows', c.id).set(ctx.params.workflowId, {
        workflowId: ctx.params.workflowId, addedAt: now(), ...(ctx.body.eventStartTime ? { eventStartTime: ctx.body.eventStartTime } : {}),
      });
      return [200, { succeded: true }];
    },
  },
  {
    op: 'delete-contact-from-workflow', method: 'DELETE', path: '/contacts/{contactId}/workflow/{workflowId}', body: 'CreateWorkflowDto',
    handler: (ctx) => { memberships(ctx, 'workflows', getContact(ctx).id).delete(ctx.params.workflowId); return [200, { succeded: true }]; },
  },
  {
    op: 'create-contact', method: 'POST', path: '/contacts/', body: 'CreateContactDto',
    handler: (ctx) => {
      const b = ctx.body;
      ensureLocation(ctx.store, b.locationId);
      const cfs = resolveCustomFields(ctx, b.customFields, b.locationId);
      rejectDuplicate(ctx, b.locationId, b);
      return [201, { contact: contactView(createContact(ctx, b, cfs)) }];
    },
  },
  { op: 'get-contacts', method: 'GET', path: '/contacts/', handler: listContacts },
].map((r) => ({ version: V, ...r }));

/** Validate a route's JSON body against its DTO (422 with array message). */
export function validateContactBody(/** @type {Route} */ route, /** @type {any} */ body) {
  if (route.body) assertBody(body, DTO[route.body]);
}
