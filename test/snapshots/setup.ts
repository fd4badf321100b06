import { afterAll, beforeAll, beforeEach } from 'vitest';

import { resetRateLimitPacers } from '../../nodes/shared/highlevel/rateLimit';
import { startHighLevelDouble } from '../doubles/highlevel/server.mjs';
import { startSnapshotsDouble } from '../doubles/snapshots/server.mjs';

export interface SnapshotsDoubles {
	snapshots: Awaited<ReturnType<typeof startSnapshotsDouble>>;
	highLevel: Awaited<ReturnType<typeof startHighLevelDouble>>;
}

/** The Snapshots API and HighLevel doubles for a test file, both reset before each test. */
export function doublesOfFile(options: { keys: Record<string, { scopes: string[] }>; tokens: Record<string, Record<string, string>> }): SnapshotsDoubles {
	const file = {} as SnapshotsDoubles;
	beforeAll(async () => {
		[file.snapshots, file.highLevel] = await Promise.all([startSnapshotsDouble({ port: 0, keys: options.keys }), startHighLevelDouble({ port: 0, tokens: options.tokens })]);
	});
	afterAll(async () => { await Promise.all([file.snapshots.close(), file.highLevel.close()]); });
	beforeEach(() => { file.snapshots.reset(); file.highLevel.reset(); resetRateLimitPacers(); });
	return file;
}
