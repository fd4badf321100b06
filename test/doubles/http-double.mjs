// The HTTP side the API doubles share: read the body, answer `/__double/*` control calls,
// record every API request (method, path, query, headers, status, time) and write JSON answers.
import http from 'node:http';
import https from 'node:https';

/** Query parameters as an object; a repeated key becomes an array. @param {URLSearchParams} params */
export function queryObject(params) {
  /** @type {Record<string, string|string[]>} */
  const query = {};
  for (const [k, v] of params) query[k] = k in query ? [...[query[k]].flat(), v] : v;
  return query;
}

/**
 * @typedef {[number, any, Record<string, string>?]} Answer  status, JSON body (undefined = empty; a Buffer: sent as it is), headers
 * @typedef {{ method: string, path: string, query: Record<string, string|string[]>, headers: Record<string, any>, body: any, status: number, at: number }} RecordedRequest
 * @param {{
 *   port?: number,
 *   tls?: { key: string | Buffer, cert: string | Buffer },
 *   requests: RecordedRequest[],
 *   control: (method: string, url: URL, body: any) => Answer | Promise<Answer>,
 *   controlError: (message: string) => any,
 *   api: (rec: RecordedRequest, raw: string, req: http.IncomingMessage, url: URL) => Answer | Promise<Answer>,
 *   redact?: (rec: RecordedRequest) => void,
 *   latencyMs?: () => number,
 * }} options  redact: hides secrets in the record (the answer is computed from the request itself);
 *   latencyMs: how long API answers take, as a real API's do: the request is processed (and
 *   counted against a rate limit) on arrival, its answer sent that much later
 */
export async function serveDouble(options) {
  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  const handler = (req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = Buffer.concat(chunks).toString('utf8');
      const method = String(req.method).toUpperCase();
      /** @type {Answer} */
      let result;
      if (url.pathname.startsWith('/__double/')) {
        let body;
        try { body = raw ? JSON.parse(raw) : undefined; } catch { body = undefined; }
        try { result = await options.control(method, url, body); } catch (/** @type {any} */ e) { result = [400, options.controlError(String(e?.message ?? e))]; }
      } else {
        /** @type {RecordedRequest} */
        const rec = { method, path: url.pathname, query: queryObject(url.searchParams), headers: { ...req.headers }, body: undefined, status: 0, at: Date.now() };
        options.redact?.(rec);
        options.requests.push(rec);
        result = await options.api(rec, raw, req, url);
        const latency = options.latencyMs?.() ?? 0;
        if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
        rec.status = result[0];
      }
      const [status, body, headers = {}] = result;
      // A text answer (a proxy's or Rack::Attack's "Retry later") or a file (its bytes) goes out as it is.
      const text = typeof body === 'string' && /^text\//.test(String(headers['Content-Type'] ?? ''));
      const payload = body === undefined ? '' : text || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      const json = body !== undefined && !Buffer.isBuffer(body);
      res.writeHead(status, { ...(json ? { 'Content-Type': 'application/json; charset=utf-8' } : {}), 'Content-Length': Buffer.byteLength(payload), ...headers });
      res.end(payload);
    });
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler) : http.createServer(handler);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined));
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    port,
    /** @returns {Promise<void>} */
    close: () => new Promise((resolve) => { server.close(() => resolve(undefined)); server.closeAllConnections(); }),
  };
}
