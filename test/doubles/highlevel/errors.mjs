// Error helpers and a tiny class-validator-like body checker.
// Error shapes follow common/common-schemas.json of HighLevel's published OpenAPI files
// (github.com/GoHighLevel/highlevel-api-docs): the 400/401/422 DTOs.

export class HttpError extends Error {
  /** @param {number} status @param {any} body @param {Record<string,string>} [headers] */
  constructor(status, body, headers) {
    super(typeof body?.message === 'string' ? body.message : `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export const errors = {
  /** BadRequestDTO. GHL answers 400 (not 404) for unknown contact/task/note ids; no 404 is declared in contacts.json. */
  badRequest: (message = 'Bad Request', extra = {}) => new HttpError(400, { statusCode: 400, message, ...extra }),
  unauthorized: () =>
    new HttpError(401, { statusCode: 401, message: 'Invalid token: access token is invalid', error: 'Unauthorized' }),
  forbiddenLocation: () =>
    new HttpError(403, { statusCode: 403, message: 'The token does not have access to this location', error: 'Forbidden' }),
  /**
   * Token of the wrong user type for the op's spec `security` (a Location token on an `Agency-Access` op, or an agency
   * token on a Location-only op). The specs declare only UnauthorizedDTO for 401; this message is the one HighLevel is
   * observed to send for a token lacking the op's scope/user type (public client code and notes), not a spec example.
   */
  wrongTokenType: () =>
    new HttpError(401, { statusCode: 401, message: 'The token is not authorized for this scope.', error: 'Unauthorized' }),
  /** companyId in query/body (or a location of another company) that the agency/location token does not belong to. */
  forbiddenCompany: () =>
    new HttpError(403, { statusCode: 403, message: 'The token does not have access to this company', error: 'Forbidden' }),
  /** An appId (GET /oauth/installedLocations) that is not the app of the agency token. */
  forbiddenApp: () =>
    new HttpError(403, { statusCode: 403, message: 'The token does not have access to this app', error: 'Forbidden' }),
  /** ResourceNotFoundDTO (apps/saas-api.json): {statusCode: 404, message}. */
  notFound: (/** @type {string} */ message) => new HttpError(404, { statusCode: 404, message }),
  /** UnprocessableDTO: message is ALWAYS an array of strings. */
  unprocessable: (/** @type {string[]|string} */ messages) =>
    new HttpError(422, {
      statusCode: 422,
      message: Array.isArray(messages) ? messages : [messages],
      error: 'Unprocessable Entity',
    }),
  routeNotFound: (/** @type {string} */ method, /** @type {string} */ path) =>
    new HttpError(404, { statusCode: 404, message: `Cannot ${method} ${path}` }),
};

export const DEFAULT_STATUS_BODIES = {
  400: { statusCode: 400, message: 'Bad Request' },
  401: { statusCode: 401, message: 'Invalid token: access token is invalid', error: 'Unauthorized' },
  403: { statusCode: 403, message: 'You do not have permission to access this resource', error: 'Forbidden' },
  404: { statusCode: 404, message: 'Not Found' },
  422: { statusCode: 422, message: ['Unprocessable Entity'], error: 'Unprocessable Entity' },
  429: { statusCode: 429, message: 'Too Many Requests' },
  500: { statusCode: 500, message: 'Internal Server Error' },
  502: { statusCode: 502, message: 'Bad Gateway' },
  503: { statusCode: 503, message: 'Service Unavailable' },
  504: { statusCode: 504, message: 'Gateway Timeout' },
};

const ISO_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isPlainObject = (/** @type {any} */ v) => v !== null && typeof v === 'object' && !Array.isArray(v);
export const isIsoDate = (/** @type {any} */ v) => typeof v === 'string' && ISO_RE.test(v) && !Number.isNaN(Date.parse(v));
export const isEmail = (/** @type {any} */ v) => typeof v === 'string' && EMAIL_RE.test(v);

/**
 * @typedef {{ t: 'string'|'boolean'|'number'|'strings'|'date'|'email'|'object'|'array'|'any', req?: boolean,
 *   nullable?: boolean, enum?: string[], max?: number, min?: number, check?: (v:any, k:string) => string[] }} Rule
 */

/** @type {Record<string, [(v:any)=>boolean, (k:string)=>string]>} */
const TYPES = {
  string: [(v) => typeof v === 'string', (k) => `${k} must be a string`],
  boolean: [(v) => typeof v === 'boolean', (k) => `${k} must be a boolean value`],
  number: [(v) => typeof v === 'number' && Number.isFinite(v), (k) => `${k} must be a number conforming to the specified constraints`],
  strings: [(v) => Array.isArray(v), (k) => `${k} must be an array`],
  array: [(v) => Array.isArray(v), (k) => `${k} must be an array`],
  date: [isIsoDate, (k) => `${k} must be a valid ISO 8601 date string`],
  email: [isEmail, (k) => `${k} must be an email`],
  object: [isPlainObject, (k) => `${k} must be an object`],
  any: [() => true, () => ''],
};

/**
 * Validate a JSON body against a DTO description (like NestJS ValidationPipe with
 * whitelist + forbidNonWhitelisted). Returns the list of messages (empty when valid).
 * @param {any} body @param {Record<string, Rule>} schema @param {{whitelist?: boolean}} [opts]
 */
export function checkBody(body, schema, { whitelist = true } = {}) {
  /** @type {string[]} */
  const msgs = [];
  const obj = isPlainObject(body) ? body : {};
  if (whitelist) for (const k of Object.keys(obj)) if (!(k in schema)) msgs.push(`property ${k} should not exist`);
  for (const [k, rule] of Object.entries(schema)) {
    const v = obj[k];
    const [ok, msg] = TYPES[rule.t];
    if (v === undefined || (v === null && !rule.nullable) || (rule.req && v === '')) {
      if (rule.req) {
        msgs.push(`${k} should not be empty`);
        if (v !== '' && rule.t !== 'any') msgs.push(msg(k));
      } else if (v === null) msgs.push(msg(k));
      continue;
    }
    if (v === null) continue; // nullable
    if (!ok(v)) { msgs.push(msg(k)); continue; }
    if (rule.t === 'strings' && !v.every((/** @type {any} */ x) => typeof x === 'string')) msgs.push(`each value in ${k} must be a string`);
    if (rule.enum && !rule.enum.includes(v)) msgs.push(`${k} must be one of the following values: ${rule.enum.join(', ')}`);
    if (rule.max !== undefined && v > rule.max) msgs.push(`${k} must not be greater than ${rule.max}`);
    if (rule.min !== undefined && v < rule.min) msgs.push(`${k} must not be less than ${rule.min}`);
    if (rule.check) msgs.push(...rule.check(v, k));
  }
  return msgs;
}

/** Throw a 422 when checkBody finds problems. */
export function assertBody(/** @type {any} */ body, /** @type {Record<string, Rule>} */ schema, opts = {}) {
  const msgs = checkBody(body, schema, opts);
  if (msgs.length) throw errors.unprocessable(msgs);
}
