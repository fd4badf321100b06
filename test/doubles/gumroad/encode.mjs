// Wire encoding of Gumroad ping bodies, exactly as app/sidekiq/post_to_individual_ping_endpoint_worker.rb does it
// (antiwork/gumroad PostToIndividualPingEndpointWorker): (1) `[`/`]` inside every key name (deeply) → `%5B`/`%5D` (URI.encode_www_form_component);
// (2) HTTParty::HashConversions.to_params, which percent-encodes keys and values with ERB::Util.url_encode.
// Only Node's standard library.

/**
 * ERB::Util.url_encode: every UTF-8 byte outside `A-Za-z0-9_.~-` becomes `%XX` (upper-case hex); space is `%20`.
 * @param {string} s
 */
export function urlEncode(s) {
  let out = '';
  for (const byte of Buffer.from(String(s), 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** @param {unknown} v */
const isHash = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Ruby `to_s` of a JSON-round-tripped value (params travel through Sidekiq as JSON): nil → "", true/false, digits.
 * @param {unknown} v
 */
export function rubyToS(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

/**
 * ActiveSupport `deep_transform_keys { encode_brackets(_1) }`: recurses into hashes and into arrays of hashes.
 * @param {any} value
 * @returns {any}
 */
export function encodeBracketsDeep(value) {
  if (Array.isArray(value)) return value.map(encodeBracketsDeep);
  if (!isHash(value)) return value;
  /** @type {Record<string, any>} */
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k.replace(/[[\]]/g, (c) => (c === '[' ? '%5B' : '%5D'))] = encodeBracketsDeep(v);
  return out;
}

/**
 * HTTParty::HashConversions.normalize_keys: arrays → `key[]` per element (empty array → `key[]` = ""); a hash is walked
 * breadth-first with a growing stack, so within one hash scalar/array children are emitted in order and nested hashes
 * after them.
 * @param {string} key
 * @param {any} value
 * @returns {[string, any][]}
 */
function normalizeKeys(key, value) {
  if (Array.isArray(value)) {
    if (value.length === 0) return [[`${key}[]`, '']];
    return value.flatMap((el) => normalizeKeys(`${key}[]`, el));
  }
  if (!isHash(value)) return [[key, value]];
  /** @type {[string, any][]} */
  const out = [];
  /** @type {[string, Record<string, any>][]} */
  const stack = [[key, value]];
  for (let i = 0; i < stack.length; i++) {
    const [parent, hash] = stack[i];
    for (const [ck, cv] of Object.entries(hash)) {
      if (isHash(cv)) stack.push([`${parent}[${ck}]`, cv]);
      else if (Array.isArray(cv)) for (const v of cv) out.push(...normalizeKeys(`${parent}[${ck}][]`, v));
      else out.push(...normalizeKeys(`${parent}[${ck}]`, cv));
    }
  }
  return out;
}

/**
 * HTTParty::HashConversions.to_params (without the bracket pre-step).
 * @param {Record<string, any>} hash
 */
export function toParams(hash) {
  let s = '';
  for (const [k, v] of Object.entries(hash)) {
    for (const [nk, nv] of normalizeKeys(k, v)) s += `${urlEncode(nk)}=${urlEncode(rubyToS(nv))}&`;
  }
  return s.slice(0, -1); // String#chop
}

/**
 * The exact `application/x-www-form-urlencoded` body Gumroad posts for a ping payload.
 * @param {Record<string, any>} payload
 */
export function encodePingForm(payload) {
  return toParams(encodeBracketsDeep(payload));
}

/**
 * The exact JSON body (only for post_url hosts ending in zapier.com): Rails `to_json`, which escapes
 * `<`, `>`, `&`, U+2028 and U+2029 (ActiveSupport escape_html_entities_in_json).
 * @param {Record<string, any>} payload
 */
export function encodePingJson(payload) {
  return JSON.stringify(payload)
    .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
