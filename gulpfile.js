'use strict';

/**
 * Copies node and credential icons (PNG/SVG) and the nodes' codex files next to
 * the compiled JavaScript in `dist/`, keeping the folder layout, so that
 * `icon = 'file:…'` paths that are relative to a `.node.ts` / `.credentials.ts`
 * file still resolve from the matching `.js` file in `dist/`, and n8n finds a
 * node's codex (categories, documentation links, search aliases) where it looks
 * for it: `<Node>.node.js` + `on`.
 *
 *   nodes/HighLevelContacts/highLevel.svg          -> dist/nodes/HighLevelContacts/highLevel.svg
 *   nodes/HighLevelContacts/HighLevelContacts.node.json -> dist/nodes/HighLevelContacts/HighLevelContacts.node.json
 *   credentials/foo.svg                            -> dist/credentials/foo.svg
 */
const { src, dest, task } = require('gulp');

function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		// Byte-for-byte copies: gulp 5 would otherwise decode the PNGs as UTF-8.
		encoding: false,
		allowEmpty: true,
	}).pipe(dest('dist'));
}

task('build:icons', copyIcons);
task('default', copyIcons);

module.exports = { 'build:icons': copyIcons };
