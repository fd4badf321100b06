#!/usr/bin/env node
/**
 * `npm run lint`: the n8n community-package scanner gate, locally, with zero
 * tolerance.
 *
 * 1. ESLint (programmatic) with eslint.config.mjs — the scanner's rule sets
 *    (`@n8n/eslint-plugin-community-nodes` recommended + no-console, and
 *    `eslint-plugin-n8n-nodes-base` community/credentials/nodes) — over
 *    nodes/, credentials/ and package.json, with inline configuration
 *    (`eslint-disable` & co.) NOT honoured — and each such comment reported.
 *    Any finding, error or warning, fails.
 * 2. The scanner itself (`analyzePackage` from @n8n/scan-community-package,
 *    with its pinned plugin versions) on the same source files, and — when
 *    dist/ exists — on the compiled output + package.json, like its tarball
 *    leg. The scanner only fails on errors; so do we here, but step 1 already
 *    failed on its warnings.
 *
 * Usage: node scripts/lint.mjs [--fix] [--no-scanner] [--verbose]
 *   --fix         apply ESLint autofixes to the sources (then re-check)
 *   --no-scanner  skip step 2
 *   --verbose     print the scanner's report even when step 1 already failed
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const started = Date.now();

const targets = ['nodes', 'credentials', 'package.json'].filter((p) =>
	fs.existsSync(path.join(root, p)),
);

let failed = false;

// ---- 1. Our ESLint gate -----------------------------------------------------
const eslint = new ESLint({
	cwd: root,
	overrideConfigFile: path.join(root, 'eslint.config.mjs'),
	// Inline configuration is never honoured. `noInlineConfig` (rather than the
	// API's `allowInlineConfig: false`, which ignores them silently) also
	// reports every `eslint-disable`/`eslint-enable`/`/* eslint */` comment as a
	// warning, and warnings fail this gate: the repo allows no such comments.
	overrideConfig: { linterOptions: { noInlineConfig: true } },
	errorOnUnmatchedPattern: false,
	cache: false,
	fix: args.has('--fix'),
});

const results = await eslint.lintFiles(targets);
if (args.has('--fix')) await ESLint.outputFixes(results);
const errorCount = results.reduce((n, r) => n + r.errorCount + r.fatalErrorCount, 0);
const warningCount = results.reduce((n, r) => n + r.warningCount, 0);
const formatter = await eslint.loadFormatter('stylish');
const output = await formatter.format(results, { cwd: root, rulesMeta: eslint.getRulesMetaForResults(results) });
if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);

if (errorCount + warningCount > 0) {
	failed = true;
	console.error(
		`lint: ${errorCount} error(s), ${warningCount} warning(s) in ${results.filter((r) => r.messages.length).length} file(s) — zero findings required (warnings fail too; eslint-disable comments are not honoured).`,
	);
} else {
	console.log(`lint: ESLint clean (${results.length} files: ${targets.join(', ')}).`);
}

// ---- 2. The community-package scanner itself --------------------------------
if (!args.has('--no-scanner')) {
	let scanner;
	try {
		scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	} catch (error) {
		failed = true;
		console.error(`lint: cannot load @n8n/scan-community-package (${error.message}); run npm ci.`);
	}
	if (scanner) {
		const legs = [['source', scanner.SOURCE_FILE_PATTERNS]];
		if (fs.existsSync(path.join(root, 'dist'))) legs.push(['dist', ['dist/**/*.js', 'package.json']]);
		for (const [label, patterns] of legs) {
			const result = await scanner.analyzePackage(root, patterns);
			if (result.passed) {
				console.log(`lint: community-package scanner (${label}: ${patterns.join(' ')}) passed.`);
			} else {
				failed = true;
				const eslintFailed = errorCount + warningCount > 0;
				console.error(
					`lint: community-package scanner (${label}) FAILED: ${result.message}` +
						(eslintFailed && !args.has('--verbose') ? ' (its report repeats the findings above; --verbose shows it).' : ''),
				);
				if (result.details && (!eslintFailed || args.has('--verbose'))) {
					process.stdout.write(`${result.details}\n`);
				}
			}
		}
	}
}

console.log(`lint: done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
process.exit(failed ? 1 : 0);
