import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * vitest globalSetup: runs once in the main process; environment changes made here
 * reach the forked test workers.
 *
 * - N8N_USER_FOLDER: n8n-core's InstanceSettings writes `<folder>/.n8n/config` (with a
 *   random encryption key) on the first node context; keep it out of $HOME.
 * - N8N_LOG_LEVEL=silent: n8n-core's error reporter logs every failing node otherwise.
 * - NO_PROXY: n8n's HTTP client honours HTTP(S)_PROXY even for 127.0.0.1.
 */
export default function setup(): () => void {
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-harness-'));
	process.env.N8N_USER_FOLDER = userFolder;
	process.env.N8N_LOG_LEVEL = 'silent';
	const local = ['127.0.0.1', 'localhost', '::1'];
	for (const key of ['NO_PROXY', 'no_proxy']) {
		const current = (process.env[key] ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
		process.env[key] = [...new Set([...current, ...local])].join(',');
	}

	return () => {
		rmSync(userFolder, { recursive: true, force: true });
	};
}
