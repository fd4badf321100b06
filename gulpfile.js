'use strict';

/**
 * Copies node and credential icons (PNG/SVG) next to the compiled JavaScript
 * in `dist/`, keeping the folder layout, so that `icon = 'file:…'` paths that
 * are relative to a `.node.ts` / `.credentials.ts` file still resolve from the
 * matching `.js` file in `dist/`.
 *
 *   nodes/HighLevelContacts/highLevel.svg -> dist/nodes/HighLevelContacts/highLevel.svg
 *   credentials/foo.svg                   -> dist/credentials/foo.svg
 */
const { src, dest, task } = require('gulp');

function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		// SVG/PNG are binary-safe copies; gulp 5 would otherwise decode as UTF-8.
		encoding: false,
		allowEmpty: true,
	}).pipe(dest('dist'));
}

task('build:icons', copyIcons);
task('default', copyIcons);

module.exports = { 'build:icons': copyIcons };
