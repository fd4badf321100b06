import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
	resolve: {
		alias: [
			// One n8n-workflow for tests, node sources and n8n-core: its CommonJS build.
			// (The ESM build would be transformed by vitest as a second copy, which breaks
			// `instanceof` across the engine boundary.)
			{ find: /^n8n-workflow$/, replacement: require.resolve('n8n-workflow') },
		],
	},
	test: {
		include: ['test/**/*.test.ts'],
		globalSetup: 'test/harness/global-setup.ts',
		setupFiles: ['test/harness/reset-shared-state.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks',
	},
});
