import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	/** Path with query string, e.g. `/contacts/?locationId=x` */
	url: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	/** Raw body text */
	rawBody: string;
	/** Parsed JSON or form body (`undefined` when empty / not parseable) */
	body: unknown;
}

export interface TestResponse {
	status?: number;
	/** Sent as JSON (content-type application/json) unless `text` is given. */
	json?: unknown;
	text?: string;
	headers?: Record<string, string>;
}

export type TestHandler = (req: RecordedRequest) => TestResponse | Promise<TestResponse>;

export interface TestServer {
	/** `http://127.0.0.1:<port>` */
	url: string;
	/** Every request received, in order. */
	requests: RecordedRequest[];
	/** Replace the handler between tests. */
	setHandler(handler: TestHandler): void;
	close(): Promise<void>;
}

function parseBody(raw: string, contentType: string | undefined): unknown {
	if (!raw) return undefined;
	if (contentType?.includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(raw));
	}
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** A tiny node:http server on 127.0.0.1 (random port) that records requests. */
export async function startTestServer(handler: TestHandler): Promise<TestServer> {
	let current = handler;
	const requests: RecordedRequest[] = [];
	const server = createServer((req, res) => {
		void (async () => {
			try {
				const rawBody = await readBody(req);
				const url = new URL(`http://127.0.0.1${req.url ?? '/'}`);
				const recorded: RecordedRequest = {
					method: req.method ?? 'GET',
					url: req.url ?? '/',
					path: url.pathname,
					query: Object.fromEntries(url.searchParams),
					headers: req.headers,
					rawBody,
					body: parseBody(rawBody, req.headers['content-type']),
				};
				requests.push(recorded);
				const response = await current(recorded);
				const headers: Record<string, string> = { ...(response.headers ?? {}) };
				let payload = '';
				if (response.text !== undefined) {
					payload = response.text;
				} else if (response.json !== undefined) {
					payload = JSON.stringify(response.json);
					headers['content-type'] ??= 'application/json';
				}
				res.writeHead(response.status ?? 200, headers);
				res.end(payload);
			} catch (error) {
				res.writeHead(500, { 'content-type': 'text/plain' });
				res.end(String(error));
			}
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		setHandler(next) {
			current = next;
		},
		close: async () =>
			await new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((err) => (err ? reject(err) : resolve()));
			}),
	};
}
