// @ts-check
/**
 * ESLint flat config reproducing the gate of n8n's community-package scanner
 * (`@n8n/scan-community-package`, `buildScanConfig()` in scanner/scanner.mjs)
 * — the same rule sets `n8n-node lint` applies:
 *
 *   - `@n8n/eslint-plugin-community-nodes` `recommended` on every linted file
 *     (including package.json), plus `no-console: error`;
 *   - `eslint-plugin-n8n-nodes-base` (eslintrc-style rules, registered as a
 *     flat-config plugin) with its `community` rules on package.json, its
 *     `credentials` rules on credentials/**\/*.ts and its `nodes` rules on
 *     nodes/**\/*.ts, with the scanner's own `off` overrides;
 *   - `@typescript-eslint/parser` for .ts and .json (package.json is parsed
 *     as a TS/JSON object literal, which the package.json rules expect).
 *
 * The scanner ignores inline `eslint-disable` comments (`allowInlineConfig:
 * false`); so does scripts/lint.mjs. Run the lint via `npm run lint`.
 */
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { defineConfig, globalIgnores } from 'eslint/config';

/** Wrap the eslintrc-style plugin for flat config: rules only (its eslintrc `configs` are not used). */
const n8nNodesBasePlugin = {
	meta: { name: 'eslint-plugin-n8n-nodes-base' },
	rules: n8nNodesBase.rules,
};

export default defineConfig(
	globalIgnores([
		'dist/**',
		'node_modules/**',
		'test/**',
		'scripts/**',
		'coverage/**',
		'workflows/**',
		'.ci/**',
		'**/package-lock.json',
		'eslint.config.{js,mjs,cjs,ts,mts}',
		'gulpfile.{js,mjs,cjs}',
		'vitest.config.{js,mjs,cjs,ts,mts}',
		'vite.config.{js,mjs,cjs,ts,mts}',
		'tsconfig*.json',
	]),

	n8nCommunityNodesPlugin.configs.recommended,
	{
		rules: { 'no-console': 'error' },
	},

	{ plugins: { 'n8n-nodes-base': n8nNodesBasePlugin } },
	{
		files: ['package.json'],
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Not valid for community nodes (scanner override)
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// community-nodes `credential-password-field` is more accurate (scanner override)
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Scanner overrides: inputs/outputs may be the NodeConnectionTypes enum,
			// and a documented API maximum makes maxValue valid.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},

	{
		files: ['**/*.json'],
		languageOptions: { parser: tsParser },
	},
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser },
	},

	{
		// Same as the scanner: report, but never honour, inline directives.
		linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
	},
);
